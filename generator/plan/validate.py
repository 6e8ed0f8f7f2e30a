"""JSON Schema 2020-12 validation of a loaded plan → its schema problems.

Two validators, one schema. jsonschema-rs (compiled) gives the verdict: a valid plan, the case
of nearly every run, costs it 0.1 ms, where jsonschema takes 11 ms and 45 ms more to import
(performance issue). Only a plan it finds invalid goes to jsonschema (`schema_errors`), whose
errors carry what the messages need: keyword, subschema, path. jsonschema is the reference:
when it finds nothing, the plan is valid. tests/test_validate.py checks that jsonschema accepts
whatever jsonschema-rs passes, for any data the loader hands on. The other way round they can
differ: Python's `$` also matches before a final line break, so a text ending in one is rejected
here and accepted there. (Python's `\\s` also takes U+001C to U+001F for white space, where
ECMA-262's does not; the loader refuses those control characters before any validation.)
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from .. import resources
from ..errors import Problem
from .load import LoadedPlan
from .standalone import is_letter


@functools.cache
def is_valid() -> Callable[[Any], bool]:
    """Returns the yes/no of the built-in schema, built once per process."""
    import jsonschema_rs

    # Given the text, it parses the schema itself: no `json` import on this path.
    return jsonschema_rs.validator_for(resources.schema_text(), validate_formats=True).is_valid


@functools.cache
def is_valid_letter() -> Callable[[Any], bool]:
    """Returns the yes/no of the standalone letter's schema, built once per process."""
    import jsonschema_rs

    return jsonschema_rs.validator_for(resources.letter_schema(), validate_formats=True).is_valid


def schema_problems(loaded: LoadedPlan) -> list[Problem]:
    """Returns every schema problem of `loaded`, a plan or a standalone letter, sorted by
    position, one per cause."""
    valid = is_valid_letter() if is_letter(loaded.data) else is_valid()
    if valid(loaded.data):
        return []
    from .schema_errors import explain

    return explain(loaded)
