"""Audience profiles: which sections a briefing has, its masthead and its output file names."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from reportgen.errors import DataError, TemplateError, UsageError
from reportgen.inputs.yamlfile import dotted, read_yaml
from reportgen.fonts import FONT_ROLES
from reportgen.resources import Locator

FontRole = Literal[FONT_ROLES]  # type: ignore[valid-type]
FontName = Annotated[str, Field(min_length=1)]


class Outputs(BaseModel):
    """File names of an audience's outputs inside its folder."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    docx: str = Field("briefing.docx", pattern=r"^[^/\\]+\.docx$")
    pptx: str = Field("deck.pptx", pattern=r"^[^/\\]+\.pptx$")


class Recipients(BaseModel):
    """The 报尾 distribution lines: 报 (superiors), 送 (peers), 发 (subordinates), 本期增发 (this issue only)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    report_to: list[str] = Field([], alias="报")
    send_to: list[str] = Field([], alias="送")
    issue_to: list[str] = Field([], alias="发")
    extra: list[str] = Field([], alias="本期增发")


class Profile(BaseModel):
    """One audience: what its briefing contains and how it is headed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    description: str
    bulletin: str = Field(description="Bulletin name in the masthead, e.g. 专项治理工作简报")
    style: Literal["official", "modern"] = "official"
    sections: list[str] = Field(min_length=1, description="Section templates, in order")
    classification: Literal["公开", "内部"] = Field("内部", description="Highest classification this audience may see")
    mark: str | None = Field(None, description="Mark printed above the masthead, e.g. 内部资料 注意保存")
    recipients: Recipients = Recipients()
    copies: int | None = Field(None, ge=1, description="共印×份 in the 报尾")
    fonts: dict[FontRole, FontName] = Field({}, description="Typeface per font role, e.g. body: 仿宋 (default: 仿宋_GB2312)")
    outputs: Outputs = Outputs()


def list_profiles(locator: Locator) -> list[str]:
    """Return the names of every audience profile the locator can find."""
    return locator.names("audiences", ".yaml")


def load_profile(name: str, locator: Locator) -> Profile:
    """Return the validated profile `name`; raise UsageError when unknown, TemplateError when broken."""
    path = locator.find(f"audiences/{name}.yaml")
    if path is None:
        known = ", ".join(list_profiles(locator)) or "none"
        raise UsageError(f"unknown audience {name!r} (expected one of: {known})")
    try:
        yf = read_yaml(path)
        return Profile.model_validate({"name": name, **(yf.data or {})})
    except DataError as exc:
        raise TemplateError(str(exc.problems[0])) from None
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = tuple(err["loc"])
        raise TemplateError(f"{path}:{yf.line_of(loc)}: {dotted(loc)}: {err['msg']}") from None
