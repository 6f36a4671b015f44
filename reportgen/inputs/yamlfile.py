"""Read one YAML data file into plain Python data plus the line of every key and list item."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from reportgen.errors import DataError, Problem
from reportgen.i18n import _
from reportgen.inputs.slips import slip_before

Loc = tuple[str | int, ...]
#: libyaml's parser when PyYAML was built with it (about 8 times faster on a 1000-project file), else pure Python.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 10 * 2**20  # a data file; the whole shipped data set is under 40 KB


class _Loader(_Base):
    """The safe loader with exact numbers; aliases are refused on the composed nodes (see _refuse_aliases)."""

    def construct_yaml_int(self, node):
        try:
            return super().construct_yaml_int(node)
        except ValueError:  # Python refuses to convert integers of more than 4300 digits
            raise yaml.constructor.ConstructorError(None, None, _("a number of {digits} digits cannot be read").format(
                digits=len(node.value)), node.start_mark) from None


    def construct_yaml_float(self, node):
        try:  # exact: 0.1 stays 0.1 and a 17-digit figure keeps every digit (a float would round it)
            return Decimal(self.construct_scalar(node).replace("_", ""))
        except InvalidOperation:  # .inf, .nan, 1:30.5 — YAML's own reading (the model refuses what is not finite)
            return super().construct_yaml_float(node)


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_yaml_float)
# Dates stay text here, so a bad one (2025-02-30) is reported by the model with its field and line.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_scalar)


@dataclass(frozen=True)
class YamlFile:
    """The parsed content of one file and where each value sits in it."""

    path: Path
    data: Any
    lines: dict[Loc, int | Cell]  # a workbook's data: the workbook and cell of each value
    duplicates: list[Problem]
    notes: tuple[str, ...] = ()  # what the reader accepted but the user should know (a GB18030 file)

    def line_of(self, loc: Loc) -> int | Cell | None:
        """Return the line (or cell) of `loc`, or of its nearest enclosing key when `loc` itself is absent."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return None

    def problem(self, loc: Loc, message: str) -> Problem:
        """Return a Problem at `loc`: this file and the line, or the workbook and the cell the value came from."""
        place = self.line_of(loc)
        if isinstance(place, Cell):
            return Problem(place.workbook, place.where, field_words(loc), message)
        return Problem(self.path, place, field_words(loc), message)

    def place(self, loc: Loc) -> str:
        """Return where `loc` is, as a message names it: 10-governance.yaml:27, or 教育厅.xlsx 「数字」表 D7."""
        place = self.line_of(loc)
        if isinstance(place, Cell):
            return f"{place.workbook.name} {place.where}"
        return f"{self.path.name}:{place}"


@dataclass(frozen=True)
class Cell:
    """Where a value of a workbook's data was read: the workbook, and the sheet and cell as a message says it."""

    workbook: Path
    where: str  # 「数字」表 D7


def read_yaml(path: Path) -> YamlFile:
    """Return the parsed file (duplicate keys listed in it); raise DataError naming the line for bad encoding or syntax."""
    text, notes = _decode(path)
    loader = None
    try:
        loader = _Loader(text)  # the pure-Python reader checks characters here, libyaml while parsing
        node = loader.get_single_node()
        _refuse_aliases(node)
        data = loader.construct_document(node) if node is not None else None
        lines, duplicates = _locate(node, loader, path)
    except yaml.reader.ReaderError as exc:
        line = text[: text.find(chr(exc.character))].count("\n") + 1
        message = _("character U+{code:04X} is not allowed in a data file (control characters cannot be printed); "
                    "delete it").format(code=exc.character)
        raise DataError([Problem(path, line, "", message)]) from None
    except yaml.MarkedYAMLError as exc:
        raise DataError([_syntax_problem(path, text, exc)]) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem(path, None, "", _("YAML error: {error}").format(error=exc))]) from None
    except RecursionError:
        raise DataError([Problem(path, None, "", _("nested too deeply to be a data file"))]) from None
    except (ValueError, OverflowError) as exc:  # a scalar YAML accepts but Python cannot hold
        raise DataError([Problem(path, None, "", _("value cannot be read: {error}").format(error=exc))]) from None
    finally:
        if loader is not None:
            loader.dispose()
    return YamlFile(path, data, lines, duplicates, notes)


def _syntax_problem(path: Path, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """Return the Problem of a YAML error: the typing slip on or before the line YAML stopped at, on its own
    line, when there is one (YAML reports a full-width colon a line late, in its own words), else YAML's words."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    found = slip_before(text, line)
    syntax = isinstance(exc, yaml.scanner.ScannerError | yaml.parser.ParserError)
    if found and syntax:
        return Problem(path, found[0], "", _("YAML syntax error: {slip}").format(slip=found[1]))
    detail = str(exc.problem or exc.context)
    message = (_("YAML syntax error: {detail}") if syntax else _("YAML error: {detail}")).format(detail=detail)
    return Problem(path, line, "", message)


def _locate(node: yaml.Node | None, loader: _Loader, path: Path) -> tuple[dict[Loc, int], list[Problem]]:
    """Return the line of every key and list item under `node`, and the keys given twice."""
    lines: dict[Loc, int] = {(): 1}
    duplicates: list[Problem] = []
    if node is not None:
        _index(node, (), lines, duplicates, path, loader)
    return lines, duplicates


def _refuse_aliases(node: yaml.Node | None) -> None:
    """Raise a composer error at the first alias (*name): a node that appears twice in the tree.

    Data files spell every value out, so a small file cannot expand into a huge one (no "billion laughs")."""
    seen: set[int] = set()
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if id(current) in seen:
            raise yaml.composer.ComposerError(None, None, _("aliases (*name) are not allowed in data files; "
                                                            "write the value out"), current.start_mark)
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            stack.extend(part for pair in current.value for part in pair)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def _decode(path: Path) -> tuple[str, tuple[str, ...]]:
    """Return the file's text and what to tell about it: UTF-8 (with or without BOM), or GB18030/GBK (what
    Chinese Windows saves by default) with a note suggesting UTF-8."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DataError([Problem(path, None, "", _("the file is {size:.1f} MB; data files are limited to {limit} MB "
                                                   "(split it into several files)").format(
                                                       size=size / 2**20, limit=MAX_FILE_BYTES // 2**20))])
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig"), ()
    except UnicodeDecodeError as exc:
        try:
            return raw.decode("gb18030"), (_("{path}: read as GB18030 (GBK); saving it as UTF-8 is safer (in "
                                             "Notepad: 另存为 → 编码 UTF-8)").format(path=path),)
        except UnicodeDecodeError:
            line = raw[: exc.start].count(b"\n") + 1
            raise DataError([Problem(path, line, "", _("not valid UTF-8 (byte 0x{byte:02X}); save it as "
                                                       "UTF-8").format(byte=raw[exc.start]))]) from None


def _index(node: yaml.Node, loc: Loc, lines: dict[Loc, int], dups: list[Problem], path: Path,
           loader: _Loader) -> None:
    """Record the line of every mapping key and sequence item under `node`, each key as the data holds it
    (`1:` is the number 1, `yes:` the boolean True)."""
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node) if isinstance(key_node, yaml.ScalarNode) else key_node.value
            sub = (*loc, key)
            if key in seen:
                message = _("duplicate key") if key == key_node.value else _(
                    "duplicate key ({written} is read as {key!r}, like an earlier key)").format(
                        written=key_node.value, key=key)
                dups.append(Problem(path, key_node.start_mark.line + 1, field_words(sub), message))
            seen.add(key)
            lines[sub] = key_node.start_mark.line + 1
            _index(value_node, sub, lines, dups, path, loader)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[(*loc, i)] = item.start_mark.line + 1
            _index(item, (*loc, i), lines, dups, path, loader)


def field_words(loc: Loc) -> str:
    """Return a field path in the words of the language spoken: projects[1].figures[0].value in English, and in
    Chinese the words of the data files' comments, the last key kept: 第2个项目的第1个数字的数值（value）."""
    from reportgen.i18n import language, pgettext

    if language() == "en" or not loc:
        return dotted(loc)
    words: list[str] = []
    for k, part in enumerate(loc):
        if isinstance(part, int):
            continue
        name = pgettext("field", str(part))
        if name == str(part):  # a key of no model (misspelt): as written
            name = f"“{part}”"
        elif k == len(loc) - 1:
            name = f"{name}（{part}）"
        index = loc[k + 1] if k + 1 < len(loc) and isinstance(loc[k + 1], int) else None
        words.append(name if index is None else pgettext("field", "item {n} of {field}").format(n=index + 1,
                                                                                               field=name))
    return pgettext("field", " › ").join(words)


def dotted(loc: Loc) -> str:
    """Return a field path as users read it: projects[2].figures[0].value."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def texts_of(value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """Yield (location, text) of every string in the parsed YAML `value`."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts_of(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from texts_of(item, (*loc, i))
