"""Which data items a composed document does not show: found by reading the document, not by guessing.

An item counts as shown when its text (a paragraph, a measure, a listed item; a figure's label and its value as
printed) appears in the document; a project or article whose name does not appear is reported once, not item by item.
"""

from __future__ import annotations

from collections.abc import Iterator

from reportgen.document import Omission
from reportgen.document import BulletList, Document, Paragraph, Section, Table
from reportgen.inputs.model import Article, Briefing, Figure, Governance
from reportgen.numbers import figure_text


def document_text(document: Document) -> str:
    """Return every text a reader sees in `document`, one block a line."""
    parts = [document.meta.title]
    for block in document.walk():
        match block:
            case Section():
                parts.append(block.heading)
            case Paragraph():
                parts.append(block.text)
            case BulletList():
                parts.extend(block.items)
            case Table():
                parts.append(block.title)
                parts.extend("".join(row) for row in block.rows)
    return "\n".join(parts)


def not_shown(briefing: Briefing, document: Document, note: str) -> list[Omission]:
    """Return the items of `briefing` that `document` does not show, each with `note` as the reason's detail."""
    text = document_text(document)
    return [Omission(item, label, "detail", note) for item, label, shown in _items(briefing, text) if not shown]


def _items(briefing: Briefing, text: str) -> Iterator[tuple[str, str, bool]]:
    for gov in briefing.governance:
        yield from _governance_items(gov, text)
    for article in briefing.articles:
        yield from _article_items(article, text)


def _governance_items(gov: Governance, text: str) -> Iterator[tuple[str, str, bool]]:
    yield from _paragraphs(gov.id, "intro", gov.intro, text)
    yield from _figures(f"{gov.id}.totals", gov.totals, text)
    for project in gov.projects:
        where = f"{gov.id}.projects.{project.id}"
        if project.name not in text:
            yield where, project.name, False
            continue
        for i, achievement in enumerate(project.achievements):
            yield f"{where}.achievements[{i}]", achievement.headline, achievement.text in text
            yield from _figures(f"{where}.achievements[{i}].figures", achievement.figures, text)


def _article_items(article: Article, text: str) -> Iterator[tuple[str, str, bool]]:
    if article.title not in text:
        yield article.id, article.title, False
        return
    yield from _paragraphs(article.id, "summary", article.summary, text)
    yield from _paragraphs(article.id, "closing", article.closing, text)
    for g, group in enumerate(article.groups):
        for m, measure in enumerate(group.measures):
            body = measure.text.removeprefix(measure.name or "")
            yield f"{article.id}.groups[{g}].measures[{m}]", _short(measure.text), body in text
    for i, item in enumerate(article.items):
        yield f"{article.id}.items[{i}]", item, item in text
    yield from _figures(f"{article.id}.figures", article.figures, text)


def _paragraphs(where: str, field: str, paragraphs: list[str], text: str) -> Iterator[tuple[str, str, bool]]:
    for i, paragraph in enumerate(paragraphs):
        yield f"{where}.{field}[{i}]", _short(paragraph), paragraph in text


def _figures(where: str, figures: list[Figure], text: str) -> Iterator[tuple[str, str, bool]]:
    for i, figure in enumerate(figures):
        printed = figure_text(figure)
        yield f"{where}[{i}]", f"{figure.label} {printed}", printed in text and figure.label in text


def _short(text: str, limit: int = 40) -> str:
    """Return the start of `text`, enough to recognise it."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
