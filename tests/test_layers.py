"""The import graph: no circle, and no arrow from a lower floor to a higher one (imports inside functions count)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "reportgen"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Return every module `path` imports, at any depth of its code (relative imports resolved)."""
    found = set()
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


GRAPH = {module_name(p): imports(p) for p in sorted(PACKAGE.rglob("*.py"))}
MODULES = set(GRAPH)


def edges(name: str) -> set[str]:
    """Return the reportgen modules `name` imports (a package's own submodules it names count as the package)."""
    return {m for m in GRAPH[name] if m in MODULES and m != name}


def test_no_import_circle():
    seen, stack, cycles = set(), [], []

    def visit(name):
        if name in stack:
            cycles.append(stack[stack.index(name):] + [name])
            return
        if name in seen:
            return
        seen.add(name)
        stack.append(name)
        for other in sorted(edges(name)):
            visit(other)
        stack.pop()

    for name in sorted(MODULES):
        visit(name)
    assert cycles == []


@pytest.mark.parametrize(("lower", "higher"), [
    ("reportgen.writers", "reportgen.api"), ("reportgen.writers", "reportgen.cli"),
    ("reportgen.executors", "reportgen.api"), ("reportgen.executors", "reportgen.cli"),
    ("reportgen.build", "reportgen.api"), ("reportgen.build", "reportgen.cli"),
    ("reportgen.distribute", "reportgen.cli"), ("reportgen.distribute", "click"),
    ("reportgen.writers", "reportgen.compose"), ("reportgen.writers", "reportgen.inputs"),
    ("reportgen.compose", "docx"), ("reportgen.compose", "pptx"), ("reportgen.compose", "matplotlib"),
    ("reportgen.compose", "reportgen.writers"),
])
def test_a_lower_floor_never_imports_a_higher_one(lower, higher):
    offenders = {name: sorted(m for m in GRAPH[name] if m == higher or m.startswith(higher + "."))
                 for name in MODULES if name == lower or name.startswith(lower + ".")}
    assert {name: found for name, found in offenders.items() if found} == {}


def test_inputs_import_nothing_above_them():
    allowed = ("reportgen.inputs", "reportgen.errors", "reportgen.units", "reportgen.numbers", "reportgen.fonts",
               "reportgen.i18n", "reportgen.nearest", "reportgen.safezip")
    found = {name: sorted(m for m in GRAPH[name] if m.startswith("reportgen") and not m.startswith(allowed))
             for name in MODULES if name.startswith("reportgen.inputs")}
    assert {name: mods for name, mods in found.items() if mods} == {}


def test_no_module_is_over_400_lines():
    long = {module_name(p): n for p in PACKAGE.rglob("*.py") if (n := len(p.read_text().splitlines())) > 400}
    assert long == {}
