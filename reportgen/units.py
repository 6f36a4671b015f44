"""Units and qualifiers a figure may carry: the vocabulary shared by the data model, wording and charts.

A unit is written as printed: an optional magnitude (百, 千, 万, 亿 …) before a unit word (个, 户, 人次, 公里, 平方米,
吨, 元, % …). Any unit word is accepted; the few families below know how their words convert, so that figures in
万元 and 亿元, or in 米 and 公里, can share a chart axis. Any other word compares only with itself: 户 never shares an
axis with 人, nor 元 with 个.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from reportgen.i18n import _

#: Magnitude prefix → its factor ("" for none), longest first where one begins another.
MAGNITUDES = {"": 1, "百": 100, "千": 1000, "万": 10_000, "十万": 100_000, "百万": 1_000_000, "千万": 10_000_000,
              "亿": 100_000_000, "万亿": 1_000_000_000_000}
#: The magnitudes wording and charts may rescale between (26877万元 → 2.69亿元); the others stay as printed.
SCALABLE = ("万", "亿")

#: Families of unit words that convert, each word with its size in the family's first word.
FAMILIES: dict[str, dict[str, Fraction]] = {
    "money": {"元": Fraction(1)},
    "length": {"米": Fraction(1), "公里": Fraction(1000)},
    "area": {"平方米": Fraction(1), "平方公里": Fraction(10**6), "公顷": Fraction(10**4), "亩": Fraction(2000, 3)},
    "mass": {"公斤": Fraction(1), "克": Fraction(1, 1000), "吨": Fraction(1000)},
}
#: Units that take no magnitude on a chart axis, and are never a project's strongest count: rates and spans of time.
PLAIN = frozenset({"%", "‰", "个百分点", "百分点", "天", "小时", "分钟", "秒", "个月", "年", "周", "个工作日"})
#: Units of the everyday work (the list error messages and the JSON Schema show); any other unit word is accepted.
COMMON = ("个", "人", "人次", "户", "家", "件", "项", "次", "所", "套", "台", "座", "辆", "张", "只", "名", "条",
          "处", "场", "元", "公里", "米", "平方米", "亩", "吨", "%", "‰", "个百分点", "天", "小时", "个月")
#: A unit word: up to six letters of Chinese or Latin script or signs (℃ ㎡ m² …), perhaps per another (元/吨), or
#: % or ‰. Digits, spaces, other punctuation and longer phrases are not units (a phrase belongs in the label).
_LETTERS = "[\u4e00-\u9fffA-Za-z²³㎡㎞℃°]"
UNIT_WORD = re.compile(f"{_LETTERS}{{1,6}}(?:/{_LETTERS}{{1,4}})?|[%‰]")
#: The same as a regular expression for the JSON Schema (a magnitude, then a unit word).
UNIT_PATTERN = f"^({'|'.join(p for p in MAGNITUDES if p)})?({UNIT_WORD.pattern})$"

_WORDS = {word: (family, size) for family, words in FAMILIES.items() for word, size in words.items()}


@dataclass(frozen=True)
class Unit:
    """A unit as printed, understood: magnitude prefix, unit word, the family it converts in."""

    text: str
    prefix: str
    word: str

    @property
    def family(self) -> str:
        """The name of the word's family, or the word itself when it has none (it compares only with itself)."""
        return _WORDS[self.word][0] if self.word in _WORDS else self.word

    @property
    def size(self) -> Fraction:
        """The unit's size in its family's first word: 万元 → 10000, 公里 → 1000, 亩 → 2000/3."""
        return MAGNITUDES[self.prefix] * (_WORDS[self.word][1] if self.word in _WORDS else Fraction(1))

    @property
    def plain(self) -> bool:
        """Whether the unit takes no 万/亿 on an axis (rates, spans of time)."""
        return self.word in PLAIN


def parse_unit(text: str) -> Unit | None:
    """Return the Unit of `text`, or None when it is not a unit (digits, punctuation, a phrase).

    A word the families know, or a unit word, wins over reading its first character as a magnitude: 千克 is 千 × 克,
    but 百分点 and 个百分点 are words."""
    if text in _WORDS or text in PLAIN:
        return Unit(text, "", text)
    for prefix in sorted(MAGNITUDES, key=len, reverse=True):
        if prefix and text.startswith(prefix) and UNIT_WORD.fullmatch(text[len(prefix):]):
            return Unit(text, prefix, text[len(prefix):])
    return Unit(text, "", text) if UNIT_WORD.fullmatch(text) else None


def split_unit(text: str) -> tuple[str, str] | None:
    """Return (magnitude prefix, unit word) of `text`, or None when it is not a unit."""
    unit = parse_unit(text)
    return (unit.prefix, unit.word) if unit else None


def unit_problem(text: str) -> str | None:
    """Return why `text` is not a unit, saying what to write instead; None when it is one."""
    if parse_unit(text) is not None:
        return None
    return _("{text!r} is not a unit: write the unit word as printed after the number (such as {common}, 万元, "
             "万户), at most six characters with no digits, spaces or punctuation; put any other words in the "
             "label").format(text=text, common="、".join(COMMON[:12]))


def comparable(units: list[str]) -> bool:
    """Whether figures in all of `units` can share one axis: one family, or one word."""
    parsed = [parse_unit(u) for u in units]
    return all(parsed) and len({u.family for u in parsed}) == 1  # type: ignore[union-attr]


def in_family(value: Decimal, unit: str) -> Fraction:
    """Return `value` in `unit` as an amount of its family's first word (3.5公里 → 3500)."""
    return Fraction(value) * parse_unit(unit).size  # type: ignore[union-attr]


#: Qualifiers as the source writes them, and where they stand relative to number and unit.
QUALIFIER_POSITION = {
    "余": "after_number",   # 7100余个
    "多": "after_number",   # 60多个
    "超过": "before",       # 超过90%
    "超": "before",         # 超28天
    "近": "before",         # 近万人
    "约": "before",         # 约3000人
    "左右": "after_unit",   # 70%左右
    "以上": "after_unit",   # 90%以上
    "千余": "instead",      # 千余人 (value 1000)
}
