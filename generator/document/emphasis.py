"""Bold and italic inside a plan's texts: `**bold**`, `__italic__`, a backslash before `*`, `_`
or `\\` prints that character (docs/plan-format.md, "Bold and italic inside a text").

Pairs of characters, never single ones: a lone `*` or `_` is ordinary text. Which values may
hold the markup is decided here too (`texts`), for the checks, the templates' filter and `diff`.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any, Literal

from .model import Span

BOLD, ITALIC = "**", "__"
_ESCAPED = "*_\\"
_SPECIAL = frozenset("*_\\")

MarkupFault = Literal["unclosed", "crossed", "empty"]


class MarkupError(ValueError):
    """A text whose markers do not pair: `fault`, the `marker` at fault and its index `at`."""

    def __init__(self, fault: MarkupFault, marker: str, at: int) -> None:
        super().__init__(f"{fault} {marker} at {at}")
        self.fault = fault
        self.marker = marker
        self.at = at


def spans(text: str) -> tuple[Span, ...]:
    """Returns the runs `text` prints as, markers and escaping backslashes taken out.

    Raises `MarkupError` for a marker never closed, one closed while a marker opened after it
    is still open (crossed), or a pair holding nothing ("****": often a row of underscores).
    """
    if _SPECIAL.isdisjoint(text):  # most texts: no marker, no escape
        return (Span(text),) if text else ()
    found: list[Span] = []
    piece: list[str] = []
    open_markers: list[tuple[str, int, int]] = []  # marker, its index, runs made before it
    index = 0
    while index < len(text):
        pair = text[index:index + 2]
        if text[index] == "\\" and pair[1:] and pair[1] in _ESCAPED:
            piece.append(pair[1])
            index += 2
            continue
        if pair not in (BOLD, ITALIC):
            piece.append(text[index])
            index += 1
            continue
        _flush(found, piece, open_markers)
        if open_markers and open_markers[-1][0] == pair:
            _, opened, runs_before = open_markers.pop()
            if len(found) == runs_before:
                raise MarkupError("empty", pair, opened)
        elif any(marker == pair for marker, _, _ in open_markers):
            raise MarkupError("crossed", pair, index)
        else:
            open_markers.append((pair, index, len(found)))
        index += 2
    if open_markers:
        marker, opened, _ = open_markers[0]
        raise MarkupError("unclosed", marker, opened)
    _flush(found, piece, open_markers)
    return tuple(found)


def _flush(found: list[Span], piece: list[str], open_markers: list[tuple[str, int, int]]) -> None:
    """Ends the run being read, in the emphasis of the markers open now."""
    if piece:
        markers = {marker for marker, _, _ in open_markers}
        found.append(Span("".join(piece), BOLD in markers, ITALIC in markers))
        piece.clear()


def plain(text: str) -> str:
    """Returns the words of `text` without markers; a text whose markers do not pair as is."""
    try:
        return "".join(span.text for span in spans(text))
    except MarkupError:
        return text


def has_markers(text: str) -> bool:
    return BOLD in text or ITALIC in text


# --- which values of a plan hold the markup ----------------------------------------------

# Mapping keys whose text value may hold markup: an item's text after its number, a bullet's,
# a unit's role, a duty and its product and its result's note, a letter's opening and closing
# sentences (printed with the `emph` filter, in a plan's letters as in a standalone one).
_TEXT_KEYS = frozenset({"text", "role", "product", "note", "opening", "closing"})
# Lists whose text entries are paragraphs or bullets; a table row's `cells`, and a cell's
# paragraphs (`text`) and points; the year-end report's paragraphs (`results`).
_PARAGRAPH_LISTS = frozenset({"intro", "content", "bullets", "points", "cells", "text",
                              "achievements", "shortcomings", "causes", "direction", "proposals"})

Path = tuple[str | int, ...]


def texts(data: Any, path: Path = ()) -> Iterator[tuple[Path, str, bool]]:
    """Yields each text of the plan `data` (schema-valid) with its path and whether it may hold
    bold and italic: paragraphs, items, bullets, roles, duties, products, intro and table cells
    may; titles, summaries, names, citations (printed as the decree fixes them) may not."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _entry(value, (*path, key), key in _TEXT_KEYS)
    elif isinstance(data, list):
        in_paragraphs = bool(path) and path[-1] in _PARAGRAPH_LISTS
        in_cells = len(path) >= 2 and path[-2] == "rows"  # a table row's cells
        for index, value in enumerate(data):
            yield from _entry(value, (*path, index), in_paragraphs or in_cells)


def _entry(value: Any, path: Path, markup: bool) -> Iterator[tuple[Path, str, bool]]:
    if isinstance(value, str):
        yield path, value, markup
    else:
        yield from texts(value, path)


def plain_data(data: Any) -> Any:
    """Returns a copy of the plan `data` whose texts that may hold markup are their words alone."""
    copied = copy.deepcopy(data)
    for path, text, markup in texts(data):
        if markup and not _SPECIAL.isdisjoint(text):
            container = copied
            for step in path[:-1]:
                container = container[step]
            container[path[-1]] = plain(text)
    return copied
