"""Speed and scale without timing: the build cache, parallel and distributed builds, synthetic data."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, docx_text, picture_templates, slide_titles

from reportgen.api import Settings, build
from reportgen.cli import main
from reportgen.inputs.loader import load_briefing
from reportgen.numbers import chinese_ordinal
from reportgen.synth import synth_files, write_synth


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime_ns) of every output file under `folder`: a rewritten file gets a new inode (atomic rename)."""
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file() and ".reportgen-cache" not in p.parts}


def parts(path: Path) -> dict[str, bytes]:
    """Every part of an Office file, by name (a manifest as one part): equal even if zip entry times differed."""
    if path.suffix == ".json":
        return {path.name: path.read_bytes()}
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in sorted(archive.namelist())}


def test_second_build_rewrites_nothing_and_a_data_change_rebuilds(tmp_path, data_copy):
    out = tmp_path / "out"
    settings = Settings(data=data_copy, out=out, cwd=tmp_path, jobs=1)
    first = build(settings)
    before = stamps(out)
    messages: list[str] = []
    assert build(settings, messages.append).files == first.files and first.charts_drawn == 0  # native charts
    assert stamps(out) == before and not any(m.startswith("wrote") for m in messages)
    meta = data_copy / "00-briefing.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("issue: 1", "issue: 2"), encoding="utf-8")
    build(settings)
    after = stamps(out)
    assert all(after[name] != before[name] for name in before)
    assert "第2期" in docx_text(out / "full/briefing.docx")


def test_an_altered_output_or_a_template_change_is_rebuilt(tmp_path):
    out = tmp_path / "out"
    settings = Settings(data=DATA, out=out, cwd=tmp_path, jobs=1, formats=("docx",))
    build(settings)
    target = out / "full/briefing.docx"
    target.write_bytes(b"damaged")
    build(settings)
    assert zipfile.is_zipfile(target)
    sections = tmp_path / "templates/sections/full"
    sections.mkdir(parents=True)
    (sections / "overview.j2").write_text("# 本地总体情况\n", encoding="utf-8")
    build(settings)
    assert "一、本地总体情况" in docx_text(target)


def test_no_cache_rewrites_every_output(tmp_path):
    out = tmp_path / "out"
    build(Settings(data=DATA, out=out, cwd=tmp_path, jobs=1)).files
    before = stamps(out)
    build(Settings(data=DATA, out=out, cwd=tmp_path, jobs=1, cache=False)).files
    assert all(stamps(out)[name][0] != before[name][0] for name in before)


@pytest.mark.parametrize("jobs", [2, 3])
def test_output_is_the_same_with_one_or_more_jobs(tmp_path, jobs):
    one = build(Settings(data=DATA, out=tmp_path / "one", cwd=tmp_path, jobs=1, audiences=("all",))).files
    more = build(Settings(data=DATA, out=tmp_path / "more", cwd=tmp_path, jobs=jobs, audiences=("all",))).files
    assert [p.relative_to(tmp_path / "one") for p in one] == [p.relative_to(tmp_path / "more") for p in more]
    for a, b in zip(one, more):
        assert parts(a) == parts(b)


def test_dask_cluster_builds_the_same_files(tmp_path):
    distributed = pytest.importorskip("distributed")
    local = build(Settings(data=DATA, out=tmp_path / "local", cwd=tmp_path, jobs=1)).files
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        remote = build(Settings(data=DATA, out=tmp_path / "dask", cwd=tmp_path, executor="dask",
                                scheduler=cluster.scheduler_address)).files
    assert [p.name for p in remote] == [p.name for p in local]
    for a, b in zip(local, remote):
        assert parts(a) == parts(b)
    assert slide_titles(remote[1])[0] == slide_titles(local[1])[0]


def test_a_cluster_worker_writes_from_the_pictures_it_was_sent(tmp_path, monkeypatch):
    from reportgen.build.jobs import Job, charts_of
    from reportgen.charts import render
    from reportgen.charts.media import chart_key
    from reportgen.compose import compose_audience
    from reportgen.compose.profile import load_profile
    from reportgen.executors.dask import write_remote
    from reportgen.references import References
    from reportgen.resources import Locator

    locator = Locator.default(picture_templates(tmp_path), tmp_path)
    edition = compose_audience(load_briefing(DATA), load_profile("pictures", locator), locator,
                               References(locator))[0]
    job = Job("full//docx", edition.documents["docx"], edition.options["docx"], "docx", tmp_path / "b.docx")
    pictures = {chart_key(*chart): render.draw_chart(*chart) for chart in charts_of(job)}
    monkeypatch.setattr(render, "draw_chart", lambda *chart: pytest.fail("a worker drew a chart"))
    rendered = write_remote(job, pictures)
    assert len(pictures) > 5 and zipfile.ZipFile(io.BytesIO(rendered.content)).testzip() is None
    assert sorted(_media(rendered.content)) == sorted(pictures.values())


def test_dask_without_a_scheduler_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["build", "--data", str(DATA), "--out", str(tmp_path / "o"),
                                       "--executor", "dask"])
    assert result.exit_code == 2 and "--scheduler" in result.output
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("projects", [1, 37])
def test_synthetic_data_is_valid_realistic_and_deterministic(tmp_path, projects):
    write_synth(tmp_path, projects, seed=3)
    briefing = load_briefing(tmp_path)
    found = briefing.governance[0].projects
    assert len(found) == projects
    assert all(5 <= len(p.figures) - (3 if i % 3 == 0 else 0) <= 15 for i, p in enumerate(found))
    texts = [a.text for p in found for a in p.achievements]
    assert 40 <= sum(map(len, texts)) / len(texts) <= 250
    units = {f.unit for p in found for f in p.figures}
    assert len(units) >= min(4, projects * 5) and synth_files(projects, 3) == synth_files(projects, 3)
    assert synth_files(projects, 3) != synth_files(projects, 4)


def test_synth_command_then_build_numbers_headings_past_ninety_nine(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["synth", "--projects", "120", "--out", str(tmp_path / "d")]).exit_code == 0
    result = runner.invoke(main, ["build", "--data", str(tmp_path / "d"), "--out", str(tmp_path / "o"),
                                  "--format", "docx", "-q", "-j", "1"], catch_exceptions=False)
    assert result.exit_code == 0
    text = docx_text(tmp_path / "o/full/briefing.docx")
    assert "（一百二十）" in text and "（九十九）" in text


def test_chinese_ordinals_past_ninety_nine():
    assert [chinese_ordinal(n) for n in (100, 101, 110, 115, 1000, 1010, 2030)] == [
        "一百", "一百零一", "一百一十", "一百一十五", "一千", "一千零一十", "二千零三十"]
    with pytest.raises(ValueError):
        chinese_ordinal(10_000)


def test_a_rebuild_after_a_data_change_draws_no_chart_again(tmp_path, data_copy):
    settings = Settings(data=data_copy, templates=picture_templates(tmp_path), audiences=("pictures",),
                        out=tmp_path / "out", cwd=tmp_path, formats=("docx",))
    first = build(settings)
    brief = data_copy / "00-briefing.yaml"
    brief.write_text(brief.read_text(encoding="utf-8").replace("keywords: [", "keywords: [新增, "), encoding="utf-8")
    again = build(settings)
    assert first.charts_drawn > 5 and again.charts_drawn == 0  # every chart came from the build cache's folder


def _media(package: bytes) -> list[bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        return [z.read(n) for n in z.namelist() if n.startswith("word/media/")]
