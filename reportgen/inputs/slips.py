"""The slips a Chinese input method makes in a YAML file, found on the line where they were typed.

A full-width colon (issuer：), a missing space after the colon (issuer:省纪委), an indent of full-width spaces
(U+3000) or tabs: YAML either reports them a line or more later, in its own words, or reads the line as text.
`slip_before` finds the first such line up to where YAML stopped, with a sentence saying what to write instead.
"""

from __future__ import annotations

import re

from reportgen.i18n import _

_KEY = r"[A-Za-z_][A-Za-z0-9_]*|报|送|发|本期增发"
FULL_WIDTH_COLON = re.compile(rf"^[ ]*(?:-[ ]+)?({_KEY})[ \u3000]*：[ \u3000]*(.*)$")
NO_SPACE = re.compile(rf"^[ ]*(?:-[ ]+)?({_KEY}):(?![ /]|$)(.*)$")
INDENT = re.compile(r"^[ ]*([\u3000\t])")
#: A value holding an English colon and a space (YAML reads it as a second key): the value must be quoted.
VALUE_COLON = re.compile(rf"^[ ]*(?:-[ ]+)?({_KEY}): +([^\"' ][^#]*?: .*)$")
#: A key and value typed as one text: what YAML (or the model) reads when the colon is a full-width one.
KEY_AS_TEXT = re.compile(rf"^({_KEY})[ \u3000]*：")
CHINESE_QUOTES = (("“", "”"), ("‘", "’"), ("「", "」"))


def slip(line: str) -> str | None:
    """Return what is wrong with one line of a data file and what to write instead, or None."""
    indent = INDENT.match(line)
    if indent:
        if indent.group(1) == "\t":
            return _("the line is indented with a tab; indent with spaces (two per level)")
        return _("the line is indented with a full-width space (U+3000); indent with ordinary spaces")
    found = FULL_WIDTH_COLON.match(line)
    if found:
        return _("\"{key}：\" has a Chinese (full-width) colon; write an English colon and a space after it: "
                 "\"{key}: \"").format(key=found.group(1))
    found = NO_SPACE.match(line)
    if found:
        return _("\"{key}:\" has no space after the colon; write \"{key}: {value}\"").format(
            key=found.group(1), value=found.group(2).strip())
    found = VALUE_COLON.match(line)
    if found:
        return _("the text after \"{key}:\" holds a colon and a space, which YAML reads as another key; put the "
                 "text in quotes: {key}: \"{value}\"").format(key=found.group(1), value=found.group(2).strip())
    return None


def slip_before(text: str, line: int | None) -> tuple[int, str] | None:
    """Return (line number, message) of the first slip on lines 1 … `line` of `text` (all lines when None)."""
    for number, content in enumerate(text.splitlines()[:line], 1):
        message = slip(content)
        if message:
            return number, message
    return None


def value_hint(value: object) -> str | None:
    """Return a hint for a value that failed validation because of a typing slip: a key typed with a full-width
    colon (read as text), or a value in Chinese quotation marks; None otherwise."""
    if not isinstance(value, str):
        return None
    found = KEY_AS_TEXT.match(value)
    if found:
        return _("\"{key}：\" has a Chinese (full-width) colon; write an English colon and a space after it: "
                 "\"{key}: \"").format(key=found.group(1))
    stripped = value.strip()
    for left, right in CHINESE_QUOTES:
        if len(stripped) > 1 and stripped[0] == left and stripped[-1] == right:
            return _("the value is in Chinese quotation marks {left}{right}; leave them out (or use English "
                     "quotes \"…\")").format(left=left, right=right)
    return None
