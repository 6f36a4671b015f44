"""Document properties of the briefing: title, subject, author, keywords, language and fixed dates."""

from __future__ import annotations

import datetime as dt

from reportgen.document import Meta


def set_properties(document, meta: Meta) -> None:
    """Title, subject, author (编印单位), keywords, category, language zh-CN and fixed dates."""
    props = document.core_properties
    stamp = dt.datetime.combine(meta.date, dt.time())  # SOURCE_DATE_EPOCH, when set, becomes `modified` on saving
    props.title, props.subject, props.category = meta.title, meta.bulletin, "简报"
    props.author = props.last_modified_by = meta.issuer
    props.keywords = "；".join(meta.keywords)
    props.comments, props.identifier = f"第{meta.issue}期", ""
    props.language = "zh-CN"
    props.created = props.modified = stamp
    props.revision = 1
