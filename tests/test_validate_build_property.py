"""`validate` exits 0 ⇒ `build` exits 0 with its files written, for plans drawn from the schema
itself (issue 12, part 1; issue 15: tables whose rows have random shapes are among them).

The plans come from `schema_strategy.plans`, which walks `schemas/plan.schema.json`; those the
schema refuses are left out (the fast validator, as `validate` uses it), so every example reaches
the meaning checks. Each is written as YAML and built as `kehoach build` builds it
(`batch.build_one`): no plan may make kehoach fail, and a plan without errors (what `validate`
accepts, warnings aside) must give its documents: the plan, and a letter and a task sheet for
each unit. A plan with errors must give none.

The budget: `EXAMPLES` plans (about 15 s), derandomized so that CI draws the same plans on every
run; set KEHOACH_PROPERTY_EXAMPLES to draw more, with a random seed, when hunting for bugs.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import docx
import yaml
from hypothesis import HealthCheck, assume, given, settings

from generator.batch import build_one
from generator.build import LETTER_FOLDER, PLAN_DOCUMENT, SHEET_FOLDER
from generator.errors import has_errors
from generator.plan.load import load_plan
from generator.plan.read import check_plan
from generator.plan.validate import is_valid

from conftest import run_cli
from docx_reading import column_widths
from schema_strategy import plans, tables

EXAMPLES = int(os.environ.get("KEHOACH_PROPERTY_EXAMPLES", "0")) or 150
TABLE_EXAMPLES = int(os.environ.get("KEHOACH_PROPERTY_EXAMPLES", "0")) or 150
# The share of drawn plans that must pass validation, so that the test builds plans, not only
# rejects them (the measured share is printed). It was 53% when the test was written (issue 12);
# each check added since refuses more drawn plans (19-27% after issue 14: markup drawn into
# titles, ladders, periods), so at least 15%, 22 of the 150 plans built.
LEAST_VALID_SHARE = 0.15


def write_plan(plan: dict[str, Any], folder: Path) -> Path:
    """Returns the path of `plan` written as YAML into `folder`, as a clerk's file would be."""
    path = folder / "plan.yaml"
    text = yaml.safe_dump(plan, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")
    return path


def expected_files(plan: dict[str, Any]) -> set[Path]:
    """Returns the files `build` must write for `plan`, relative to its folder: the plan
    document, and the letter and task sheet of each unit that has them (README, "Building");
    with letters to several units, each letter that addresses some unit, and the sheets of the
    units they address (docs/plan-format.md, `letters`)."""
    ids = [unit["id"] for unit in plan.get("units", []) if unit.get("letter", True)]
    shared = (plan.get("assignments") or {}).get("letters")
    if not shared:
        return {Path(PLAN_DOCUMENT), *(Path(LETTER_FOLDER, f"{id_}.docx") for id_ in ids),
                *(Path(SHEET_FOLDER, f"{id_}.docx") for id_ in ids)}
    to = {letter["id"]: ids if letter["to"] == "all" else letter["to"] for letter in shared}
    addressed = {unit_id for units in to.values() for unit_id in units}
    return {Path(PLAN_DOCUMENT), *(Path(LETTER_FOLDER, f"{id_}.docx") for id_, units in to.items() if units),
            *(Path(SHEET_FOLDER, f"{id_}.docx") for id_ in addressed)}


def written_files(folder: Path) -> set[Path]:
    return {path.relative_to(folder) for path in folder.rglob("*") if path.is_file()}


def crash_text(report: Path | None) -> str:
    """Returns the crash report's text (its traceback), removing the report."""
    if report is None:
        return "(no crash report)"
    text = report.read_text(encoding="utf-8")
    report.unlink()
    return text


TABLE_SHAPES = ("ragged", "group", "sub-rows", "span", "paragraphs")


def table_shapes(plan: Any) -> set[str]:
    """Returns the shapes of table rows `plan` holds (issue 15): "ragged" (a list row of another
    length than the columns), "group", "sub-rows", "span", "paragraphs" (a cell of several)."""
    found: set[str] = set()
    if isinstance(plan, dict):
        table = plan.get("table")
        if isinstance(table, dict):
            for row in table["rows"]:
                found |= _row_shapes(row, len(table["columns"]))
        for value in plan.values():
            found |= table_shapes(value)
    elif isinstance(plan, list):
        for value in plan:
            found |= table_shapes(value)
    return found


def _row_shapes(row: Any, columns: int) -> set[str]:
    found = {"ragged"} if isinstance(row, list) and len(row) != columns else set()
    if isinstance(row, dict):
        found |= {"group"} if "group" in row else {"sub-rows"} if "rows" in row else set()
    cells = row if isinstance(row, list) else row.get("cells", []) if isinstance(row, dict) else []
    for cell in cells:
        if isinstance(cell, dict):
            found |= {"span"} if cell.get("span", 1) > 1 else set()
            found |= {"paragraphs"} if isinstance(cell.get("text"), list) or cell.get("points") else set()
    return found


def build_and_check(plan: dict[str, Any], stats: Counter[str]) -> None:
    """Builds `plan` as `kehoach build` would and asserts the contract; counts what it saw."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        path = write_plan(plan, folder)
        accepted = not has_errors(check_plan(path).problems)
        output = folder / "output"
        outcome = build_one(path, output)
        assert outcome.crash is None, (outcome.crash, crash_text(outcome.crash.report))
        built = output / path.stem
        stats["drawn"] += 1
        stats.update(table_shapes(plan))
        if accepted:
            stats["valid"] += 1
            assert outcome.written is not None, outcome
            assert written_files(built) == expected_files(plan)
            assert {path.relative_to(built) for path in outcome.written} == expected_files(plan)
            report = build_one(path, output, report=True)  # the year-end report builds too (issue 18)
            assert report.crash is None, (report.crash, crash_text(report.crash.report))
            assert report.written == [built / "bao-cao.docx"], report
        else:
            assert outcome.written is None and not output.exists()


def test_whatever_validate_accepts_builds() -> None:
    stats: Counter[str] = Counter()

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              derandomize="KEHOACH_PROPERTY_EXAMPLES" not in os.environ,
              # the first draws build a validator for each part of the schema
              suppress_health_check=[HealthCheck.too_slow])
    @given(plan=plans())
    def check(plan: dict[str, Any]) -> None:
        assume(is_valid()(plan))
        build_and_check(plan, stats)

    check()
    share = stats["valid"] / stats["drawn"]
    print(f"\nplans drawn: {stats['drawn']}, passing validation: {stats['valid']} ({share:.0%}), "
          f"table rows: {', '.join(f'{shape} {stats[shape]}' for shape in TABLE_SHAPES)}")
    assert share >= LEAST_VALID_SHARE, stats


def test_whatever_validate_accepts_of_a_table_builds() -> None:
    """Issue 15: a plan with one drawn table (group rows, sub-rows, rich cells, spans, totals,
    rows of random shape) validates ⇒ builds; each shape of row is drawn."""
    stats: Counter[str] = Counter()
    minimal = load_plan(MINIMAL).data  # read as kehoach reads it (dates stay texts)

    @settings(max_examples=TABLE_EXAMPLES, deadline=None, database=None,
              derandomize="KEHOACH_PROPERTY_EXAMPLES" not in os.environ,
              suppress_health_check=[HealthCheck.too_slow])
    @given(table=tables())
    def check(table: dict[str, Any]) -> None:
        plan = copy.deepcopy(minimal)
        plan["sections"][0]["content"].append(table)
        assume(is_valid()(plan))
        build_and_check(plan, stats)

    check()
    print(f"\ntables drawn: {stats['drawn']}, passing validation: {stats['valid']}, "
          f"table rows: {', '.join(f'{shape} {stats[shape]}' for shape in TABLE_SHAPES)}")
    assert stats["valid"] >= stats["drawn"] / 4, stats
    assert all(stats[shape] > 0 for shape in TABLE_SHAPES), stats


# --- What the property test found: each case as a regression test ---------------------------

MINIMAL = Path(__file__).parent / "bad_plans" / "minimal.yaml"


def minimal_with(tmp_path: Path, old: str, new: str) -> Path:
    """Returns the minimal valid plan with `old` (found once) replaced by `new`, written in
    `tmp_path`."""
    text = MINIMAL.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "plan.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_a_rate_written_with_thirty_decimals_is_a_located_error_not_a_crash(tmp_path):
    # It was compared with its count at its own precision, 30 decimals: more digits than
    # Python's decimal context holds, and validate stopped with an internal error.
    plan = minimal_with(tmp_path, "baseline: {year: 2022, rate: 9.2,", "baseline: {year: 2022, rate: 1.0e-30,")
    result = run_cli("validate", plan)
    assert result.exit_code == 1
    # 141 × 100 / 1525 = 9.245901639344262295081967213114754…, to 30 decimals half up
    assert (f"{plan}:26:34: lỗi: tỷ lệ 0,000000000000000000000000000001% «hộ nghèo» năm 2022 không "
            "khớp với số lượng: 141 trên 1.525 hộ là 9,245901639344262295081967213115%") in result.output
    english = run_cli("--lang", "en", "validate", plan)
    assert f"{plan}:26:34: error: the rate 0.000000000000000000000000000001% of «hộ nghèo»" in english.output
    assert "lỗi nội bộ" not in result.output and "internal error" not in english.output


def test_column_widths_that_add_up_past_the_largest_number_build(tmp_path):
    # Two widths near the largest float added up to infinity, and build stopped with an
    # internal error; equal widths are equal columns, however large.
    plan = minimal_with(tmp_path, "      - {indicators: [ho-ngheo]}\n", (
        "      - {indicators: [ho-ngheo]}\n"
        "      - table:\n"
        "          columns: [{title: Thôn, width: 1.5e+308}, {title: Số hộ, width: 1.5e+308}]\n"
        "          rows: [[Đồng Lách, 120]]\n"))
    assert run_cli("validate", plan).exit_code == 0
    result = run_cli("build", plan, "-o", tmp_path / "output")
    assert result.exit_code == 0, result.output
    document = docx.Document(str(tmp_path / "output" / "plan" / PLAN_DOCUMENT))
    table = next(table for table in document.tables if table.rows[0].cells[0].text == "Thôn")
    assert sorted(column_widths(table)) == [4677, 4678]  # the 9355 twips of text width, halved


def test_a_rate_of_a_hundred_trillion_households_is_worked_out_not_searched(tmp_path):
    # The count a rate stands for was searched among all counts printing that rate: 2 × 10¹¹
    # of them here, and validate never ended. Run apart, so that a hang fails the test.
    plan = minimal_with(tmp_path, "baseline: {year: 2022, rate: 9.2, count: 141}\n"
                        "    target: {year: 2023, rate: 5.0, count: 76}",
                        "baseline: {year: 2022, rate: 9.2}\n    target: {year: 2023, rate: 5.0}")
    plan.write_text(plan.read_text(encoding="utf-8").replace("households: 1525", "households: 100000000000000"),
                    encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "validate", str(plan)], capture_output=True,
                            text=True, encoding="utf-8", timeout=60, env={**os.environ, "LANG": "C.UTF-8"})
    assert result.returncode == 0, result.stdout + result.stderr
    # 9,2% of 10¹⁴: from 9,15% (half up) to just below 9,25%, × 10¹⁴ / 100
    assert ("số lượng được tính là 9.200.000.000.000 (9,2% của 100.000.000.000.000 hộ), nhưng mọi số từ "
            "9.150.000.000.000 đến 9.249.999.999.999 đều in thành 9,2%") in result.stdout + result.stderr


def test_a_count_above_the_households_is_a_located_error_in_both_languages(tmp_path):
    # A count of 10⁴⁰ of 1.525 households gave a rate of 6.6 × 10³⁸ %, which the check of a
    # rate's decimals could not round, and validate stopped with an internal error.
    plan = minimal_with(tmp_path, "baseline: {year: 2022, rate: 9.2, count: 141}",
                        "baseline: {year: 2022, count: 2000}")
    result = run_cli("validate", plan)
    assert result.exit_code == 1
    # 2000 × 100 / 1525 = 131,147…
    assert (f"{plan}:26:35: lỗi: «hộ nghèo», năm gốc (cuối năm 2022): số lượng 2.000 lớn hơn tổng số "
            "1.525 hộ mà nó là một phần, nên tỷ lệ sẽ là 131,1%: hãy xem lại số lượng, hoặc tổng số hộ "
            "(`households`)") in result.output
    english = run_cli("--lang", "en", "validate", plan)
    assert (f"{plan}:26:35: error: «hộ nghèo», baseline (end of 2022): the count 2,000 is more than "
            "the 1,525 households it is a share of, so its rate would be 131.1%") in english.output
    huge = minimal_with(tmp_path, "baseline: {year: 2022, rate: 9.2, count: 141}",
                        "baseline: {year: 2022, count: 10000000000000000000000000000000000000000}")
    result = run_cli("validate", huge)
    assert result.exit_code == 1 and f"{huge}:26:35: lỗi:" in result.output
    assert "lỗi nội bộ" not in result.output
