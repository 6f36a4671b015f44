"""Characters a text of the data may not hold: they cannot be printed, print as nothing, or make the text read
differently than it is stored."""

from __future__ import annotations

import re
import unicodedata
from reportgen.i18n import _

#: The invisible format characters (Unicode category Cf): zero-width spaces and joiners, U+FEFF, the soft hyphen,
#: the bidirectional controls … Those of the Basic Multilingual Plane are read from Python's Unicode database,
#: the few beyond it are listed.
FORMAT_CHARACTERS = "".join(chr(c) for c in range(0x10000) if unicodedata.category(chr(c)) == "Cf") + (
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f")
#: Controls but tab, newline and carriage return (C0, DEL, C1), the non-characters U+FFFE and U+FFFF, lone
#: surrogates, and the format characters.
REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff" + FORMAT_CHARACTERS + "]")
#: The bidirectional controls: they make text read differently than it is stored.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def refused_character(text: str) -> str | None:
    """Return why the first refused character of `text` is refused, naming it (U+XXXX) and where it stands,
    and saying to delete it; None when `text` has none."""
    found = REFUSED.search(text)
    if found is None:
        return None
    char, at = found.group(), found.start() + 1
    code, name = f"U+{ord(char):04X}", unicodedata.name(char, "")
    if char in BIDI_CONTROLS:
        message = _("contains {code} ({name}) at character {at}: it makes the text read differently than it is; "
                    "delete it")
    elif unicodedata.category(char) == "Cf":
        message = _("contains the invisible character {code} ({name}) at character {at}; delete it")
    else:
        message = _("contains the control character {code} at character {at}, which prints as nothing or breaks "
                    "Office files; delete it")
    return message.format(code=code, name=name, at=at)
