"""Place cards: titled groups of bullets in a grid of up to 3 × 2, as many per slide as fit, at one common size."""

from __future__ import annotations

from collections.abc import Sequence

from reportgen.document import Run
from reportgen.textfit import Metrics
from reportgen.writers.pptx.fit import BOLD, BULLET_INDENT, first_page, largest_size, paginate_text
from reportgen.writers.pptx.geometry import INSET_X, INSET_Y, SAFETY, Geometry, Rect
from reportgen.writers.pptx.slides import Card, CardsSlide, PlacedCard, Text

CARD_SIZES = range(18, 10, -1)
CARD_TITLE_SIZES = range(16, 9, -1)
LEAD_SIZES = range(16, 11, -1)
CARD_GAP = 14.0  # between cards, points
CARD_HEADER_PT = 30.0  # height of a card's title bar, points
LEAD_HEIGHT = 40.0  # the lead line's box at the top of the body, points
LEAD_ROOM = 44.0  # what the lead line takes above the cards: its box and a gap, points
MAX_CARDS = 6
MIN_BODY = 0.2  # the least part of its grid cell a card's body keeps when its text is short

Items = list[tuple[Run, ...]]


def card_slides(title: Text, lead_text: Items, bullets: list[bool], cards: list[tuple[str, Items]],
                geometry: Geometry, metrics: Metrics) -> list[CardsSlide]:
    """Return the slides of `cards`, the lead paragraphs above the cards of the first one.

    The cards are measured below the lead on every slide, and placed below it only where it is shown."""
    body = geometry["Cards"][1]
    lead = paginate_text(lead_text, bullets, Rect(body.left, body.top, body.width, LEAD_HEIGHT), LEAD_SIZES, metrics)
    measured = _cards_area(body, bool(lead))
    slides, rest = [], list(cards)
    while rest:
        taken, fitted = _fit_cards(rest, measured, metrics)
        shown = lead[0] if lead and not slides else None
        slides.append(CardsSlide(title=title, body=shown,
                                 cards=place_cards(fitted, _cards_area(body, bool(shown)), metrics)))
        rest = rest[taken:]
    return slides


def _cards_area(body: Rect, below_lead: bool) -> Rect:
    """Return the part of `body` the cards fill: all of it, or what the lead line leaves."""
    top = body.top + (LEAD_ROOM if below_lead else 0.0)
    return Rect(body.left, top, body.width, body.top + body.height - top)


def card_grid(count: int, box: Rect) -> tuple[int, int, float, float]:
    """Return (columns, rows, card width, card body height) for `count` cards in `box`."""
    columns = min(count, 3)
    rows = -(-count // columns)
    width = (box.width - CARD_GAP * (columns - 1)) / columns
    height = (box.height - CARD_GAP * (rows - 1)) / rows - CARD_HEADER_PT
    return columns, rows, width, height


def place_cards(cards: Sequence[Card], area: Rect, metrics: Metrics) -> tuple[PlacedCard, ...]:
    """Return `cards` placed row by row in the grid of `area`: a title bar, the body panel under it, each row as
    tall as its longest card needs (a short text does not stand in a tall empty panel), rows from the top."""
    columns, _, width, height = card_grid(len(cards), area)
    inner = Rect(0, 0, width, height).text_box()
    placed, top = [], area.top
    for start in range(0, len(cards), columns):
        row = cards[start:start + columns]
        needed = max(inner.height_needed(list(card.body.plain), card.body.size, metrics,
                                         BULLET_INDENT) for card in row) + 2 * INSET_Y
        body = min(height, max(needed * 1.1, height * MIN_BODY))
        for k, card in enumerate(row):
            left = area.left + k * (width + CARD_GAP)
            placed.append(PlacedCard(card, Rect(left, top, width, CARD_HEADER_PT),
                                     Rect(left, top + CARD_HEADER_PT, width, body)))
        top += CARD_HEADER_PT + body + CARD_GAP
    return tuple(placed)


def _fit_cards(cards: list[tuple[str, Items]], area: Rect, metrics: Metrics) -> tuple[int, tuple[Card, ...]]:
    """Return how many of `cards` fit one slide, and those cards drawn at one common size."""
    for count in range(min(len(cards), MAX_CARDS), 0, -1):
        _, _, width, height = card_grid(count, area)
        inner = Rect(0, 0, width, height).text_box()
        fitting = [largest_size(inner, items, CARD_SIZES, metrics) for _, items in cards[:count]]
        if all(fitting):
            size = min(fitting)
            return count, tuple(Card(t, Text(tuple(items), size, True), _card_title_size(t, width, metrics))
                                for t, items in cards[:count])
    return _split_first_card(cards, area, metrics)


def _split_first_card(cards: list[tuple[str, Items]], area: Rect, metrics: Metrics) -> tuple[int, tuple[Card, ...]]:
    """One card too long even alone: return it with what fits, and leave the rest of its bullets as the first card
    of the next slide (`cards` is updated in place, so the loop in card_slides continues with it)."""
    heading, items = cards[0]
    _, _, width, height = card_grid(1, area)
    head, tail = first_page(items, Rect(0, 0, width, height), CARD_SIZES, metrics)
    card = Card(heading, head, _card_title_size(heading, width, metrics))
    if tail:
        cards[0] = (heading, list(tail))
        return 0, (card,)
    return 1, (card,)


def _card_title_size(title: str, width: float, metrics: Metrics) -> int:
    """Return the largest size (16–10) at which a card title stays on one line of its bar."""
    room = (width - 2 * INSET_X) * SAFETY
    return next((s for s in CARD_TITLE_SIZES if metrics.width(title, s) * BOLD <= room), 10)
