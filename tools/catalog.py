"""Keep the message catalogs in step with the code: python tools/catalog.py [--check | --merge FILE.po …].

Extracts every ``_()`` / ``ngettext()`` message of reportgen and every message of click (its help and error texts),
merges them into ``reportgen/locale/zh_CN/LC_MESSAGES/reportgen.po`` (translations kept, new messages added
untranslated, gone ones dropped) and compiles the .mo beside it. With ``--check`` nothing is written: it lists the
messages without a translation and says whether the .po or the .mo is out of date, and exits 1 if anything is.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import click
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "reportgen"
PO = PACKAGE / "locale" / "zh_CN" / "LC_MESSAGES" / "reportgen.po"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}  # reportgen's and click's own
FIXED_DATE = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)


def extracted() -> list[str | tuple[str, str]]:
    """Return every message of reportgen and of click, in a stable order, each once."""
    found: dict[str | tuple[str, str], None] = {}
    for folder, keywords in ((PACKAGE, KEYWORDS), (Path(click.__file__).parent, KEYWORDS)):
        for _, _, message, _, context in extract_from_dir(str(folder), keywords=keywords, comment_tags=()):
            found[(context, message)] = None
    return sorted(found, key=lambda m: (m[0] or "", m[1] if isinstance(m[1], str) else m[1][0]))


#: The modules whose pydantic models name the fields a user writes: messages name each field in Chinese words.
MODEL_MODULES = ("reportgen.inputs.model", "reportgen.compose.profile", "reportgen.distribute.meeting")


def field_keys() -> list[str]:
    """Return every field name and alias of the data, profile and meeting models, for pgettext("field", …)."""
    import importlib
    import inspect

    from pydantic import BaseModel

    keys: set[str] = set()
    for name in MODEL_MODULES:
        for _, model in inspect.getmembers(importlib.import_module(name), inspect.isclass):
            if issubclass(model, BaseModel) and model is not BaseModel:
                keys.update(k for n, f in model.model_fields.items() for k in (n, f.alias) if k)
    return sorted(keys)


def cli_help() -> list[str]:
    """Return the help texts of the command line: the group's, each command's and each option's, in English."""
    import os

    os.environ["REPORTGEN_LANG"] = "en"  # the source texts, before any is translated
    from reportgen.cli import help_texts, main

    return list(dict.fromkeys(text for text, _ in help_texts(main)))


def merged() -> Catalog:
    """Return the catalog of the current messages with the translations the .po already has."""
    old = read_po(PO.open("rb")) if PO.exists() else Catalog(locale="zh_CN")
    catalog = Catalog(locale="zh_CN", domain="reportgen", project="reportgen", fuzzy=False)
    for context, message in [*extracted(), *(("field", key) for key in field_keys()),
                             *((None, text) for text in cli_help())]:
        key = message if isinstance(message, str) else message[0]
        known = old.get(key, context)
        catalog.add(message, known.string if known is not None else ("", "") if isinstance(message, tuple) else "",
                    context=context)
    return catalog


def as_po(catalog: Catalog) -> bytes:
    stream = io.BytesIO()
    write_po(stream, catalog, width=0, omit_header=False, sort_output=True, no_location=True)
    return stream.getvalue()


def as_mo(catalog: Catalog) -> bytes:
    stream = io.BytesIO()
    write_mo(stream, catalog)
    return stream.getvalue()


def _content(data: bytes, suffix: str) -> dict:
    """Return the translations of a .po or .mo file's bytes: (context, id) → string, headers left out."""
    if suffix == ".po":
        return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)):
                m.string if isinstance(m.string, str) else tuple(m.string) for m in read_po(io.BytesIO(data)) if m.id}
    import gettext

    return {k: v for k, v in gettext.GNUTranslations(io.BytesIO(data))._catalog.items() if k != ""}


def missing(catalog: Catalog) -> list[str]:
    """Return the messages of `catalog` without a translation."""
    return [m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id
            and not (m.string if isinstance(m.string, str) else all(m.string))]


def take_translations(catalog: Catalog, fragments: list[Path]) -> None:
    """Fill the messages of `catalog` that lack a translation from the .po `fragments` (translations written
    elsewhere, e.g. by several people at once)."""
    for path in fragments:
        for message in read_po(path.open("rb")):
            ours = catalog.get(message.id if isinstance(message.id, str) else message.id[0], message.context)
            if message.id and ours is not None and message.string and not (
                    ours.string if isinstance(ours.string, str) else all(ours.string)):
                ours.string = message.string


def main(argv: list[str]) -> int:
    catalog = merged()
    if "--merge" in argv:
        take_translations(catalog, [Path(p) for p in argv[argv.index("--merge") + 1:]])
    catalog.revision_date = catalog.creation_date = FIXED_DATE  # same messages, same bytes
    po, mo = as_po(catalog), as_mo(catalog)
    untranslated = missing(catalog)
    if "--check" in argv:  # by content: a newer Babel may write other headers for the same messages
        stale = [p.name for p, fresh in ((PO, po), (PO.with_suffix(".mo"), mo)) if not p.exists()
                 or _content(p.read_bytes(), p.suffix) != _content(fresh, p.suffix)]
        for message in untranslated:
            print(f"untranslated: {message!r}")
        if stale:
            print(f"out of date: {', '.join(stale)} (run make catalogs)")
        return 1 if untranslated or stale else 0
    PO.parent.mkdir(parents=True, exist_ok=True)
    PO.write_bytes(po)
    PO.with_suffix(".mo").write_bytes(mo)
    print(f"{PO.relative_to(ROOT)}: {len(catalog)} messages, {len(untranslated)} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
