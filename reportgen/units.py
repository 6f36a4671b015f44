"""Units and qualifiers a figure may carry: the vocabulary shared by the data model, wording and charts."""

from __future__ import annotations

#: Units a figure may carry. A magnitude prefix (万, 亿) may stand before any of them: 万元, 1.9万家.
BASE_UNITS = (
    "个", "人", "家", "份", "次", "项", "条", "件", "场", "处", "支", "篇", "起", "组", "类", "大类",
    "方面", "种", "辆", "名", "批次", "天", "小时", "个月", "个工作日", "元", "%", "个百分点",
)
#: Magnitude prefix → its factor ("" for none).
MAGNITUDES = {"": 1, "万": 10_000, "亿": 100_000_000}

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


def split_unit(unit: str) -> tuple[str, str] | None:
    """Return (magnitude prefix, base unit) of `unit`, or None when it is not a known unit."""
    if unit in BASE_UNITS:
        return "", unit
    if unit[:1] in MAGNITUDES and unit[1:] in BASE_UNITS:
        return unit[:1], unit[1:]
    return None
