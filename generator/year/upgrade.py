"""A plan written for an earlier kehoach brought up to this one's format (`kehoach upgrade`),
edited where it stands (`round_trip`), so the clerk's comments and layout stay.

One change of the format needs it today: ids are at most 64 characters (issue 17, part 8: a
unit's id names its files), where a unit's id could have 95 and other ids any number. Each
longer id is cut after a whole word, made unique, and every use of it follows: the lists of
ids, a lead, a collector, a funding source's amounts (keys of a mapping).
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..save import MAX_NAME
from .round_trip import dumped, loaded, same_style

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NAMING_FILES = ("units", "letters")  # the lists whose entries' ids name documents


class Renamed(NamedTuple):
    """An id that was too long: its `line` (from 1), where it is given, and its new form;
    `names_files`: it is a unit's or a letter's id, which names their documents."""

    line: int
    old: str
    new: str
    names_files: bool


class Upgraded(NamedTuple):
    """A plan file's text in this kehoach's format (the text itself when nothing had to
    change), and what changed."""

    text: str
    renamed: tuple[Renamed, ...]


def upgrade(text: str) -> Upgraded:
    """Returns the plan file `text` in this kehoach's format; raises ruamel's `YAMLError` when
    the round trip cannot read it."""
    yaml, data = loaded(text)
    given = list(_ids(data))
    taken = {value for _, value, _ in given}
    renames: dict[str, str] = {}
    renamed = []
    for mapping, value, listed_under in given:
        if len(value) > MAX_NAME and _SLUG.fullmatch(value) and value not in renames:
            renames[value] = _shortened(value, taken)
            taken.add(renames[value])
            renamed.append(Renamed(mapping.lc.value("id")[0] + 1, value, renames[value],
                                   names_files=listed_under in _NAMING_FILES))
    if not renames:
        return Upgraded(text, ())
    _rename(data, renames)
    return Upgraded(dumped(yaml, data, text), tuple(renamed))


def _ids(node: Any, listed_under: object = None) -> Any:
    """Yields (mapping, id, key of its list) for every mapping of `node` that gives an `id`, in
    the file's order."""
    if isinstance(node, CommentedMap):
        if isinstance(node.get("id"), str):
            yield node, node["id"], listed_under
        for key, value in node.items():
            yield from _ids(value, key)
    elif isinstance(node, CommentedSeq):
        for item in node:
            yield from _ids(item, listed_under)


def _shortened(slug: str, taken: set[str]) -> str:
    """Returns `slug` cut after its last whole word within `MAX_NAME` characters, numbered
    ("-2", "-3" …) when that is already an id."""
    words = slug.split("-")
    short = words[0][:MAX_NAME]
    for word in words[1:]:
        if len(short) + 1 + len(word) > MAX_NAME:
            break
        short = f"{short}-{word}"
    candidate, number = short, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = short[:MAX_NAME - len(suffix)].rstrip("-") + suffix
    return candidate


def _rename(node: Any, renames: dict[str, str]) -> None:
    """Gives every value and key of `node` found in `renames` its new form, in place: an id is
    used as a value (a lead), in a list, or as a key (amounts by funding source)."""
    if isinstance(node, CommentedMap):
        for position, key in enumerate(list(node)):
            value = node[key]
            if isinstance(value, str) and value in renames:
                value = node[key] = same_style(value, renames[value])
            else:
                _rename(value, renames)
            if isinstance(key, str) and key in renames:
                comment = node.ca.items.pop(key, None)
                del node[key]
                node.insert(position, renames[key], value)
                if comment is not None:
                    node.ca.items[renames[key]] = comment
    elif isinstance(node, CommentedSeq):
        for index, item in enumerate(node):
            if isinstance(item, str) and item in renames:
                node[index] = same_style(item, renames[item])
            else:
                _rename(item, renames)
