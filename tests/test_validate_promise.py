"""Regression cases of the promise "whatever validate accepts, build builds": each was a plan
that `validate` passed and `build` could not make, found by a newcomer, a mutation of the
samples or a drawn plan. Each is now either built or refused at its line, in both languages."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from conftest import SAMPLE, SECOND, run_cli
from docx import Document

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
SECOND_TEXT = SECOND.read_text(encoding="utf-8")


def write(folder: Path, text: str, name: str = "plan.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, start: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if line.strip().startswith(start))


def plan_sentence(output: Path, stem: str, start: str) -> str:
    paragraphs = Document(str(output / stem / "ke-hoach.docx")).paragraphs
    return next(p.text for p in paragraphs if p.text.startswith(start))


# --- next year's targets written as rates only (the newcomer's first case) -------------------

RATES_ONLY = SAMPLE_TEXT.replace("target: {year: 2023, rate: 5.0, count: 76}", "target: {year: 2023, rate: 3.8}") \
    .replace("target: {year: 2023, rate: 2.7, count: 41}", "target: {year: 2023, rate: 2.0}") \
    .replace("    reduction: {rate: 4.2, count: 65}    # bản gốc: \"giảm 4.2%, tương ứng giảm 65 hộ nghèo\"\n", "") \
    .replace("    reduction: {rate: 3.9, count: 60}    # bản gốc: \"giảm 3,9%, tương ứng giảm 60 hộ cận nghèo\"\n", "")


def test_targets_as_rates_only_build_with_counts_computed_from_the_households(tmp_path):
    assert RATES_ONLY.count("rate: 3.8}") == 1 and "reduction" not in RATES_ONLY
    plan = write(tmp_path, RATES_ONLY)
    result = run_cli("--lang", "en", "build", plan, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    # 3,8% of 1.525 households: only 58 prints 3,8% (57 → 3,7%, 59 → 3,9%), so no warning;
    # 2,0%: 30 (1,97%) and 31 (2,03%) both do: 31, the nearer to 30,5 (half up), and a warning.
    line = line_of(RATES_ONLY, "target: {year: 2023, rate: 2.0}")
    assert (f"{plan}:{line}:32: warning: «hộ cận nghèo», target (end of 2023): the count is computed "
            "as 31 (2.0% of 1,525 households), but every count from 30 to 31 prints as 2.0%") in result.output
    assert "hộ nghèo», target" not in result.output
    assert plan_sentence(tmp_path / "out", "plan", "Năm 2023, tỷ lệ hộ nghèo") == (
        "Năm 2023, tỷ lệ hộ nghèo giảm 5,4%, tương ứng giảm 83 hộ nghèo (từ 9,2% cuối năm 2022, "
        "xuống còn 3,8% cuối năm 2023, số hộ nghèo dự kiến cuối năm 2023 còn 58 hộ); tỷ lệ hộ cận "
        "nghèo giảm 4,6%, tương ứng giảm 70 hộ cận nghèo (từ 6,6% cuối năm 2022, xuống còn 2,0% cuối "
        "năm 2023, số hộ cận nghèo dự kiến cuối năm 2023 còn 31 hộ).")


def test_targets_as_rates_only_without_households_are_refused_at_their_line(tmp_path):
    text = RATES_ONLY.replace("households: 1525\n", "")
    plan = write(tmp_path, text)
    line = line_of(text, "target: {year: 2023, rate: 3.8}")
    for lang, wording in (
            ("en", f"{plan}:{line}:13: error: «hộ nghèo», target (end of 2023): only the rate is written, "
                   "and the document prints the count too: write `count`, or the commune's number of "
                   "households (`households`, at the top of the plan) for kehoach to compute it"),
            ("vi", f"{plan}:{line}:13: lỗi: «hộ nghèo», mục tiêu (cuối năm 2023): mới ghi tỷ lệ, mà văn "
                   "bản in cả số lượng: hãy ghi `count`, hoặc ghi tổng số hộ của xã (`households`, ở đầu "
                   "tệp kế hoạch) để kehoach tự tính")):
        checked = run_cli("--lang", lang, "validate", plan)
        assert checked.exit_code == 1 and wording in checked.output
    built = run_cli("build", plan, "-o", tmp_path / "out")
    assert built.exit_code == 1 and not (tmp_path / "out").exists()


def test_a_rate_that_no_count_of_households_prints_is_refused(tmp_path):
    # 4,3% of 100 households: 4 is 4,0% and 5 is 5,0%
    text = RATES_ONLY.replace("households: 1525", "households: 100").replace(
        "baseline: {year: 2022, rate: 9.2, count: 141}", "baseline: {year: 2022, count: 9}").replace(
        "baseline: {year: 2022, rate: 6.6, count: 101}", "baseline: {year: 2022, count: 7}").replace(
        "rate: 3.8}", "rate: 4.3}").replace("rate: 2.0}", "rate: 2.0, count: 2}")
    plan = write(tmp_path, text)
    checked = run_cli("--lang", "en", "validate", plan)
    line = line_of(text, "target: {year: 2023, rate: 4.3}")
    assert checked.exit_code == 1
    assert (f"{plan}:{line}:32: error: «hộ nghèo», target (end of 2023): no number of households out of "
            "100 gives 4.3% (4 gives 4.0%, 5 gives 5.0%): check the rate, or write the count (`count`)"
            ) in checked.output


def test_a_milestone_or_a_village_figure_missing_a_side_is_located(tmp_path):
    text = SECOND_TEXT.replace("      - {year: 2027, rate: 2.5, count: 62}", "      - {year: 2027, count: 62}") \
        .replace("households: 2480\n", "").replace("        households: 820\n", "") \
        .replace("        baseline: {rate: 5.5, count: 45}", "        baseline: {count: 45}")
    plan = write(tmp_path, text)
    checked = run_cli("--lang", "en", "validate", plan)
    assert checked.exit_code == 1
    assert (f"{plan}:{line_of(text, '- {year: 2027, count: 62}')}:9: error: «hộ nghèo», milestone (end of "
            "2027): only the count is written, and the document prints a milestone's rate: write `rate`"
            ) in checked.output
    assert (f"{plan}:{line_of(text, 'baseline: {count: 45}')}:19: error: «hộ nghèo», Thôn Tân Lập, "
            "baseline: only the count is written, and the village table prints the rate too: write "
            "`rate`, or the village's number of households (`households`) for kehoach to compute it"
            ) in checked.output


# --- a table row that does not fit its columns (the newcomer's second case) ------------------

def test_a_table_row_with_too_few_cells_is_refused_at_the_row(tmp_path):
    text = SECOND_TEXT.replace('- ["1", Tỷ lệ hộ nghèo (%), 5.0, 4.5]', '- ["1", Tỷ lệ hộ nghèo (%)]')
    assert text != SECOND_TEXT
    plan = write(tmp_path, text)
    line = line_of(text, '- ["1", Tỷ lệ hộ nghèo (%)]')
    for lang, wording in (("en", "error: this row has 2 cells but the table has 4 columns: write one value "
                                 "per column, in order (\"\" for an empty cell)"),
                          ("vi", "lỗi: hàng này có 2 ô nhưng bảng có 4 cột: ghi mỗi cột một giá trị, theo "
                                 "thứ tự (ô trống ghi \"\")")):
        checked = run_cli("--lang", lang, "validate", plan)
        assert checked.exit_code == 1 and f"{plan}:{line}:19: {wording}" in checked.output
    built = run_cli("build", plan, "-o", tmp_path / "out")
    assert built.exit_code == 1 and not (tmp_path / "out").exists()


# --- names that cannot be files ---------------------------------------------------------------

def test_a_unit_id_too_long_for_a_path_is_refused_at_the_id_and_64_characters_build(tmp_path):
    longest = "to-dan-pho-" + "x" * 53  # 64 characters: the limit (README, "Limits on what is read")
    text = SAMPLE_TEXT.replace("  - id: tu-phap\n", f"  - id: {longest}\n")
    built = run_cli("build", write(tmp_path, text), "-o", tmp_path / "out", "--unit", longest)
    assert built.exit_code == 0, built.output
    assert (tmp_path / "out" / "plan" / "giao-nhiem-vu" / f"{longest}.docx").is_file()
    text = SAMPLE_TEXT.replace("  - id: tu-phap\n", f"  - id: {longest}x\n")
    plan = write(tmp_path, text, "longer.yaml")
    where = f"{plan}:{line_of(text, '- id: to-dan-pho')}:9"
    for lang, wording in (
            ("en", "error: `units` «Tư pháp» › `id`: too long, 65 characters where 64 at most are allowed: an id "
                   "names the unit's files (giao-nhiem-vu/<id>.docx), and Windows cannot open a path much "
                   "longer; shorten it, e.g. to initials, or run kehoach upgrade on this file, which "
                   "shortens every id longer than that and each use of it"),
            ("vi", "lỗi: Đơn vị «Tư pháp» › Mã đơn vị: quá dài, 65 ký tự trong khi tối đa là 64: mã đặt tên tệp của "
                   "đơn vị (giao-nhiem-vu/<mã>.docx), đường dẫn dài hơn nữa thì Windows không mở được; hãy "
                   "viết ngắn lại, ví dụ bằng chữ viết tắt, hoặc chạy kehoach upgrade với tệp này: lệnh đó "
                   "rút ngắn mọi mã quá dài và mọi chỗ dùng mã đó")):
        checked = run_cli("--lang", lang, "validate", plan)
        assert checked.exit_code == 1 and f"{where}: {wording}\n" in checked.output


def test_a_shared_letters_id_too_long_for_a_path_is_refused_at_the_id(tmp_path):
    long_id = "giao-nhiem-vu-" + "x" * 51  # 65 characters
    anchor = "  appendix: true "
    assert SECOND_TEXT.count(anchor) == 1
    text = SECOND_TEXT.replace(anchor, f"  letters:\n    - id: {long_id}\n      to: all\n{anchor}")
    plan = write(tmp_path, text)
    checked = run_cli("--lang", "en", "validate", plan)
    assert checked.exit_code == 1
    assert f"{plan}:{line_of(text, f'- id: {long_id}')}:11: error: " in checked.output
    assert "too long, 65 characters where 64 at most are allowed: an id names" in checked.output


def test_a_plan_file_whose_name_cannot_be_a_folder_is_refused_by_validate_too(tmp_path):
    plan = write(tmp_path, SAMPLE_TEXT, "kế hoạch 2023.yaml")
    for command in (("validate", plan), ("build", plan, "-o", tmp_path / "out")):
        result = run_cli("--lang", "en", *command)
        assert result.exit_code == 1
        assert (f"{plan}:1:1: error: «kế hoạch 2023» cannot be used as the name of an output folder: rename "
                "the file with letters, digits, «-» and «_» (dots only inside, no spaces), at most 64 "
                "characters, for example «kế-hoạch-2023.yaml»\n") in result.output
    assert not (tmp_path / "out").exists()
    vietnamese = run_cli("validate", plan)
    assert (f"{plan}:1:1: lỗi: không dùng được «kế hoạch 2023» làm tên thư mục văn bản: hãy đặt lại tên "
            "tệp chỉ gồm chữ, chữ số, «-» và «_» (dấu chấm chỉ ở giữa, không có dấu cách), tối đa 64 ký "
            "tự, ví dụ «kế-hoạch-2023.yaml»\n") in vietnamese.output


def test_a_plan_file_name_of_65_characters_is_refused_and_64_build(tmp_path):
    stem = "ke-hoach-giam-ngheo-xa-xuan-phuc-huyen-nhu-thanh-tinh-thanh-hoa-2023"[:64]
    assert len(stem) == 64
    built = run_cli("build", write(tmp_path, SAMPLE_TEXT, f"{stem}.yaml"), "-o", tmp_path / "out")
    assert built.exit_code == 0 and (tmp_path / "out" / stem / "ke-hoach.docx").is_file()
    longer = write(tmp_path, SAMPLE_TEXT, f"{stem}x.yaml")
    checked = run_cli("--lang", "en", "validate", longer)
    assert checked.exit_code == 1
    assert f"{longer}:1:1: error: «{stem[:40]}" in checked.output and "at most 64 characters" in checked.output


def test_a_plan_file_name_in_decomposed_unicode_builds_into_the_composed_folder(tmp_path):
    composed = "kế-hoạch-xuân-phúc-2023"
    decomposed = unicodedata.normalize("NFD", composed)  # as macOS writes a file name
    assert decomposed != composed
    plan = write(tmp_path, SAMPLE_TEXT, f"{decomposed}.yaml")
    assert run_cli("validate", plan).exit_code == 0
    built = run_cli("build", plan, "-o", tmp_path / "out")
    assert built.exit_code == 0, built.output
    assert [path.name for path in (tmp_path / "out").iterdir()] == [composed]
    assert (tmp_path / "out" / composed / "ke-hoach.docx").is_file()


# --- an indicator that is to go up (issue 13: no test rendered one) ----------------------------

RISING = SAMPLE_TEXT.replace(
    "    reduction: {rate: 3.9, count: 60}", "    reduction: {rate: 3.9, count: 60}\n"
    "  - id: lao-dong\n    name: lao động qua đào tạo\n    unit: người\n    direction: increase\n"
    "    baseline: {year: 2022, rate: 40.0, count: 610}\n    target: {year: 2023, rate: 45.0}", 1).replace(
    "          - {indicators: [ho-ngheo, ho-can-ngheo]}", "          - {indicators: [ho-ngheo, lao-dong]}", 1).replace(
    "        indicators: [ho-ngheo]\n", "        indicators: [lao-dong]\n", 1)


def test_an_indicator_that_goes_up_is_worded_up_in_the_plan_and_the_letter(tmp_path):
    assert RISING.count("lao-dong") == 3
    plan = write(tmp_path, RISING)
    result = run_cli("build", plan, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    # 45,0% of 1.525: 686 (44,98%) is the only count that prints 45,0%; 686 − 610 = 76.
    assert plan_sentence(tmp_path / "out", "plan", "Năm 2023, tỷ lệ hộ nghèo") == (
        "Năm 2023, tỷ lệ hộ nghèo giảm 4,2%, tương ứng giảm 65 hộ nghèo (từ 9,2% cuối năm 2022, xuống "
        "còn 5,0% cuối năm 2023, số hộ nghèo dự kiến cuối năm 2023 còn 76 hộ); tỷ lệ lao động qua đào "
        "tạo tăng 5,0%, tương ứng tăng 76 lao động qua đào tạo (từ 40,0% cuối năm 2022, lên 45,0% cuối "
        "năm 2023, số lao động qua đào tạo dự kiến cuối năm 2023 đạt 686 người).")
    letter = Document(str(tmp_path / "out" / "plan" / "giao-nhiem-vu" / "cac-thon.docx"))
    assert ("- Tỷ lệ lao động qua đào tạo tăng 5,0% (từ 40,0% cuối năm 2022 lên 45,0% cuối năm 2023); số "
            "lao động qua đào tạo tăng 76 người (từ 610 người lên 686 người).") in [p.text for p in letter.paragraphs]
    sheet = Document(str(tmp_path / "out" / "plan" / "phieu-nhiem-vu" / "cac-thon.docx"))
    cells = {cell.text for table in sheet.tables for row in table.rows for cell in row.cells}
    assert "Tỷ lệ lao động qua đào tạo đạt 45,0% cuối năm 2023" in cells


def test_an_indicator_that_goes_up_must_go_up(tmp_path):
    plan = write(tmp_path, RISING.replace("target: {year: 2023, rate: 45.0}", "target: {year: 2023, rate: 38.0}"))
    checked = run_cli("--lang", "en", "validate", plan)
    assert checked.exit_code == 1
    assert "error: «lao động qua đào tạo» is to go up, but the target 38.0% is not above the baseline 40.0%" \
        in checked.output
