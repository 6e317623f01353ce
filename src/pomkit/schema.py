"""The JSON Schema of the model file, generated from the Pydantic models."""

from __future__ import annotations

import json
from typing import Any

from pomkit.model import OperatingModel

SCHEMA_ID = (
    "https://raw.githubusercontent.com/pomkit/pomkit/main/schemas/operating-model.schema.json"
)


def json_schema() -> dict[str, Any]:
    """The schema as a dict, draft 2020-12, with the keys users write (``apiVersion``)."""
    schema = OperatingModel.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def render() -> str:
    """The schema as committed in ``schemas/operating-model.schema.json``."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
