"""`kehoach validate` and `build` on plans with a wrong figure, an unknown unit, a misspelt key
or an impossible date: one line each with file and line, exit code 1, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SAMPLE, SECOND, run_cli

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")


def broken_plan(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """Returns a copy of the sample plan with `old` replaced by `new`, and the changed line."""
    assert SAMPLE_TEXT.count(old) == 1, old
    path = tmp_path / "broken.yaml"
    path.write_text(SAMPLE_TEXT.replace(old, new), encoding="utf-8")
    return path, SAMPLE_TEXT[: SAMPLE_TEXT.index(old)].count("\n") + 1


def problem_lines(output: str, path: Path) -> list[str]:
    """Returns the error lines about `path` (the sample's standing warning left out)."""
    return [line for line in output.splitlines() if line.startswith(f"{path}:") and ": lỗi: " in line]


def test_the_sample_plan_is_valid_with_warnings_for_its_abbreviations_and_lowercase_citation():
    """The source document wrote these as the sample keeps them (printed as written)."""
    result = run_cli("validate", SAMPLE)
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"{SAMPLE}:29:9: cảnh báo: tên cơ quan ban hành viết tắt («UBND XÃ XUÂN PHÚC»); "
        "Nghị định 30 yêu cầu ghi tên đầy đủ, ví dụ «ỦY BAN NHÂN DÂN XÃ XUÂN PHÚC»",
        f"{SAMPLE}:38:11: cảnh báo: «kế hoạch» là văn bản cụ thể được trích dẫn: theo Nghị định 30 "
        "(Phụ lục II), tên loại văn bản viết hoa chữ cái đầu, «Kế hoạch»",
        f"{SAMPLE}:48:5: cảnh báo: «UBND» được dùng trước khi được viết đầy đủ: Nghị định 30 yêu cầu "
        "viết đầy đủ lần đầu, đặt «(UBND)» ngay sau"]
    assert run_cli("validate", "--strict", SAMPLE).exit_code == 1


def test_the_second_plan_is_valid_without_warnings():
    result = run_cli("validate", "--strict", SECOND)
    assert (result.exit_code, result.output) == (0, "")


@pytest.mark.parametrize(("old", "new", "fragments"), [
    ("reduction: {rate: 4.2, count: 65}", "reduction: {rate: 4.3, count: 65}", ["4,3", "4,2"]),
    ("reduction: {rate: 4.2, count: 65}", "reduction: {rate: 4.2, count: 66}", ["66", "65"]),
    ("target: {year: 2023, rate: 5.0, count: 76}", "target: {year: 2023, rate: 5.0, count: 80}",
     ["80", "1.525"]),
    ("support: [cac-thon]", "support: [cac-thonn]", ["cac-thonn"]),
    ("date: {year: 2023, month: 6, day: null}", "date: {year: 2023, month: 2, day: 31}", ["31"]),
    ("    baseline: {year: 2022, rate: 9.2, count: 141}", "    baseline: {year: 2022, rate: 9.2, count: 141}\n    targte: 1",
     ["targte", "target"]),
])
def test_a_wrong_plan_gets_one_located_message_and_exit_1(tmp_path, old, new, fragments):
    path, line = broken_plan(tmp_path, old, new)
    if "targte" in new:
        line += 1
    result = run_cli("validate", path)
    assert result.exit_code == 1
    problems = problem_lines(result.output, path)
    assert len(problems) >= 1, result.output
    assert problems[0].startswith(f"{path}:{line}:"), (problems, line)
    for fragment in fragments:
        assert fragment in problems[0]
    assert "Traceback" not in result.output


def test_build_of_a_wrong_plan_writes_nothing_and_builds_the_others(tmp_path):
    path, _ = broken_plan(tmp_path, "support: [cac-thon]", "support: [khong-co]")
    output = tmp_path / "out"
    result = run_cli("build", path, SAMPLE, "-o", output)
    assert result.exit_code == 1
    assert not (output / "broken").exists()
    assert (output / "xuan-phuc-2023" / "ke-hoach.docx").exists()
    assert problem_lines(result.output, path)


def test_english_on_request(tmp_path):
    path, _ = broken_plan(tmp_path, "support: [cac-thon]", "support: [khong-co]")
    vietnamese = run_cli("validate", path).output
    english = run_cli("--lang", "en", "validate", path).output
    assert vietnamese != english and "khong-co" in english


def test_usage_error_exits_2():
    assert run_cli("validate").exit_code == 2
    assert run_cli("build", SAMPLE, "--no-such-option").exit_code == 2


def test_version_and_help_with_examples():
    assert run_cli("--version").exit_code == 0
    for command in ("validate", "build"):
        result = run_cli(command, "--help")
        assert result.exit_code == 0 and "kehoach " + command in result.output


@pytest.mark.parametrize(("old", "new", "fragment"), [
    ("nhanh bền vững năm 2023 trên địa bàn xã Xuân Phúc\n", "nhanh bền vững trên địa bàn xã Xuân Phúc\n",
     "trích yếu không ghi năm"),
    ("reduction: {rate: 4.2, count: 65}", "reduction: {rate: 4.2, count: 65}\n    milestones: [{year: 2025, rate: 3.25}]",
     "3,25"),
    ("date: {year: 2023, month: 6, day: null}", "date: {year: 2025, month: 8, day: null}",
     "không còn cấp huyện"),
    ("  appendix: false", "  appendix: true", "không dẫn chiếu tới phụ lục"),
    ("default_deadline: Năm 2023", "default_deadline: Năm 2022", "trước năm của kế hoạch"),
])
def test_doubtful_data_is_a_warning_that_fails_only_under_strict(tmp_path, old, new, fragment):
    path, line = broken_plan(tmp_path, old, new)
    result = run_cli("validate", path)
    assert result.exit_code == 0, result.output
    warnings = [row for row in result.output.splitlines() if fragment in row]
    assert len(warnings) == 1 and ": cảnh báo: " in warnings[0], result.output
    assert run_cli("validate", "--strict", path).exit_code == 1
