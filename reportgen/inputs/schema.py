"""JSON Schema of the data files, for editors (the YAML language server) and for review."""

from __future__ import annotations

from typing import Annotated, Union

from pydantic import Field, TypeAdapter

from reportgen.inputs.model import Article, Governance, BriefingMeta

DataFile = Annotated[Union[BriefingMeta, Governance, Article], Field(discriminator="kind")]


def data_file_schema() -> dict:
    """Return the JSON Schema every data file validates against, chosen by its `kind`."""
    schema = TypeAdapter(DataFile).json_schema()
    schema["title"] = "reportgen data file"
    return schema
