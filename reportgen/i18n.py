"""The language reportgen speaks to its user: Chinese by default, English on request, through gettext catalogs.

Every user-facing text is written in English in the code, inside ``_()`` with named placeholders
(``_("{path}: not found").format(path=...)``), and translated by ``reportgen/locale/<lang>/LC_MESSAGES/reportgen.mo``
(made from the .po beside it by ``make catalogs``). The language is chosen once per process, before the command
line is built: ``--lang zh|en``, else ``REPORTGEN_LANG``, else the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``):
English for ``en_*``, Chinese for anything else, unset included. Click's own texts ("Usage:", "Show this message
and exit.") are in the same catalog: click asks the standard ``gettext`` module, whose domain is set to ours.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

DOMAIN = "reportgen"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = {"zh": "zh_CN", "en": "en"}  # --lang value → catalog folder (English is the source: no catalog)
_current: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def choose(argv: Sequence[str] = (), environ: Mapping[str, str] = os.environ) -> str:
    """Return the language to speak, "zh" or "en": `--lang X` (or `--lang=X`) in `argv`, REPORTGEN_LANG, else
    the locale of `environ`."""
    for k, arg in enumerate(argv):
        if arg == "--lang" and k + 1 < len(argv):
            return _known(argv[k + 1])
        if arg.startswith("--lang="):
            return _known(arg.partition("=")[2])
    if environ.get("REPORTGEN_LANG"):
        return _known(environ["REPORTGEN_LANG"])
    locale = next((environ[key] for key in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(key)), "")
    return "en" if locale.lower().startswith("en") else "zh"


def _known(value: str) -> str:
    """Return "en" for an English language name (en, en_US …), else "zh"."""
    return "en" if value.strip().lower().startswith("en") else "zh"


def use(language: str, *, click: bool = False) -> None:
    """Speak `language` ("zh" or "en") from now on in reportgen's messages and, with `click` (the command line
    does this, a library user's process is left alone), in click's too."""
    global _current, _language
    _language = _known(language)
    folder = LANGUAGES[_language]
    _current = gettext.translation(DOMAIN, LOCALE_DIR, [folder], fallback=True)
    if click:
        gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
        gettext.textdomain(DOMAIN)
        os.environ["LANGUAGE"] = folder  # what the standard module (and so click) looks the catalog up by


def language() -> str:
    """Return the language spoken now: "zh" or "en"."""
    return _language


def _(message: str) -> str:
    """Return `message` in the language spoken now."""
    return _current.gettext(message)


def N_(message: str) -> str:  # noqa: N802 (gettext's name)
    """Return `message` as it is, marked for the catalog: a word kept as a key, said with _() where shown."""
    return message


def pgettext(context: str, message: str) -> str:
    """Return `message` of `context` (a word with several uses: the name of a data field …) in the language
    spoken now."""
    return _current.pgettext(context, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Return the singular or plural form of a message for `n`, in the language spoken now."""
    return _current.ngettext(singular, plural, n)


use(choose((), os.environ))
