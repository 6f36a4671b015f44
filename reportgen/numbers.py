"""Chinese number, figure and date wording: the one place where numbers become text."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Protocol

from reportgen.units import MAGNITUDES, QUALIFIER_POSITION, SCALABLE, split_unit

_DIGITS = "零一二三四五六七八九"


class StatedFigure(Protocol):
    """What wording needs of a figure: its value, unit and qualifier as the source states them."""

    @property
    def value(self) -> Decimal: ...

    @property
    def unit(self) -> str: ...

    @property
    def qualifier(self) -> str | None: ...


def plain_number(value: Decimal | int | float) -> str:
    """Return `value` as the source writes it: no thousands separators, no trailing zeros (7097.67, 26877), every
    digit kept (normalising in the default context would round a 29-digit number to 28)."""
    exact = Decimal(str(value))
    return format(exact.normalize(Context(prec=max(len(exact.as_tuple().digits), 1))), "f")


def written_digits(value: Decimal) -> int:
    """Return how many digits `value` has written out as plain_number writes it: 7097.67 → 6, 0.05 → 3,
    5.704e999999999 → 1,000,000,000 (counted, not written)."""
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):  # NaN, infinity
        return 0
    digits = tuple(digits)
    while exponent < 0 and len(digits) > 1 and digits[-1] == 0:
        digits, exponent = digits[:-1], exponent + 1
    if not any(digits):
        return 1
    if exponent >= 0:
        return len(digits) + exponent
    return max(len(digits) + exponent, 1) - exponent


def figure_text(figure: StatedFigure) -> str:
    """Return the figure as Chinese prose writes it, qualifier in its place: 7100余个, 超过90%, 千余人."""
    return qualified(printed_number(figure.value), figure.unit, figure.qualifier)


def printed_number(value: Decimal) -> str:
    """Return a figure's number with the digits the source prints, trailing zeros kept (18.60), never in
    exponent form."""
    return format(value, "f") if value.as_tuple().exponent < 0 else plain_number(value)


def qualified(number: str, unit: str, qualifier: str | None) -> str:
    """Return number, unit and qualifier joined in the qualifier's place: 7100, 个, 余 → 7100余个."""
    q = qualifier or ""
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


def chinese_ordinal(n: int) -> str:
    """Return 1–9999 as Chinese numerals for heading numbers: 1 → 一, 12 → 十二, 105 → 一百零五, 1010 → 一千零一十."""
    if not 0 < n < 10_000:
        raise ValueError(f"heading number {n} out of range 1–9999")
    out, zero = "", False
    for digit, place in zip((n // 1000, n // 100 % 10, n // 10 % 10, n % 10), ("千", "百", "十", "")):
        if digit == 0:
            zero = bool(out)
            continue
        out += ("零" if zero else "") + _DIGITS[digit] + place
        zero = False
    return out[1:] if 10 <= n < 20 else out  # 十二, not 一十二 (but 一百一十二)


def chinese_date(day: dt.date) -> str:
    """Return the date in official style, Arabic digits without zero padding: 2025年1月20日."""
    return f"{day.year}年{day.month}月{day.day}日"


def _trim(value: Decimal, decimals: int) -> str:
    """Return `value` rounded half up to `decimals` places, trailing zeros dropped: 2.675 → 2.68, 5.00 → 5."""
    quantum = Decimal(1).scaleb(-decimals)
    return plain_number(Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP))  # 四舍五入


def scale(value: Decimal | int | float, unit: str = "", decimals: int = 2) -> tuple[str, str]:
    """Return (number, unit) of `value` scaled to 万 or 亿: 26877, 万元 → ("2.69", "亿元"); units are kept."""
    prefix, base = split_unit(unit) or ("", unit)
    if prefix not in SCALABLE:  # 千米, 百万吨 …: kept as printed
        prefix, base = "", unit
    amount = Decimal(str(value)) * MAGNITUDES[prefix]
    for prefix in reversed(SCALABLE):
        size = Decimal(MAGNITUDES[prefix])
        if abs(amount) >= size:
            return _trim(amount / size, decimals), f"{prefix}{base}"
    return _trim(amount, decimals), base


def percent_text(value: Decimal | int | float, decimals: int = 1) -> str:
    """Return a percentage with at most `decimals` places: 85.98 → 86%, 12.345 → 12.3%."""
    return f"{_trim(Decimal(str(value)), decimals)}%"


def share_text(part: Decimal | int | float, whole: Decimal | int | float, decimals: int = 1) -> str:
    """Return part/whole as a percentage: 1252, 1456 → 86%."""
    return percent_text(Decimal(str(part)) * 100 / Decimal(str(whole)), decimals)


def change_text(change: Decimal | int | float, decimals: int = 1, *, points: bool = False,
                prefix: str = "同比") -> str:
    """Return a relative change as prose: 12.3 → 同比增长12.3%, -5 → 同比下降5%, 0 → 同比持平.

    With `points`, the change is in percentage points: 2.5 → 同比提高2.5个百分点, -1 → 同比下降1个百分点.
    """
    amount = Decimal(str(change))
    if _trim(amount, decimals) in ("0", "-0"):
        return f"{prefix}持平"
    size = _trim(abs(amount), decimals)
    if points:
        return f"{prefix}{'提高' if amount > 0 else '下降'}{size}个百分点"
    return f"{prefix}{'增长' if amount > 0 else '下降'}{size}%"


def issue_text(issue: int | None, total: int | None = None) -> str:
    """Return the issue line of a bulletin: 第1期, 第3期（总第45期）; empty for a report without issue numbers."""
    if issue is None:
        return ""
    return f"第{issue}期" + (f"（总第{total}期）" if total else "")


HEADING_FORMATS = {1: "{cn}、", 2: "（{cn}）", 3: "{n}.", 4: "（{n}）"}


def heading_number(n: int, level: int = 1) -> str:
    """Return the heading number of level 1–4 as official documents print it: 一、（一）1.（1）."""
    if level not in HEADING_FORMATS:
        raise ValueError(f"heading level {level} out of range 1–4")
    return HEADING_FORMATS[level].format(cn=chinese_ordinal(n) if level < 3 else "", n=n)


def chinese_month(day: dt.date) -> str:
    """Return the month in official style: 2025年1月."""
    return f"{day.year}年{day.month}月"
