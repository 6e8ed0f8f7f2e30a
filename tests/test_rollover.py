"""`kehoach new`: next year's plan from the sample — years changed exactly where they mean the
plan's year, baselines from last year's targets or actual results, targets left for `validate`
to list, basis kept for review, comments and layout kept, nothing overwritten without --force."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import SAMPLE, SECOND, run_cli

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
# Where the plan's own wording is: the plan's year is replaced there and nowhere else.
BODY = ("intro", "sections", "parts", "units", "appendices", "assignments")
NOT_TEXT = {"id", "lead", "support", "indicators", "indicator_table", "units", "numbering", "service",
            "style", "align", "symbol"}


def roll(tmp_path: Path, source: Path = SAMPLE, year: int = 2024, *extra: object) -> tuple[Any, Path]:
    output = tmp_path / f"plan-{year}.yaml"
    result = run_cli("new", "--from", source, "--year", year, "-o", output, *extra)
    assert result.exit_code == 0, result.output
    return result, output


def texts(node: Any, path: tuple = ()) -> dict[tuple, str]:
    """Returns every text under `node` by its path, ids and enums left out."""
    found: dict[tuple, str] = {}
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        if key in NOT_TEXT:
            continue
        if isinstance(value, str):
            found[(*path, key)] = value
        else:
            found.update(texts(value, (*path, key)))
    return found


def comments(text: str) -> list[str]:
    return [line.split("#", 1)[1].strip() for line in text.splitlines()
            if re.match(r"^\s*#", line) or " # " in line.replace('"', "")]


@pytest.fixture(scope="module")
def rolled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    return roll(tmp_path_factory.mktemp("new"))


def test_the_plan_year_changes_in_the_year_date_summary_and_body_texts(rolled):
    _, output = rolled
    old, new = yaml.safe_load(SAMPLE_TEXT), yaml.safe_load(output.read_text(encoding="utf-8"))
    assert new["year"] == 2024 and new["document"]["date"]["year"] == 2024
    old_body = texts({key: old[key] for key in BODY if key in old})
    new_body = texts({key: new[key] for key in BODY if key in new})
    assert new_body.keys() == old_body.keys()
    changed = {path for path in old_body if old_body[path] != new_body[path]}
    assert changed == {path for path, text in old_body.items() if re.search(r"(?<!\d)2023(?!\d)", text)}
    assert len(changed) >= 4
    for path in changed:
        assert new_body[path] == re.sub(r"(?<!\d)2023(?!\d)", "2024", old_body[path])
    assert new["document"]["summary"] == [line.replace("2023", "2024") for line in old["document"]["summary"]]


def test_basis_documents_and_other_years_do_not_change(rolled):
    _, output = rolled
    old, new = yaml.safe_load(SAMPLE_TEXT), yaml.safe_load(output.read_text(encoding="utf-8"))
    assert [{k: v for k, v in entry.items() if k != "review"} for entry in new["basis"]] == old["basis"]
    assert new["basis"][0]["date"] == "2023-05-18" and "năm 2023" in new["basis"][0]["subject"]
    for key in ("issuer", "recipients", "archive", "signer", "households"):
        assert new[key] == old[key]


def test_baselines_come_from_last_years_targets_and_targets_are_emptied(rolled):
    result, output = rolled
    old, new = yaml.safe_load(SAMPLE_TEXT), yaml.safe_load(output.read_text(encoding="utf-8"))
    for before, after in zip(old["indicators"], new["indicators"]):
        assert after["baseline"] == before["target"]  # {year: 2023, rate: 5.0, count: 76}
        assert after["target"] == {"year": 2024, "rate": None, "count": None}
        assert "reduction" not in after and "actual" not in after
    text = output.read_text(encoding="utf-8")
    assert "baseline: {year: 2023, rate: 5.0, count: 76}" in text
    assert "target: {year: 2024, rate: null, count: null}" in text
    assert text.count("# kehoach new: năm gốc = mục tiêu năm 2023") == len(old["indicators"])


def test_a_recorded_actual_result_becomes_the_baseline(tmp_path):
    source = tmp_path / "xuan-phuc-2023.yaml"
    source.write_text(SAMPLE_TEXT.replace(
        "    target: {year: 2023, rate: 5.0, count: 76}\n",
        "    target: {year: 2023, rate: 5.0, count: 76}\n"
        "    actual: {year: 2023, rate: 4.8, count: 73}    # kết quả thực hiện cuối năm 2023\n", 1),
        encoding="utf-8")
    assert run_cli("validate", source).exit_code == 0
    result, output = roll(tmp_path, source)
    new = yaml.safe_load(output.read_text(encoding="utf-8"))
    assert new["indicators"][0]["baseline"] == {"year": 2023, "rate": 4.8, "count": 73}
    assert "actual" not in new["indicators"][0]
    assert new["indicators"][1]["baseline"] == {"year": 2023, "rate": 2.7, "count": 41}
    assert "hộ nghèo: năm gốc = kết quả thực hiện cuối năm 2023: 4,8%, 73 hộ" in result.output
    # Only the indicator without a recorded result is warned about.
    warnings = [line for line in result.output.splitlines() if ": cảnh báo: " in line]
    assert len(warnings) == 1 and ": cảnh báo: hộ cận nghèo: chưa ghi kết quả thực hiện năm 2023" in warnings[0]
    assert "# kehoach new: năm gốc = kết quả thực hiện năm 2023 (actual)" in output.read_text(encoding="utf-8")


def test_every_change_is_printed_with_its_line_in_the_new_file(rolled):
    result, output = rolled
    lines = output.read_text(encoding="utf-8").splitlines()
    printed = [line for line in result.output.splitlines() if line.startswith(f"{output}:")]
    replaced = [line for line in printed if "2023 → 2024:" in line]
    assert len(replaced) >= 5
    for line in printed:
        number = int(line.split(":")[1])
        assert 1 <= number <= len(lines)
    for line in replaced:
        assert "2024" in lines[int(line.split(":")[1]) - 1], line


def test_comments_key_order_and_layout_are_kept(rolled):
    _, output = rolled
    text = output.read_text(encoding="utf-8")
    dropped = {comment for line in SAMPLE_TEXT.splitlines() if line.lstrip().startswith("reduction:")
               for comment in comments(line)}
    for comment in comments(SAMPLE_TEXT):
        if comment not in dropped and not comment.startswith("yaml-language-server:"):
            assert comment in text, comment
    # Its own first line, right for where the file is (tests/test_init.py).
    assert text.startswith("# yaml-language-server: $schema=") and text.count("yaml-language-server") == 1
    # A folded paragraph keeps its line breaks: the same number of lines, changed lines aside.
    assert abs(len(text.splitlines()) - len(SAMPLE_TEXT.splitlines())) <= 2 * 3
    assert list(yaml.safe_load(text)) == list(yaml.safe_load(SAMPLE_TEXT))


def test_a_plan_saved_with_windows_line_ends_keeps_them_and_nothing_else_changes(rolled, tmp_path):
    # ruamel keeps a CRLF file's "\r" in its comments: written back, they ended "\r\r\n".
    windows = tmp_path / "windows" / SAMPLE.name
    windows.parent.mkdir()
    windows.write_bytes(SAMPLE_TEXT.replace("\n", "\r\n").encode("utf-8"))
    _, output = roll(tmp_path, windows)
    written = output.read_bytes().decode("utf-8")
    assert "\r\r" not in written and written.count("\n") == written.count("\r\n")
    assert written.replace("\r\n", "\n") == rolled[1].read_text(encoding="utf-8")


def test_validate_lists_each_target_to_fill_and_warns_for_the_basis(rolled):
    _, output = rolled
    lines = output.read_text(encoding="utf-8").splitlines()
    result = run_cli("validate", "--format", "json", output)
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    problems = problems["problems"] if isinstance(problems, dict) else problems
    missing = [p for p in problems if p["code"] == "indicator.target_missing"]
    assert [lines[p["line"] - 1].strip() for p in missing] == \
        ["target: {year: 2024, rate: null, count: null}"] * 2
    assert all(p["severity"] == "error" for p in missing)
    review = [p for p in problems if p["code"] == "basis.review"]
    assert len(review) == 1 and review[0]["severity"] == "warning"
    assert lines[review[0]["line"] - 1].strip().startswith("- review: true")
    # the sample's abbreviated issuer name (nd30-format §5.2) and lowercase cited type (§5.6)
    # are standing warnings of their own
    assert {p["code"] for p in problems} == {"indicator.target_missing", "basis.review",
                                             "lint.issuer_abbreviated", "lint.cited_type_lowercase",
                                                 "lint.abbreviation_not_defined"}
    text_result = run_cli("validate", output)
    assert "hộ nghèo" in text_result.output and "2024" in text_result.output


def test_the_filled_in_plan_validates_and_builds(rolled, tmp_path):
    _, output = rolled
    text = output.read_text(encoding="utf-8")
    text = text.replace("target: {year: 2024, rate: null, count: null}",
                        "target: {year: 2024, rate: 4.0, count: 61}", 1)
    text = text.replace("target: {year: 2024, rate: null, count: null}",
                        "target: {year: 2024, rate: 2.0, count: 30}", 1)
    text = re.sub(r"  - review: true[^\n]*\n    lead:", "  - lead:", text)
    filled = tmp_path / "xuan-phuc-2024.yaml"
    filled.write_text(text, encoding="utf-8")
    assert run_cli("validate", filled).exit_code == 0
    strict = run_cli("validate", "--strict", filled)
    assert strict.exit_code == 1
    assert [line.split(": ")[1] for line in strict.output.splitlines()] == ["cảnh báo"] * 3, \
        "only the sample's standing warnings (abbreviated issuer, lowercase cited type, UBND) are left"
    result = run_cli("build", filled, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output


def test_an_existing_file_is_never_overwritten_without_force(tmp_path):
    output = tmp_path / "xuan-phuc-2024.yaml"
    output.write_text("giữ nguyên\n", encoding="utf-8")
    refused = run_cli("new", "--from", SAMPLE, "--year", 2024, "-o", output)
    assert refused.exit_code == 1 and "--force" in refused.output
    assert output.read_text(encoding="utf-8") == "giữ nguyên\n"
    forced = run_cli("new", "--from", SAMPLE, "--year", 2024, "-o", output, "--force")
    assert forced.exit_code == 0 and "year: 2024" in output.read_text(encoding="utf-8")


def test_the_default_name_is_the_sources_with_the_year_changed(tmp_path):
    source = tmp_path / "xuan-phuc-2023.yaml"
    source.write_text(SAMPLE_TEXT, encoding="utf-8")
    result = run_cli("new", "--from", source, "--year", 2024)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "xuan-phuc-2024.yaml").is_file()
    assert f"{tmp_path / 'xuan-phuc-2024.yaml'}" in result.output


def test_a_year_that_is_not_after_the_plans_is_refused(tmp_path):
    result = run_cli("new", "--from", SAMPLE, "--year", 2023, "-o", tmp_path / "x.yaml")
    assert result.exit_code == 1 and "2023" in result.output
    assert not (tmp_path / "x.yaml").exists()


def test_a_plan_with_errors_is_not_rolled_over(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(SAMPLE_TEXT.replace("support: [cac-thon]", "support: [khong-co]"), encoding="utf-8")
    result = run_cli("new", "--from", broken, "--year", 2024, "-o", tmp_path / "x.yaml")
    assert result.exit_code == 1 and "khong-co" in result.output
    assert not (tmp_path / "x.yaml").exists()


def test_villages_deadlines_and_kept_years_of_the_second_plan(tmp_path):
    result, output = roll(tmp_path, SECOND, 2027)
    new = yaml.safe_load(output.read_text(encoding="utf-8"))
    old = yaml.safe_load(SECOND.read_text(encoding="utf-8"))
    for before, after in zip(old["indicators"][0]["villages"], new["indicators"][0]["villages"]):
        assert after["baseline"] == before["target"]
        assert after["target"] == {"rate": None, "count": None}
    assert new["indicators"][0]["milestones"] == old["indicators"][0]["milestones"][1:]  # 2027: see below
    assert new["document"]["number"] is None and new["document"]["date"]["day"] is None
    deadlines = [duty.get("deadline") for unit in new["units"] for duty in unit.get("duties", [])]
    assert "Quý IV/2027" in deadlines and "2027-12-15" in deadlines
    # Last year's results keep their year, and the clerk is shown them.
    assert new["parts"][0]["title"] == "KẾT QUẢ THỰC HIỆN NĂM 2025"
    assert "2025 giữ nguyên" in result.output
    codes = {p["code"] for p in json.loads(run_cli("validate", "--format", "json", output).stdout)}
    assert codes <= {"indicator.target_missing", "indicator.village_target_missing", "basis.review"}
    assert "indicator.village_target_missing" in codes
    # the ladder's step for 2027 is the new target's year: removed, and said; the 2030 step and
    # its comment are kept
    assert [step["year"] for step in new["indicators"][0]["milestones"]] == [2030]
    assert "hộ nghèo: bỏ mốc năm 2027 của lộ trình: mục tiêu năm 2027 của kế hoạch mới thay cho mốc này" in result.output
    assert "      - {year: 2030, rate: 1.0, count: 25}         # 25 × 100 / 2480 = 1,01\n" in output.read_text(encoding="utf-8")


def test_an_actual_result_with_only_a_rate_never_takes_the_count_from_the_target(tmp_path):
    """4,9% with last year's 76 households would print a baseline that disagrees with itself
    (76 of 1.525 is 5,0%): the count is left for kehoach to compute from the households."""
    source = tmp_path / "xuan-phuc-2023.yaml"
    source.write_text(SAMPLE_TEXT.replace(
        "    target: {year: 2023, rate: 5.0, count: 76}\n",
        "    target: {year: 2023, rate: 5.0, count: 76}\n    actual: {year: 2023, rate: 4.9}\n", 1),
        encoding="utf-8")
    result, output = roll(tmp_path, source)
    new = yaml.safe_load(output.read_text(encoding="utf-8"))
    assert new["indicators"][0]["baseline"] == {"year": 2023, "rate": 4.9}
    assert f"{output}:61: hộ nghèo: năm gốc = kết quả thực hiện cuối năm 2023: 4,9%\n" in result.output
    filled = output.read_text(encoding="utf-8").replace("rate: null, count: null", "rate: 4.0, count: 61", 1)
    output.write_text(filled.replace("rate: null, count: null", "rate: 2.0, count: 30", 1), encoding="utf-8")
    checked = run_cli("--lang", "en", "validate", output)
    # 74 and 75 of 1.525 households both print 4,9%; 75 is nearer to 4,9% of them (74,7)
    assert (f"{output}:61:34: warning: «hộ nghèo», baseline (end of 2023): the count is computed as 75 "
            "(4.9% of 1,525 households), but every count from 74 to 75 prints as 4.9%") in checked.output


def test_rolling_over_again_renews_kehoachs_own_notes(rolled, tmp_path):
    _, output = rolled
    filled = tmp_path / "plan-2024.yaml"
    text = output.read_text(encoding="utf-8")
    for figures in ("rate: 4.0, count: 61", "rate: 2.0, count: 30"):
        text = text.replace("rate: null, count: null", figures, 1)
    filled.write_text(text, encoding="utf-8")
    _, again = roll(tmp_path, filled, 2025)
    text = again.read_text(encoding="utf-8")
    assert "mục tiêu năm 2023" not in text and "cho năm 2024" not in text
    assert text.count("# kehoach new: năm gốc = mục tiêu năm 2024") == 2
    assert text.count("review: true  # kehoach new: xem lại văn bản này cho năm 2025") == 1


# --- issue 12, part 4: what `new` says, as a clerk reads it -----------------------------------

def line_of(output: Path, start: str) -> int:
    """Returns the 1-based line of the new file that starts (indent aside) with `start`."""
    lines = output.read_text(encoding="utf-8").splitlines()
    (number,) = [n for n, line in enumerate(lines, start=1) if line.lstrip().startswith(start)]
    return number


def said(result: Any, output: Path, line: int) -> list[str]:
    """Returns what `new` printed about `line` of the new file among its changes, in order (the
    comments it lists at the end, "FILE:LINE: # …", left out)."""
    prefix = f"{output}:{line}: "
    return [text[len(prefix):] for text in result.output.splitlines()
            if text.startswith(prefix) and not text.startswith(prefix + "# ")]


@pytest.mark.parametrize("lang, expected", [
    ("vi", "ngày ban hành: ngày … tháng 6 năm 2023 → ngày … tháng … năm 2024; điền ngày và tháng khi ký "
           "kế hoạch"),
    ("en", "date of issue: ngày … tháng 6 năm 2023 → ngày … tháng … năm 2024; fill in the day and month "
           "when the plan is signed"),
])
def test_the_whole_date_of_issue_is_emptied_and_the_change_list_says_so(tmp_path, lang, expected):
    output = tmp_path / "xuan-phuc-2024.yaml"
    result = run_cli("--lang", lang, "new", "--from", SAMPLE, "--year", 2024, "-o", output)
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(output.read_text(encoding="utf-8"))["document"]["date"] == \
        {"year": 2024, "month": None, "day": None}
    assert said(result, output, line_of(output, "date: {")) == [expected]


def test_a_signed_plans_day_and_month_are_emptied_and_print_as_room_to_fill(tmp_path):
    result, output = roll(tmp_path, SECOND, 2027)
    assert yaml.safe_load(output.read_text(encoding="utf-8"))["document"]["date"] == \
        {"year": 2027, "month": None, "day": None}
    assert said(result, output, line_of(output, "date: {")) == [
        "ngày ban hành: ngày 05 tháng 02 năm 2026 → ngày … tháng … năm 2027; điền ngày và tháng khi ký kế hoạch"]


@pytest.mark.parametrize("lang, warning", [
    ("vi", "cảnh báo: {name}: chưa ghi kết quả thực hiện năm 2023 nên năm gốc tạm lấy mục tiêu năm trước: "
           "{figure}. Hãy ghi kết quả vào {source} (actual: {{year: 2023, rate: …, count: …}}) rồi chạy "
           "lại kehoach new với --force, hoặc sửa năm gốc ở đây"),
    ("en", "warning: {name}: no actual result recorded for 2023, so the baseline is last year's target: "
           "{figure}. Record the result in {source} (actual: {{year: 2023, rate: …, count: …}}) and run "
           "kehoach new again with --force, or correct the baseline here"),
])
def test_each_indicator_without_an_actual_result_gets_a_warning_at_its_baseline(tmp_path, lang, warning):
    output = tmp_path / "xuan-phuc-2024.yaml"
    result = run_cli("--lang", lang, "new", "--from", SAMPLE, "--year", 2024, "-o", output)
    assert result.exit_code == 0, result.output
    lines = output.read_text(encoding="utf-8").splitlines()
    baselines = [n for n, line in enumerate(lines, start=1) if line.lstrip().startswith("baseline:")]
    # The sample's targets for 2023 (worked from plans/xuan-phuc-2023.yaml): 5,0%, 76 and 2,7%, 41.
    for line, name, figure in zip(baselines, ["hộ nghèo", "hộ cận nghèo"], ["5,0%, 76 hộ", "2,7%, 41 hộ"]):
        assert said(result, output, line) == [warning.format(name=name, figure=figure, source=SAMPLE)]
    assert sum(": cảnh báo: " in line or ": warning: " in line for line in result.output.splitlines()) == 2


def test_the_readme_says_to_record_the_actual_result_before_starting_the_new_year():
    readme = (SAMPLE.parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("**Năm mới.**", 1)[1].split("\n\n**", 1)[0]
    assert "trước khi chạy" in section and "actual" in section


@pytest.mark.parametrize("lang, households, basis", [
    ("vi", "tổng số hộ: 1.525, vẫn là số năm 2023: hãy cập nhật số hộ hiện nay của xã (dùng để kiểm tra "
           "mọi tỷ lệ)",
     "căn cứ kế hoạch số 145/KH-UBND ngày 18 tháng 5 năm 2023 là văn bản năm 2023: giữ và đánh dấu cần xem "
     "lại (review: true); hãy xem đã có văn bản năm 2024 thay thế chưa"),
    ("en", "households: 1.525, as in 2023: update it to the commune's number of households now (it checks "
           "every rate)",
     "basis kế hoạch số 145/KH-UBND ngày 18 tháng 5 năm 2023 is from 2023: kept and marked for review "
     "(review: true); check whether a 2024 document replaces it"),
])
def test_households_and_last_years_basis_are_flagged_to_update(tmp_path, lang, households, basis):
    output = tmp_path / "xuan-phuc-2024.yaml"
    result = run_cli("--lang", lang, "new", "--from", SAMPLE, "--year", 2024, "-o", output)
    assert result.exit_code == 0, result.output
    assert said(result, output, line_of(output, "households:")) == [households]
    assert said(result, output, line_of(output, "- review: true")) == [basis]
    assert yaml.safe_load(output.read_text(encoding="utf-8"))["households"] == 1525  # pointed out, kept


def test_only_the_basis_dated_in_the_old_year_is_flagged_and_village_households_too(tmp_path):
    result, output = roll(tmp_path, SECOND, 2027)
    reviews = [line for line in result.output.splitlines() if "(review: true)" in line]
    # tan-an-2026.yaml: a Law without a date, a resolution of 2025-12-15, a plan of 2026-01-20.
    assert [("văn bản năm 2026" in line) for line in reviews] == [False, False, True]
    assert "Kế hoạch số 25/KH-UBND ngày 20 tháng 01 năm 2026 là văn bản năm 2026" in reviews[2]
    assert "hộ nghèo: số hộ của 3 thôn vẫn là số năm 2026: hãy cập nhật" in \
        said(result, output, line_of(output, "villages:"))
    assert "2 văn bản căn cứ cần xem lại" not in result.output and "3 văn bản căn cứ cần xem lại" in result.output


COMMENTED = SAMPLE_TEXT.replace(
    "households: 1525\n", "households: 1525    # tổng số hộ năm 2023\n").replace(
    "    reduction: {rate: 4.2, count: 65}    # bản gốc: \"giảm 4.2%, tương ứng giảm 65 hộ nghèo\"\n",
    "    reduction: {rate: 4.2, count: 65}    # bản gốc: \"giảm 4.2%, tương ứng giảm 65 hộ nghèo\"\n"
    "    # mục tiêu năm 2023 theo huyện giao\n", 1)


@pytest.mark.parametrize("lang, heading", [
    ("vi", "Các ghi chú dưới đây vẫn nhắc năm 2023, cạnh những giá trị đã đổi: hãy xem còn đúng không."),
    ("en", "These comments still mention 2023, beside values that changed: check that they still hold."),
])
def test_comments_naming_last_year_are_listed_once_at_the_end_only_beside_changed_values(
        tmp_path, lang, heading):
    source = tmp_path / "xuan-phuc-2023.yaml"
    source.write_text(COMMENTED, encoding="utf-8")
    output = tmp_path / "xuan-phuc-2024.yaml"
    result = run_cli("--lang", lang, "new", "--from", source, "--year", 2024, "-o", output)
    assert result.exit_code == 0, result.output
    printed = result.output.splitlines()
    assert printed.count(heading) == 1
    at = printed.index(heading)
    changes = printed[:at]
    listed = [line for line in printed[at + 1:] if line.startswith(f"{output}:")]
    assert all(line.startswith(f"{output}:") for line in changes)
    assert not any(" # " in line for line in changes)  # no comment among the changes
    lines = output.read_text(encoding="utf-8").splitlines()
    expected = [
        # above the first indicator, whose baseline changed
        "# Bản gốc ghi tỷ lệ giảm, số hộ giảm và số hộ cuối năm 2023; số hộ cuối năm 2022 suy ra",
        # above the second indicator's baseline (the line was the comment under the removed reduction)
        "# mục tiêu năm 2023 theo huyện giao",
        # on the line of the letters' summary, whose second line changed
        '# in "V/v giao nhiệm vụ thực hiện" / "Kế hoạch giảm nghèo năm 2023"',
        # on the line of the reporting deadline, changed
        '# in "trước ngày 15/12/2023"',
    ]
    assert [line.split(": ", 1)[1] for line in listed] == expected
    for line in listed:  # each points at its comment in the new file
        number, comment = int(line.split(":")[1]), line.split(": # ", 1)[1]
        assert lines[number - 1].rstrip().endswith(comment)
    # Not listed: the file's header (above the year, with a blank line between) and the
    # comment beside the number of households, which did not change.
    assert not any("của UBND xã Xuân Phúc" in line or "tổng số hộ năm 2023" in line for line in listed)


def test_last_years_letter_numbers_are_not_carried_over(tmp_path):
    # issue 16: a letter's number and date belong to the letter sent; next year's are blank.
    symbol = '    symbol: UBND-CSXH                 # đơn vị soạn thảo như dòng "Lưu: VT, CSXH"\n'
    source = tmp_path / "xuan-phuc-2023.yaml"
    assert SAMPLE_TEXT.count(symbol) == 1
    source.write_text(SAMPLE_TEXT.replace(symbol, symbol + "    issued:\n"
                                          '      - {unit: ldtbxh, number: 15, date: "2023-07-03"}\n'
                                          '      - {unit: tu-phap, number: 16, date: "2023-07-03"}\n'),
                      encoding="utf-8")
    assert run_cli("validate", source).exit_code == 0
    result, output = roll(tmp_path, source)
    new = yaml.safe_load(output.read_text(encoding="utf-8"))
    assert "issued" not in new["assignments"]["letter"]
    assert new["assignments"]["letter"]["symbol"] == "UBND-CSXH"
    assert "đã bỏ số và ngày của 2 công văn năm trước: ghi số, ngày mới khi gửi công văn" in result.output
    english = run_cli("--lang", "en", "new", "--from", source, "--year", 2024, "-o", tmp_path / "en.yaml")
    assert "numbers and dates of last year's 2 letters removed" in english.output


def test_last_years_shared_letter_numbers_are_not_carried_over(tmp_path):
    # issue 16: a letter to several units is numbered when sent, like a unit's own.
    letters = ("assignments:\n  letters:\n    - id: chung\n      to: all\n"
               '      issued: {number: 15, date: "2023-07-03"}   # số văn thư cấp\n'
               "    - id: thon\n      to: [cac-thon]\n")
    source = tmp_path / "xuan-phuc-2023.yaml"
    source.write_text(SAMPLE_TEXT.replace("\nassignments:\n", "\n" + letters, 1), encoding="utf-8")
    assert run_cli("validate", source).exit_code == 0
    result, output = roll(tmp_path, source)
    new = yaml.safe_load(output.read_text(encoding="utf-8"))
    assert new["assignments"]["letters"] == [{"id": "chung", "to": "all"}, {"id": "thon", "to": ["cac-thon"]}]
    assert "đã bỏ số và ngày của 1 công văn năm trước" in result.output
