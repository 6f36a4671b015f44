"""One locator for templates, audience profiles and reference files: --templates DIR, ./templates, shipped."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import reportgen
from reportgen.errors import TemplateError
from reportgen.i18n import _


def shipped_templates() -> Path:
    """Return the templates folder installed with the package (or the repository's, in a source checkout)."""
    package = Path(reportgen.__file__).parent
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


@dataclass(frozen=True)
class Locator:
    """Template roots in precedence order; the first root holding a file wins."""

    roots: tuple[Path, ...]

    @classmethod
    def default(cls, templates: Path | None = None, cwd: Path | None = None) -> Locator:
        """Return the locator for an explicit folder, then ./templates in `cwd`, then the shipped defaults."""
        candidates = [templates, (cwd or Path.cwd()) / "templates", shipped_templates()]
        roots: list[Path] = []
        for root in candidates:
            if root is not None and root.is_dir() and root.resolve() not in [r.resolve() for r in roots]:
                roots.append(root)
        return cls(tuple(roots))

    def find(self, relative: str, start: int = 0) -> Path | None:
        """Return the first existing `relative` path under the roots from index `start` on, or None."""
        found = self.locate(relative, start)
        return found[1] if found else None

    def locate(self, relative: str, start: int = 0) -> tuple[int, Path] | None:
        """Return (root index, path) of the first `relative` path from root `start` on that exists (or is a link,
        so that its reader can say where it leads), or None."""
        for index, root in enumerate(self.roots[start:], start):
            path = root / relative
            if path.exists() or path.is_symlink():
                return index, path
        return None

    def candidates(self, relative: str) -> list[Path]:
        """Return `relative` under every root, in precedence order, whether it exists or not."""
        return [root / relative for root in self.roots]

    def names(self, folder: str, suffix: str) -> list[str]:
        """Return the stems of files with `suffix` in `folder` of any root, sorted."""
        return sorted({p.stem for root in self.roots for p in (root / folder).glob(f"*{suffix}")})


def regular_file(root: Path, path: Path, limit: int | None = None) -> Path:
    """Return `path` when it is a regular file inside `root`, links followed; raise TemplateError otherwise
    (a link out of the folder, a dangling link, a folder, a device or a pipe, a file over `limit` bytes)."""
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):
        raise TemplateError(_("{path}: a link that leads nowhere; put the file itself in its place").format(
            path=path)) from None
    if not resolved.is_relative_to(root.resolve()):
        raise TemplateError(_("{path}: a link to {target}, outside the folder {root}; copy the file into the folder "
                              "instead").format(path=path, target=resolved, root=root)) from None
    if not resolved.is_file():
        raise TemplateError(_("{path}: not a regular file; put a text file of that name in its place").format(
            path=path))
    if limit is not None and resolved.stat().st_size > limit:
        raise TemplateError(_("{path}: {size:,} bytes; a template is at most {limit:,} bytes").format(
            path=path, size=resolved.stat().st_size, limit=limit))
    return path
