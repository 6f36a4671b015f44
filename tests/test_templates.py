"""Section templates users change: lookup order, extending the shipped ones, the sandbox, strict fields."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from conftest import DATA, docx_text

from reportgen.api import Settings, build
from reportgen.cli import main
from reportgen.compose import compose_document
from reportgen.compose.profile import load_profile
from reportgen.errors import TemplateError
from reportgen.resources import Locator, shipped_templates


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def compose_with(tmp_path: Path, briefing, source: str, audience: str = "full"):
    """Compose `audience` with a user overview.j2 holding `source`."""
    write(tmp_path / "mine", "sections/default/overview.j2", source)
    locator = Locator((tmp_path / "mine", shipped_templates()))
    return compose_document(briefing, load_profile(audience, locator), locator)


def test_override_one_section_and_one_profile_value_in_the_working_folder(tmp_path):
    """A user folder with ./templates changes the leadership masthead and its opening, nothing else."""
    write(tmp_path, "templates/audiences/leadership.yaml", "extends: leadership\nbulletin: 主要领导参阅件\n")
    write(tmp_path, "templates/sections/leadership/overview.j2",
          '{% extends "builtin:default/overview.j2" %}\n'
          "{% block opening %}\n**本地开篇：**{{ g.headline }}\n\n{% endblock %}\n")
    build(Settings(data=DATA, audiences=["leadership"], formats=["docx"], out=tmp_path / "out", cwd=tmp_path)).files
    path = tmp_path / "out/leadership/leadership-briefing.docx"
    document = docx.Document(str(path))
    assert next(p.text for p in document.paragraphs if p.style.name == "Masthead") == "主要领导参阅件"
    text = docx_text(path)
    assert "本地开篇：把群众“需求清单”转化成为“满意清单”" in text
    assert "工作机制：群众点题、部门答题、纪委监督、社会评价。" in text  # the rest of the shipped template
    assert "表1 2024年专项治理总体情况" in text and "二、2024年专项治理成果" in text


def test_which_prints_every_place_searched_and_the_winner(tmp_path):
    write(tmp_path, "mine/sections/default/projects.j2", "# 自定义\n")
    result = CliRunner().invoke(main, ["which", "projects", "--audience", "leadership",
                                       "--templates", str(tmp_path / "mine")], catch_exceptions=False)
    lines = result.output.splitlines()
    assert lines[0].startswith("profile leadership: ") and "leadership.yaml ← " in lines[0]
    searched = [line.split()[-1] for line in lines[1:-1]]
    shipped = shipped_templates()
    assert searched[0] == str(tmp_path / "mine/sections/leadership/projects.j2")
    assert searched[-1] == str(shipped / "sections/default/projects.j2")
    assert [line.split()[0] for line in lines[1:-1]][-2:] == ["used", "found"]
    assert lines[-1] == f"section projects: {tmp_path / 'mine/sections/default/projects.j2'}"


def test_audience_template_beats_a_default_one_in_an_earlier_root(tmp_path, briefing):
    write(tmp_path / "mine", "sections/leadership/overview.j2", "# 领导版开篇\n")
    write(tmp_path / "mine", "sections/default/overview.j2", "# 默认开篇\n")
    locator = Locator((tmp_path / "mine", shipped_templates()))
    document = compose_document(briefing, load_profile("leadership", locator), locator)
    assert document.blocks[0].heading == "一、领导版开篇"
    document = compose_document(briefing, load_profile("full", locator), locator)
    assert document.blocks[0].heading == "一、默认开篇"


@pytest.mark.parametrize("payload", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ meta.__class__.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ '{0.__class__.__mro__}'.format(meta) }}",
    "{{ '{a.__class__}'.format_map({'a': meta}) }}",
    "{{ '{0}'.format_map({'0': meta}) }}",
    "{{ meta.__dict__ }}",
    "{{ governance.append(1) }}",
    "{{ profile.sections.clear() }}",
    "{% for c in ().__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    "{{ 'x' * 10000000 }}",
    "{{ 9 ** 999999999 }}",
    "{{ range(10 ** 9) | list }}",
])
def test_sandbox_refuses_the_known_escapes(tmp_path, briefing, payload):
    with pytest.raises(TemplateError, match=r"overview\.j2:1: "):
        compose_with(tmp_path, briefing, payload + "\n")


def test_a_misspelt_field_fails_with_file_and_line(tmp_path, briefing):
    with pytest.raises(TemplateError) as err:
        compose_with(tmp_path, briefing, "# 标题\n{% for g in governance %}\n{{ g.headlin }}\n{% endfor %}\n")
    message = str(err.value)
    assert "overview.j2:3: no field headlin here (the fields here: " in message
    assert message.endswith("; did you mean headline?")
    assert "reportgen." not in message and "object" not in message  # the writer's words, not a Python class path


def test_an_undefined_variable_in_a_condition_fails_too(tmp_path, briefing):
    with pytest.raises(TemplateError, match=r"overview\.j2:2: detial is not defined; did you mean detail\?"):
        compose_with(tmp_path, briefing, "# 标题\n{% if detial == 'key' %}x{% endif %}\n")


def test_extending_a_missing_builtin_names_the_template(tmp_path, briefing):
    with pytest.raises(TemplateError, match=r"overview\.j2: template 'builtin:default/nothing\.j2' not found"):
        compose_with(tmp_path, briefing, '{% extends "builtin:default/nothing.j2" %}\n')


def test_init_scaffolds_a_project_that_builds_out_of_the_box(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["init", str(tmp_path / "proj")], catch_exceptions=False)
    assert result.exit_code == 0 and "created" in result.output
    project = tmp_path / "proj"
    assert (project / "templates/audiences/leadership.yaml").is_file()
    assert (project / "templates/sections/default/projects.j2").is_file()
    outputs = build(Settings(data=project / "data", audiences=["all"], out=project / "build", cwd=project)).files
    names = {p.relative_to(project / "build").as_posix() for p in outputs}
    assert {"full/briefing.docx", "public/public-deck.pptx", "department/市教育局/briefing.docx",
            "department/市人力社保局/deck.pptx", "leadership/manifest.json"} <= names
    assert "养老金发放规范" in docx_text(project / "build/full/briefing.docx")
    again = runner.invoke(main, ["init", str(project)])
    assert again.exit_code == 2 and "already exists" in again.output


def test_init_writes_the_sample_in_the_office_s_own_words(tmp_path):
    """`init --region … --program …`: data and profiles agree, and no output speaks of any other region's work."""
    project = tmp_path / "proj"
    result = CliRunner().invoke(main, ["init", str(project), "--region", "万州区", "--level", "区", "--program",
                                       "民生实事", "--issuer", "万州区人民政府办公室"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    outputs = build(Settings(data=project / "data", audiences=["all"], out=project / "build", cwd=project)).files
    briefing = project / "build/full/briefing.docx"
    masthead = [p.text for p in docx.Document(str(briefing)).paragraphs if p.style.name == "Masthead"]
    assert masthead == ["民生实事工作简报"]
    text = docx_text(briefing)
    assert "2024年民生实事成果" in text and "报：区委、区政府领导。" in text and "万州区人民政府办公室" in text
    for path in outputs:
        if path.suffix == ".docx":
            assert not any(w in docx_text(path) for w in ("专项治理", "纪委", "全省", "某某")), path


def test_init_refuses_a_word_that_would_break_the_data(tmp_path):
    result = CliRunner().invoke(main, ["init", str(tmp_path / "p"), "--program", "民生: 实事"])
    assert result.exit_code == 2 and "--program '民生: 实事': holds ':'" in result.output
    assert not (tmp_path / "p").exists()
