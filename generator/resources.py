"""Where kehoach's built-in resources are: the templates, the plan schema, message catalogues.

`templates/` and `schemas/` sit at the repository root, beside `generator/`. pyproject.toml
(`[tool.setuptools] package-dir`) maps them into the package as `generator.templates` and
`generator.schemas`, so a wheel ships them inside `generator/`, where `importlib.resources`
finds them. They have no `__init__.py` (they are not code), and setuptools' editable install
cannot map such folders (pypa/setuptools#4943): there, as in a plain checkout, the folders
beside the package are used. The catalogues live in `generator/locale/` itself.
"""

from __future__ import annotations

import functools
import importlib.machinery
import importlib.resources
import importlib.util
import json
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

SCHEMA_NAME = "plan.schema.json"
DOMAIN = "kehoach"  # gettext domain: generator/locale/<lang>/LC_MESSAGES/kehoach.mo

_CHECKOUT = Path(__file__).resolve().parent.parent  # the repository, when run from one


def templates_dir() -> Path:
    """Returns the folder of the built-in templates (a real folder: Jinja's loader reads it)."""
    return _folder("generator.templates", "templates")


def schemas_dir() -> Path:
    """Returns the folder holding the built-in plan schema."""
    return _folder("generator.schemas", "schemas")


def schema_text() -> str:
    """Returns the text of the built-in plan schema."""
    return _files("generator.schemas", "schemas").joinpath(SCHEMA_NAME).read_text(encoding="utf-8")


@functools.cache
def plan_schema() -> dict[str, Any]:
    """Returns the built-in plan schema, read once per process."""
    return json.loads(schema_text())


def catalogue(lang: str) -> bytes | None:
    """Returns the compiled message catalogue (.mo) for `lang`, or None when there is none."""
    entry = importlib.resources.files("generator").joinpath("locale", lang, "LC_MESSAGES", f"{DOMAIN}.mo")
    return entry.read_bytes() if entry.is_file() else None


def _files(package: str, checkout_name: str) -> Traversable:
    """Returns the resources of `package` when it is installed, else the checkout's folder."""
    if _installed(package):
        return importlib.resources.files(package)
    return _CHECKOUT / checkout_name


def _folder(package: str, checkout_name: str) -> Path:
    """Returns the folder of `package` on disk, else the checkout's folder.

    For a namespace package `files()` gives a MultiplexedPath, which is not a path; its spec's
    search location is the one folder we want.
    """
    spec = _installed(package)
    if spec is not None:
        for location in spec.submodule_search_locations or ():
            if Path(location).is_dir():
                return Path(location)
    return _CHECKOUT / checkout_name


def _installed(package: str) -> importlib.machinery.ModuleSpec | None:
    try:
        return importlib.util.find_spec(package)
    except ModuleNotFoundError:
        return None
