"""Synthetic data sets of realistic size for benchmarks and stress tests: N projects, deterministic for a seed."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

LEADS = (
    "省教育厅", "省公安厅", "省民政厅", "省司法厅", "省财政厅", "省人力社保厅", "省自然资源厅", "省生态环境厅",
    "省建设厅", "省交通运输厅", "省水利厅", "省农业农村厅", "省商务厅", "省文化和旅游厅", "省卫生健康委",
    "省应急管理厅", "省市场监管局", "省医保局", "省信访局", "省数据局", "省税务局", "省邮政管理局",
)
PLACES = ("杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "衢州", "舟山", "台州", "丽水")
TOPICS = (
    "农村集体“三资”管理", "欠薪治理", "养老服务", "校外培训", "食品安全", "医疗服务收费", "住房公积金",
    "物业服务", "农村饮水安全", "殡葬服务", "涉企收费", "惠民惠农补贴", "交通违法处理", "社保基金",
    "城乡低保", "残疾人两项补贴", "危房改造", "电动自行车安全", "预付式消费", "政务服务“一网通办”",
)
VERBS = ("深化", "聚焦", "强化", "健全", "推动", "压实", "坚持", "完善")
AIMS = ("组织保障", "问题整改", "源头治理", "长效机制", "数字赋能", "协同联动", "群众监督", "闭环管理")
CLAUSES = (
    "全面梳理问题清单，逐项明确责任单位和整改时限",
    "建立定期会商、专项督办、限时销号等工作机制",
    "会同纪检监察机关开展联合督查，对发现的问题一盯到底",
    "运用大数据比对筛查线索，推动问题早发现早处置",
    "畅通群众投诉举报渠道，及时回应群众关切",
    "总结推广基层典型经验，推动治理成果制度化",
    "对典型案例进行通报曝光，形成有力震慑",
    "坚持边查边改、立行立改，确保整改落实到位",
)
#: (label, unit, value range): what a figure counts and how large it plausibly is.
MEASURES = (
    ("排查问题线索", "条", (50, 9000)), ("整改问题", "个", (20, 8000)), ("开展专项检查", "次", (10, 3000)),
    ("覆盖企业", "家", (30, 20000)), ("惠及群众", "万人", (1, 500)), ("追回资金", "万元", (50, 90000)),
    ("挽回经济损失", "亿元", (1, 60)), ("出台制度文件", "份", (3, 120)), ("办结群众诉求", "件", (100, 50000)),
    ("组建工作专班", "支", (5, 300)), ("处理相关人员", "人", (10, 3000)), ("满意度", "%", (80, 99)),
    ("办理时限压缩", "个工作日", (2, 30)), ("公开曝光典型案例", "起", (5, 400)), ("同比提高", "个百分点", (1, 30)),
)
QUALIFIERS = ("余", "多", "超过", "近", "约", "左右", "以上")
#: Qualifiers that read well after a decimal or a percentage (not 12.5多万人, 90余%).
ROUND_QUALIFIERS = ("超过", "近", "约", "左右", "以上")


def synth_files(projects: int, seed: int = 0) -> dict[str, dict]:
    """Return the data files of a synthetic briefing with `projects` governance projects, by file name."""
    rng = random.Random(seed)
    items = [_project(rng, i) for i in range(projects)]
    return {
        "00-briefing.yaml": {
            "kind": "briefing", "title": f"浙江省专项治理工作成果汇编（{projects}个项目）", "issuer": "省纪委监委办公厅",
            "issue": 1 + seed % 50, "date": "2025-01-20", "keywords": ["专项治理", "群众利益", "基准测试"],
        },
        "10-governance.yaml": _governance(rng, items),
        "20-article.yaml": _article(rng),
    }


def write_synth(out: Path, projects: int, seed: int = 0) -> list[Path]:
    """Write the synthetic data set into `out` (atomically, one YAML file per topic); return the paths."""
    import yaml

    from reportgen.output import write_atomic

    written = []
    for name, content in synth_files(projects, seed).items():
        text = yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=1_000_000)
        written.append(write_atomic(out / name, lambda stream, t=text: stream.write(t.encode("utf-8"))))
    return written


def _governance(rng: random.Random, projects: list[dict]) -> dict:
    """Return the governance file: intro stating the totals and counts, mechanism, projects."""
    totals = [_figure(rng, "查处群众身边腐败和作风问题", "个", 1000, 90000),
              _figure(rng, "批评教育和处理", "人", 1000, 90000),
              _figure(rng, "追缴资金", "万元", 1000, 900000)]
    departments = len({p["lead"] for p in projects})
    counts = [{"label": "精选项目", "value": len(projects), "unit": "个", "counts": "projects"},
              {"label": "牵头省级职能部门", "value": departments, "unit": "家", "counts": "departments"}]
    intro = [
        f"2024年，全省聚焦群众“急难愁盼”，精选{len(projects)}个项目，持续组织开展漠视侵害群众利益问题专项治理，"
        f"由{departments}家省级职能部门分别牵头推进。",
        "专项治理期间，共" + "，".join(f"{f['label']}{_stated(f)}" for f in totals) + "。",
    ]
    return {"kind": "governance", "id": "synthetic", "title": "漠视侵害群众利益问题专项治理工作成果（合成数据）",
            "headline": "把群众“需求清单”转化成为“满意清单”", "source": "合成数据", "year": 2024, "intro": intro,
            "mechanism": ["群众点题", "部门答题", "纪委监督", "社会评价"], "totals": totals, "figures": counts,
            "projects": projects}


def _project(rng: random.Random, index: int) -> dict:
    """Return one project with 3–5 achievements and 5–15 figures in all."""
    budget = rng.randint(5, 15)
    sizes = _split_figures(rng, budget, rng.randint(3, 5))
    achievements = [_achievement(rng, n) for n in sizes]
    if index % 3 == 0:
        achievements.append(_share_achievement(rng))
    place, topic = rng.choice(PLACES), rng.choice(TOPICS)
    return {"id": f"p{index:05d}", "name": f"{place}{topic}问题专项治理（{index + 1}）", "lead": rng.choice(LEADS),
            "achievements": achievements}


def _split_figures(rng: random.Random, total: int, parts: int) -> list[int]:
    """Return `parts` counts summing to `total`, each at least 1."""
    cuts = sorted(rng.sample(range(1, total), parts - 1)) if total > parts else list(range(1, parts))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total])]


def _achievement(rng: random.Random, figures: int) -> dict:
    """Return an achievement paragraph (60–200 characters) whose text states each of its figures."""
    chosen = [_figure(rng, label, unit, *span) for label, unit, span in rng.sample(MEASURES, figures)]
    clauses = [f"{f['label']}{_stated(f)}" for f in chosen]
    text = f"{rng.choice(CLAUSES)}，{'，'.join(clauses)}，{rng.choice(CLAUSES)}。"
    (verb, verb2), (aim, aim2) = rng.sample(VERBS, 2), rng.sample(AIMS, 2)
    return {"headline": f"{verb}{aim}，{verb2}{aim2}。",
            "text": text, "figures": chosen}


def _share_achievement(rng: random.Random) -> dict:
    """Return an achievement with a checked share: part, whole and the percentage between them."""
    whole = rng.randint(200, 5000)
    part = rng.randint(whole // 2, whole)
    share = (Decimal(part) / Decimal(whole) * 100).quantize(Decimal(1))
    figures = [{"id": "found", "label": "发现问题", "value": whole, "unit": "个"},
               {"id": "fixed", "label": "完成整改", "value": part, "unit": "个"},
               {"label": "整改率", "value": int(share), "unit": "%", "share_of": ["fixed", "found"]}]
    return {"headline": "坚持闭环管理，巩固治理成果。",
            "text": f"{rng.choice(CLAUSES)}，共发现问题{whole}个，已完成整改{part}个，整改率{share}%。",
            "figures": figures}


def _figure(rng: random.Random, label: str, unit: str, low: int, high: int) -> dict:
    """Return a figure: an integer or one-decimal value, a qualifier one time in four."""
    value: int | float = rng.randint(low, high)
    if unit in ("亿元", "万人") and rng.random() < 0.5:
        value = round(value + rng.randint(1, 9) / 10, 1)
    figure = {"label": label, "value": value, "unit": unit}
    if rng.random() < 0.25:
        plain = isinstance(value, int) and unit not in ("%", "个百分点")
        figure["qualifier"] = rng.choice(QUALIFIERS if plain else ROUND_QUALIFIERS)
    return figure


def _stated(figure: dict) -> str:
    """Return the figure as the text states it (the wording the loader checks for)."""
    from reportgen.inputs.model import Figure
    from reportgen.numbers import figure_text

    return figure_text(Figure.model_validate(figure))


def _article(rng: random.Random) -> dict:
    """Return a news article with grouped measures, listed items and figures stated in its summary."""
    figures = [_figure(rng, "受理群众诉求", "件", 1000, 90000), _figure(rng, "群众满意率", "%", 85, 99)]
    groups = [{"key": key, "heading": f"强化“{key}”的举措",
               "measures": [{"text": rng.choice(CLAUSES) + "。"} for _ in range(rng.randint(2, 4))]}
              for key in ("查", "改", "治")]
    items = [f"{place}市典型经验" for place in rng.sample(PLACES, 6)]
    return {"kind": "article", "id": "synthetic_news", "title": "各地推进群众身边不正之风和腐败问题集中整治",
            "source": "合成数据",
            "summary": [f"今年以来，各地{'，'.join(f['label'] + _stated(f) for f in figures)}，"
                        f"从“查”“改”“治”3个方面推进集中整治。"],
            "groups": groups, "items_heading": "典型经验", "items": items, "figures": figures,
            "closing": ["一分部署，九分落实。各地将持续巩固整治成果，让群众切实感受到公平正义就在身边。"]}
