"""The audience manifest: its profile, each edition's files with their digests, and what each format left out."""

from __future__ import annotations

import hashlib
import json

from reportgen.build.manifest import audience_manifest, manifest_json, merge_omissions
from reportgen.compose.editions import Edition
from reportgen.compose.profile import Profile
from reportgen.document import Omission

CLASSIFIED = Omission("gov.projects.pension", "养老金治理", "classification", "marked 内部; this audience receives 公开 only")
DETAIL = Omission("gov.projects.canteen.achievements[1]", "内部核查。", "detail", "not shown at detail level key")
SLIDE = Omission("slides[9]", "结束语", "deck length", "the deck keeps 9 slides")


def profile(**fields) -> Profile:
    return Profile(name="leaders", description="领导版", bulletin="简报", sections=["overview"], **fields)


def edition(folder="", department="", **omissions) -> Edition:
    return Edition(folder, department, {}, {}, {fmt: tuple(items) for fmt, items in omissions.items()})


def test_an_item_left_out_of_both_formats_is_one_entry_listing_both_in_data_order():
    merged = merge_omissions({"docx": [CLASSIFIED, DETAIL], "pptx": [CLASSIFIED, SLIDE]})
    assert merged == [
        {"item": CLASSIFIED.item, "label": "养老金治理", "reason": "classification", "note": CLASSIFIED.note,
         "formats": ["docx", "pptx"]},
        {"item": DETAIL.item, "label": "内部核查。", "reason": "detail", "note": DETAIL.note, "formats": ["docx"]},
        {"item": "slides[9]", "label": "结束语", "reason": "deck length", "note": SLIDE.note, "formats": ["pptx"]},
    ]


def test_nothing_left_out_is_an_empty_list():
    assert merge_omissions({"docx": (), "pptx": ()}) == [] == merge_omissions({})


def test_the_manifest_records_the_profile_and_each_edition():
    files = {"docx": ("briefing.docx", b"docx bytes"), "pptx": ("deck.pptx", b"pptx")}
    manifest = audience_manifest(profile(classification="公开", detail="key", deck={"detail": "headline"},
                                         style="modern", chart_theme="modern"),
                                 [(edition(docx=[CLASSIFIED, DETAIL], pptx=[CLASSIFIED, SLIDE]), files)])
    assert manifest == {
        "audience": "leaders",
        "description": "领导版",
        "profile_files": [],
        "classification": "公开",
        "detail": {"docx": "key", "pptx": "headline"},
        "style": "modern",
        "chart_theme": "modern",
        "editions": [{
            "folder": "",
            "department": "",
            "files": {
                "docx": {"name": "briefing.docx", "bytes": 10, "sha256": hashlib.sha256(b"docx bytes").hexdigest()},
                "pptx": {"name": "deck.pptx", "bytes": 4, "sha256": hashlib.sha256(b"pptx").hexdigest()},
            },
            "dropped_counts": {"classification": 1, "detail": 1, "deck length": 1},
            "dropped": merge_omissions({"docx": [CLASSIFIED, DETAIL], "pptx": [CLASSIFIED, SLIDE]}),
        }],
    }


def test_only_the_formats_written_count_their_omissions():
    manifest = audience_manifest(profile(), [(edition(docx=[DETAIL], pptx=[SLIDE]), {"docx": ("b.docx", b"")})])
    (entry,) = manifest["editions"]
    assert entry["dropped_counts"] == {"detail": 1}
    assert [d["item"] for d in entry["dropped"]] == [DETAIL.item]
    assert manifest["detail"] == {"docx": "full", "pptx": "full"}


def test_batch_editions_keep_their_folder_and_department_in_order():
    batch = Omission("gov.projects.noise", "噪声治理", "batch", "led by 省生态环境厅, not 省教育厅")
    editions = [(edition("education", "省教育厅", docx=[batch]), {"docx": ("a.docx", b"a")}),
                (edition("noise", "省生态环境厅", docx=[]), {"docx": ("a.docx", b"b")})]
    manifest = audience_manifest(profile(batch="department"), editions)
    assert [(e["folder"], e["department"], e["dropped_counts"]) for e in manifest["editions"]] == [
        ("education", "省教育厅", {"batch": 1}), ("noise", "省生态环境厅", {})]


def test_the_manifest_json_keeps_chinese_readable():
    data = manifest_json({"audience": "领导版", "n": 1})
    assert data == '{\n  "audience": "领导版",\n  "n": 1\n}\n'.encode("utf-8")
    assert json.loads(data) == {"audience": "领导版", "n": 1}
