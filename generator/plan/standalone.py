"""A standalone công văn (issue 16, part 5): a letter of its own, with no plan behind it. Its
file says `kind: cong-van`; it is validated by its own schema (`schemas/cong-van.schema.json`,
which borrows the plan's definitions) and built into one document, `cong-van.docx`.

The letter reuses the plan's pieces, typed alike (`DocumentInfo`, `Issuer`, `Signer`, `Basis`),
so the templates' shared header and closing (`_frame.xml.j2`) read it as they read a plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import DataPath, Problem
from .model import Basis, DocumentInfo, Issuer, Signer, basis_entry, issuer_of, signer_of

if TYPE_CHECKING:
    from .load import LoadedPlan

LETTER_DOCUMENT = "cong-van.docx"


def is_letter(data: Any) -> bool:
    """Whether loaded `data` is a standalone letter rather than a plan: it has a top-level
    `kind` (a plan has none; a wrong value goes to the letter's schema, which names the right
    one)."""
    return isinstance(data, dict) and "kind" in data


class Point(NamedTuple):
    """A "- …" point of an item, with the deadline its sentence ends with, if any."""

    text: str
    deadline: str | None  # ISO date
    path: DataPath


class Numbered(NamedTuple):
    """An item numbered 1., 2. …: its text, its deadline, its points."""

    text: str
    deadline: str | None  # ISO date
    points: tuple[Point, ...]
    path: DataPath


class StandaloneLetter(NamedTuple):
    """A standalone letter, typed; named like a plan's fields where the shared templates read
    them (`document`, `issuer`, `archive`, `drafter`, `copies`, `signer`)."""

    document: DocumentInfo
    issuer: Issuer
    to: tuple[str, ...]
    basis: tuple[Basis, ...]  # cited in the opening sentence, dates short ("ngày 05/3/2025")
    opening: str
    items: tuple[Numbered, ...]
    closing: str | None
    recipients: tuple[str, ...]
    archive: tuple[str, ...]
    drafter: str | None
    signer: Signer
    copies: None = None  # ô 12 of a letter prints the drafter only, as the plan's letters do


def build_letter(data: dict[str, Any]) -> StandaloneLetter:
    """Returns the typed letter of schema-valid `data`."""
    document = data["document"]
    date = document["date"]
    summary = document["summary"]
    return StandaloneLetter(
        document=DocumentInfo(
            kind="Công văn", number=document.get("number"), symbol=document["symbol"],
            place=document["place"], day=date.get("day"), month=date.get("month"),
            year=date["year"], summary=(summary,) if isinstance(summary, str) else tuple(summary),
            path=("document",)),
        issuer=issuer_of(data["issuer"]),
        to=tuple(data["to"]),
        basis=tuple(basis_entry(entry, ("basis", i)) for i, entry in enumerate(data.get("basis", []))),
        opening=data["opening"],
        items=tuple(_numbered(entry, ("items", i)) for i, entry in enumerate(data["items"])),
        closing=data.get("closing"),
        recipients=tuple(data.get("recipients", [])),
        archive=tuple(data["archive"]),
        drafter=data.get("drafter"),
        signer=signer_of(data["signer"]))


def _numbered(entry: dict[str, Any], path: DataPath) -> Numbered:
    points = tuple(_point(point, (*path, "points", i)) for i, point in enumerate(entry.get("points", [])))
    return Numbered(entry["text"], entry.get("deadline"), points, path)


def _point(entry: str | dict[str, Any], path: DataPath) -> Point:
    if isinstance(entry, str):
        return Point(entry, None, path)
    return Point(entry["text"], entry.get("deadline"), path)


def letter_problems(letter: StandaloneLetter, loaded: LoadedPlan) -> list[Problem]:
    """Returns the meaning problems of `letter`, located in `loaded`'s file: its date is real,
    no deadline is before it, bold and italic markers pair and the header's lines print as
    written, as in a plan."""
    from .checks import date_problems, emphasis_problems, lines_at, locate, page_problems

    excerpt = lines_at(("document", "summary"), loaded.data["document"]["summary"])
    found = [*date_problems(letter.document), *_deadline_problems(letter), *emphasis_problems(loaded.data),
             *page_problems(loaded.data, [], excerpt)]
    return [locate(loaded, path, code, args) for path, code, args in found]


def _deadline_problems(letter: StandaloneLetter) -> Iterator[tuple[DataPath, str, dict[str, Any]]]:
    """A deadline before the letter's date (its first possible day while the day or month is
    blank) cannot be met: the date or the deadline is mistyped."""
    info = letter.document
    try:
        earliest = dt.date(info.year, info.month or 1, info.day or 1)
    except ValueError:  # an unreal date, reported by itself
        return
    dated = [(item.deadline, item.path) for item in letter.items]
    dated += [(point.deadline, point.path) for item in letter.items for point in item.points]
    for deadline, path in dated:
        if deadline is not None and dt.date.fromisoformat(deadline) < earliest:
            yield ((*path, "deadline"), "letter.deadline_before_date",
                   {"deadline": deadline, "date": _printed_date(info)})


def _printed_date(info: DocumentInfo) -> str:
    """Returns the letter's date as a message names it: "12/3/2025", "3/2025", "2025"."""
    return "/".join(str(part) for part in (info.day, info.month, info.year) if part is not None)


def not_a_plan(loaded: LoadedPlan, command: str) -> Problem:
    """Returns the error of a command that needs a plan (`new`, `diff`, `units`, `build
    --unit`) given a standalone letter, at its `kind` line."""
    at = loaded.key_positions.get(("kind",)) or loaded.position(("kind",))
    return Problem(file=loaded.file, line=at.line, column=at.column, code="letter.not_a_plan",
                   args={"command": command}, path=("kind",))
