"""The chart theme: palette, type sizes and geometry, one per document style (official, modern)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Theme:
    """Colours as hex RGB without '#', sizes in points, the drawing width in millimetres."""

    name: str
    accent: str          # the deep red of the masthead: the first series, the achieved value
    palette: tuple[str, ...]   # further series, restrained
    increase: str        # Chinese convention: red for an increase …
    decrease: str        # … green for a decrease
    ink: str
    muted: str
    grid: str
    tile: str            # KPI tile and card background
    label_size: float = 10.5  # 五号
    value_size: float = 10.5
    kpi_size: float = 22.0
    width_mm: float = 156.0  # the briefing's type area
    dpi: int = 200

    @property
    def colors(self) -> tuple[str, ...]:
        """Series colours in order: the accent first. Read-only."""
        return (self.accent, *self.palette)


THEMES = {
    "official": Theme("official", accent="B01E23", palette=("7F7F7F", "C9A66B", "4A5A6A", "BFBFBF"),
                      increase="C00000", decrease="2E7D32", ink="222222", muted="666666", grid="D9D9D9",
                      tile="F6EEEE"),
    "modern": Theme("modern", accent="C00000", palette=("1F4E79", "5B9BD5", "A5A5A5", "ED7D31"),
                    increase="C00000", decrease="2E7D32", ink="1A1A1A", muted="595959", grid="E1E1E1",
                    tile="F2F2F2", label_size=10.0, value_size=10.0, kpi_size=24.0),
}


def theme_for(style: str) -> Theme:
    """Return the theme of a document style, the official one when the style has none of its own."""
    return THEMES.get(style, THEMES["official"])
