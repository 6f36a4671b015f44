"""Property tests: any valid figure formats and round-trips through a data file; any Unicode text either reaches
the briefing and the deck or is refused with a message naming its file and field; the loader never crashes."""

from __future__ import annotations

import re
import string
from decimal import Decimal
from pathlib import Path

import yaml
from conftest import docx_text, slide_texts
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from reportgen.api import Settings, build
from reportgen.compose import compose_deck, compose_document
from reportgen.compose.audit import document_text
from reportgen.compose.profile import load_profile
from reportgen.errors import DataError
from reportgen.inputs.loader import load_briefing
from reportgen.inputs.model import _ILLEGAL_XML, MAX_TEXT, Figure
from reportgen.numbers import chinese_ordinal, figure_text, plain_number, printed_number
from reportgen.resources import Locator
from reportgen.units import COMMON, QUALIFIER_POSITION

SLOW = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

values = st.decimals(min_value=0, max_value=Decimal("1e15"), places=None, allow_nan=False, allow_infinity=False)
values = values.map(lambda v: v.quantize(Decimal("0.0001")) if v.as_tuple().exponent < -4 else v)
units = st.tuples(st.sampled_from(["", "万", "亿"]), st.sampled_from(COMMON)).map("".join)
qualifiers = st.sampled_from([None, *QUALIFIER_POSITION])


@st.composite
def figures(draw) -> Figure:
    qualifier = draw(qualifiers)
    value = Decimal(1000) if qualifier == "千余" else draw(values)
    return Figure(label="指标", value=value, unit=draw(units), qualifier=qualifier)


class Dumper(yaml.SafeDumper):
    """Writes a Decimal as a YAML number spelled as the source spells it (7097.67, 26877)."""


Dumper.add_representer(Decimal, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:" + ("float" if "." in printed_number(value) else "int"), printed_number(value)))


def minimal_data(folder: Path, article: dict) -> Path:
    """A data folder with a one-project governance file and `article`."""
    folder.mkdir(exist_ok=True)
    files = {
        "00-briefing.yaml": {"kind": "briefing", "title": "属性测试简报", "issuer": "办公厅", "issue": 1,
                             "date": "2025-01-20"},
        "10-governance.yaml": {
            "kind": "governance", "id": "gov", "title": "治理成果", "headline": "成果", "source": "来源",
            "year": 2024, "intro": ["共查处问题12个。"], "mechanism": ["群众点题"],
            "totals": [{"label": "查处问题", "value": 12, "unit": "个"}],
            "projects": [{"id": "p", "name": "项目", "lead": "省厅",
                          "achievements": [{"headline": "推进。", "text": "完成。"}]}],
        },
        "20-article.yaml": {"kind": "article", "id": "fuzz", "source": "来源", **article},
    }
    for name, content in files.items():
        (folder / name).write_text(yaml.dump(content, Dumper=Dumper, allow_unicode=True, sort_keys=False),
                                   encoding="utf-8")
    return folder


def visible(text: str) -> str:
    """`text` without whitespace (line breaks and edges are layout, not content)."""
    return re.sub(r"\s", "", text)


@FAST
@given(figures())
def test_any_valid_figure_formats_as_the_source_writes_it(figure: Figure):
    text = figure_text(figure)
    number = printed_number(figure.value)  # the digits as printed: 18.60 keeps its zero
    assert Decimal(number) == figure.value and "E" not in number
    assert number == plain_number(figure.value) or number.rstrip("0").rstrip(".") == plain_number(figure.value)
    q = figure.qualifier or ""
    expected = {"before": q + number + figure.unit, "after_number": number + q + figure.unit,
                "after_unit": number + figure.unit + q, "instead": q + figure.unit, None: number + figure.unit}
    assert text == expected[QUALIFIER_POSITION.get(q)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(figures(), min_size=1, max_size=4))
@example([Figure(label="指标", value=Decimal("123456789012345.6789"), unit="元")])  # a float would round it
def test_any_valid_figure_round_trips_through_a_data_file(tmp_path_factory, figs: list[Figure]):
    sentence = "，".join(f"指标{i}为{figure_text(f)}" for i, f in enumerate(figs)) + "。"
    dumped = [{"label": f"指标{i}", "value": f.value, "unit": f.unit,
               **({"qualifier": f.qualifier} if f.qualifier else {})} for i, f in enumerate(figs)]
    data = minimal_data(tmp_path_factory.mktemp("fig"), {"title": "数字", "summary": [sentence], "figures": dumped})
    assert "value: '" not in (data / "20-article.yaml").read_text(encoding="utf-8")  # YAML numbers, not strings
    loaded = load_briefing(data).articles[0].figures
    assert [(f.value, f.unit, f.qualifier) for f in loaded] == [(f.value, f.unit, f.qualifier) for f in figs]
    assert [figure_text(f) for f in loaded] == [figure_text(f) for f in figs]


texts = st.one_of(st.text(max_size=40), st.text(alphabet="漠视侵害群众利益问题专项治理，。“”（）%0123456789 \n\t",
                                                  max_size=40), st.sampled_from(["", " ", "\u2028", "\ufeff", "\x85"]))


def refused_by_name(exc: DataError) -> bool:
    """Whether every problem names the fuzzed file, a line and the field (title or summary[0])."""
    return all(p.file.name == "20-article.yaml" and p.line and p.field in ("title", "summary[0]")
               for p in exc.problems)


@FAST
@given(title=texts, paragraph=texts)
def test_any_unicode_text_reaches_the_composed_documents_or_is_refused_by_name(tmp_path_factory, title, paragraph):
    data = minimal_data(tmp_path_factory.mktemp("uni"), {"title": title, "summary": [paragraph]})
    try:
        briefing = load_briefing(data)
    except DataError as exc:
        assert refused_by_name(exc), str(exc)
        return
    assert visible(title) and visible(paragraph)  # blank text is refused, never printed as an empty heading
    profile, locator = load_profile("full", Locator.default()), Locator.default()
    briefing_text = visible(document_text(compose_document(briefing, profile, locator)))
    assert visible(title) in briefing_text and visible(paragraph) in briefing_text
    deck = compose_deck(briefing, profile, locator)
    assert visible(title) in visible(document_text(deck))
    assert visible(paragraph) in visible(document_text(deck))  # speaker notes are paragraphs too


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                               HealthCheck.too_slow])
@given(title=st.text(min_size=1, max_size=30).filter(lambda t: not _ILLEGAL_XML.search(t) and t.strip()),
       paragraph=st.text(min_size=1, max_size=200).filter(lambda t: not _ILLEGAL_XML.search(t) and t.strip()))
def test_any_printable_unicode_text_reaches_the_written_files(tmp_path_factory, title: str, paragraph: str):
    root = tmp_path_factory.mktemp("files")
    data = minimal_data(root / "data", {"title": title, "summary": [paragraph]})
    docx_path, pptx_path = sorted(p for p in build(Settings(data=data, out=root / "out", cwd=root)).files if p.suffix != ".json")
    assert visible(title) in visible(docx_text(docx_path)) and visible(paragraph) in visible(docx_text(docx_path))
    assert any(visible(title) in visible(text) for text in slide_texts(pptx_path))
    notes = "".join(s.notes_slide.notes_text_frame.text for s in Presentation(str(pptx_path)).slides
                    if s.has_notes_slide)
    assert visible(paragraph) in visible(notes)


yaml_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                               st.sampled_from(["kind", "id", "title", "summary", "figures", "value", "unit", "x",
                                                "date", "issue", "items", "groups"]), inner, max_size=5),
                           max_leaves=20)


@FAST
@given(st.dictionaries(st.sampled_from(["kind", "id", "title", "source", "summary", "figures", "groups", "items",
                                        "date", "issue", "issuer"]), yaml_values, max_size=8),
       st.sampled_from(["article", "briefing", "governance", None]))
def test_the_loader_reports_any_structure_as_data_problems(tmp_path_factory, content: dict, kind):
    data = tmp_path_factory.mktemp("junk")
    if kind:
        content["kind"] = kind
    (data / "00-file.yaml").write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    try:
        load_briefing(data)
    except DataError as exc:
        assert exc.problems and all(p.file.name == "00-file.yaml" or p.file == data for p in exc.problems)


@FAST
@given(st.binary(max_size=200) | st.text(alphabet=string.printable + "：，汉\ufeff", max_size=200).map(str.encode))
def test_the_loader_reports_any_bytes_as_data_problems(tmp_path_factory, raw: bytes):
    data = tmp_path_factory.mktemp("bytes")
    (data / "00-file.yaml").write_bytes(raw)
    try:
        load_briefing(data)
    except DataError as exc:
        assert exc.problems


def test_text_at_the_limit_is_accepted_and_one_more_character_refused(tmp_path):
    ok = minimal_data(tmp_path / "ok", {"title": "长文", "summary": ["汉" * MAX_TEXT]})
    assert load_briefing(ok).articles[0].summary[0] == "汉" * MAX_TEXT
    bad = minimal_data(tmp_path / "bad", {"title": "长文", "summary": ["汉" * (MAX_TEXT + 1)]})
    try:
        load_briefing(bad)
    except DataError as exc:
        assert [p.field for p in exc.problems] == ["summary[0]"]
    else:
        raise AssertionError("text above the limit was accepted")


@FAST
@given(st.integers(min_value=1, max_value=9999))
def test_heading_numbers_are_distinct_chinese_numerals(n: int):
    text = chinese_ordinal(n)
    assert set(text) <= set("零一二三四五六七八九十百千")
    assert text != chinese_ordinal(n + 1) if n < 9999 else True
    assert not text.startswith("零") and not text.endswith("零") and "零零" not in text
