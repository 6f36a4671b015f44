"""Read one YAML data file into plain Python data plus the line of every key and list item."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from reportgen.errors import DataError, Problem

Loc = tuple[str | int, ...]
#: libyaml's parser when PyYAML was built with it (about 8 times faster on a 1000-project file), else pure Python.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class YamlFile:
    """The parsed content of one file and where each value sits in it."""

    path: Path
    data: Any
    lines: dict[Loc, int]
    duplicates: list[Problem]

    def line_of(self, loc: Loc) -> int | None:
        """Return the line of `loc`, or of its nearest enclosing key when `loc` itself is absent."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return None


def read_yaml(path: Path) -> YamlFile:
    """Return the parsed file (duplicate keys listed in it); raise DataError naming the line for bad encoding or syntax."""
    text = _decode(path)
    loader = None
    try:
        loader = _Loader(text)  # the pure-Python reader checks characters here, libyaml while parsing
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.reader.ReaderError as exc:
        line = text[: text.find(chr(exc.character))].count("\n") + 1
        message = f"character U+{exc.character:04X} is not allowed in a data file (control characters cannot be printed)"
        raise DataError([Problem(path, line, "", message)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise DataError([Problem(path, line, "", f"YAML syntax error: {exc.problem or exc.context}")]) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem(path, None, "", f"YAML error: {exc}")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    lines: dict[Loc, int] = {(): 1}
    duplicates: list[Problem] = []
    if node is not None:
        _index(node, (), lines, duplicates, path)
    return YamlFile(path, data, lines, duplicates)


def _decode(path: Path) -> str:
    """Return the file's text; UTF-8 (with or without BOM) only, with a clear word for GBK files."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        try:
            raw.decode("gb18030")
            hint = "the file looks GBK/GB18030-encoded; save it as UTF-8"
        except UnicodeDecodeError:
            hint = "save it as UTF-8"
        raise DataError([Problem(path, line, "", f"not valid UTF-8 (byte 0x{raw[exc.start]:02X}); {hint}")]) from None


def _index(node: yaml.Node, loc: Loc, lines: dict[Loc, int], dups: list[Problem], path: Path) -> None:
    """Record the line of every mapping key and sequence item under `node`."""
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            sub = (*loc, key)
            if key in seen:
                dups.append(Problem(path, key_node.start_mark.line + 1, dotted(sub), "duplicate key"))
            seen.add(key)
            lines[sub] = key_node.start_mark.line + 1
            _index(value_node, sub, lines, dups, path)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[(*loc, i)] = item.start_mark.line + 1
            _index(item, (*loc, i), lines, dups, path)


def dotted(loc: Loc) -> str:
    """Return a field path as users read it: projects[2].figures[0].value."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out

