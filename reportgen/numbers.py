"""Chinese number, figure and date wording: the one place where numbers become text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportgen.inputs.model import Figure

_DIGITS = "零一二三四五六七八九"


def plain_number(value: Decimal | int | float) -> str:
    """Return `value` as the source writes it: no thousands separators, no trailing zeros (7097.67, 26877)."""
    return format(Decimal(str(value)).normalize(), "f")


def figure_text(figure: Figure) -> str:
    """Return the figure as Chinese prose writes it, qualifier in its place: 7100余个, 超过90%, 千余人."""
    from reportgen.inputs.model import QUALIFIER_POSITION

    number, unit, q = plain_number(figure.value), figure.unit, figure.qualifier or ""
    match QUALIFIER_POSITION.get(q):
        case "before":
            return f"{q}{number}{unit}"
        case "after_number":
            return f"{number}{q}{unit}"
        case "after_unit":
            return f"{number}{unit}{q}"
        case "instead":
            return f"{q}{unit}"
    return f"{number}{unit}"


def figure_phrase(figure: Figure) -> str:
    """Return label and figure as one phrase: 打击涉诈窝点1325个."""
    return f"{figure.label}{figure_text(figure)}"


def chinese_ordinal(n: int) -> str:
    """Return 1–9999 as Chinese numerals for heading numbers: 10 → 十, 12 → 十二, 105 → 一百零五, 1010 → 一千零一十."""
    if not 0 < n < 10_000:
        raise ValueError(f"heading number {n} out of range 1–9999")
    if n < 20:
        return ("十" if n >= 10 else "") + (_DIGITS[n % 10] if n % 10 or n < 10 else "")
    out, zero = "", False
    for power, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // power % 10
        if digit:
            out += ("零" if zero else "") + _DIGITS[digit] + name
            zero = False
        elif out:
            zero = True
    return out


def chinese_date(day: dt.date) -> str:
    """Return the date in official style, Arabic digits without zero padding: 2025年1月20日."""
    return f"{day.year}年{day.month}月{day.day}日"
