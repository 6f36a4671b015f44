"""The fill-in workbook as a form of the data files: which sheet holds which part, and each column's field.

One table (`SHEETS`) serves both directions: `write.py` lays the data files out along it, `read.py` builds the
same data files back from it. A sheet holds the rows of one list of a data file kind, placed by its owner
columns (the file's id, a project's id, a paragraph's number); its columns are fields of the row's item, a
dotted key for a nested one (change.basis) and a numbered one for a pair (share_of.0).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import get_args

from reportgen.inputs.model import Classification, Qualifier

TEXT, NUMBER, INTEGER, DATE, YESNO, CHOICE, IDS, LINES = "text", "number", "integer", "date", "yesno", "choice", \
    "ids", "lines"
YES, NO = "是", "否"
#: Units offered in the drop-down list of a unit cell (any other unit may still be typed).
COMMON_UNITS = ("个", "人", "人次", "户", "家", "件", "项", "起", "次", "条", "份", "所", "座", "处", "套", "辆", "支",
                "名", "类", "批", "元", "万元", "亿元", "公里", "亩", "万亩", "吨", "平方米", "%", "个百分点")
QUALIFIERS = get_args(Qualifier)
CLASSIFICATIONS = get_args(Classification)


@dataclass(frozen=True)
class Column:
    """One column: the field it fills, its header, what a cell holds, and a short help shown on the cell."""

    key: str
    header: str
    kind: str = TEXT
    note: str = ""
    width: int = 14
    choices: tuple[str, ...] = ()  # a drop-down list (CHOICE); for a unit, the common ones
    required: bool = False


@dataclass(frozen=True)
class Owner:
    """An owner column: which item of the list `field` the row belongs to, by its `id` or by its number."""

    field: str | None  # None: the data file itself, found by its id
    header: str
    by_id: bool = True
    note: str = ""


@dataclass(frozen=True)
class Sheet:
    """One sheet: the rows of list `field` (or, with `lists`, of the text lists it names) of each `kind` file."""

    name: str
    kind: str
    owners: tuple[Owner, ...]
    field: str | None  # None: the file itself, one row per file
    columns: tuple[Column, ...]
    note: str
    lists: dict[str, str] = field(default_factory=dict)  # several lists in one sheet: 类别 word → list field

    @property
    def headers(self) -> list[str]:
        return [o.header for o in self.owners] + ([CATEGORY] if self.lists else []) + [c.header for c in self.columns]


CATEGORY = "类别"


def _figure_columns() -> tuple[Column, ...]:
    return (
        Column("id", "数字编号", note="只有别的数字或图表要引用这个数字时才需要填，如 money_telecom", width=14),
        Column("label", "名称", note="统计的是什么，照原文写，如：查处群众身边腐败和作风问题", width=30, required=True),
        Column("value", "数值", NUMBER, "只填数字，照原文的写法（14.8亿元填 14.8）；“余”“约”等写在限定词列",
               width=10, required=True),
        Column("unit", "单位", CHOICE, "数字后面的单位，如 个、人、万元、%；列表里没有的可以直接输入", 8, COMMON_UNITS,
               required=True),
        Column("qualifier", "限定词", CHOICE, "原文在数字上加的词：余、多、超过 …；没有就空着", 8, QUALIFIERS),
        Column("share_of.0", "占比分子", note="这个数字是比例时：分子数字的编号", width=12),
        Column("share_of.1", "占比分母", note="这个数字是比例时：分母数字的编号", width=12),
        Column("target", "目标", NUMBER, "同一单位的年度目标（80%填 80）", 8),
        Column("plan", "计划数", NUMBER, "原文写明的计划数，同一单位", 8),
        Column("counts", "计数", CHOICE, "这个数字数的是下面列出的什么：projects 项目、departments 单位 …", 12,
               ("projects", "departments", "groups", "measures", "items")),
        Column("listed", "列出条数", INTEGER, "与“计数”一起：文中只列出了其中这么多条", 8),
        Column("change.basis", "比较基准", note="这个数字是变化量时：同比、较上月、比年度计划 …", width=10),
        Column("change.direction", "变化方向", CHOICE, "up 增长、down 下降、flat 持平", 8, ("up", "down", "flat")),
    )


FIGURES = _figure_columns()
GOVERNANCE_ID = Owner(None, "专项编号", note="这一行属于哪项工作：填「专项」表里的编号")
ARTICLE_ID = Owner(None, "文章编号", note="这一行属于哪篇文章：填「文章」表里的编号")
PROJECT_ID = Owner("projects", "项目编号", note="这一行属于哪个项目：填「项目」表里的项目编号")
CLASSIFICATION = Column("classification", "密级", CHOICE, "公开：可以印发；内部：只在内部版本出现", 8,
                        CLASSIFICATIONS)

SHEETS: tuple[Sheet, ...] = (
    Sheet("专项", "governance", (), None, (
        Column("id", "编号", note="字母、汉字、数字和下划线，以字母或汉字开头，如 zhejiang_2024", width=16, required=True),
        Column("title", "标题", width=40, required=True),
        Column("headline", "标题句", note="原文的主题句，没有就空着", width=30),
        Column("source", "来源", note="发布这份材料的单位或媒体", width=18),
        Column("source_address", "来源网址", width=24),
        Column("source_date", "发布日期", DATE, width=12),
        Column("year", "年度", INTEGER, "这份成果所属的年度，如 2024", 8, required=True),
        CLASSIFICATION,
    ), "每项工作（专项治理、民生实事 …）一行：其余各表用“专项编号”指向这里。"),
    Sheet("导语", "governance", (GOVERNANCE_ID,), None, (
        Column("text", "内容", note="一段原文，一行一段", width=80, required=True),
    ), "导语和工作机制，一行一段，按原文顺序。", lists={"导语": "intro", "工作机制": "mechanism"}),
    Sheet("总体数字", "governance", (GOVERNANCE_ID,), None, FIGURES,
          "全文层面的数字：总数（导语中的全省/全市总数）和全文数字（如“精选项目8个”）。",
          lists={"总数": "totals", "全文数字": "figures"}),
    Sheet("项目", "governance", (GOVERNANCE_ID,), "projects", (
        Column("id", "项目编号", note="如 education、教育；「成果段落」「数字」表用它指向这个项目", width=16,
               required=True),
        Column("name", "项目名称", width=36, required=True),
        Column("lead", "牵头单位", CHOICE, "原文写的牵头单位，如 省教育厅", 16),
        Column("lead_stated", "写明牵头单位", YESNO, "原文印出了牵头单位填“是”；按职责推定的填“否”", 8),
        Column("status", "状态", note="原文对完成情况的说法：按计划完成、已建成投用 …", width=14),
        CLASSIFICATION,
    ), "每个项目一行，按原文顺序。"),
    Sheet("成果段落", "governance", (PROJECT_ID,), "achievements", (
        Column("#", "段落序号", INTEGER, "这个项目的第几段：1、2、3 …", 8, required=True),
        Column("headline", "标题句", note="段落开头加粗的一句，没有就空着", width=30),
        Column("text", "正文", note="段落原文", width=80, required=True),
        CLASSIFICATION,
    ), "每个项目的成果段落，一行一段。"),
    Sheet("数字", "governance", (PROJECT_ID, Owner("achievements", "段落序号", by_id=False)), "figures", FIGURES,
          "成果段落中写到的数字，一行一个：每个数字都必须在它所在的段落里写到。"),
    Sheet("图表", "governance", (GOVERNANCE_ID,), "charts", (
        Column("title", "图表标题", width=30, required=True),
        Column("figures", "数字编号", IDS, "要放在一张图上比较的数字编号，用顿号（、）分开", 30, required=True),
        Column("labels", "图中名称", LINES, "每个数字在图中的名称，一行一个（Alt+回车换行）；空着则用数字的名称", 30),
        Column("kind", "图形", CHOICE, "barh 横条图，bar 柱状图", 8, ("barh", "bar")),
        Column("sort", "排序", CHOICE, "given 按填写顺序，descending 从大到小", 10, ("given", "descending")),
    ), "数据指定的图表（其余图表按数据自动生成）。"),
    Sheet("文章", "article", (), None, (
        Column("id", "编号", note="字母、汉字、数字和下划线，如 political_legal", width=16, required=True),
        Column("title", "标题", width=36, required=True),
        Column("subtitle", "副标题", width=30),
        Column("source", "来源", width=18, required=True),
        Column("items_heading", "条目标题", note="条目前的小标题，没有就空着", width=20),
        CLASSIFICATION,
    ), "每篇要闻文章一行。"),
    Sheet("文章段落", "article", (ARTICLE_ID,), None, (
        Column("text", "内容", width=80, required=True),
    ), "文章的摘要、条目和结尾，一行一段，按原文顺序。",
          lists={"摘要": "summary", "条目": "items", "结尾": "closing"}),
    Sheet("文章措施", "article", (ARTICLE_ID, Owner("groups", "方面序号", by_id=False)), "measures", (
        Column("group.key", "方面简称", note="如 惩、防、管；同一方面只在第一行填", width=8),
        Column("group.heading", "方面标题", note="同一方面只在第一行填", width=24),
        Column("name", "措施名称", width=14),
        Column("text", "措施内容", width=60, required=True),
    ), "文章按方面列出的措施，一行一条。"),
    Sheet("文章数字", "article", (ARTICLE_ID,), "figures", FIGURES, "文章中写到的数字，一行一个。"),
)

#: The briefing's own fields, one row each (a list field one row per item): (field, 项目 word, kind, note).
BRIEFING_SHEET = "简报信息"
BRIEFING_ROWS: tuple[tuple[str, str, str, str], ...] = (
    ("title", "标题", TEXT, "本期简报的标题"),
    ("issuer", "编印单位", TEXT, "如 省纪委监委办公厅"),
    ("bulletin", "简报名称", TEXT, "报头的简报名称，如 专项治理工作简报"),
    ("issue", "期号", INTEGER, "第几期"),
    ("issue_total", "总期号", INTEGER, "总第几期，没有就空着"),
    ("date", "日期", DATE, "印发日期"),
    ("region", "地区", TEXT, "如 浙江省、万州区"),
    ("level", "层级", TEXT, "一个字：省、市、州、县、区 …"),
    ("program", "工作名称", TEXT, "如 专项治理、民生实事"),
    ("keywords", "关键词", TEXT, "一行一个"),
    ("recipients.报", "报", TEXT, "报尾“报”的单位，一行一个"),
    ("recipients.送", "送", TEXT, "报尾“送”的单位，一行一个"),
    ("recipients.发", "发", TEXT, "报尾“发”的单位，一行一个"),
    ("recipients.本期增发", "本期增发", TEXT, "一行一个"),
)
BRIEFING_LISTS = frozenset({"keywords", "recipients.报", "recipients.送", "recipients.发", "recipients.本期增发"})
ITEM, CONTENT = "项目", "内容"
GUIDE_SHEET = "说明"
