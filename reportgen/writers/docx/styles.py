"""The named styles and page setup of the two briefing styles, as data: `official` (GB/T 9704 简报) and `modern`.

The shipped `templates/reference*.docx` are made from these specs (tools/make_reference_docx.py); the writer refers
to styles by name only, so a user who restyles the reference in Word changes the next build.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import MappingProxyType

LINE = 28.95  # pt: exact line pitch for 22 lines in the 225 mm type area
BODY = 16.0  # pt: 三号
RED = "FF0000"


@dataclass(frozen=True)
class StyleSpec:
    """One named style: font role, size (pt), alignment, indents (pt), spacing (pt), colour and borders."""

    role: str  # font role in the font map
    size: float = BODY
    kind: str = "paragraph"  # or "character"
    align: str = "both"  # w:jc value: both (justified), left, center, right
    first_line: float = 0.0
    line: float | None = LINE  # exact line pitch; None for single spacing
    before: float = 0.0
    after: float = 0.0
    bold: bool = False
    color: str = "000000"
    latin_role: str = "latin"
    outline: int | None = None  # 0-based outline level (navigation pane), headings only
    keep_next: bool = False
    border_bottom: tuple[str, int] | None = None  # (colour, width in eighths of a point)
    tab_right: bool = False  # a right tab stop at the type-area edge (编印单位 … 日期)


@dataclass(frozen=True)
class Layout:
    """Page geometry (mm), the default character spacing (pt) and the page-number layout of one style."""

    margins: tuple[float, float, float, float]  # top, bottom, left, right
    footer_distance: float
    char_spacing: float
    odd_even_footers: bool
    styles: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))

    @property
    def type_width_mm(self) -> float:
        """Width of the type area (版心) on A4. Read-only."""
        return 210 - self.margins[2] - self.margins[3]


def _heading(role: str, level: int, **kw) -> StyleSpec:
    return StyleSpec(role, first_line=2 * BODY, outline=level - 1, keep_next=True, **kw)


OFFICIAL = Layout(
    margins=(37, 35, 28, 26),
    footer_distance=22,  # puts the dash of "— 1 —" about 7 mm below the type area
    char_spacing=-0.25,  # 28 characters of 三号 in the 156 mm type area instead of 27
    odd_even_footers=True,
    styles=MappingProxyType({
        "Normal": StyleSpec("body"),
        "Body Text": StyleSpec("body", first_line=2 * BODY),
        "Strong": StyleSpec("body", kind="character", bold=True),
        "Masthead Mark": StyleSpec("mark", align="left"),
        "Masthead": StyleSpec("masthead", size=42, align="center", line=None, before=18, after=6, color=RED),
        "Issue Number": StyleSpec("body", align="center"),
        "Issue Line": StyleSpec("body", align="left", border_bottom=(RED, 12), tab_right=True),
        "Title": StyleSpec("title", size=22, align="center", line=36, before=LINE, after=LINE),
        "Heading 1": _heading("heading1", 1),
        "Heading 2": _heading("heading2", 2),
        "Heading 3": _heading("heading3", 3),
        "Heading 4": _heading("heading4", 4),
        "Source": StyleSpec("source", align="right"),
        "Caption": StyleSpec("caption", size=14, align="center", before=6, keep_next=True),
        "Table Header": StyleSpec("table_header", size=14, align="center", line=22),
        "Table Text": StyleSpec("table", size=14, align="left", line=22),
        "Table Source": StyleSpec("table", size=12, align="left", line=22, after=8),
        "Colophon": StyleSpec("colophon", size=14, align="left", line=26),
        "Footer": StyleSpec("page_number", size=14, line=None, latin_role="page_number"),
    }),
)

_NAVY, _GREY = "1F3864", "7F7F7F"
_MODERN_BODY = 12.0
MODERN = Layout(
    margins=(25, 25, 25, 25),
    footer_distance=12,
    char_spacing=0.0,
    odd_even_footers=False,
    styles=MappingProxyType({
        **{name: replace(spec, size=_MODERN_BODY, line=21.0, first_line=2 * _MODERN_BODY if spec.first_line else 0)
           for name, spec in OFFICIAL.styles.items() if spec.size == BODY},
        "Masthead Mark": StyleSpec("mark", size=10.5, align="left", line=None, color=_GREY),
        "Masthead": StyleSpec("masthead", size=26, align="left", line=None, before=6, after=4, bold=True, color=_NAVY),
        "Issue Number": StyleSpec("body", size=_MODERN_BODY, align="left", line=21.0, color=_GREY),
        "Issue Line": StyleSpec("body", size=_MODERN_BODY, align="left", line=21.0, color=_GREY,
                                border_bottom=(_NAVY, 12), tab_right=True),
        "Title": StyleSpec("title", size=20, align="left", line=30, before=24, after=12, bold=True, color=_NAVY),
        "Heading 1": StyleSpec("heading1", size=15, line=24, before=12, after=4, bold=True, color=_NAVY, outline=0,
                               keep_next=True),
        "Heading 2": StyleSpec("heading2", size=13, line=22, before=8, after=2, bold=True, outline=1, keep_next=True),
        "Heading 3": StyleSpec("heading3", size=_MODERN_BODY, line=21, bold=True, outline=2, keep_next=True),
        "Heading 4": StyleSpec("heading4", size=_MODERN_BODY, line=21, outline=3, keep_next=True),
        "Source": StyleSpec("source", size=10.5, align="right", line=18, color=_GREY),
        "Caption": StyleSpec("caption", size=10.5, align="left", line=18, before=8, after=2, bold=True, color=_NAVY,
                             keep_next=True),
        "Table Header": StyleSpec("table_header", size=10.5, align="center", line=18, bold=True),
        "Table Text": StyleSpec("table", size=10.5, align="left", line=18),
        "Table Source": StyleSpec("table", size=9, align="left", line=16, after=8, color=_GREY),
        "Colophon": StyleSpec("colophon", size=10.5, align="left", line=18, color=_GREY),
        "Footer": StyleSpec("page_number", size=10.5, align="center", line=None, latin_role="page_number",
                            color=_GREY),
    }),
)

LAYOUTS = MappingProxyType({"official": OFFICIAL, "modern": MODERN})


def layout(style: str) -> Layout:
    """Return the Layout of a document style name (official or modern)."""
    return LAYOUTS[style]
