"""The fill-in workbook: the data written as sheets, read back to the same model and the same documents byte for
byte, per-department workbooks merged, a workbook converted back to YAML, and bad workbooks each refused with
one message naming the workbook, the sheet and the cell, leaving the previous outputs as they were."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT as REPO

from reportgen import i18n
from reportgen.cli import main
from reportgen.inputs.loader import load_briefing

STAMP = {"SOURCE_DATE_EPOCH": "1737331200"}
ROOTS = REPO / "tests" / "roots"


def cli(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env)


@pytest.fixture
def chinese():
    """Speak Chinese for one test, as a user with a Chinese locale hears it."""
    i18n.use("zh")
    yield
    i18n.use("en")


@pytest.fixture(scope="module")
def seed_workbook(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("workbook") / "填报.xlsx"
    done = cli("workbook", "--data", str(DATA), "--out", str(target), env=STAMP)
    assert done.exit_code == 0, done.output
    return target


def documents(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.suffix in (".docx", ".pptx")}


def test_the_seed_built_from_its_workbook_is_byte_identical_to_the_yaml_build(seed_workbook, tmp_path):
    for source, out in ((DATA, tmp_path / "yaml"), (seed_workbook, tmp_path / "xlsx")):
        done = cli("build", "--data", str(source), "--audience", "all", "--out", str(out), "--no-cache", "-q",
                   env=STAMP)
        assert done.exit_code == 0, done.output
    built = documents(tmp_path / "yaml")
    assert len(built) == 24 and documents(tmp_path / "xlsx") == built


def test_the_workbook_holds_each_part_typed_with_drop_downs_and_a_protected_header(seed_workbook):
    book = openpyxl.load_workbook(seed_workbook)
    assert book.sheetnames[:3] == ["说明", "简报信息", "专项"] and {"项目", "成果段落", "数字", "文章措施"} <= set(
        book.sheetnames)
    figures = book["数字"]
    assert [c.value for c in figures[1]][:6] == ["项目编号", "段落序号", "数字编号", "名称＊", "数值＊", "单位＊"]
    first = next(row for row in figures.iter_rows(min_row=2) if row[3].value == "追赃")
    assert first[4].value == 14.8 and first[4].number_format == "0.0" and first[5].value == "亿元"
    lists = {str(v.sqref).split(":")[0]: v.formula1 for v in figures.data_validations.dataValidation if v.formula1}
    assert "亿元" in lists["F2"] and "余" in lists["G2"] and "超过" in lists["G2"]  # 单位, 限定词
    assert figures.freeze_panes == "A2" and figures.protection.sheet and not figures["E3"].protection.locked
    assert book["简报信息"]["B7"].is_date and book["说明"]["A1"].value == "填写说明"


def test_a_workbook_converts_back_to_yaml_that_gives_the_same_data(seed_workbook, tmp_path):
    done = cli("convert", str(seed_workbook), "--to", "yaml", str(tmp_path / "data"))
    assert done.exit_code == 0, done.output
    assert load_briefing(tmp_path / "data") == load_briefing(DATA)
    text = (tmp_path / "data" / "10-zhejiang_2024.yaml").read_text(encoding="utf-8")
    assert text.startswith("# converted from 填报.xlsx") and "# 「项目」sheet A2\n- id: education" in text
    again = cli("convert", str(seed_workbook), "--to", "yaml", str(tmp_path / "data"))
    assert again.exit_code == 4 and "--force" in again.output  # nothing is replaced by mistake


def test_per_department_workbooks_merge_back_into_the_data_set(tmp_path):
    root = ROOTS / "xiangxi-2024" / "data"
    done = cli("workbook", "--data", str(root), "--per", "department", "--out", str(tmp_path / "各单位"))
    assert done.exit_code == 0, done.output
    books = sorted(p.name for p in (tmp_path / "各单位").iterdir())
    original = load_briefing(root)
    assert books == sorted(f"{lead}.xlsx" for lead in {p.lead for g in original.governance for p in g.projects})
    one = load_briefing(tmp_path / "各单位" / books[0])
    assert {p.lead for g in one.governance for p in g.projects} == {books[0].removesuffix(".xlsx")}
    merged = load_briefing(tmp_path / "各单位")
    assert merged.meta == original.meta
    assert sorted(p.id for g in merged.governance for p in g.projects) == sorted(
        p.id for g in original.governance for p in g.projects)
    built = cli("build", "--data", str(tmp_path / "各单位"), "--audience", "all", "--out", str(tmp_path / "out"))
    assert built.exit_code == 0, built.output


def test_a_blank_workbook_has_the_headers_and_no_rows(tmp_path):
    done = cli("workbook", "--blank", "--out", str(tmp_path / "空白.xlsx"))
    assert done.exit_code == 0, done.output
    book = openpyxl.load_workbook(tmp_path / "空白.xlsx")
    assert book["项目"].max_row == 1 and book["简报信息"]["A2"].value == "标题"


# --- bad workbooks ---------------------------------------------------------------------------------------------

def edit_sheet(sheet: str, change):
    def make(source: Path, target: Path) -> None:
        book = openpyxl.load_workbook(source)
        change(book[sheet] if sheet else book)
        book.save(target)
    return make


def cell_of(ws, column: str, value) -> str:
    """Return the coordinate of the first cell of the column headed `column` whose value is `value`."""
    col = next(c.column for c in ws[1] if str(c.value).rstrip("＊") == column)
    return next(ws.cell(r, col).coordinate for r in range(2, ws.max_row + 1) if ws.cell(r, col).value == value)


def set_cell(sheet: str, column: str, old, new):
    def change(ws):
        ws[cell_of(ws, column, old)] = new
    return edit_sheet(sheet, change)


def rezip(add: dict[str, bytes] | None = None, types: tuple[str, str] | None = None):
    def make(source: Path, target: Path) -> None:
        with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
            for info in old.infolist():
                content = old.read(info.filename)
                if types and info.filename == "[Content_Types].xml":
                    content = content.replace(types[0].encode(), types[1].encode())
                new.writestr(info, content)
            for name, content in (add or {}).items():
                new.writestr(name, content)
    return make


def raw(content: bytes):
    def make(source: Path, target: Path) -> None:
        target.write_bytes(content)
    return make


def merge(sheet: str, cells: str):
    return edit_sheet(sheet, lambda ws: ws.merge_cells(cells))


def formula(sheet: str, column: str, old):
    return set_cell(sheet, column, old, "=1+1")


def add_sheet(name: str):
    return edit_sheet("", lambda book: book.create_sheet(name))


def rename_header(sheet: str, old: str, new: str):
    def change(ws):
        next(c for c in ws[1] if str(c.value).rstrip("＊") == old).value = new
    return edit_sheet(sheet, change)


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
SML = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
#: (name, how the bad workbook is made from the good one, exit code, the message's pattern)
BAD = [
    ("text in a number cell", set_cell("数字", "数值", 79, "约90%"), 1,
     r"「数字」表 E\d+: .*“数值”应填数字，现在是文字 “约90%”"),
    ("a sheet not known", add_sheet("数据汇总"), 1, r"「数据汇总」表 A1: 填报工作簿中没有“数据汇总”这张表"),
    ("a column not known", rename_header("项目", "牵头单位", "负责单位"), 1,
     r"「项目」表 D1: 这张表没有“负责单位”这一列.*"),
    ("a merged cell", merge("成果段落", "C2:C3"), 1, r"「成果段落」表 C2: 单元格 C2:C3 被合并了"),
    ("an empty required cell", set_cell("项目", "项目名称", "电信网络诈骗专项治理", None), 1,
     r"「项目」表 C\d+: 第\d+个项目的名称（name）：缺少这一项"),
    ("a formula without its value", formula("数字", "数值", 125), 1, r"「数字」表 E\d+: 公式 =1\+1 没有计算结果"),
    ("a project not known", set_cell("成果段落", "项目编号", "telecom_fraud", "telecom_fruad"), 1,
     r"「成果段落」表 A\d+: 找不到项目编号 telecom_fruad.*你是不是要写 telecom_fraud？"),
    ("a figure its paragraph does not state", set_cell("数字", "数值", 1325, 1352), 1,
     r"「数字」表 \w+\d+: .*“1352个”.*没有写到"),
    ("是 or 否", set_cell("项目", "写明牵头单位", "否", "不是"), 1, r"「项目」表 E\d+: “写明牵头单位”请填“是”或“否”"),
    ("a 类别 not known", set_cell("导语", "类别", "工作机制", "机制"), 1, r"「导语」表 B\d+: “类别”只能填 导语、工作机制 之一"),
    ("two rows with one id", set_cell("文章", "编号", "tourism", "political_legal"), 1,
     r"「文章」表 A\d+: 编号 political_legal 用在了两行"),
    ("a paragraph number given twice", set_cell("成果段落", "段落序号", 4, 3), 1,
     r"「成果段落」表 B\d+: 这个项目的段落序号 3 出现了两次"),
    ("a unit with digits", set_cell("数字", "单位", "份", "2份"), 1, r"「数字」表 F\d+: .*单位（unit）"),
    ("external links", rezip({"xl/externalLinks/externalLink1.xml": b"<externalLink/>"}), 1,
     r"无法读取这个工作簿：这个工作簿链接了其他工作簿"),
    ("macros", rezip({"xl/vbaProject.bin": b"\0" * 64}), 1, r"这个工作簿含有宏"),
    ("a password", raw(OLE), 1, r"这个工作簿设置了打开密码"),
    ("another format", raw((REPO / "templates" / "reference.docx").read_bytes()
                           if (REPO / "templates" / "reference.docx").exists() else b"PK\x05\x06" + b"\0" * 18), 1,
     r"无法读取这个工作簿：(不是 Excel|.*)"),
    ("not a zip at all", raw("项目,名称\n1,2\n".encode()), 1, r"无法读取这个工作簿：不是 Excel"),
    ("a zip bomb", rezip({"xl/media/zeros.bin": b"\0" * (2 * 2**20)}), 1, r"可能是压缩炸弹|zip bomb"),
]


@pytest.fixture(scope="module")
def previous(tmp_path_factory, seed_workbook) -> tuple[Path, dict[str, bytes]]:
    out = tmp_path_factory.mktemp("previous")
    done = cli("build", "--data", str(seed_workbook), "--out", str(out), "-q")
    assert done.exit_code == 0, done.output
    return out, {str(p): p.read_bytes() for p in out.rglob("*") if p.is_file()}


@pytest.mark.parametrize("name, make, code, pattern", BAD, ids=[case[0] for case in BAD])
def test_a_bad_workbook_gets_one_clear_message_and_nothing_is_written(seed_workbook, previous, tmp_path, chinese, name,
                                                                      make, code, pattern):
    bad = tmp_path / "教育厅.xlsx"
    make(seed_workbook, bad)
    out, before = previous
    done = cli("build", "--data", str(bad), "--out", str(out))
    assert done.exit_code == code, done.output
    assert str(bad) in done.output and re.search(pattern, done.output), done.output
    assert "Traceback" not in done.output
    assert {str(p): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_two_department_workbooks_with_one_project_name_both_cells(tmp_path, chinese):
    root = ROOTS / "xiangxi-2024" / "data"
    assert cli("workbook", "--data", str(root), "--per", "department", "--out", str(tmp_path / "各单位")).exit_code == 0
    first, second = sorted((tmp_path / "各单位").iterdir())[:2]
    book = openpyxl.load_workbook(first)
    project = book["项目"]["B2"].value
    other = openpyxl.load_workbook(second)
    other["项目"]["B2"] = project
    for sheet in ("成果段落", "数字"):  # the rows of the project it had are left without their project
        for row in list(other[sheet].iter_rows(min_row=2)):
            row[0].value = project if row[0].value else None
    other.save(second)
    done = cli("validate", "--data", str(tmp_path / "各单位"))
    assert done.exit_code == 1 and f"项目 {project} 在两个工作簿里都填了（另一处在 {first.name} 「项目」表 B2）" in \
        done.output, done.output


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_calc_opens_the_workbook_and_a_workbook_it_saved_is_read(seed_workbook, tmp_path):
    env = {**os.environ, "HOME": str(tmp_path)}
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    for fmt in ("pdf", "xlsx"):
        done = subprocess.run(["soffice", profile, "--headless", "--convert-to", fmt, "--outdir",
                               str(tmp_path / fmt), str(seed_workbook)], capture_output=True, text=True, env=env,
                              timeout=300)
        assert done.returncode == 0, done.stderr
    pdf = tmp_path / "pdf" / "填报.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "填写说明" in text and "电信网络诈骗专项治理" in text
    saved = tmp_path / "xlsx" / "填报.xlsx"
    assert load_briefing(saved) == load_briefing(DATA)
    validations = openpyxl.load_workbook(saved)["数字"].data_validations.dataValidation
    assert any("亿元" in (v.formula1 or "") for v in validations)
    assert any("超过" in (v.formula1 or "") for v in validations)
    bad = tmp_path / "改过.xlsx"
    set_cell("数字", "数值", 79, "约90%")(saved, bad)  # a workbook Calc saved, then mistyped
    done = subprocess.run([sys.executable, "-m", "reportgen", "validate", "--data", str(bad)], capture_output=True,
                          text=True, env={**os.environ, "REPORTGEN_LANG": "zh"}, timeout=300)
    assert done.returncode == 1 and re.search(r"改过\.xlsx 「数字」表 E\d+: “数值”应填数字", done.stderr), done.stderr


def test_the_command_line_help_of_workbook_is_chinese():
    done = subprocess.run([sys.executable, "-m", "reportgen", "workbook", "--help"], capture_output=True, text=True,
                          env={**os.environ, "REPORTGEN_LANG": "zh"})
    assert "生成数据填报工作簿" in done.stdout and "--per" in done.stdout
