"""The user guide (docs/, mkdocs.yml): a strict mkdocs build is clean, every nav entry becomes a page, and every
picture a page shows exists, is small and is shown somewhere."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytest.importorskip("mkdocs")
pytest.importorskip("material")

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CONFIG = ROOT / "mkdocs.yml"
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)")
MAX_IMAGE_BYTES = 150_000


def nav_pages(nav) -> list[tuple[str, str]]:
    """Return (title, file) of every page in the nav, nested sections included."""
    pages = []
    for entry in nav:
        if isinstance(entry, str):
            pages.append((entry, entry))
            continue
        for title, target in entry.items():
            if isinstance(target, list):
                pages.extend(nav_pages(target))
            else:
                pages.append((title, target))
    return pages


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its !!python tags (read as None)."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@pytest.fixture(scope="module")
def config() -> dict:
    return yaml.load(CONFIG.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (a safe loader)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docs") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(CONFIG), "-d", str(out)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "WARNING" not in run.stdout + run.stderr, run.stdout + run.stderr
    return out


def test_every_nav_entry_is_a_built_page(config, site):
    pages = nav_pages(config["nav"])
    assert len(pages) >= 8
    for title, source in pages:
        assert (DOCS / source).is_file(), source
        built = site / (Path(source).with_suffix(".html") if config.get("use_directory_urls") is False
                        else Path(source).with_suffix("") / "index.html" if Path(source).stem != "index"
                        else Path("index.html"))
        assert built.is_file(), f"{title}: {built} was not built"
        assert title.split("（")[0] in built.read_text(encoding="utf-8"), title


def test_every_page_is_in_the_nav(config):
    listed = {source for _, source in nav_pages(config["nav"])}
    assert {p.name for p in DOCS.glob("*.md")} == listed


def test_pictures_exist_are_small_and_are_shown(site):
    shown = set()
    for page in DOCS.glob("*.md"):
        for target in IMAGE.findall(page.read_text(encoding="utf-8")):
            picture = (page.parent / target).resolve()
            assert picture.is_file(), f"{page.name}: {target}"
            assert (site / picture.relative_to(DOCS)).is_file(), target
            assert picture.stat().st_size < MAX_IMAGE_BYTES, f"{target} is {picture.stat().st_size} bytes"
            shown.add(picture)
    assert len(shown) >= 5
    assert {p.resolve() for p in (DOCS / "images").glob("*.png")} == shown, "a picture in docs/images is not shown"


def test_the_guide_names_no_machine_paths():
    for page in DOCS.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        for path in ("/work/", "/tmp/", "/home/", "/root/"):
            assert path not in text, f"{page.name} mentions {path}"
