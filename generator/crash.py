"""When kehoach itself fails: a crash report the clerk can send with the plan.

A bug must not cost the clerk more than it has to: the message says which plan and which
document failed, and the details a developer needs (traceback, versions, command line) go to a
file in the system's temporary folder rather than onto the clerk's screen.
"""

from __future__ import annotations

import platform
import sys
import tempfile
import traceback
from pathlib import Path

from . import __version__

# The packages whose versions can change what kehoach does.
_DEPENDENCIES = ("click", "jinja2", "jsonschema", "jsonschema-rs", "lxml", "python-docx", "pyyaml",
                 "ruamel.yaml")


def write_report(error: BaseException, context: dict[str, str]) -> Path | None:
    """Writes a crash report for `error` (what was being done: `context`) and returns its path;
    None when even that cannot be written (the message then says less, but still says it)."""
    from importlib import metadata

    versions = []
    for name in _DEPENDENCIES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    lines = [f"kehoach {__version__}, Python {platform.python_version()}, {platform.platform()}",
             ", ".join(versions), f"command: {' '.join(sys.argv)}",
             *(f"{key}: {value}" for key, value in context.items()), "",
             *traceback.format_exception(error)]
    try:
        handle, name = tempfile.mkstemp(prefix="kehoach-crash-", suffix=".txt")
        with open(handle, "w", encoding="utf-8") as stream:
            stream.write("\n".join(line.rstrip("\n") for line in lines) + "\n")
    except OSError:
        return None
    return Path(name)
