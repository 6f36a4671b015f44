"""One font policy: which typeface each role uses in the briefing and the deck."""

from __future__ import annotations

from types import MappingProxyType

#: Role → East Asian typeface, as offices name them. Latin text uses LATIN.
DOCX_FONTS = MappingProxyType({
    "body": "仿宋_GB2312",
    "title": "方正小标宋简体",
    "heading1": "黑体",
    "heading2": "楷体_GB2312",
    "heading3": "仿宋_GB2312",
    "heading4": "仿宋_GB2312",
    "page_number": "宋体",
    "table": "仿宋_GB2312",
    "table_header": "黑体",
    "source": "楷体_GB2312",
})
DECK_FONTS = MappingProxyType({"title": "微软雅黑", "body": "微软雅黑"})
LATIN = "Times New Roman"
DECK_LATIN = "Arial"
