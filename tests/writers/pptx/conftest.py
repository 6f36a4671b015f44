"""Fixtures of the deck writer's tests: the shipped reference deck, its geometry, a small deck document."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pptx import Presentation

from reportgen.document import Document, DocumentMeta, Reference, WriterOptions
from reportgen.resources import shipped_templates
from reportgen.textfit import load_metrics
from reportgen.writers.pptx.layouts import deck_geometry

SHIPPED = shipped_templates() / "reference.pptx"
META = DocumentMeta(title="全省治理成果汇报", bulletin="简报", issuer="省纪委监委办公厅", issue=1, date=dt.date(2025, 1, 20),
            date_text="2025年1月20日", audience="full")


@pytest.fixture(scope="session")
def shipped() -> Reference:
    return Reference(str(SHIPPED), SHIPPED.read_bytes())


@pytest.fixture(scope="session")
def geometry(shipped):
    return deck_geometry(Presentation(io.BytesIO(shipped.content)))


@pytest.fixture(scope="session")
def metrics():
    return load_metrics()


@pytest.fixture()
def options(shipped) -> WriterOptions:
    return WriterOptions(shipped, shipped)


@pytest.fixture(scope="session")
def deck():
    """Return a maker of deck documents: `deck(*blocks)` under the fixed test metadata."""
    return lambda *blocks: Document(META, tuple(blocks))
