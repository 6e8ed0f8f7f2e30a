"""Where kehoach's built-in resources are: the templates, the plan schema, message catalogues.

`templates/` and `schemas/` sit at the repository root, beside `generator/`. pyproject.toml
(`[tool.setuptools] package-dir`) maps them into the package, so a wheel installs them as
`generator/templates/` and `generator/schemas/`. setuptools' editable install cannot map such
folders, which have no `__init__.py` (pypa/setuptools#4943): there, as in a plain checkout, the
folders beside the package are used. The catalogues live in `generator/locale/` itself.

Every resource is a file in a folder beside this module, found by its path rather than through
`importlib.resources`: Jinja's loader reads templates from a real folder anyway, so kehoach
never runs from a zip, and `importlib.resources` with its readers adds milliseconds to the
start-up of every command (performance issue).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

SCHEMA_NAME = "plan.schema.json"
LETTER_SCHEMA_NAME = "cong-van.schema.json"  # a standalone letter (`kind: cong-van`)
_PLAN_DEFS = "plan"  # where the bundled letter schema holds the plan schema (`letter_schema`)
DOMAIN = "kehoach"  # gettext domain: generator/locale/<lang>/LC_MESSAGES/kehoach.mo

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent  # the repository, when run from one


def templates_dir() -> Path:
    """Returns the folder of the built-in templates."""
    return _folder("templates")


def schemas_dir() -> Path:
    """Returns the folder holding the built-in plan schema."""
    return _folder("schemas")


def schema_text(name: str = SCHEMA_NAME) -> str:
    """Returns the text of the built-in plan schema (or of the schema file `name`)."""
    return (schemas_dir() / name).read_text(encoding="utf-8")


@functools.cache
def plan_schema() -> dict[str, Any]:
    """Returns the built-in plan schema, read once per process (for jsonschema, which only
    explains a plan that is not valid: `json` is imported then)."""
    import json

    return json.loads(schema_text())


@functools.cache
def letter_schema() -> dict[str, Any]:
    """Returns the standalone letter's schema as one document: the plan schema it borrows
    definitions from (`plan.schema.json#/…`, a reference editors follow beside it) is embedded
    under `$defs/plan`, every reference made local. Both validators and the messages' titles
    then read one schema, as they read the plan's."""
    import json

    letter = json.loads((schemas_dir() / LETTER_SCHEMA_NAME).read_text(encoding="utf-8"))
    plan = {key: value for key, value in plan_schema().items() if key not in ("$id", "$schema")}
    letter["$defs"] = {**letter.get("$defs", {}), _PLAN_DEFS: _local_refs(plan, "#/$defs/plan")}
    return _local_refs(letter, "#")


def _local_refs(node: Any, base: str) -> Any:
    """Returns `node` with each `$ref` made a pointer into the bundle: a local one ("#/…") is
    moved under `base`, one into the plan schema goes to its embedded copy."""
    if isinstance(node, list):
        return [_local_refs(entry, base) for entry in node]
    if not isinstance(node, dict):
        return node
    moved = {key: _local_refs(value, base) for key, value in node.items()}
    ref = node.get("$ref")
    if isinstance(ref, str):
        plan_ref = f"{SCHEMA_NAME}#"
        moved["$ref"] = (f"#/$defs/{_PLAN_DEFS}{ref.removeprefix(plan_ref)}" if ref.startswith(plan_ref)
                         else base + ref.removeprefix("#"))
    return moved


def catalogue(lang: str) -> bytes | None:
    """Returns the compiled message catalogue (.mo) for `lang`, or None when there is none."""
    entry = _PACKAGE / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    return entry.read_bytes() if entry.is_file() else None


@functools.cache
def _folder(name: str) -> Path:
    """Returns the package's folder `name` when installed from a wheel, else the checkout's."""
    installed = _PACKAGE / name
    return installed if installed.is_dir() else _CHECKOUT / name
