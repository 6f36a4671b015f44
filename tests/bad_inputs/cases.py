"""The table of bad inputs: how each breaks a working project, the exit code and what the message must name.

Each case edits a copy of the shipped data, a custom templates folder or the command line. Messages are regular
expressions matched against the CLI's output; every one names the file (and the field, where there is one).
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from conftest import ROOT

SHIPPED = ROOT / "templates"
PROFILE = (SHIPPED / "audiences/full.yaml").read_text(encoding="utf-8")


@dataclass
class Env:
    """A project to break: data copy, custom templates folder, output folder holding a previous build."""

    root: Path
    data: Path
    templates: Path
    out: Path
    environ: dict[str, str] = field(default_factory=dict)

    def edit(self, name: str, old: str, new: str) -> None:
        """Replace the first `old` in data file `name` (which must contain it) with `new`."""
        path = self.data / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def template(self, relative: str, content: str | bytes) -> Path:
        """Write a file of the custom templates folder."""
        path = self.templates / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return path

    def profile(self, old: str, new: str) -> None:
        """Override the `full` audience profile with the shipped one, edited."""
        assert old in PROFILE, old
        self.template("audiences/full.yaml", PROFILE.replace(old, new, 1))


@dataclass(frozen=True)
class Case:
    """One bad input: `setup` breaks the project and returns extra CLI options; the build must fail like this."""

    id: str
    setup: Callable[[Env], list[str] | None]
    code: int
    messages: tuple[str, ...]


def _section(content: str) -> Callable[[Env], None]:
    def setup(env: Env) -> None:
        env.template("sections/default/overview.j2", content)
    return setup


def _out_at(relative: str) -> Callable[[Env], list[str]]:
    """--out at `relative` under the project, where plain.txt is a regular file (a path root cannot write to)."""
    def setup(env: Env) -> list[str]:
        (env.root / "plain.txt").write_text("x\n", encoding="utf-8")
        return ["--out", str(env.root / relative)]
    return setup


def _reference(name: str, make: Callable[[Path], None], fmt: str) -> Callable[[Env], list[str]]:
    def setup(env: Env) -> list[str]:
        make(env.templates / name)
        return ["--format", fmt]
    return setup


def _truncated(source: Path) -> Callable[[Path], None]:
    return lambda target: target.write_bytes(source.read_bytes()[: source.stat().st_size // 2])


def _zip_with(extra: str, size: int, level: int) -> Callable[[Path], None]:
    """A copy of the shipped reference deck with one more entry of `size` zero bytes (a zip bomb when large)."""
    def make(target: Path) -> None:
        shutil.copy(SHIPPED / "reference.pptx", target)
        with zipfile.ZipFile(target, "a", zipfile.ZIP_DEFLATED, compresslevel=level) as package:
            with package.open(extra, "w", force_zip64=True) as stream:
                for _ in range(size // 2**24):
                    stream.write(bytes(2**24))
                stream.write(bytes(size % 2**24))
    return make


def _docx_of(target: Path) -> None:
    """A real Word document (from python-docx), to stand where a PowerPoint file is expected."""
    import docx

    docx.Document().save(str(target))


def _folder_in_the_way(env: Env) -> None:
    env.profile("docx: briefing.docx", "docx: blocked.docx")
    (env.out / "full/blocked.docx").mkdir(parents=True)


def _remove_all_data(env: Env) -> None:
    for path in env.data.glob("*.yaml"):
        path.unlink()
    (env.data / "notes.txt").write_text("not data\n", encoding="utf-8")


def _write_data(name: str, content: str | bytes) -> Callable[[Env], None]:
    def setup(env: Env) -> None:
        path = env.data / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return setup


def _reencode(name: str, encoding: str, prefix: bytes = b"") -> Callable[[Env], None]:
    def setup(env: Env) -> None:
        path = env.data / name
        path.write_bytes(prefix + path.read_text(encoding="utf-8").encode(encoding))
    return setup


def _both(*steps: Callable[[Env], object]) -> Callable[[Env], None]:
    def setup(env: Env) -> None:
        for step in steps:
            step(env)
    return setup


def _edit(name: str, old: str, new: str) -> Callable[[Env], None]:
    return lambda env: env.edit(name, old, new)


GOV, BRIEF, TOUR, ZHOU = "10-governance.yaml", "00-briefing.yaml", "30-tourism.yaml", "50-zhoushan.yaml"
ALIAS_BOMB = "kind: article\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
SHARE = ("value: 1252\n            unit: 家", "value: 1152\n            unit: 家")

CASES = [
    # --- data: syntax, encoding, characters, size -------------------------------------------------------------
    Case("yaml-syntax", _edit(TOUR, "kind: article", "kind: article\n  broken: [unclosed"), 1,
         (r"30-tourism\.yaml:\d+: YAML syntax error",)),
    Case("yaml-tab-indent", _edit(BRIEF, "issue: 1\n", "issue: 1\n\tdate: 2025-01-20\n"), 1,
         (r"00-briefing\.yaml:6: YAML syntax error: the line is indented with a tab; indent with spaces",)),
    Case("yaml-python-tag", _edit(BRIEF, "issue: 1", "issue: !!python/object/apply:os.system [echo]"), 1,
         (r"00-briefing\.yaml:5: YAML error: could not determine a constructor",)),
    Case("yaml-alias-bomb", _write_data("60-bomb.yaml", ALIAS_BOMB), 1,
         (r"60-bomb\.yaml:\d+: YAML error: aliases \(\*name\) are not allowed in data files",)),
    Case("yaml-deep-nesting", _write_data("60-deep.yaml", "a: " + "[" * 5000 + "]" * 5000 + "\n"), 1,
         (r"60-deep\.yaml(:\d+)?: .*(nested too deeply|maximum nesting depth)",)),
    Case("yaml-top-level-list", _write_data("60-list.yaml", "- kind: article\n"), 1,
         (r"60-list\.yaml:1: expected a mapping of keys",)),
    Case("yaml-empty-file", _write_data("60-empty.yaml", ""), 1, (r"60-empty\.yaml:1: expected a mapping",)),
    Case("utf16-file", _reencode(BRIEF, "utf-16"), 1, (r"00-briefing\.yaml:1: not valid UTF-8 \(byte 0xFF\)",)),
    Case("bom-and-wrong-value", _both(_edit(BRIEF, "issue: 1", "issue: 第一期"), _reencode(BRIEF, "utf-8", b"\xef\xbb\xbf")),
         1, (r"00-briefing\.yaml:5: issue: Input should be a valid integer",)),
    Case("raw-control-character", _edit("40-medical-insurance.yaml", "kind: article", "kind: article\n# \x07"), 1,
         (r"40-medical-insurance\.yaml:\d+: character U\+0007 is not allowed",)),
    Case("nul-byte", _edit(BRIEF, "issue: 1", "issue: 1\x00"), 1, (r"00-briefing\.yaml:\d+: character U\+0000",)),
    Case("escaped-control-character", _edit(ZHOU, "- 普陀山南海观音", '- "普陀山\\x1b南海观音"'), 1,
         (r"50-zhoushan\.yaml:\d+: items\[0\]: contains the control character U\+001B",)),
    Case("paragraph-1mb", _edit(ZHOU, "  - 由市文广旅体局", "  - " + "汉" * 2**20 + "\n  - 由市文广旅体局"), 1,
         (r"50-zhoushan\.yaml:\d+: summary\[0\]: text is 1,048,576 characters long; the limit is 10,000",)),
    Case("data-file-11mb", _write_data("60-huge.yaml", "# padding\n" * (11 * 2**20 // 10)), 1,
         (r"60-huge\.yaml: the file is 11\.0 MB; data files are limited to 10 MB",)),
    Case("number-5000-digits", _edit(GOV, "value: 5704", "value: 5704" + "0" * 5000), 1,
         (r"10-governance\.yaml:27: YAML error: a number of 5004 digits cannot be read",)),
    # --- data: types, keys, ids ------------------------------------------------------------------------------
    Case("wrong-type-number", _edit(GOV, "value: 5704", "value: 很多"), 1,
         (r"10-governance\.yaml:\d+: totals\[0\]\.value: Input should be a valid decimal \(got '很多'\)",)),
    Case("wrong-type-text", _edit(BRIEF, "issuer: 省纪委监委办公厅", "issuer: [省纪委, 监委]"), 1,
         (r"00-briefing\.yaml:4: issuer: Input should be a valid string",)),
    Case("impossible-date", _edit(BRIEF, "date: 2025-01-20", "date: 2025-02-30"), 1,
         (r"00-briefing\.yaml:6: date: 2025-02-30 is not a date of the calendar \(check the month and the day\)",)),
    Case("issue-zero", _edit(BRIEF, "issue: 1", "issue: 0"), 1,
         (r"00-briefing\.yaml:5: issue: Input should be greater than or equal to 1",)),
    Case("missing-key", _edit(GOV, "    name: 电信网络诈骗专项治理\n", ""), 1,
         (r"10-governance\.yaml:\d+: projects\[1\]\.name: required field is missing",)),
    Case("missing-kind", _edit(BRIEF, "kind: briefing\n", ""), 1,
         (r"00-briefing\.yaml:1: kind: expected one of briefing, governance, article \(got None\)",)),
    Case("unknown-kind", _edit(TOUR, "kind: article", "kind: memo"), 1,
         (r"30-tourism\.yaml:\d+: kind: expected one of briefing, governance, article \(got 'memo'\)",)),
    Case("unknown-key", _edit(GOV, "  - label: 批评教育和处理\n", "  - label: 批评教育和处理\n    colour: red\n"), 1,
         (r"10-governance\.yaml:\d+: totals\[1\]\.colour: unknown key \(expected one of: id, label, value",)),
    Case("duplicate-key", _edit(GOV, "kind: governance\n", "kind: governance\nyear: 2023\n"), 1,
         (r"10-governance\.yaml:\d+: year: duplicate key",)),
    Case("duplicate-project-id", _edit(GOV, "  - id: telecom_fraud", "  - id: education"), 1,
         (r"10-governance\.yaml:\d+: projects\[1\]: duplicate project id 'education'",)),
    Case("duplicate-figure-id", _edit(GOV, "id: centres_outsourced", "id: centres_total"), 1,
         (r"10-governance\.yaml:\d+: projects\[2\]\.achievements\[0\]\.figures\[1\]: duplicate figure id",)),
    Case("two-briefing-files", _write_data("01-again.yaml", (ROOT / "data" / BRIEF).read_text(encoding="utf-8")), 1,
         (r"data: expected exactly one file with kind: briefing, found 2",)),
    # --- data: figures ---------------------------------------------------------------------------------------
    Case("unknown-qualifier", _edit(GOV, "qualifier: 余", "qualifier: 好几"), 1,
         (r"10-governance\.yaml:\d+: projects\[\d\]\.achievements\[\d\]\.figures\[\d\]\.qualifier: Input should be '余'",)),
    Case("not-a-unit", _edit(GOV, "unit: 万元\n", "unit: 万元（含利息）\n"), 1,
         (r"10-governance\.yaml:\d+: totals\[3\]\.unit: '万元（含利息）' is not a unit: write the unit word",)),
    Case("negative-count", _edit(GOV, "value: 6450", "value: -6450"), 1,
         (r"10-governance\.yaml:\d+: totals\[1\]\.value: Input should be greater than or equal to 0",)),
    Case("share-contradicts-parts", _both(_edit(GOV, *SHARE), _edit(GOV, "已达1252家", "已达1152家")), 1,
         (r"10-governance\.yaml:\d+: projects\[2\]\.achievements\[0\]\.figures\[2\]\.share_of: 86% contradicts its "
          r"parts: 1152 / 1456 = 79%",)),
    Case("count-contradicts-list", _edit(TOUR, "value: 18", "value: 19"), 1,
         (r"30-tourism\.yaml:\d+: figures\[\d\]\.value: states 19 measures but the file lists 18",)),
    Case("figure-not-in-text", _edit(GOV, "value: 7100", "value: 7000"), 1,
         (r"10-governance\.yaml:\d+: projects\[\d\]\.achievements\[\d\]\.figures\[\d\]: 7000余个 \(发现并整改问题\) "
          r"is not stated in the paragraph",)),
    Case("infinite-figure", _edit(GOV, "value: 5704", "value: .inf"), 1,
         (r"10-governance\.yaml:\d+: totals\[0\]\.value: Input should be a finite number",)),
    # --- data folder -----------------------------------------------------------------------------------------
    Case("empty-data-folder", _remove_all_data, 1, (r"data: no \*\.yaml data files in this folder",)),
    Case("missing-data-folder", lambda env: ["--data", str(env.root / "nope")], 1,
         (r"nope: data folder not found",)),
    Case("data-is-a-file", lambda env: ["--data", str(env.data / BRIEF)], 1,
         (r"00-briefing\.yaml: data folder not found",)),
    # --- templates and profiles ------------------------------------------------------------------------------
    Case("template-syntax-error", _section("# 标题\n{% if %}\n"), 3,
         (r"overview\.j2:2: template syntax error: Expected an expression",)),
    Case("template-undefined-variable", _section("# 标题\n\n{{ governance[0].no_such_field }}\n"), 3,
         (r"overview\.j2:3: .*no_such_field",)),
    Case("template-sandbox-escape", _section("{{ meta.__class__.__mro__[1].__subclasses__() }}\n"), 3,
         (r"overview\.j2:1: access to attribute '__class__' of 'BriefingMeta' object is unsafe",)),
    Case("template-unknown-filter", _section("{{ meta.title | shout }}\n"), 3,
         (r"overview\.j2:1: there is no filter shout",)),
    Case("template-endless-recursion", _section("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}\n"), 3,
         (r"overview\.j2:\d+: a macro or include calls itself without end",)),
    Case("profile-missing-section", lambda env: env.profile("sections: [overview", "sections: [nothing, overview"),
         3, (r"no template for 'nothing' \(looked for sections/full/nothing\.j2",)),
    Case("profile-unknown-key", lambda env: env.profile("style: official", "style: official\ncolour: red"), 3,
         (r"audiences/full\.yaml:\d+: colour: unknown key \(expected one of: ",)),
    Case("profile-yaml-error", lambda env: env.profile("copies: 120", "copies: [120"), 3,
         (r"audiences/full\.yaml:\d+: YAML syntax error",)),
    Case("profile-output-escapes", lambda env: env.profile("docx: briefing.docx", "docx: ../../escaped.docx"), 3,
         (r"audiences/full\.yaml:\d+: outputs\.docx: String should match pattern",)),
    Case("reference-pptx-truncated", _reference("reference.pptx", _truncated(SHIPPED / "reference.pptx"), "pptx"), 8,
         (r"reference\.pptx: cannot use this reference file: not a PowerPoint file \(it is not a zip package",)),
    Case("reference-pptx-not-office", _reference("reference.pptx", lambda p: p.write_text("PK hello"), "pptx"), 8,
         (r"reference\.pptx: cannot use this reference file: not a PowerPoint file",)),
    Case("reference-pptx-is-a-docx", _reference("reference.pptx", _docx_of, "pptx"), 8,
         (r"reference\.pptx: .*not a PowerPoint file \(its main part is application/vnd\.openxmlformats-"
          r"officedocument\.wordprocessingml\.document\.main\+xml",)),
    Case("reference-pptx-zip-bomb-ratio", _reference("reference.pptx", _zip_with("ppt/media/z.bin", 8 * 2**20, 9),
                                                     "pptx"), 8,
         (r"reference\.pptx: .*entry ppt/media/z\.bin inflates \d+ times \(8\.0 MB\); the limit is 200 times",)),
    Case("reference-pptx-zip-bomb-size", _reference("reference.pptx", _zip_with("ppt/media/z.bin", 260 * 2**20, 1),
                                                    "pptx"), 8,
         (r"reference\.pptx: .*inflates to 260\.\d MB; the limit is 256\.0 MB",)),
    Case("reference-docx-not-office", _reference("reference.docx", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0"),
                                                 "docx"), 8,
         (r"reference\.docx: cannot use this reference file: not a Word file",)),
    Case("reference-docx-is-a-pptx", _reference("reference.docx", lambda p: shutil.copy(SHIPPED / "reference.pptx", p),
                                                "docx,pptx"), 8,
         (r"reference\.docx: .*not a Word file \(its main part is .*presentationml",)),
    # --- charts: drawn in worker processes, the error comes back as it is ----------------------------------------
    Case("chart-glyph-missing", _edit(GOV, "- label: 打击涉诈窝点", "- label: 打击涉诈窝点\U0001F600"), 3,
         (r"chart '打击涉诈窝点.、捣毁黑灰产窝点': the chart font cannot draw .*U\+1F600",)),
    # --- options and paths -----------------------------------------------------------------------------------
    Case("unknown-audience", lambda env: ["--audience", "mayor"], 2,
         (r"unknown audience 'mayor' \(expected one of: department, full",)),
    Case("audience-escapes", lambda env: ["--audience", "../../audiences/full"], 2,
         (r"audience name '\.\./\.\./audiences/full' is not a name",)),
    Case("unknown-format", lambda env: ["--format", "docx,odt"], 2, (r"unknown format odt",)),
    Case("no-format", lambda env: ["--format", ","], 2, (r"unknown format \(none\)",)),
    Case("bad-source-date-epoch", lambda env: env.environ.update(SOURCE_DATE_EPOCH="yesterday"), 2,
         (r"SOURCE_DATE_EPOCH='yesterday' is not a Unix timestamp",)),
    Case("out-under-a-file", _out_at("plain.txt/out"), 4,
         (r"cannot write to .*plain\.txt/out: .*plain\.txt is a file, not a folder",)),
    Case("out-is-a-file", _out_at("plain.txt"), 4, (r"cannot write to .*plain\.txt: .*plain\.txt is a file, not a folder",)),
    Case("folder-in-the-way", _folder_in_the_way, 4,
         (r"cannot write .*full/blocked\.docx: a folder of that name is in the way",)),
]
