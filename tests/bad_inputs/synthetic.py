"""A valid synthetic data set of any size: every figure stated in its text, counts matching the lists."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

LEADS = ("省教育厅", "省公安厅", "省民政厅", "省人力社保厅", "省生态环境厅", "省农业农村厅", "省卫生健康委", "省市场监管局")


def write_synthetic(folder: Path, projects: int, seed: int = 8, articles: int = 3) -> Path:
    """Write a data folder with `projects` governance projects and `articles` news items; return the folder."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    _dump(folder / "00-briefing.yaml", {
        "kind": "briefing", "title": "合成数据专项治理工作简报", "issuer": "省纪委监委办公厅", "issue": 3,
        "date": "2025-03-06", "keywords": ["合成数据", "专项治理"],
    })
    project_list = [_project(i, rng) for i in range(projects)]
    total = sum(f["value"] for p in project_list for a in p["achievements"] for f in a["figures"][:1])
    _dump(folder / "10-governance.yaml", {
        "kind": "governance", "id": "synthetic", "title": "合成数据专项治理工作成果", "headline": "合成数据",
        "source": "测试生成", "year": 2024,
        "intro": [f"2024年，精选{projects}个项目开展专项治理，共开展检查{total}次。"],
        "mechanism": ["群众点题", "部门答题", "纪委监督", "社会评价"],
        "totals": [{"label": "开展检查", "value": total, "unit": "次"}],
        "figures": [{"label": "精选项目", "value": projects, "unit": "个", "counts": "projects"}],
        "projects": project_list,
    })
    for k in range(articles):
        _dump(folder / f"{20 + k}-article.yaml", _article(k, rng))
    return folder


def _project(i: int, rng: random.Random) -> dict:
    """One project with three achievements, each stating three figures."""
    achievements = []
    for j in range(3):
        checks, fixed, share = rng.randint(10, 9999), rng.randint(10, 999), rng.randint(50, 99)
        text = (f"第{j + 1}阶段开展检查{checks}次，解决问题{fixed}余个，群众满意度超过{share}%，"
                + "持续巩固治理成效，建立长效机制，" * rng.randint(1, 4))
        achievements.append({
            "headline": f"坚持问题导向，推进第{j + 1}项任务。", "text": text,
            "figures": [
                {"label": "开展检查", "value": checks, "unit": "次"},
                {"label": "解决问题", "value": fixed, "unit": "个", "qualifier": "余"},
                {"label": "群众满意度", "value": share, "unit": "%", "qualifier": "超过"},
            ],
        })
    return {"id": f"p{i:04d}", "name": f"第{i + 1}个合成专项治理项目", "lead": LEADS[i % len(LEADS)],
            "achievements": achievements}


def _article(k: int, rng: random.Random) -> dict:
    """A news item with two groups of measures and a counted list of items."""
    items = [f"合成名录第{n + 1}项" for n in range(rng.randint(3, 12))]
    return {
        "kind": "article", "id": f"article_{k}", "title": f"合成要闻第{k + 1}条", "source": "测试生成",
        "summary": [f"本条要闻列出{len(items)}项名录。"],
        "groups": [{"heading": f"方向{g + 1}", "measures": [{"text": f"措施{g + 1}-{m + 1}，推进落实。"}
                                                          for m in range(3)]} for g in range(2)],
        "items_heading": "名录", "items": items,
        "figures": [{"label": "名录", "value": len(items), "unit": "项", "counts": "items"}],
    }


def _dump(path: Path, content: dict) -> None:
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
