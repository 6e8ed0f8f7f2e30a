"""A plan's data written as a plan file laid out as the samples are: the `$schema` line first,
two-space mappings, lists indented under their key, long texts folded (`>-`) near column 100,
and a `# kiểm tra:` comment quoting the source paragraph above each value to check.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString

WIDTH = 100
_MARK = "kehoach-note-"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}$")
_QUOTE_LIMIT = 300  # characters of the source quoted in a comment


def plan_text(data: Mapping[str, Any], notes: Mapping[tuple[object, ...], str], first_line: str) -> str:
    """Returns the YAML text of `data`, with `first_line` (the `$schema` line) first and each of
    `notes` (source paragraphs by the path of the value they concern) as a comment above it."""
    tree = _tree(data, 0)
    quotes: dict[str, str] = {}
    for number, (path, source) in enumerate(notes.items()):
        marker = f"{_MARK}{number}"
        if _mark(tree, path, marker):
            quotes[marker] = source
    yaml = YAML(typ="rt")
    yaml.width = 4096  # texts are folded here, where the layout is known
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(type(None), _null)
    out = io.StringIO()
    yaml.dump(tree, out)
    return first_line + "\n" + _comments_above(out.getvalue(), quotes)


def _tree(value: Any, column: int) -> Any:
    """Returns `value` as ruamel's commented containers, long texts folded for `column`."""
    if isinstance(value, Mapping):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = _tree(item, column + 2)
        if _flow(value):
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, list):
        sequence = CommentedSeq(_tree(item, column + 4) for item in value)
        if value and all(isinstance(item, (str, int, float)) and not isinstance(item, bool) for item in value) \
                and sum(len(str(item)) + 2 for item in value) + column < WIDTH - 20:
            sequence.fa.set_flow_style()
        return sequence
    if isinstance(value, str):
        if _ISO_DATE.match(value):
            return DoubleQuotedScalarString(value)  # "Writing the YAML": ISO dates in quotes
        return _folded(value, column + 2)
    return value


def _null(representer: Any, _value: None) -> Any:
    """Writes None as `null`, as the samples do (`number: null`), not as an empty value."""
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def _flow(value: Mapping[str, Any]) -> bool:
    """Whether a mapping prints on one line as the samples write dates and authority lines."""
    return all(item is None or isinstance(item, (int, float, str)) for item in value.values()) and \
        set(value) <= {"year", "month", "day", "from", "to", "rate", "count", "prefix", "title", "text", "span",
                       "group"} and \
        sum(len(str(item)) + len(key) + 4 for key, item in value.items()) < 60


def _folded(text: str, column: int) -> str:
    """Returns `text` folded (`>-`) at spaces to fit the width from `column`, when it is too long
    for one line and folding keeps it as it is (single spaces only, no leading or trailing one)."""
    if len(text) + column <= WIDTH - 10 or re.search(r"\s\s|^\s|\s$|\n|\t", text):
        return text
    folds: list[int] = []
    start = 0
    limit = WIDTH - column
    while len(text) - start > limit:
        cut = text.rfind(" ", start, start + limit)
        if cut <= start:
            break
        folds.append(cut)
        start = cut + 1
    if not folds:
        return text
    folded = FoldedScalarString(text)
    folded.fold_pos = folds  # type: ignore[attr-defined]
    return folded


def _mark(tree: Any, path: tuple[object, ...], marker: str) -> bool:
    """Puts `marker` as the end-of-line comment of the value at `path`; False if there is none."""
    parent = tree
    for key in path[:-1]:
        try:
            parent = parent[key]
        except (KeyError, IndexError, TypeError):
            return False
    key = path[-1]
    if isinstance(parent, CommentedMap) and key in parent or \
            isinstance(parent, CommentedSeq) and isinstance(key, int) and key < len(parent):
        parent.yaml_add_eol_comment(marker, key)
        return True
    return False


def _comments_above(text: str, quotes: dict[str, str]) -> str:
    """Moves each marker comment to a line of its own above its value, quoting the source."""
    lines: list[str] = []
    for line in text.splitlines():
        found = re.search(rf"\s*#\s*({_MARK}\d+)\s*$", line)
        if found and found.group(1) in quotes:
            line = line[:found.start()]
            indent = len(line) - len(line.lstrip(" "))
            lines += _comment(f"kiểm tra: “{_shorten(quotes[found.group(1)])}”", indent)
        lines.append(line)
    return "\n".join(lines) + "\n"


def _comment(text: str, indent: int) -> list[str]:
    """Returns `text` as comment lines at `indent`, broken at spaces to fit the width."""
    lines: list[str] = []
    prefix = " " * indent + "# "
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= WIDTH:
            lines[-1] += " " + word
        else:
            lines.append((prefix if not lines else prefix + "  ") + word)
    return lines


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_LIMIT else text[:_QUOTE_LIMIT - 1].rstrip() + "…"
