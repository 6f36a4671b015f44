"""Document properties of a briefing or deck: title, subject, author, keywords, language and fixed dates."""

from __future__ import annotations

import datetime as dt

from reportgen.document import DocumentMeta
from reportgen.numbers import issue_text

LIMIT = 255  # python-docx and python-pptx refuse longer core property strings (Office's own limit)


def set_properties(props, meta: DocumentMeta, category: str) -> None:
    """Fill `props` (python-docx or python-pptx core properties) from `meta`; texts cut to Office's limit.

    Created and modified are the issue date; SOURCE_DATE_EPOCH, when set, becomes `modified` on saving.
    """
    stamp = dt.datetime.combine(meta.date, dt.time())
    props.title, props.subject, props.category = _fit(meta.title), _fit(meta.bulletin), category
    props.author = props.last_modified_by = _fit(meta.issuer)
    props.keywords = _fit("；".join(meta.keywords))
    props.comments, props.identifier = issue_text(meta.issue), ""
    props.language = "zh-CN"
    props.created = props.modified = stamp
    props.revision = 1


def _fit(text: str) -> str:
    """Return `text`, shortened with … when longer than a core property may be."""
    return text if len(text) <= LIMIT else text[: LIMIT - 1] + "…"
