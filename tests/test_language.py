"""The user's language: Chinese by default and for zh_* locales, English for en_*; the mistakes Chinese typists
make, each named on its own line with what to write instead; what offices write, accepted as written."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA

from reportgen import i18n


def run(args: list[str], lang: str | None = "zh_CN.UTF-8", cwd: Path | None = None, **env: str):
    """Run `reportgen ARGS` as a user with locale `lang` (None: no locale at all) would."""
    environ = {k: v for k, v in os.environ.items() if k not in ("REPORTGEN_LANG", "LANG", "LC_ALL", "LC_MESSAGES",
                                                                "LANGUAGE")}
    if lang:
        environ["LANG"] = lang
    environ.update(env)
    return subprocess.run([sys.executable, "-m", "reportgen", *args], capture_output=True, text=True, env=environ,
                          cwd=cwd, timeout=300)


#: ASCII words a Chinese message may hold: program, command and option names, file kinds, product names.
ALLOWED_WORDS = {"reportgen", "docx", "pptx", "pdf", "yaml", "json", "word", "wps", "libreoffice", "powerpoint",
                 "excel", "dask", "tcp", "host", "zh", "en", "utf", "gb", "gbk", "smtp", "id", "png", "zip",
                 "starttls", "smtps", "noto", "cjk", "schema", "all", "local", "documents", "packet",
                 "meetings", "data", "full",  # folder names and default values
                 # the command names
                 "validate", "schema", "build", "synth", "bench", "audiences", "which", "init", "doctor", "preview",
                 "bundle", "verify", "send", "workbook", "convert", "xlsx", "serve"}


def _keys(schema: dict) -> set[str]:
    """Return every key name a data file may hold, from its JSON Schema."""
    found = set()
    for key, value in schema.items():
        if key == "properties":
            found |= set(value)
        if isinstance(value, dict):
            found |= _keys(value)
        elif isinstance(value, list):
            found |= {k for item in value if isinstance(item, dict) for k in _keys(item)}
    return found


def data_keys() -> set[str]:
    from reportgen.inputs.schema import data_file_schema

    return {key.lower() for key in _keys(data_file_schema())}


def english_words(text: str) -> list[str]:
    """Return the English words of `text` that are not names: options (--audience), placeholders (TEXT,
    PATH), file paths and the allowed names."""
    text = re.sub(r"(?<![\w])--?[\w-]+", " ", text)  # options
    text = re.sub(r"\S*[/\\]\S*|\S+\.(?:ya?ml|docx|pptx|pdf|json|j2|zip)\b", " ", text)  # paths and file names
    text = re.sub(r"\b[A-Z][A-Z_]+\b", " ", text)  # metavars and environment variables
    return [w for w in re.findall(r"[A-Za-z][A-Za-z_]+", text) if w.lower() not in ALLOWED_WORDS | data_keys()]


@pytest.mark.parametrize("environ, expected", [
    ({}, "zh"), ({"LANG": "C.UTF-8"}, "zh"), ({"LANG": "zh_CN.UTF-8"}, "zh"), ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"), ({"LANG": "en_US.UTF-8", "REPORTGEN_LANG": "zh"}, "zh"),
])
def test_the_language_follows_the_locale_unless_told(environ, expected):
    assert i18n.choose((), environ) == expected
    assert i18n.choose(["build", "--lang", "en"], environ) == "en" and i18n.choose(["--lang=zh"], environ) == "zh"


def test_help_is_chinese_with_a_chinese_or_no_locale_and_english_for_en():
    for lang in ("zh_CN.UTF-8", None):
        for args in (["--help"], ["build", "--help"], ["validate", "--help"]):
            done = run(args, lang)
            assert done.returncode == 0 and "用法" in done.stdout, done.stdout
            assert not english_words(done.stdout), (args, english_words(done.stdout))
    english = run(["build", "--help"], "en_US.UTF-8").stdout
    assert "Usage:" in english and "Show this message and exit." in english
    assert run(["--lang", "en", "--help"]).stdout.startswith("Usage:")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_full_width_colon_is_named_on_its_own_line(data):
    edit(data / "00-briefing.yaml", "issuer: 省纪委监委办公厅", "issuer： 省纪委监委办公厅")
    line = 1 + (data / "00-briefing.yaml").read_text(encoding="utf-8").split("\n").index("issuer： 省纪委监委办公厅")
    done = run(["validate", "--data", str(data)])
    assert done.returncode == 1
    assert f"00-briefing.yaml:{line}" in done.stderr or f"00-briefing.yaml 第{line}行" in done.stderr, done.stderr
    assert "“issuer：”用了中文冒号，请改为英文冒号并在其后加一个空格" in done.stderr
    english = run(["validate", "--data", str(data)], "en_US.UTF-8").stderr
    assert "\"issuer：\" has a Chinese (full-width) colon; write an English colon and a space after it" in english


@pytest.mark.parametrize("old, new, said", [
    ("issue: 1\n", "issue: 1\n\u3000\u3000\n", "全角空格"),
    ("issue: 1\n", "issue: 1\n\tdate2: x\n", "制表符"),
    ("issuer: 省纪委监委办公厅", "issuer:省纪委监委办公厅", "“issuer:”的冒号后面缺少空格，请写成“issuer: 省纪委监委办公厅”"),
    ("issuer: 省纪委监委办公厅", "issuer: 省纪委: 办公厅", "00-briefing.yaml:4: 格式错误：“issuer:”后面的文字里有英文冒号加空格"),
])
def test_other_typing_slips_are_named_with_what_to_write(data, old, new, said):
    edit(data / "00-briefing.yaml", old, new)
    done = run(["validate", "--data", str(data)])
    assert done.returncode == 1 and said in done.stderr, done.stderr


def test_dates_and_ids_are_accepted_as_offices_write_them(data):
    edit(data / "00-briefing.yaml", "date: 2025-01-20", "date: 2025年1月20日")
    edit(data / "10-governance.yaml", "  - id: education", "  - id: 教育")
    done = run(["build", "--data", str(data), "--out", str(data.parent / "out"), "--format", "docx", "-q"])
    assert done.returncode == 0, done.stderr
    import docx

    text = "\n".join(p.text for p in docx.Document(str(data.parent / "out/full/briefing.docx")).paragraphs)
    assert "2025年1月20日" in text


def test_a_figure_its_paragraph_does_not_state_names_the_paragraph_and_what_it_says(data):
    edit(data / "10-governance.yaml", "    value: 5704\n", "    value: 5740\n")
    done = run(["validate", "--data", str(data)])
    assert done.returncode == 1
    assert "第1个总体数字" in done.stderr and "“5740个”（查处群众身边腐败和作风问题）在导语中没有写到" in done.stderr
    assert "文字中写的是“5704个”" in done.stderr


def test_a_misspelt_key_gets_the_nearest_name(data):
    edit(data / "00-briefing.yaml", "issuer: 省纪委监委办公厅", "isuer: 省纪委监委办公厅")
    done = run(["validate", "--data", str(data)])
    assert "你是不是要写 issuer？" in done.stderr, done.stderr


def test_doctor_says_what_is_missing_and_fails_without_libreoffice(tmp_path):
    missing = run(["doctor"], REPORTGEN_SOFFICE=str(tmp_path / "没有这个程序"))
    assert missing.returncode != 0
    assert "✗ LibreOffice：" in missing.stdout or "✗ LibreOffice: " in missing.stdout
    assert "未找到" in missing.stdout and "解决办法" in missing.stdout and "本机还不能完整生成" in missing.stdout
    if shutil.which("soffice"):
        found = run(["doctor"])
        assert found.returncode == 0 and "本机可以生成全部材料" in found.stdout, found.stdout


def test_every_message_has_a_translation_and_the_compiled_catalog_is_current():
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, str(root / "tools/catalog.py"), "--check"], capture_output=True,
                          text=True, cwd=root, timeout=300)
    assert done.returncode == 0, done.stdout


def test_without_libreoffice_the_documents_are_written_and_the_message_says_how_to_install(data, tmp_path,
                                                                                         monkeypatch):
    from click.testing import CliRunner

    from reportgen.cli import main
    from reportgen.writers import pdf

    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("REPORTGEN_SOFFICE", raising=False)
    monkeypatch.setattr(pdf, "install_folders", lambda: [])
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--data", str(data), "--out", str(out), "--format", "docx,pptx,pdf"])
    assert result.exit_code == 5
    assert "the .docx and .pptx files are written, but no PDF: LibreOffice is needed" in result.output
    assert "apt-get install libreoffice-writer-nogui" in result.output or "libreoffice.org" in result.output
    assert (out / "full/briefing.docx").is_file() and (out / "full/deck.pptx").is_file()


def test_progress_piped_to_a_log_keeps_every_path_on_one_line(data, tmp_path):
    out = tmp_path / ("一个很长的输出文件夹名称" * 6)
    done = run(["build", "--data", str(data), "--out", str(out), "--format", "docx"])
    assert done.returncode == 0, done.stderr
    assert f"已写入 {out / 'full/briefing.docx'}" in done.stderr.splitlines()[-2] or any(
        line.endswith(str(out / "full/briefing.docx")) for line in done.stderr.splitlines())
    assert "已写入 2 个文件，0 个未变" in done.stderr


#: The mistakes of the first users, each as (file, text as shipped, text as typed); the last one builds without
#: LibreOffice. Every one must be said in Chinese only, on the right file and line, and in English for en_*.
MISTAKES = {
    "full-width colon": ("00-briefing.yaml", "issuer: 省纪委监委办公厅", "issuer： 省纪委监委办公厅"),
    "a figure not in its paragraph": ("10-governance.yaml", "    value: 5704\n", "    value: 5740\n"),
    "Chinese quotes": ("10-governance.yaml", "    value: 5704\n", "    value: “5704”\n"),
    "misspelt key": ("00-briefing.yaml", "issuer: 省纪委监委办公厅", "isuer: 省纪委监委办公厅"),
}


@pytest.mark.parametrize("name", MISTAKES)
def test_each_mistake_is_said_in_chinese_only_and_in_english_for_en(data, name):
    file, old, new = MISTAKES[name]
    edit(data / file, old, new)
    line = next(i for i, text in enumerate((data / file).read_text(encoding="utf-8").splitlines(), 1)
                if new.strip() in text)
    chinese = run(["validate", "--data", str(data)])
    assert chinese.returncode == 1 and chinese.stdout == ""
    assert f"{file}:{line}" in chinese.stderr or name == "a figure not in its paragraph", chinese.stderr
    said = re.sub(r"“[^”]*”", " ", chinese.stderr)  # quoted: the user's own words
    assert re.search(r"[\u4e00-\u9fff]", said) and not english_words(said), chinese.stderr
    english = run(["validate", "--data", str(data)], "en_US.UTF-8")
    assert english.returncode == 1 and "problem found in the data" in english.stderr
    assert f"{file}:{line}" in english.stderr or name == "a figure not in its paragraph", english.stderr
    assert "错误：" not in english.stderr and "数据中发现" not in english.stderr


def test_a_valid_build_speaks_chinese_and_english_for_en(data, tmp_path):
    chinese = run(["build", "--data", str(data), "--out", str(tmp_path / "zh"), "--format", "docx"])
    assert chinese.returncode == 0 and "已写入 2 个文件，0 个未变" in chinese.stderr
    assert not english_words(chinese.stderr), english_words(chinese.stderr)
    english = run(["build", "--data", str(data), "--out", str(tmp_path / "en"), "--format", "docx"], "en_US.UTF-8")
    assert english.returncode == 0 and "2 files written and 0 unchanged" in english.stderr
    assert not re.search(r"[\u4e00-\u9fff]", english.stderr.replace(str(data), ""))


def test_a_template_mistake_names_the_file_line_and_the_nearest_field(data, tmp_path):
    folder = tmp_path / "templates" / "sections" / "default"
    folder.mkdir(parents=True)
    (folder / "overview.j2").write_text("# 概况\n\n{{ meta.titel }}\n", encoding="utf-8")
    done = run(["build", "--data", str(data), "--templates", str(tmp_path / "templates"), "--out",
                str(tmp_path / "out"), "--format", "docx"])
    assert done.returncode == 3
    assert f"{folder / 'overview.j2'}:3: 这里没有字段 titel（这里可用的字段：" in done.stderr, done.stderr
    assert "你是不是要写 title？" in done.stderr and "reportgen." not in done.stderr


def test_a_text_wholly_in_chinese_quotes_is_built_with_a_warning(data):
    edit(data / "00-briefing.yaml", "issuer: 省纪委监委办公厅", "issuer: “省纪委监委办公厅”")
    done = run(["validate", "--data", str(data)])
    assert done.returncode == 0
    assert "00-briefing.yaml:4: 编印单位（issuer）：整段文字外面加了中文引号 “”，会原样印出来" in done.stderr, done.stderr
