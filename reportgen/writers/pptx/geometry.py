"""Slide geometry in points: the planner works in points only; EMU appear at drawing time, through `to_emu`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pptx.util import Emu

from reportgen.textfit import TextBox

EMU_PER_PT = 12700
INSET_X, INSET_Y = 7.2, 3.6  # text box insets in points (0.1 in, 0.05 in), written explicitly by draw
SAFETY = 0.97  # measured width is trusted to 97 %: renderers' fonts differ slightly from the open font
SOURCE_MARGIN = 43.2  # left and right margin of the 来源 line, points (0.6 in)
SOURCE_TOP, SOURCE_HEIGHT = 493.0, 24.0  # the 来源 line along the bottom edge, points


def to_emu(points: float) -> Emu:
    """Return `points` in EMU, truncated to a whole EMU."""
    return Emu(int(points * EMU_PER_PT))


@dataclass(frozen=True, slots=True)
class Rect:
    """A rectangle on the slide, in points."""

    left: float
    top: float
    width: float
    height: float

    @classmethod
    def from_emu(cls, left: int, top: int, width: int, height: int) -> Rect:
        """Return the rectangle of EMU values `left`, `top`, `width`, `height`."""
        return cls(left / EMU_PER_PT, top / EMU_PER_PT, width / EMU_PER_PT, height / EMU_PER_PT)

    @property
    def bottom(self) -> float:
        """The lower edge, points. Read-only."""
        return self.top + self.height

    def to_emu(self) -> tuple[Emu, Emu, Emu, Emu]:
        """Return (left, top, width, height) in EMU, as python-pptx's add_* methods take them."""
        return to_emu(self.left), to_emu(self.top), to_emu(self.width), to_emu(self.height)

    def text_box(self, pitch: float = 1.25) -> TextBox:
        """Return the measurable inner area (insets removed, width trusted to SAFETY)."""
        return TextBox((self.width - 2 * INSET_X) * SAFETY, self.height - 2 * INSET_Y, line_pitch=pitch)


@dataclass(frozen=True)
class Geometry:
    """The reference deck's slide size and the placeholder rectangles of each layout (name → idx → rect)."""

    width: float
    height: float
    layouts: Mapping[str, Mapping[int, Rect]]

    def __getitem__(self, layout: str) -> Mapping[int, Rect]:
        """Return the placeholder rectangles of `layout` by idx."""
        return self.layouts[layout]

    @property
    def source_rect(self) -> Rect:
        """The 来源 line's rectangle along the bottom edge. Read-only."""
        return Rect(SOURCE_MARGIN, SOURCE_TOP, self.width - 2 * SOURCE_MARGIN, SOURCE_HEIGHT)
