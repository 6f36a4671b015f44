"""Audience profiles: which sections a briefing has, how detailed, its masthead and its output file names.

A profile may `extends:` another; the chain is deep-merged, the child winning (mappings merge key by key, lists
and values are replaced). `extends:` naming the profile itself means the same profile one template root further
down, so a user's ./templates/audiences/leadership.yaml can change one value of the shipped one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from reportgen.charts.theme import THEMES
from reportgen.errors import DataError, Problem, TemplateError, UsageError
from reportgen.fonts import FONT_ROLES
from reportgen.i18n import _
from reportgen.inputs.characters import refused_character
from reportgen.inputs.model import Strict as StrictModel
from reportgen.inputs.problems import error_text
from reportgen.inputs.yamlfile import YamlFile, dotted, read_yaml
from reportgen.nearest import did_you_mean
from reportgen.resources import Locator, regular_file

Detail = Literal["headline", "key", "full"]
#: Placeholders a batch profile's title may use.
TITLE_FIELDS = ("department", "project", "bulletin", "program", "region")
FontRole = Literal[FONT_ROLES]  # type: ignore[valid-type]
FontName = Annotated[str, Field(min_length=1)]
ChartTheme = Literal[tuple(THEMES)]  # type: ignore[valid-type]


class Strict(StrictModel):
    """A part of a profile: unknown keys refused, and no string holding a control or invisible character."""

    @field_validator("*")
    @classmethod
    def _printable(cls, value: Any) -> Any:
        texts = value if isinstance(value, list) else value.values() if isinstance(value, dict) else [value]
        for text in texts:
            if isinstance(text, str) and (why := refused_character(text)):
                raise ValueError(why)
        return value


class Outputs(Strict):
    """File names of an audience's outputs inside its folder."""

    docx: str = Field("briefing.docx", pattern=r"^[^/\\]+\.docx$")
    pptx: str = Field("deck.pptx", pattern=r"^[^/\\]+\.pptx$")


class References(Strict):
    """Office reference files (found through the template roots) that style this audience's outputs."""

    docx: str | None = Field(None, pattern=r"^[^/\\]+\.docx$")
    pptx: str | None = Field(None, pattern=r"^[^/\\]+\.pptx$")


class Deck(Strict):
    """How the deck differs from the briefing: its own detail level, speaker notes, a slide limit."""

    detail: Detail | None = Field(None, description="Detail level of the deck; default: the profile's")
    notes: bool = Field(True, description="Full paragraphs in the speaker notes")
    max_slides: int | None = Field(None, ge=2, description="Slides beyond this number are left out (and audited)")


def check_placeholders(text: str) -> str:
    """Return `text` when every {placeholder} in it is known; raise ValueError naming the first unknown one."""
    unknown = [n for n in re.findall(r"\{(\w*)\}", text) if n not in TITLE_FIELDS]
    if unknown:
        raise ValueError(_("unknown placeholder {name} (expected one of: {known})").format(
            name=f"{{{unknown[0]}}}", known=", ".join(f"{{{n}}}" for n in TITLE_FIELDS)))
    return text


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    """Return `text` with {department} and {project} replaced by `values` (absent ones left as written)."""
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), text)


class Recipients(Strict):
    """Which 报尾 lines an audience's edition prints: a line left out is the data's (its briefing file's
    `recipients`), an empty list prints none, a list prints those names. In a batch profile a name may be
    {department}: the edition's lead department.
    """

    model_config = ConfigDict(populate_by_name=True)  # 报 or report_to
    report_to: list[str] | None = Field(None, alias="报")
    send_to: list[str] | None = Field(None, alias="送")
    issue_to: list[str] | None = Field(None, alias="发")
    extra: list[str] | None = Field(None, alias="本期增发")

    @field_validator("report_to", "send_to", "issue_to", "extra")
    @classmethod
    def _placeholders(cls, names: list[str] | None) -> list[str] | None:
        return None if names is None else [check_placeholders(name) for name in names]


class Profile(Strict):
    """One audience: what its briefing contains and how it is headed."""

    name: str
    description: str
    extends: str | None = Field(None, description="Profile this one is based on")
    bulletin: str = Field("{bulletin}", description="Bulletin name in the masthead; default: the data's "
                          "(its `bulletin`, else {program}工作简报). May use {bulletin}, {program}, {region}")
    title: str | None = Field(None, description="Document title; default: the data's. May use {department}, {project}")
    style: Literal["official", "modern"] = "official"
    sections: list[str] = Field(min_length=1, description="Section templates, in order")
    slides: list[str] = Field(["agenda", "overview", "projects", "articles", "news", "closing"],
                              description="Slide templates of the deck (templates/slides/…), in order")
    detail: Detail = Field("full", description="headline: totals and titles; key: strongest figures; full: all")
    key_figures: int = Field(3, ge=1, le=6, description="Figures per project at detail level key")
    articles: list[str] | int | None = Field(None, description="ids of the articles to include, or how many of "
                                                                 "the first; default: all")
    classification: Literal["公开", "内部"] = Field("内部", description="Highest classification this audience may see")
    mark: str | None = Field(None, description="Mark printed above the masthead, e.g. 内部资料 注意保存")
    recipients: Recipients = Recipients()
    copies: int | None = Field(None, ge=1, description="共印×份 in the 报尾")
    chart_theme: ChartTheme = Field("official", description="Chart colours: official or modern")
    charts: Literal["native", "picture"] = Field("native", description="Briefing charts: native (editable in "
                                                 "Word/WPS) or picture (a fixed image)")
    deck: Deck = Deck()
    batch: Literal["department"] | None = Field(None, description="department: one edition per lead department")
    fonts: dict[FontRole, FontName] = Field({}, description="Typeface per font role, e.g. body: 仿宋 (default: 仿宋_GB2312)")
    outputs: Outputs = Outputs()
    reference: References = References()
    _files: tuple[Path, ...] = PrivateAttr(())

    @field_validator("title", "bulletin")
    @classmethod
    def _title_placeholders(cls, value: str | None) -> str | None:
        return value if value is None else check_placeholders(value)


    @property
    def files(self) -> tuple[Path, ...]:
        """The profile files merged into this profile, the profile's own first. Read-only."""
        return self._files

    @property
    def deck_detail(self) -> Detail:
        """The detail level the deck is composed at. Read-only."""
        return self.deck.detail or self.detail


def list_profiles(locator: Locator) -> list[str]:
    """Return the names of every audience profile the locator can find."""
    return locator.names("audiences", ".yaml")


def load_profile(name: str, locator: Locator) -> Profile:
    """Return the validated, merged profile `name`; raise UsageError when unknown, TemplateError when broken."""
    chain = profile_chain(name, locator)
    merged: dict[str, Any] = {}
    for yf in reversed(chain):
        merged = deep_merge(merged, yf.data)
    merged["extends"] = chain[0].data.get("extends")
    try:
        profile = Profile.model_validate({**merged, "name": name})
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = tuple(err["loc"])
        path, line = _origin(chain, loc)
        raise TemplateError(str(Problem(path, line, dotted(loc), error_text(err, Profile, hidden={"name"})))) from None
    profile._files = tuple(yf.path for yf in chain)
    return profile


def profile_chain(name: str, locator: Locator) -> list[YamlFile]:
    """Return the profile file of `name` and each file it extends, child first; raise on a missing or cyclic one."""
    chain: list[YamlFile] = []
    start = 0
    while True:
        found = locator.locate(f"audiences/{name}.yaml", start)
        if found is None and not chain:
            known = list_profiles(locator)
            raise UsageError(_("unknown audience {name} (expected one of: {known})").format(
                name=repr(name), known=", ".join(known) or "-") + did_you_mean(name, known))
        if found is None:
            raise TemplateError(_("{where}: extends: no audience profile {name} to extend").format(
                where=_where(chain[-1], "extends"), name=repr(name)) + did_you_mean(name, list_profiles(locator)))
        index, path = found
        if path in [yf.path for yf in chain]:
            names = " → ".join([yf.path.stem for yf in chain] + [name])
            raise TemplateError(_("{where}: extends: the profiles extend each other in a circle ({names})").format(
                where=_where(chain[-1], "extends"), names=names))
        chain.append(_read(regular_file(locator.roots[index], path)))
        parent = chain[-1].data.get("extends")
        if parent is None:
            return chain
        if not isinstance(parent, str) or not parent:
            raise TemplateError(_("{where}: extends: expected a profile name (got {value})").format(
                where=_where(chain[-1], "extends"), value=repr(parent)))
        start, name = (index + 1 if parent == name else 0), parent


def deep_merge(base: dict, override: dict) -> dict:
    """Return `base` updated by `override`: mappings merge recursively, anything else is replaced."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _read(path: Path) -> YamlFile:
    """Return the parsed profile file; raise TemplateError for bad YAML or a file that is not a mapping."""
    try:
        yf = read_yaml(path)
    except DataError as exc:
        raise TemplateError(str(exc.problems[0])) from None
    if yf.duplicates:
        raise TemplateError(str(yf.duplicates[0]))
    if not isinstance(yf.data, dict):
        raise TemplateError(_("{path}:1: expected keys and values (key: value) at the top of the file").format(
            path=path))
    return yf


def _where(yf: YamlFile, key: str) -> str:
    return f"{yf.path}:{yf.line_of((key,))}"


def _origin(chain: list[YamlFile], loc: tuple) -> tuple[Path, int]:
    """Return the file and line that set `loc` (the nearest enclosing key the child-most file sets)."""
    for end in range(len(loc), 0, -1):
        for yf in chain:
            if loc[:end] in yf.lines:
                return yf.path, yf.lines[loc[:end]]
    return chain[0].path, 1
