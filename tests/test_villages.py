"""The figures by village (the `tan-an-2026` sample has three villages): each village's rate
agrees with its count among the village's own households (an error), and the villages add up
to the commune: their counts to the commune's count, their households to the commune's
households (warnings: a plan may list only some villages on purpose). In both languages."""

from __future__ import annotations

from pathlib import Path

from conftest import SECOND, run_cli

SECOND_TEXT = SECOND.read_text(encoding="utf-8")


def checked(tmp_path: Path, text: str, lang: str, *options: str):
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    return plan, run_cli("--lang", lang, "validate", *options, plan)


def line_of(text: str, start: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if line.strip().startswith(start))


def test_the_sample_villages_agree_and_add_up(tmp_path):
    _, result = checked(tmp_path, SECOND_TEXT, "en", "--strict")
    assert result.exit_code == 0, result.output


def test_a_village_rate_that_disagrees_with_its_households_is_an_error(tmp_path):
    # 9,9% of Tân Lập's 820 households would be 81; the count is 45 (5,5%)
    text = SECOND_TEXT.replace("baseline: {rate: 5.5, count: 45}", "baseline: {rate: 9.9, count: 45}")
    line = line_of(text, "baseline: {rate: 9.9")
    for lang, wording in (
            ("vi", "lỗi: tỷ lệ 9,9% «hộ nghèo» của «Thôn Tân Lập» không khớp với số lượng: 45 trên 820 hộ "
                   "của thôn là 5,5%"),
            ("en", "error: the rate 9.9% of «hộ nghèo» in «Thôn Tân Lập» does not agree with its count: 45 "
                   "of the village's 820 households is 5.5%")):
        plan, result = checked(tmp_path, text, lang)
        assert result.exit_code == 1 and f"{plan}:{line}:26: {wording}" in result.output


def test_village_counts_that_do_not_add_up_to_the_communes_are_a_warning(tmp_path):
    # 46 + 38 + 29 = 113 households at the baseline; the commune's baseline count is 112
    text = SECOND_TEXT.replace("baseline: {rate: 5.5, count: 45}", "baseline: {rate: 5.6, count: 46}")
    line = line_of(text, "baseline: {year: 2025, rate: 4.5, count: 112}")
    for lang, wording in (
            ("vi", "cảnh báo: số lượng của 3 thôn («hộ nghèo», năm gốc) cộng lại là 113, nhưng số của cả xã "
                   "là 112: có thiếu thôn nào, hay số nào ghi sai?"),
            ("en", "warning: the 3 villages of «hộ nghèo» add up to 113 at the baseline, but the commune's "
                   "count is 112: is a village missing, or a count wrong?")):
        plan, result = checked(tmp_path, text, lang)
        assert result.exit_code == 0 and f"{plan}:{line}:46: {wording}" in result.output
    assert checked(tmp_path, text, "en", "--strict")[1].exit_code == 1


def test_village_households_that_do_not_add_up_to_the_communes_are_a_warning(tmp_path):
    # 820 + 760 + 905 = 2.485; the commune has 2.480 (29 of 905 is still 3,2%)
    text = SECOND_TEXT.replace("households: 900", "households: 905")
    line = line_of(text, "- name: Thôn Tân Lập")  # the list of villages starts there
    for lang, wording in (
            ("vi", "cảnh báo: 3 thôn của «hộ nghèo» có tổng cộng 2.485 hộ, nhưng cả xã có 2.480 hộ: có thiếu "
                   "thôn nào, hay số hộ nào chưa cập nhật?"),
            ("en", "warning: the 3 villages of «hộ nghèo» have 2,485 households in all, but the commune has "
                   "2,480: is a village missing, or a number of households out of date?")):
        plan, result = checked(tmp_path, text, lang)
        assert result.exit_code == 0 and f"{plan}:{line}:7: {wording}" in result.output
