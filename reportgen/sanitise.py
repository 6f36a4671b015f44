"""Rebuild a user's reference .docx/.pptx from the parts a reference contributes, before any writer sees it.

A reference is copied into every output, so whatever it carries reaches every recipient. Parts are kept by the
relationship type that reaches them (styles, numbering, settings, theme, font table, headers and footers and their
pictures; masters, layouts, themes and their pictures); everything else is dropped, each with a message: macros,
ActiveX controls, embedded objects, custom XML, comments, embedded fonts, every external relationship (an attached
template Word would fetch, a linked picture, a hyperlink). A deck's sample slides and what only they use (the writer never
kept them) and printer settings are dropped without a message. Every XML part kept is parsed with entities and network access off,
and a DOCTYPE declaration is removed, so nothing can expand or be fetched when a writer or Office opens it.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import zipfile
from collections import deque
from dataclasses import dataclass, field

from lxml import etree

from reportgen.errors import ReferenceFileError
from reportgen.i18n import N_, _, ngettext
from reportgen.reproducible import write_zip
from reportgen.safezip import MAIN_TYPES, PARSER

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
CONTENT_TYPES = "[Content_Types].xml"
#: Relationship types (the last segment of the type URI) whose targets a reference keeps.
_PROPERTIES = frozenset({"officeDocument", "core-properties", "extended-properties", "custom-properties", "thumbnail"})
KEEP = {
    ".docx": _PROPERTIES | {"styles", "stylesWithEffects", "numbering", "settings", "webSettings", "fontTable", "theme",
                            "header", "footer", "footnotes", "endnotes", "image"},
    ".pptx": _PROPERTIES | {"slideMaster", "slideLayout", "theme", "presProps", "viewProps", "tableStyles",
                            "notesMaster", "handoutMaster", "image", "hdphoto"},
}
REQUIRED = {".docx": "styles", ".pptx": "slideLayout"}  # the relationship type a reference is for
SILENT = frozenset({"slide", "notesSlide"})  # a deck's sample slides
#: What a dropped part is, from words in its relationship type or name (lower case), first match wins. The
#: reasons are English keys, compared as they are, and translated where a message shows them.
REASONS = (("vba", N_("macros")), ("keymapcustomizations", N_("macros")), ("activex", N_("ActiveX controls")),
           ("control", N_("ActiveX controls")), ("oleobject", N_("embedded objects")),
           ("embeddings/", N_("embedded objects")), ("package", N_("embedded objects")),
           ("customxml", N_("custom XML")), ("comment", N_("comments")), ("people", N_("comments")),
           ("printersettings", N_("printer settings")), ("font", N_("embedded fonts")))
OTHER = N_("other parts")
#: Elements that cannot stand without the reference a dropped relationship made: removed with it.
NEEDS_REF = frozenset({"attachedTemplate", "headerReference", "footerReference", "sldId", "control", "OLEObject",
                       "oleObj", "custData", "tags", "subDoc", "altChunk", "embedRegular", "embedBold",
                       "embedItalic", "embedBoldItalic", "dataSource", "headerSource", "regular", "bold", "italic",
                       "boldItalic", "embeddedFont", "mailMerge"})
CONTAINERS = ("object", "graphicFrame", "embeddedFont", "AlternateContent")  # removed whole around such an element
EMPTIED = frozenset({"controls", "embeddedFontLst", "custDataLst", "sldIdLst"})  # removed when left empty
ZIP_EPOCH = dt.datetime(1980, 1, 1)  # a cleaned reference's entries carry no time of their own
#: Dropped without a message: printer settings hold no content, and every deck made from the shipped one (and so
#: from python-pptx's default template) carries one; a warning would fail every --strict build of such a deck.
QUIET_REASONS = frozenset({"printer settings"})
SHOWN = 4  # part names a message lists before "and N more"


@dataclass
class Cleaning:
    """What cleaning one package found: parts kept, per part the relationship ids dropped, and what was dropped."""

    kind: str  # ".docx" or ".pptx"
    names: list[str]
    kept: dict[str, None] = field(default_factory=dict)  # part names, in the order reached
    kept_types: set[str] = field(default_factory=set)  # relationship types that reached them
    dropped_ids: dict[str, set[str]] = field(default_factory=dict)  # part (its rels) → ids dropped
    dropped: dict[str, list[str]] = field(default_factory=dict)  # reason → part names
    external: list[str] = field(default_factory=list)  # "type → target (in part)"
    silent: bool = False  # something was dropped without a message


def sanitise(name: str, content: bytes, kind: str) -> tuple[bytes, tuple[str, ...]]:
    """Return the package `content` of reference `name` (`kind` ".docx" or ".pptx") rebuilt from the parts a
    reference contributes, and a message for each kind of thing dropped; `content` itself when nothing was."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            cleaning = Cleaning(kind, package.namelist())
            _walk(package, cleaning)
            if REQUIRED[kind] not in cleaning.kept_types:
                raise _PartError(_missing_required(kind))
            parts, notes = _clean_parts(package, cleaning)
            messages = (*notes, *_drop_messages(cleaning))
            if not messages and not cleaning.silent and not any(parts.values()):
                return content, ()
            rebuilt = _zip(package, package_order(cleaning, parts), parts)
    except (zipfile.BadZipFile, KeyError, EOFError, ValueError) as exc:
        raise ReferenceFileError(_("{name}: cannot use this reference file: the package is corrupt ({error}: "
                                   "{detail})").format(name=name, error=type(exc).__name__, detail=exc)) from None
    except _PartError as exc:
        raise ReferenceFileError(_("{name}: cannot use this reference file: {reason}").format(
            name=name, reason=exc)) from None
    return rebuilt, tuple(f"{name}: {m}" for m in messages)


class _PartError(Exception):
    """A part that cannot be parsed; its text says which, where and why."""


def _missing_required(kind: str) -> str:
    """Return why a package of `kind` without the part a reference is for cannot be used."""
    if kind == ".docx":
        return _("it has no styles part, which is what a reference file contributes")
    return _("it has no slide layout, which is what a reference file contributes")


def _walk(package: zipfile.ZipFile, cleaning: Cleaning) -> None:
    """Follow the relationships from the package root, keeping what a reference contributes."""
    queue = deque([""])
    while queue:
        source = queue.popleft()
        rels = rels_name(source)
        if rels not in cleaning.names:
            continue
        for rel in _parse(package, rels):
            target = _visit(source, rel, cleaning)
            if target is not None and target not in cleaning.kept:
                cleaning.kept[target] = None
                queue.append(target)
    _drop_unreached(cleaning, [n for n in cleaning.names if not _is_package_entry(n, cleaning)])


def _visit(source: str, rel, cleaning: Cleaning) -> str | None:
    """Return the part `rel` (of `source`) leads to when it is kept; else record why it was dropped."""
    rel_type = rel.get("Type", "").rsplit("/", 1)[-1]
    if rel.get("TargetMode") == "External":
        cleaning.external.append(_("{type} {target} in {part}").format(
            type=rel_type, target=rel.get("Target", ""), part=source or _("the package")))
    else:
        target = part_name(source, rel.get("Target", ""))
        if rel_type in KEEP[cleaning.kind] and target in cleaning.names:
            cleaning.kept_types.add(rel_type)
            return target
        if rel_type in SILENT:
            cleaning.silent = True
        else:
            cleaning.dropped.setdefault(_reason(f"{rel_type} {target}"), []).append(target)
    cleaning.dropped_ids.setdefault(source, set()).add(rel.get("Id", ""))
    return None


def _drop_unreached(cleaning: Cleaning, unreached: list[str]) -> None:
    """Record the entries no kept relationship leads to: silently when a dropped slide may use them."""
    listed = {p for parts in cleaning.dropped.values() for p in parts}
    for entry in unreached:
        if entry.endswith("/") or entry in listed or entry.endswith(".rels"):
            continue
        reason = _reason(entry)
        if reason == OTHER and cleaning.silent:
            continue  # the media, charts, notes … of sample slides
        cleaning.dropped.setdefault(reason, []).append(entry)
    cleaning.silent = cleaning.silent or any(e.endswith((".rels", "/")) for e in unreached)


def _is_package_entry(entry: str, cleaning: Cleaning) -> bool:
    """True for an entry the rebuilt package keeps: a kept part, its relationships, the content types."""
    if entry in (CONTENT_TYPES, "_rels/.rels") or entry in cleaning.kept:
        return True
    return entry.endswith(".rels") and source_of(entry) in cleaning.kept


def _reason(words: str) -> str:
    """Return what a dropped part is ("macros", "embedded objects" …) from its relationship type and name."""
    lowered = words.lower()
    return next((reason for key, reason in REASONS if key in lowered), OTHER)


def _clean_parts(package: zipfile.ZipFile, cleaning: Cleaning) -> tuple[dict[str, bytes | None], list[str]]:
    """Return every entry the rebuilt package keeps, each its new bytes or None when unchanged, and messages
    for a converted main part and removed DOCTYPE declarations."""
    notes: list[str] = []
    parts: dict[str, bytes | None] = {}
    xml = _xml_entries(_parse(package, CONTENT_TYPES))
    for entry in cleaning.names:
        if not _is_package_entry(entry, cleaning):
            continue
        if entry == CONTENT_TYPES:
            parts[entry] = _content_types(package, cleaning, notes)
        elif entry.endswith(".rels"):
            parts[entry] = _rels(package, entry, cleaning.dropped_ids.get(source_of(entry), set()))
        elif entry in xml or f"*{posixpath.splitext(entry)[1].lower()}" in xml:
            parts[entry] = _xml_part(package, entry, cleaning.dropped_ids.get(entry, set()), notes)
        else:
            parts[entry] = None
    return parts, notes


def _content_types(package: zipfile.ZipFile, cleaning: Cleaning, notes: list[str]) -> bytes | None:
    """Return [Content_Types].xml without the types of dropped parts, its main part macro-free; None if same."""
    root = _parse(package, CONTENT_TYPES)
    changed = _strip_doctype(root, CONTENT_TYPES, notes)
    used = {posixpath.splitext(e)[1][1:].lower() for e in cleaning.names if _is_package_entry(e, cleaning)}
    for default in root.findall(f"{CT_NS}Default"):
        if default.get("Extension", "").lower() not in used:
            root.remove(default)
            changed = True
    for override in root.findall(f"{CT_NS}Override"):
        part = override.get("PartName", "").lstrip("/")
        if part not in cleaning.kept:
            root.remove(override)
            changed = True
        elif override.get("ContentType") in MAIN_TYPES[cleaning.kind]:
            macro_free, macros = MAIN_TYPES[cleaning.kind][override.get("ContentType")]
            if macro_free != override.get("ContentType"):
                override.set("ContentType", macro_free)
                changed = True
                if macros:
                    notes.append(_("dropped macros: {part} is now a macro-free {kind} part").format(
                        part=part, kind=cleaning.kind[1:]))
    return _serialise(root) if changed else None


def _rels(package: zipfile.ZipFile, entry: str, dropped: set[str]) -> bytes | None:
    """Return relationships file `entry` without the relationships of ids `dropped`; None if unchanged."""
    root = _parse(package, entry)
    gone = [rel for rel in root if rel.get("Id") in dropped]
    for rel in gone:
        root.remove(rel)
    return _serialise(root) if gone or _has_doctype(root) else None


def _xml_part(package: zipfile.ZipFile, entry: str, dropped: set[str], notes: list[str]) -> bytes | None:
    """Return XML part `entry` without references to relationships `dropped` nor a DOCTYPE; None if unchanged."""
    root = _parse(package, entry)
    changed = _strip_doctype(root, entry, notes)
    if dropped:
        changed = _drop_references(root, dropped) or changed
    return _serialise(root) if changed else None


def _drop_references(root, dropped: set[str]) -> bool:
    """Remove every r: attribute naming a dropped relationship, and each element that cannot stand without one;
    return whether anything was removed."""
    hits = [(el, attr) for el in root.iter(etree.Element) for attr, value in el.attrib.items()
            if attr.startswith(f"{{{R_NS}}}") and value in dropped]
    for element, attr in hits:
        if etree.QName(element).localname in NEEDS_REF:
            _remove(_container(element))
        else:
            element.attrib.pop(attr, None)
    return bool(hits)


def _container(element):
    """Return the element to remove with `element`: its nearest ancestor that holds only it, or itself."""
    for ancestor in element.iterancestors():
        if etree.QName(ancestor).localname in CONTAINERS:
            return ancestor
    return element


def _remove(element) -> None:
    """Remove `element` (when still in its tree), and its parent when that is a list left empty."""
    parent = element.getparent()
    if parent is None:
        return
    parent.remove(element)
    if etree.QName(parent).localname in EMPTIED and len(parent) == 0:
        _remove(parent)


def _strip_doctype(root, entry: str, notes: list[str]) -> bool:
    """Remove the entity references of a part with a DOCTYPE (serialising drops the declaration); return whether
    it had one."""
    if not _has_doctype(root):
        return False
    for entity in list(root.iter(etree.Entity)):
        _remove_keeping_tail(entity)
    notes.append(_("removed a DOCTYPE declaration from {entry} (its entities are not expanded)").format(entry=entry))
    return True


def _has_doctype(root) -> bool:
    docinfo = root.getroottree().docinfo
    return bool(docinfo.doctype) or docinfo.internalDTD is not None


def _remove_keeping_tail(node) -> None:
    """Remove `node` from its parent, keeping the text that followed it."""
    parent, tail = node.getparent(), node.tail or ""
    previous = node.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(node)


def _parse(package: zipfile.ZipFile, entry: str):
    """Return the root element of XML entry `entry`, parsed with entities and network access off."""
    try:
        return etree.fromstring(package.read(entry), PARSER)
    except etree.XMLSyntaxError as exc:
        raise _PartError(_("{entry}: line {line}: {message}").format(entry=entry, line=exc.lineno,
                                                                     message=exc.msg)) from None


def _serialise(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _drop_messages(cleaning: Cleaning) -> list[str]:
    """Return one message per kind of thing dropped, naming the parts or links."""
    messages = [_("dropped {reason} ({parts})").format(reason=_(reason), parts=_listed(parts))
                for reason, parts in cleaning.dropped.items() if reason not in QUIET_REASONS]
    if cleaning.external:
        count = len(cleaning.external)
        messages.append(ngettext("dropped {count} external link ({links})", "dropped {count} external links ({links})",
                                 count).format(count=count, links=_listed(cleaning.external)))
    return messages


def _listed(items: list[str]) -> str:
    """Return the first few of `items` joined with "; ", and how many more there are."""
    shown = "; ".join(items[:SHOWN])
    if len(items) <= SHOWN:
        return shown
    return _("{items} and {count} more").format(items=shown, count=len(items) - SHOWN)


def package_order(cleaning: Cleaning, parts: dict[str, bytes | None]) -> list[str]:
    """Return the entries of the rebuilt package: the content types and root relationships first, then the rest
    in their original order."""
    first = [CONTENT_TYPES, "_rels/.rels"]
    return [e for e in first if e in parts] + [e for e in cleaning.names if e in parts and e not in first]


def _zip(package: zipfile.ZipFile, order: list[str], parts: dict[str, bytes | None]) -> bytes:
    """Return a new package of the entries `order`, each its bytes in `parts` or, for None, as in `package`."""
    out = io.BytesIO()
    entries = [(entry, package.read(entry) if parts[entry] is None else parts[entry], zipfile.ZIP_DEFLATED)
               for entry in order]
    write_zip(out, entries, ZIP_EPOCH)
    return out.getvalue()


def rels_name(part: str) -> str:
    """Return the relationships entry of `part` ("" for the package): word/_rels/document.xml.rels."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{base}.rels")


def source_of(rels: str) -> str:
    """Return the part whose relationships entry `rels` is ("" for _rels/.rels)."""
    folder, base = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), base[: -len(".rels")]) if base != ".rels" else ""


def part_name(source: str, target: str) -> str:
    """Return the entry name a relationship target of `source` names (relative, or absolute from the root)."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _xml_entries(types) -> set[str]:
    """Return the entries `types` (the content types root) declares XML, by name or by extension."""
    defaults = {d.get("Extension", "").lower() for d in types.findall(f"{CT_NS}Default")
                if d.get("ContentType", "").endswith("xml")}
    named = {o.get("PartName", "").lstrip("/") for o in types.findall(f"{CT_NS}Override")
             if o.get("ContentType", "").endswith("xml")}
    return named | {f"*.{ext}" for ext in defaults} | {"*.xml"}
