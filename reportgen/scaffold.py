"""`reportgen init`: a new briefing project with sample data and editable copies of the shipped templates."""

from __future__ import annotations

import re
import shutil
import string
from dataclasses import asdict, dataclass
from pathlib import Path

from reportgen.errors import OutputError, UsageError
from reportgen.i18n import _
from reportgen.inputs.characters import refused_character
from reportgen.resources import shipped_templates

SKELETON = Path(__file__).parent / "skeleton"
#: Characters YAML reads as syntax in a plain value; the words of a new project may not hold them.
_YAML_SIGNS = re.compile(r"[:#\[\]{},\"'&*!|>%@`\s]")


@dataclass(frozen=True)
class Office:
    """Who writes the briefing and about what: the words the sample data is written with."""

    issuer: str = "某某市人民政府办公室"
    region: str = "某某市"
    level: str = "市"
    program: str = "重点工作"
    bulletin: str = ""  # default: {program}工作简报

    def words(self) -> dict[str, str]:
        """Return the words by name, the bulletin name filled in, each checked to be plain text."""
        words = {**asdict(self), "bulletin": self.bulletin or f"{self.program}工作简报"}
        for name, word in words.items():
            why = refused_character(word) or (_("is empty") if not word else None)
            if why is None and _YAML_SIGNS.search(word):
                why = _("holds {sign!r}; write it without spaces or signs such as : # , [ ]").format(
                    sign=_YAML_SIGNS.search(word).group())
            if why:
                raise UsageError(_("--{option} {value!r}: {reason}").format(option=name, value=word, reason=why))
        return words


def scaffold(folder: Path, office: Office = Office()) -> list[Path]:
    """Write the sample data to FOLDER/data in the words of `office` and copy the shipped templates to
    FOLDER/templates; return both folders.

    Refuses to touch a folder that already has data/ or templates/, so nothing a user edited is overwritten.
    """
    words = office.words()
    data, templates = folder / "data", folder / "templates"
    existing = [str(t) for t in (data, templates) if t.exists()]
    if existing:
        raise UsageError(_("{folders} already exists; choose an empty folder (nothing was changed)").format(
            folders=", ".join(existing)))
    try:
        data.mkdir(parents=True)
        for source in sorted((SKELETON / "data").glob("*.yaml")):
            text = string.Template(source.read_text(encoding="utf-8")).substitute(words)
            (data / source.name).write_text(text, encoding="utf-8")
        shutil.copytree(shipped_templates(), templates, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))
    except OSError as exc:
        raise OutputError(_("cannot create the project in {folder}: {reason}").format(
            folder=folder, reason=exc.strerror or exc)) from None
    return [data, templates]
