"""Load the data folder into one validated Briefing, reporting every problem at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from reportgen.errors import DataError, Problem
from reportgen.i18n import _
from reportgen.inputs.checks import check_article, check_governance, check_ids_across
from reportgen.inputs.model import Article, Briefing, Governance, BriefingMeta
from reportgen.inputs.problems import file_problems, located, pruned
from reportgen.inputs.yamlfile import YamlFile, read_yaml, texts_of

KINDS: dict[str, type[BaseModel]] = {"briefing": BriefingMeta, "governance": Governance, "article": Article}
CHECKS = {Governance: check_governance, Article: check_article}


SUFFIXES = (".yaml", ".yml", ".xlsx")


def data_files(data_dir: Path) -> list[Path]:
    """Return the data files of `data_dir` (YAML files and workbooks) in the order they are read (by file name);
    `data_dir` may be a single workbook."""
    if data_dir.is_file() and data_dir.suffix.lower() == ".xlsx":
        return [data_dir]
    if not data_dir.is_dir():
        raise DataError([Problem(data_dir, None, "", _("data folder not found (expected a folder of *.yaml files)"))])
    files = sorted(p for p in data_dir.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file()
                   and not p.name.startswith("~$"))  # ~$name.xlsx: the lock file of a workbook open in Excel
    if not files:
        raise DataError([Problem(data_dir, None, "", _("no *.yaml data files in this folder"))])
    return files


def read_sources(data_dir: Path) -> tuple[list[YamlFile], list[Problem]]:
    """Return the data files of `data_dir`, a workbook's parts merged across workbooks, and the problems of the
    files that could not be read."""
    from reportgen.inputs.workbook.merge import merge_workbooks
    from reportgen.inputs.workbook.read import read_workbook

    problems: list[Problem] = []
    texts, books = [], []
    for path in data_files(data_dir):
        try:
            if path.suffix.lower() == ".xlsx":
                books += read_workbook(path)
            else:
                texts.append(read_yaml(path))
        except DataError as exc:
            problems.extend(exc.problems)
    books, conflicts = merge_workbooks(books)
    return texts + books, problems + conflicts


@dataclass(frozen=True)
class Loaded:
    """The validated Briefing of a data folder, and the warnings its text gives: each character an output font
    lacks (it would print as an empty box), with its file, line and field."""

    briefing: Briefing
    warnings: tuple[str, ...]


def load_data(data_dir: Path) -> Loaded:
    """Return the validated Briefing of `data_dir` with its warnings; raise DataError listing every problem."""
    from reportgen.inputs.glyphs import missing_glyphs

    briefing, files = _load_all(data_dir)
    return Loaded(briefing, tuple(w for yf, _item in files for w in (*yf.notes, *quoted_texts(yf),
                                                                     *missing_glyphs(yf))))


def quoted_texts(yf: YamlFile) -> list[str]:
    """Return a warning for each text wholly in Chinese quotation marks (“省纪委监委办公厅”): the marks would be
    printed, and are more often typed by the input method than meant."""
    from reportgen.inputs.slips import CHINESE_QUOTES

    return [str(yf.problem(loc, _("the whole text is in Chinese quotation marks {left}{right}, which will be "
                                  "printed; leave them out unless they belong to the text").format(left=left,
                                                                                                    right=right)))
            for loc, text in texts_of(yf.data, ()) for left, right in CHINESE_QUOTES
            if len(text) > 2 and text[0] == left and text[-1] == right and left not in text[1:-1]]


def load_briefing(data_dir: Path) -> Briefing:
    """Return the validated Briefing of `data_dir`; raise DataError listing every problem found."""
    return _load_all(data_dir)[0]


def _load_all(data_dir: Path) -> tuple[Briefing, list[tuple[YamlFile, BaseModel]]]:
    """Return the validated Briefing of `data_dir` and each file read with what it validated to."""
    sources, problems = read_sources(data_dir)
    files: list[tuple[YamlFile, BaseModel]] = []
    for yf in sources:
        try:
            files.append((yf, _load_file(yf)))
        except DataError as exc:
            problems.extend(exc.problems)
    problems += check_ids_across(files)
    loaded = [item for _, item in files]
    metas = [m for m in loaded if isinstance(m, BriefingMeta)]
    if not problems and len(metas) != 1:
        problems.append(Problem(data_dir, None, "", _("expected exactly one file with kind: briefing, found "
                                                      "{count}").format(count=len(metas))))
    if problems:
        raise DataError(problems)
    briefing = Briefing(
        meta=metas[0],
        governance=[m for m in loaded if isinstance(m, Governance)],
        articles=[m for m in loaded if isinstance(m, Article)],
    )
    return briefing, files


def _load_file(yf: YamlFile) -> BaseModel:
    """Validate one file against the model its `kind` names, then cross-check it."""
    if not isinstance(yf.data, dict):
        raise DataError([Problem(yf.path, 1, "", _("expected a mapping of keys at the top of the file"))])
    kind = yf.data.get("kind")
    model = KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        expected = ", ".join(KINDS)
        raise DataError([yf.problem(("kind",), _("expected one of {expected} (got {kind!r})").format(
            expected=expected, kind=kind))])
    check = CHECKS.get(model, lambda item, complete: ())
    try:
        item = model.model_validate(yf.data)
    except ValidationError as exc:
        # every problem in one run: the cross-checks still look at the parts that are valid
        partial = pruned(yf.data, model, exc)
        findings = [] if partial is None else located(yf, partial.findings(check(partial.item, False)))
        raise DataError(yf.duplicates + file_problems(yf, model, exc) + findings) from None
    findings = located(yf, check(item, True))
    if yf.duplicates or findings:
        raise DataError(yf.duplicates + findings)
    return item
