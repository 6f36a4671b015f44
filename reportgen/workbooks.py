"""`reportgen workbook` and `reportgen convert`: the data as fill-in workbooks for the departments, and a
workbook back as YAML data files (each part saying which sheet and row it came from)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import yaml

from reportgen.errors import OutputError
from reportgen.i18n import _
from reportgen.inputs.workbook.rows import files_of
from reportgen.inputs.yamlfile import Cell
from reportgen.output import batch, write_atomic
from reportgen.reproducible import source_date_epoch

NO_LEAD = "未写明牵头单位"
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def write_workbooks(data: Path | None, out: Path, per_department: bool = False, force: bool = False) -> list[Path]:
    """Write the fill-in workbook of the data at `data` (an empty one for None) to `out`, or with
    `per_department` one workbook per lead department into the folder `out`; return the paths written. An
    existing workbook is never overwritten without `force` (it may hold what someone filled in)."""
    from reportgen.inputs.loader import load_briefing
    from reportgen.inputs.workbook.write import workbook_bytes

    briefing = load_briefing(data) if data is not None else None
    files = files_of(briefing) if briefing else {"briefing": {"kind": "briefing"}, "governance": [], "article": []}
    created = source_date_epoch() or dt.datetime.combine(briefing.meta.date if briefing else dt.date(2025, 1, 1),
                                                         dt.time())
    leads = sorted({p.lead for g in briefing.governance for p in g.projects if p.lead}) if briefing else []
    books = {out: files}
    if per_department:
        mine = {lead: _of_department(files, lead) for lead in [*leads, NO_LEAD]}
        books = {out / f"{_file_name(lead)}.xlsx": part for lead, part in mine.items() if part["governance"]}
    _refuse_existing(list(books), force)
    with batch():
        for path, content in books.items():
            data_bytes = workbook_bytes(content, created, leads)
            write_atomic(path, lambda stream, data_bytes=data_bytes: stream.write(data_bytes))
    return list(books)


def _of_department(files: dict, lead: str) -> dict:
    """Return the data files with only the projects `lead` leads (NO_LEAD: those without a lead department),
    each work that has none left out, and no articles (the office writes those)."""
    governance = []
    for work in files["governance"]:
        mine = [p for p in work.get("projects", []) if p.get("lead", NO_LEAD) == lead]
        if mine:
            governance.append({**work, "projects": mine})
    return {"briefing": files["briefing"], "governance": governance, "article": []}


def _file_name(name: str) -> str:
    """Return `name` as a file name on every system (省教育厅 stays as it is)."""
    return _UNSAFE_NAME.sub("_", name).strip(" .") or "_"


class _Dumper(yaml.SafeDumper):
    """YAML as a person writes it: figures with their printed digits (18.60), pairs as lists, no line folding."""


_Dumper.add_representer(Decimal, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:int" if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else
    "tag:yaml.org,2002:float", format(value, "f")))
_Dumper.add_representer(tuple, lambda dumper, value: dumper.represent_list(value))


def convert_to_yaml(workbook: Path, folder: Path, force: bool = False) -> list[Path]:
    """Write the data of `workbook` (checked as a build checks it) as YAML data files into `folder`: the
    briefing's information, then each work and each article, every project saying which row it came from. A
    file already there is never replaced without `force`."""
    from reportgen.inputs.loader import load_briefing, read_sources

    load_briefing(workbook)  # every problem, before anything is written
    sources, _problems = read_sources(workbook)
    texts = {}
    for number, yf in enumerate(sources):
        name = "00-briefing" if yf.data["kind"] == "briefing" else f"{number * 10:02d}-{_file_name(yf.data['id'])}"
        texts[folder / f"{name}.yaml"] = _commented(yf, yaml.dump(yf.data, Dumper=_Dumper, allow_unicode=True,
                                                                  sort_keys=False, width=10_000))
    _refuse_existing(list(texts), force)
    with batch():
        for target, text in texts.items():
            write_atomic(target, lambda stream, text=text: stream.write(text.encode("utf-8")))
    return list(texts)


def _refuse_existing(paths: list[Path], force: bool) -> None:
    """Raise OutputError when one of `paths` exists and `force` is not given."""
    existing = [path for path in paths if path.exists()]
    if existing and not force:
        raise OutputError(_("{path} already exists and may hold what someone filled in; give another --out, or "
                            "add --force to replace it").format(path=existing[0]))


def _commented(yf, text: str) -> str:
    """Return the YAML `text` of a workbook's data file with a first line naming the workbook and a comment
    before each project naming its sheet and row."""
    head = _("# converted from {workbook} by reportgen convert").format(workbook=yf.path.name)
    rows = {p.get("id"): yf.lines.get(("projects", k)) for k, p in enumerate(yf.data.get("projects", []))}
    lines = []
    for line in text.splitlines():
        found = re.match(r"^(\s*)- id: (.+)$", line)
        cell = rows.get(found.group(2).strip("'\"")) if found else None
        if isinstance(cell, Cell):
            lines.append(f"{found.group(1)}# {cell.where}")
        lines.append(line)
    return "\n".join([head, *lines]) + "\n"
