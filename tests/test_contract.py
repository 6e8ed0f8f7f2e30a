"""The promise of `kehoach validate`: whatever it accepts, `build` builds.

The three sample plans are mutated one step at a time, at every place, in the ways a clerk's edit
goes wrong: an optional key dropped; a list cut to its first entry, its last, or none; a number
set to 0 or left empty (null); a text cut to one character or its first word. Each mutant is
built as `kehoach build` builds it. A mutant the checks reject must be refused with located
errors; one they accept must build every document; none may meet a bug. Then the plan
documents of a spread of the accepted mutants go through LibreOffice, as `build --pdf` does.
"""

from __future__ import annotations

import copy
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import LETTER, SAMPLE, SECOND, THIRD

from generator.batch import build_all, build_one
from generator.errors import has_errors

Path_ = tuple[str | int, ...]


def _places(value: Any, path: Path_ = ()) -> Iterator[Path_]:
    """Yields the path of every value inside `value`, parents before their children."""
    entries = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in entries:
        yield (*path, key)
        yield from _places(child, (*path, key))


def _edits(value: Any, in_mapping: bool) -> Iterator[tuple[str, Any]]:
    """Yields (name, new value) for each way of mutating `value`; `None` as the new value of
    "drop" means the key goes."""
    if in_mapping:
        yield "drop", None
    if isinstance(value, list) and value:
        yield "first", value[:1]
        yield "last", value[-1:]
        yield "empty", []
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield "zero", 0
        yield "null", None
    elif isinstance(value, str) and len(value) > 1:
        yield "cut", value[:1]
        yield "word", value.split()[0]


def mutants(plan: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yields (what was done, the mutated plan data) for every single-step mutation of `plan`."""
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    for path in list(_places(data)):
        owner = data
        for key in path[:-1]:
            owner = owner[key]
        for name, new in _edits(owner[path[-1]], isinstance(owner, dict)):
            mutant = copy.deepcopy(data)
            target = mutant
            for key in path[:-1]:
                target = target[key]
            if name == "drop":
                del target[path[-1]]
            else:
                target[path[-1]] = new
            yield f"{plan.name}: {name} {' › '.join(map(str, path))}", mutant


def _written(data: dict[str, Any], path: Path) -> Path:
    """Writes the mutant `data` to `path` as YAML; returns the path."""
    path.parent.mkdir(exist_ok=True)
    path.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_every_mutant_the_checks_accept_builds_every_document(tmp_path: Path):
    sources, steps, unit_ids = [], [], []
    for number, (what, mutant) in enumerate(m for plan in (SAMPLE, SECOND, THIRD) for m in mutants(plan)):
        sources.append(_written(mutant, tmp_path / "plans" / f"m{number}.yaml"))
        steps.append(what)
        # a unit with `letter: false` gets no letter and no task sheet
        unit_ids.append([unit.get("id") for unit in mutant.get("units", []) if unit.get("letter") is not False])
    output = tmp_path / "output"
    kept: list[Path] = []
    failures: list[str] = []
    counts = {"accepted": 0, "refused": 0}
    # Two processes, as `build --jobs 2`: the same outcomes as one by one, in half the time.
    for number, outcome in enumerate(build_all(sources, output, jobs=2)):
        what, units = steps[number], unit_ids[number]
        if outcome.crash is not None:
            failures.append(f"{what}: a bug while {outcome.crash.stage} {outcome.crash.document or ''}")
            continue
        if has_errors(list(outcome.problems)):  # refused: validate exits 1, with located errors
            counts["refused"] += 1
            assert outcome.written is None, what
            assert all(p.line >= 1 and p.column >= 1 for p in outcome.problems), what
            continue
        counts["accepted"] += 1
        if outcome.written is None or len(outcome.written) != 1 + 2 * len(units):
            failures.append(f"{what}: accepted, but {outcome.written} written")
        elif number % 60 == 0:
            kept.append(outcome.written[0])  # for LibreOffice
            continue
        elif units and number % 10 == 0:  # `build --unit`: that unit's letter and sheet only
            alone = build_one(sources[number], output, units=units[-1:])
            if alone.crash is not None or alone.written is None or len(alone.written) != 2:
                failures.append(f"{what}: accepted, but --unit {units[-1]} gave {alone}")
        shutil.rmtree(output / f"m{number}", ignore_errors=True)
    assert failures == []
    # Both verdicts are reached: the mutants test something on either side.
    assert counts["accepted"] > 500 and counts["refused"] > 300, counts
    _converts(kept)


def test_every_mutant_of_the_standalone_letter_the_checks_accept_builds_it(tmp_path: Path):
    """The same promise for the standalone công văn (issue 16): its one document, or located errors."""
    steps = [what for what, _ in mutants(LETTER)]
    sources = [_written(mutant, tmp_path / "plans" / f"m{number}.yaml")
               for number, (_, mutant) in enumerate(mutants(LETTER))]
    output = tmp_path / "output"
    failures: list[str] = []
    counts = {"accepted": 0, "refused": 0}
    for what, outcome in zip(steps, build_all(sources, output, jobs=2)):
        if outcome.crash is not None:
            failures.append(f"{what}: a bug while {outcome.crash.stage} {outcome.crash.document or ''}")
        elif has_errors(list(outcome.problems)):
            counts["refused"] += 1
            assert outcome.written is None, what
            assert all(p.line >= 1 and p.column >= 1 for p in outcome.problems), what
        else:
            counts["accepted"] += 1
            if outcome.written is None or [path.name for path in outcome.written] != ["cong-van.docx"]:
                failures.append(f"{what}: accepted, but {outcome.written} written")
    assert failures == []
    assert counts["accepted"] > 30 and counts["refused"] > 30, counts


def _converts(documents: list[Path]) -> None:
    """The documents convert to PDF, as `build --pdf` does, when LibreOffice is there."""
    from generator.writers import pdf

    try:
        pdfs = pdf.write_pdfs(documents)
    except pdf.ToolMissing:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    assert len(pdfs) == len(documents) > 5
    assert all(path.read_bytes().startswith(b"%PDF-") for path in pdfs)
