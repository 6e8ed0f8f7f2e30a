"""Plans that are not yearly (issue 14, item 4): a plan over a period of years or a campaign
between two dates; targets as a ladder by year, targets without a baseline, figures that are a
floor or a ceiling ("ít nhất", "không quá"); what `validate`, `new` and `diff` say of them.

Expected sentences are worked by hand from the plan below (1.000 households: 4,0% is 40 hộ,
90% is 900 hộ, 100% is 1.000 hộ; 6,0% → 4,0% is a fall of 2,0% and of 60 − 40 = 20 hộ) and the
wording of docs/plan-format.md ("Plans over a period or a campaign", "Targets").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli
from docx_reading import text_lines

PERIOD = """\
period: {from: 2026, to: 2030}
document:
  kind: Kế hoạch
  symbol: KH-UBND
  place: Tân An
  date: {year: 2026, month: 3, day: 2}
  summary:
    - Thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững
    - trên địa bàn xã Tân An
issuer:
  name: [ỦY BAN NHÂN DÂN, XÃ TÂN AN]
  text_name: Ủy ban nhân dân xã Tân An
households: 1000
basis:
  - lead: Căn cứ
    kind: Luật Tổ chức chính quyền địa phương
    date: "2025-06-16"
indicators:
  - id: can-ngheo
    name: hộ cận nghèo
    baseline: {year: 2025, rate: 6.0, count: 60}
    target: {year: 2030, rate: 4.0, bound: true}
  - id: nuoc-sach
    name: hộ sử dụng nước sạch
    direction: increase
    target: {year: 2030, rate: 90, bound: true}
  - id: bhyt
    name: hộ tham gia bảo hiểm y tế
    direction: increase
    target: {year: 2030, rate: 100}
  - id: ho-ngheo
    name: hộ nghèo
    milestones:
      - {year: 2027, rate: 2.5}
      - {year: 2028, rate: 2.0}
      - {year: 2030, rate: 1.0, bound: true}
units:
  - id: van-hoa-xa-hoi
    name: Phòng Văn hóa - Xã hội
    duties:
      - text: Theo dõi, tổng hợp kết quả giảm nghèo.
        indicators: [ho-ngheo, nuoc-sach, can-ngheo]
sections:
  - title: MỤC TIÊU
    content:
      - {indicators: [can-ngheo, nuoc-sach, bhyt, ho-ngheo]}
  - title: TỔ CHỨC THỰC HIỆN
    content:
      - {units: all}
recipients:
  - Các thôn
archive: [VT, VHXH]
signer:
  authority:
    - {prefix: TM., title: ỦY BAN NHÂN DÂN}
    - {title: CHỦ TỊCH}
  name: Lê Văn Hùng
"""

TARGETS = (
    "Đến năm 2030, tỷ lệ hộ cận nghèo giảm ít nhất 2,0%, tương ứng giảm ít nhất 20 hộ cận nghèo "
    "(từ 6,0% cuối năm 2025, xuống còn không quá 4,0% cuối năm 2030, số hộ cận nghèo dự kiến cuối "
    "năm 2030 còn không quá 40 hộ); tỷ lệ hộ sử dụng nước sạch đạt ít nhất 90,0% (số hộ sử dụng "
    "nước sạch dự kiến cuối năm 2030 đạt ít nhất 900 hộ); tỷ lệ hộ tham gia bảo hiểm y tế đạt "
    "100,0% (số hộ tham gia bảo hiểm y tế dự kiến cuối năm 2030 đạt 1.000 hộ)."
)
LADDER = ("Phấn đấu tỷ lệ hộ nghèo đến cuối năm 2027 còn 2,5%, đến cuối năm 2028 còn 2,0% và đến "
          "cuối năm 2030 còn không quá 1,0%.")


def write(tmp_path: Path, text: str, name: str = "giai-doan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def built_lines(tmp_path: Path, plan: Path, document: str) -> list[str]:
    result = run_cli("build", plan, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    return text_lines(tmp_path / "out" / plan.stem / document)


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_a_period_plan_without_the_year_in_its_summary_is_valid_without_warnings(tmp_path):
    result = run_cli("validate", "--strict", write(tmp_path, PERIOD))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == ""


def test_a_yearly_plan_without_its_year_in_the_summary_is_still_warned(tmp_path):
    yearly = PERIOD.replace("period: {from: 2026, to: 2030}", "year: 2030")
    plan = write(tmp_path, yearly)
    result = run_cli("--lang", "en", "validate", plan)
    assert f"{plan}:8:5: warning: the summary line does not say the plan's year, 2030" in result.output


def test_targets_without_a_baseline_and_bounds_print_with_generated_figures(tmp_path):
    lines = built_lines(tmp_path, write(tmp_path, PERIOD), "ke-hoach.docx")
    assert TARGETS in lines
    assert lines[lines.index(TARGETS) + 1] == LADDER


def test_the_letter_words_each_kind_of_target_and_the_period_defaults(tmp_path):
    lines = built_lines(tmp_path, write(tmp_path, PERIOD), "giao-nhiem-vu/van-hoa-xa-hoi.docx")
    start = lines.index("2. Chỉ tiêu phấn đấu")
    assert lines[start + 1:start + 4] == [
        "- Tỷ lệ hộ nghèo đến cuối năm 2027 còn 2,5%, đến cuối năm 2028 còn 2,0% và đến cuối năm "
        "2030 còn không quá 1,0%;",
        "- Tỷ lệ hộ sử dụng nước sạch đạt ít nhất 90,0% cuối năm 2030; số hộ sử dụng nước sạch đạt "
        "ít nhất 900 hộ;",
        "- Tỷ lệ hộ cận nghèo giảm ít nhất 2,0% (từ 6,0% cuối năm 2025 xuống còn không quá 4,0% cuối "
        "năm 2030); số hộ cận nghèo giảm ít nhất 20 hộ (từ 60 hộ xuống còn không quá 40 hộ).",
    ]
    # No deadline is invented for a period plan without one (issue 16): no line says one.
    assert not [line for line in lines if line.startswith("- Thời hạn hoàn thành")]
    assert any(line.endswith("thời hạn gửi báo cáo: trước ngày 15/12 hằng năm.") for line in lines)


def test_the_task_sheet_names_a_ladder_by_its_last_step(tmp_path):
    lines = built_lines(tmp_path, write(tmp_path, PERIOD), "phieu-nhiem-vu/van-hoa-xa-hoi.docx")
    row = next(line for line in lines if line.startswith("1 | "))
    assert row.endswith(
        "|  |  | Tỷ lệ hộ nghèo còn không quá 1,0% cuối năm 2030; tỷ lệ hộ "
        "sử dụng nước sạch đạt ít nhất 90,0% cuối năm 2030; tỷ lệ hộ cận nghèo còn không quá 4,0% "
        "cuối năm 2030")


# A campaign within 2026: its ladder keeps the last step alone (steps come year after year).
CAMPAIGN = PERIOD.replace("period: {from: 2026, to: 2030}",
                          'campaign: {start: "2026-03-01", end: "2026-06-30"}').replace(
    "      - {year: 2027, rate: 2.5}\n      - {year: 2028, rate: 2.0}\n", "").replace("2030", "2026")


def test_a_campaign_is_reported_by_its_last_day_and_sets_no_deadline(tmp_path):
    plan = write(tmp_path, CAMPAIGN, "dot.yaml")
    assert run_cli("validate", "--strict", plan).exit_code == 0
    lines = built_lines(tmp_path, plan, "giao-nhiem-vu/van-hoa-xa-hoi.docx")
    assert not [line for line in lines if line.startswith("- Thời hạn hoàn thành")]
    assert any(line.endswith("thời hạn gửi báo cáo: trước ngày 30/6/2026.") for line in lines)
    plan_lines = built_lines(tmp_path, plan, "ke-hoach.docx")
    assert any(line.startswith("Đến năm 2026, tỷ lệ hộ cận nghèo giảm ít nhất 2,0%") for line in plan_lines)


def test_a_campaigns_report_names_its_days(tmp_path):
    plan = write(tmp_path, CAMPAIGN, "dot.yaml")
    result = run_cli("report", plan, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output  # results not recorded: warnings only
    lines = text_lines(tmp_path / "out" / "dot" / "bao-cao.docx")
    assert any(line.endswith("báo cáo kết quả thực hiện từ ngày 01/3/2026 đến ngày 30/6/2026 như sau:")
               for line in lines)
    assert lines[lines.index("Nơi nhận:") - 1].startswith(
        "Trên đây là báo cáo kết quả thực hiện Kế hoạch từ ngày 01/3/2026 đến ngày 30/6/2026 của")


DUTY = "      - text: Theo dõi, tổng hợp kết quả giảm nghèo.\n"


@pytest.mark.parametrize(("deadline", "severity", "vi", "en"), [
    ("Năm 2031", "lỗi", "thời hạn «Năm 2031» sau thời gian thực hiện kế hoạch, 2026 - 2030: ghi thời hạn trong "
     "khoảng đó",
     "the deadline «Năm 2031» is after the plan's period, 2026 - 2030: write a date within it"),
    ("Quý IV/2025", "cảnh báo",
     "thời hạn «Quý IV/2025» trước thời gian thực hiện kế hoạch, 2026 - 2030: có phải của kế "
     "hoạch trước?",
     "the deadline «Quý IV/2025» is before the plan's period, 2026 - 2030: is it from an earlier plan?"),
])
def test_a_deadline_outside_the_period_is_named_in_both_languages(tmp_path, deadline, severity, vi, en):
    plan = write(tmp_path, PERIOD.replace(DUTY, f"{DUTY}        deadline: {deadline}\n"))
    line = line_of(plan, f"        deadline: {deadline}")
    english = "error" if severity == "lỗi" else "warning"
    assert f"{plan}:{line}:19: {severity}: {vi}" in run_cli("validate", plan).output
    assert f"{plan}:{line}:19: {english}: {en}" in run_cli("--lang", "en", "validate", plan).output


def test_a_deadline_within_the_period_is_fine(tmp_path):
    plan = write(tmp_path, PERIOD.replace(DUTY, f"{DUTY}        deadline: Quý II/2028\n"))
    assert run_cli("validate", "--strict", plan).exit_code == 0


@pytest.mark.parametrize(("old", "new", "column", "vi", "en"), [
    ("period: {from: 2026, to: 2030}", "period: {from: 2026, to: 2026}", 26,
     "giai đoạn kết thúc năm 2026, không sau năm bắt đầu (2026): ghi năm đầu ở from, năm cuối (sau "
     "năm đầu) ở to, ví dụ «from: 2026» và «to: 2030»; kế hoạch một năm thì ghi «year: 2026»",
     "the period ends in 2026, not after it starts (2026): write the first year under from and a "
     "later last year under to, such as «from: 2026» and «to: 2030»; a plan for one year writes "
     "«year: 2026» instead"),
    ("period: {from: 2026, to: 2030}", 'campaign: {start: "2026-06-30", end: "2026-03-01"}', 38,
     "đợt kết thúc ngày 2026-03-01, trước ngày bắt đầu (2026-06-30): ghi ngày đầu ở start, ngày "
     "cuối (cùng ngày hoặc sau ngày đầu) ở end, ví dụ «start: \"2026-03-01\"» và «end: \"2026-06-30\"»",
     "the campaign ends on 2026-03-01, before it starts (2026-06-30): write its first day under "
     "start and its last day, the same or later, under end, such as «start: \"2026-03-01\"» and "
     "«end: \"2026-06-30\"»"),
])
def test_a_term_that_ends_before_it_starts_is_an_error_in_both_languages(tmp_path, old, new, column, vi, en):
    plan = write(tmp_path, PERIOD.replace(old, new))
    for lang, expected in (("vi", f"lỗi: {vi}"), ("en", f"error: {en}")):
        result = run_cli("--lang", lang, "validate", plan)
        assert result.exit_code == 1
        assert result.output.splitlines() == [f"{plan}:1:{column}: {expected}"]


def test_a_plan_names_one_term_only(tmp_path):
    both = write(tmp_path, "year: 2026\n" + PERIOD)
    result = run_cli("--lang", "en", "validate", both)
    assert result.exit_code == 1
    assert "bỏ khóa year" in result.output and f"{both}:1:1:" in result.output
    neither = write(tmp_path, PERIOD.replace("period: {from: 2026, to: 2030}\n", ""), "khong-nam.yaml")
    result = run_cli("--lang", "en", "validate", neither)
    assert result.exit_code == 1
    assert "the key `year` (Năm kế hoạch) is missing" in result.output


def test_an_indicator_needs_a_target_or_a_ladder(tmp_path):
    plan = write(tmp_path, PERIOD.replace(
        "    milestones:\n      - {year: 2027, rate: 2.5}\n      - {year: 2028, rate: 2.0}\n"
        "      - {year: 2030, rate: 1.0, bound: true}\n", ""))
    result = run_cli("--lang", "en", "validate", plan)
    assert result.exit_code == 1
    assert "the key `target` (Mục tiêu) is missing" in result.output


@pytest.mark.parametrize(("lang", "expected"), [
    ("vi", "kehoach: {file} là kế hoạch giai đoạn 2026 - 2030, không phải kế hoạch một năm; "
           "`kehoach new` chỉ lập kế hoạch năm sau từ một kế hoạch năm, và chưa ghi tệp nào."),
    ("en", "kehoach: {file} is a plan for the period 2026 - 2030, not for one year; `kehoach new` "
           "only starts next year's plan from a yearly one, and wrote nothing."),
])
def test_new_refuses_a_period_plan_saying_what_to_do_instead(tmp_path, lang, expected):
    plan = write(tmp_path, PERIOD)
    before = plan.read_bytes()
    result = run_cli("--lang", lang, "new", "--from", plan, "--year", 2027, "-o", tmp_path / "next.yaml")
    assert result.exit_code == 1
    assert " ".join(result.output.split()).startswith(expected.format(file=plan))
    assert "(year: …)" in result.output
    assert not (tmp_path / "next.yaml").exists() and plan.read_bytes() == before


def test_new_refuses_a_campaign_plan_too(tmp_path):
    plan = write(tmp_path, CAMPAIGN, "dot.yaml")
    result = run_cli("--lang", "en", "new", "--from", plan, "--year", 2027, "-o", tmp_path / "next.yaml")
    assert result.exit_code == 1
    assert f"{plan} is a campaign plan (01/3/2026 - 30/6/2026), not a yearly one" in result.output
    assert not (tmp_path / "next.yaml").exists()


def test_new_keeps_a_yearly_plans_ladder_and_empties_a_target_without_baseline(tmp_path):
    yearly = write(tmp_path, PERIOD.replace("period: {from: 2026, to: 2030}", "year: 2030")
                   .replace("    - trên địa bàn xã Tân An", "    - năm 2030 trên địa bàn xã Tân An"))
    output = tmp_path / "next.yaml"
    result = run_cli("new", "--from", yearly, "--year", 2031, "-o", output)
    assert result.exit_code == 0, result.output
    text = output.read_text(encoding="utf-8")
    assert "    target: {year: 2031, rate: null, bound: true}\n" in text  # hộ sử dụng nước sạch
    assert "      - {year: 2030, rate: 1.0, bound: true}\n" in text  # the ladder kept
    assert "    baseline: {year: 2030, rate: 4.0}\n" in text  # last year's target, as written


def test_diff_shows_a_changed_period(tmp_path):
    old = write(tmp_path, PERIOD)
    new = write(tmp_path, PERIOD.replace("to: 2030}", "to: 2031}"), "moi.yaml")
    result = run_cli("diff", old, new)
    assert "~ Năm kế hoạch: 2026 - 2030 → 2026 - 2031" in result.output.splitlines()



def test_a_table_by_village_needs_the_baseline_it_heads_its_columns_with(tmp_path):
    plan = write(tmp_path, PERIOD.replace("      - {units: all}\n",
                                          "      - {units: all}\n      - {indicator_table: nuoc-sach}\n"))
    line = line_of(plan, "      - {indicator_table: nuoc-sach}")
    result = run_cli("--lang", "en", "validate", plan)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{plan}:{line}:27: error: the table by village of «hộ sử dụng nước sạch» prints its baseline "
        "and its target, but it has no `baseline`: give it one, or name the indicator in an "
        "indicators block instead"]
    result = run_cli("validate", plan)
    assert result.output.splitlines() == [
        f"{plan}:{line}:27: lỗi: bảng theo thôn của «hộ sử dụng nước sạch» in năm gốc và mục tiêu, "
        "nhưng chỉ tiêu không có `baseline`: ghi thêm, hoặc nêu chỉ tiêu trong một khối indicators "
        "thay cho bảng"]


def test_diff_shows_a_bound_set_on_a_target_without_baseline_and_on_a_step(tmp_path):
    old = write(tmp_path, PERIOD)
    new = write(tmp_path, PERIOD.replace("target: {year: 2030, rate: 100}",
                                         "target: {year: 2030, rate: 100, bound: true}")
                .replace("      - {year: 2028, rate: 2.0}\n", "      - {year: 2028, rate: 2.0, bound: true}\n"),
                "moi.yaml")
    lines = run_cli("diff", old, new).output.splitlines()
    assert "~ Chỉ tiêu “hộ tham gia bảo hiểm y tế”: tỷ lệ 100,0% → ít nhất 100,0% cuối năm 2030" in lines
    assert ("~ Chỉ tiêu “hộ tham gia bảo hiểm y tế”: số hộ tham gia bảo hiểm y tế 1.000 hộ → ít nhất "
            "1.000 hộ cuối năm 2030") in lines
    assert ("~ Chỉ tiêu “hộ nghèo”: các mốc sau: 2027: 2,5%, 25 hộ; 2028: 2,0%, 20 hộ; 2030: không "
            "quá 1,0%, 10 hộ → 2027: 2,5%, 25 hộ; 2028: không quá 2,0%, 20 hộ; 2030: không quá 1,0%, "
            "10 hộ") in lines
    english = run_cli("--lang", "en", "diff", old, new).output.splitlines()
    assert "~ Indicator “hộ tham gia bảo hiểm y tế”: rate 100,0% → ít nhất 100,0% at the end of 2030" in english


def test_a_campaign_deadline_after_its_last_day_is_an_error_even_in_its_year(tmp_path):
    plan = write(tmp_path, CAMPAIGN.replace(DUTY, f'{DUTY}        deadline: "2026-07-15"\n'), "dot.yaml")
    line = line_of(plan, '        deadline: "2026-07-15"')
    result = run_cli("--lang", "en", "validate", plan)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{plan}:{line}:19: error: the deadline «2026-07-15» is after the plan's period, "
        "01/3/2026 - 30/6/2026: write a date within it"]
    within = write(tmp_path, CAMPAIGN.replace(DUTY, f'{DUTY}        deadline: "2026-06-15"\n'), "trong.yaml")
    assert run_cli("validate", "--strict", within).exit_code == 0


@pytest.mark.parametrize(("old", "new", "column", "vi", "en"), [
    ("      - {year: 2028, rate: 2.0}\n", "      - {year: 2028, rate: 3.0}\n", 28,
     "«hộ nghèo» là chỉ tiêu giảm, nhưng mốc năm 2028 (3,0%) cao hơn mốc năm 2027 (2,5%): có số nào "
     "gõ nhầm không?",
     "«hộ nghèo» is to go down, but its step for 2028, 3.0%, is above the one for 2027, 2.5%: is a "
     "figure mistyped?"),
    ("      - {year: 2028, rate: 2.0}\n", "      - {year: 2026, rate: 2.0}\n", 16,
     "mốc này là năm 2026, không sau năm 2027 của mốc trước nó: ghi các mốc theo thứ tự từ năm sớm "
     "nhất đến năm muộn nhất, sau năm của mục tiêu",
     "this step is for 2026, not after 2027, the year before it: write the steps from the earliest "
     "year to the latest, after the target's"),
])
def test_a_ladder_out_of_order_or_the_wrong_way_is_a_warning(tmp_path, old, new, column, vi, en):
    plan = write(tmp_path, PERIOD.replace(old, new))
    line = line_of(plan, new.rstrip("\n"))
    vi_output, en_output = run_cli("validate", plan).output, run_cli("--lang", "en", "validate", plan).output
    assert [row for row in vi_output.splitlines() if "mốc" in row] == [f"{plan}:{line}:{column}: cảnh báo: {vi}"]
    assert [row for row in en_output.splitlines() if "step" in row] == [f"{plan}:{line}:{column}: warning: {en}"]


def test_a_campaign_of_one_day_is_valid(tmp_path):
    """A festival day ("Ngày hội Đại đoàn kết") is a campaign that starts and ends on one day."""
    plan = write(tmp_path, CAMPAIGN.replace('end: "2026-06-30"', 'end: "2026-03-01"'), "ngay-hoi.yaml")
    result = run_cli("validate", plan)
    assert result.exit_code == 0, result.output
