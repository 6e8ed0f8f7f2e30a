"""Funding as data and the year-end report (issue 18), read back as a clerk and the district
office would: the plan's funding sentence and table, the checks of typed totals and results, and
`kehoach report` on the sample copy of Xuân Phúc with made-up results.

Every expected figure is worked by hand from plans/xuan-phuc-2023-ket-qua.yaml: planned 850 + 50,
160 + 30 and 35,5 (triệu đồng), so ngân sách trung ương 1.010, ngân sách xã 85,5, xã hội hóa 30,
in all 1.125,5; spent 820 + 50, 160 + 42 and 30, in all 1.102, 97,9% of 1.125,5. Hộ nghèo fell
from 9,2% to 4,8% against a target of 5,0%: reached, 4,4 / 4,2 = 104,8% of the planned
reduction; hộ cận nghèo from 6,6% to 3,0% against 2,7%: not reached, 3,6 / 3,9 = 92,3%.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from conftest import ROOT, run_cli, shared
from docx_reading import all_bold, all_italic, none_bold, read, size_pt, text_lines

RESULTS = ROOT / "plans" / "xuan-phuc-2023-ket-qua.yaml"
SOURCE = RESULTS.read_text(encoding="utf-8")


def variant(tmp_path: Path, *edits: tuple[str, str], name: str = "xuan-phuc-2023-ket-qua") -> Path:
    """Returns a copy of the sample with each (old, new) text replaced once."""
    text = SOURCE
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope=shared("module"))
def reported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Returns the output folder where the sample was built and reported."""
    output = tmp_path_factory.mktemp("output")
    for command in ("build", "report"):
        result = run_cli(command, RESULTS, "-o", output)
        assert result.exit_code == 0, result.output
    return output / RESULTS.stem


def test_the_plan_prints_the_funding_total_in_figures_and_words_and_its_table(reported: Path):
    lines = text_lines(reported / "ke-hoach.docx")
    assert ("Tổng kinh phí thực hiện Kế hoạch: 1.125,5 triệu đồng (Bằng chữ: Một tỷ một trăm hai "
            "mươi lăm triệu năm trăm nghìn đồng), gồm: ngân sách trung ương 1.010 triệu đồng; ngân "
            "sách xã 85,5 triệu đồng; vận động xã hội hóa 30 triệu đồng.") in lines
    at = lines.index("(Đơn vị tính: triệu đồng)")
    assert lines[at + 1:at + 6] == [
        "STT | Nội dung | Đơn vị thực hiện | Ngân sách trung ương | Ngân sách xã | Vận động xã hội hóa | Tổng cộng",
        "1 | Hỗ trợ phát triển sản xuất, đa dạng hóa sinh kế | Ban Nông nghiệp và Phát triển nông thôn | 850 | 50 |  | 900",
        "2 | Hỗ trợ nhà ở cho hộ nghèo | Công chức Lao động - Thương binh và Xã hội | 160 |  | 30 | 190",
        "3 | Truyền thông, nâng cao năng lực giảm nghèo | Văn hóa - Thông tin |  | 35,5 |  | 35,5",
        " | Tổng cộng |  | 1.010 | 85,5 | 30 | 1.125,5",  # an empty cell prints nothing between its separators
    ]


def test_the_sample_validates_without_errors_warning_of_spending_above_plan():
    result = run_cli("validate", RESULTS)
    assert result.exit_code == 0, result.output
    assert ("ket-qua.yaml:484:39: cảnh báo: «Hỗ trợ nhà ở cho hộ nghèo» đã chi 42 triệu đồng từ "
            "«Vận động xã hội hóa», nhiều hơn 30 triệu đồng theo kế hoạch") in result.output
    assert run_cli("validate", "--strict", RESULTS).exit_code == 1


def test_a_typed_total_that_is_not_the_sum_is_an_error_at_its_line(tmp_path: Path):
    plan = variant(tmp_path, ("  total: 1125.5 ", "  total: 1125 "),
                   ("- {id: ns-xa, name: Ngân sách xã}", "- {id: ns-xa, name: Ngân sách xã, total: 85.5}"))
    result = run_cli("--lang", "en", "validate", plan)
    assert result.exit_code == 1
    assert ("ket-qua.yaml:489:10: error: this total is 1,125 triệu đồng, but the amounts add up to "
            "1,125.5 triệu đồng") in result.output
    assert result.output.count("error:") == 1  # the source's typed 85,5 is right


def test_an_amount_from_an_unknown_source_is_an_error_naming_the_close_one(tmp_path: Path):
    plan = variant(tmp_path, ("amounts: {ns-xa: 35.5}", "amounts: {ns-x: 35.5}"))
    result = run_cli("validate", plan)
    assert result.exit_code == 1
    assert "lỗi: không có nguồn vốn nào có mã «ns-x»; có phải là «ns-xa»?" in result.output


def test_an_actual_for_another_year_is_an_error(tmp_path: Path):
    plan = variant(tmp_path, ("actual: {year: 2023, rate: 4.8", "actual: {year: 2024, rate: 4.8"))
    result = run_cli("validate", plan)
    assert result.exit_code == 1
    assert ("ket-qua.yaml:59:20: lỗi: kết quả này của «hộ nghèo» là của năm 2024, nhưng kế hoạch là "
            "năm 2023") in result.output


def test_a_funding_block_without_funding_is_an_error(tmp_path: Path):
    start, end = SOURCE.index("\nfunding:"), SOURCE.index("\n# Kết quả cuối năm")
    plan = variant(tmp_path, (SOURCE[start:end], ""))
    result = run_cli("--lang", "en", "validate", plan)
    assert result.exit_code == 1
    assert "error: this block prints the plan's funding, but the plan states none" in result.output


def test_the_report_is_a_decree_30_report_with_its_type_name(reported: Path):
    document = read((reported / "bao-cao.docx").read_bytes())
    header = document.tables[0]
    number, date = (p for cell in header.rows[1].cells for p in cell.paragraphs if p.text)
    assert (number.text, size_pt(number), none_bold(number)) == ("Số: 87/BC-UBND", 13, True)
    assert (date.text, size_pt(date), all_italic(date)) == ("Xuân Phúc, ngày 20 tháng 12 năm 2023", 13, True)
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    kind, *summary = paragraphs[:4]
    assert [kind.text, *(p.text for p in summary)] == [
        "BÁO CÁO", "Kết quả thực hiện Kế hoạch",
        "triển khai thực hiện Chương trình mục tiêu quốc gia giảm nghèo",
        "nhanh bền vững năm 2023 trên địa bàn xã Xuân Phúc"]
    for paragraph in (kind, *summary):
        assert all_bold(paragraph) and size_pt(paragraph) == 14
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert paragraphs[4].text == "Kính gửi: Ủy ban nhân dân huyện Như Thanh"


def test_the_report_reads_back_reached_or_not_and_the_totals(reported: Path):
    lines = text_lines(reported / "bao-cao.docx")
    assert lines[lines.index("1. Kết quả thực hiện các chỉ tiêu") + 1:][:3] == [
        "STT | Chỉ tiêu | Cuối năm 2022 | Kế hoạch năm 2023 | Thực hiện năm 2023 | "
        "Mức giảm (tăng) đạt so với kế hoạch | Đánh giá",
        "1 | Tỷ lệ hộ nghèo | 9,2% (141 hộ) | 5,0% (76 hộ) | 4,8% (73 hộ) | 104,8% | Đạt",
        "2 | Tỷ lệ hộ cận nghèo | 6,6% (101 hộ) | 2,7% (41 hộ) | 3,0% (46 hộ) | 92,3% | Chưa đạt",
    ]
    assert ("Tổng kinh phí theo kế hoạch: 1.125,5 triệu đồng; đã thực hiện: 1.102 triệu đồng, đạt "
            "97,9% kế hoạch.") in lines
    assert "2 | Hỗ trợ nhà ở cho hộ nghèo | 190 | 202 | 106,3%" in lines
    assert " | Tổng cộng | 1.125,5 | 1.102 | 97,9%" in lines
    assert "8 | Duy trì mục tiêu không còn tình trạng trẻ em không đi học. | Chưa thực hiện: còn 2 trẻ em bỏ học giữa năm" in lines
    assert "Chưa có số liệu" not in "\n".join(lines)


def test_the_report_sent_upwards_lists_as_above_first_and_ends_with_the_end_mark(reported: Path):
    lines = text_lines(reported / "bao-cao.docx")
    closing = lines[lines.index("Nơi nhận:"):]
    assert closing[:6] == ["Nơi nhận:", "- Như trên;", "- Phòng LĐTBXH huyện;", "- TT Đảng ủy, HĐND xã;",
                           "- Chủ tịch, 2 PCT UBND xã;", "- Lưu: VT, CSXH."]
    assert lines[lines.index("Nơi nhận:") - 1] == ("Trên đây là báo cáo kết quả thực hiện Kế hoạch năm "
                                                  "2023 của Ủy ban nhân dân xã Xuân Phúc./.")


def test_the_report_of_a_period_plan_speaks_of_its_period_not_of_its_last_year(tmp_path: Path):
    period = ROOT / "plans" / "hoa-thang-2026-2030.yaml"
    result = run_cli("report", period, "-o", tmp_path)
    assert result.exit_code == 0, result.output  # results not recorded: warnings only
    lines = text_lines(tmp_path / period.stem / "bao-cao.docx")
    assert lines[10].endswith("Ủy ban nhân dân xã Hòa Thắng báo cáo kết quả thực hiện giai đoạn 2026 - 2030 "
                              "như sau:"), lines[10]
    # The baselines are of the end of 2025, the year before the period; the targets are to 2030.
    assert lines[lines.index("1. Kết quả thực hiện các chỉ tiêu") + 1] == (
        "STT | Chỉ tiêu | Cuối năm 2025 | Kế hoạch đến năm 2030 | Thực hiện đến năm 2030 | "
        "Mức giảm (tăng) đạt so với kế hoạch | Đánh giá")
    assert lines[lines.index("Nơi nhận:") - 1] == ("Trên đây là báo cáo kết quả thực hiện Kế hoạch giai đoạn "
                                                  "2026 - 2030 của Ủy ban nhân dân xã Hòa Thắng./.")


def test_results_not_recorded_are_warned_and_printed_as_not_yet_known(tmp_path: Path):
    plan = variant(tmp_path, ("    actual: {year: 2023, rate: 3.0, count: 46}     # giả định: 46 × 100 / 1525 = 3,02; chưa đạt\n", ""),
                   ("      spent: {ns-xa: 30}\n", ""))
    output = tmp_path / "output"
    result = run_cli("report", plan, "-o", output)
    assert result.exit_code == 0, result.output
    assert "chưa ghi kết quả của hộ cận nghèo: báo cáo in «chưa có số liệu» vào chỗ đó" in result.output
    assert "chưa ghi số đã chi của Truyền thông, nâng cao năng lực giảm nghèo" in result.output
    lines = text_lines(output / plan.stem / "bao-cao.docx")
    assert "2 | Tỷ lệ hộ cận nghèo | 6,6% (101 hộ) | 2,7% (41 hộ) | Chưa có số liệu |  | Chưa có số liệu" in lines
    assert "3 | Truyền thông, nâng cao năng lực giảm nghèo | 35,5 | Chưa có số liệu |" in lines  # no share
    assert run_cli("validate", plan).output.count("chưa có số liệu") == 0  # the plan itself is fine


def test_a_plan_with_errors_writes_no_report(tmp_path: Path):
    plan = variant(tmp_path, ("  total: 1125.5 ", "  total: 1000 "))
    output = tmp_path / "output"
    result = run_cli("report", plan, "-o", output)
    assert result.exit_code == 1
    assert not output.exists() or not any(output.rglob("*.docx"))


def test_next_years_plan_takes_the_results_as_baselines_and_leaves_the_rest_behind(tmp_path: Path):
    target = tmp_path / "xuan-phuc-2024.yaml"
    result = run_cli("new", "--from", RESULTS, "--year", 2024, "-o", target)
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "baseline: {year: 2023, rate: 4.8, count: 73}" in text
    for key in ("status", "note", "spent", "results", "achievements", "actual"):
        assert not re.search(rf"^[ -]*{key}:", text, re.M), key
    assert "amounts: {ns-tw: 850, ns-xa: 50}" in text
    assert "đã bỏ báo cáo cuối năm 2023 (số, ngày và phần lời)" in result.output


def test_diff_names_the_funding_and_the_results_recorded_in_plan_terms():
    result = run_cli("diff", ROOT / "plans" / "xuan-phuc-2023.yaml", RESULTS)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "+ Kinh phí: tổng cộng: 1.125,5 triệu đồng" in lines
    assert "+ Kinh phí: thêm hoạt động: Hỗ trợ nhà ở cho hộ nghèo" in lines
    assert ("+ Đơn vị “Các trường”: kết quả của “Duy trì mục tiêu không còn tình trạng …” (báo cáo "
            "cuối năm): chưa thực hiện") in lines
    assert "+ Báo cáo cuối năm: số: 87" in lines
