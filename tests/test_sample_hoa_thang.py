"""The third sample, plans/hoa-thang-2026-2030.yaml (issue 14): a plan over 2026-2030, issued by
a commune after the reform of 1 July 2025, that uses every capability of issue 14 at once.

Each expected line is worked by hand from the plan file and docs/plan-format.md: numbered
citations with the year and short dates, bold and italic spans, a unit's lettered duties with
"-" points, a heading apart from the name, requested units (asked, never assigned; one without
letters), a target with a floor, one without a baseline, a ladder alone, the drafter's initials
and the copies issued; and the format rules of nd30-format.md that such a plan touches.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from conftest import THIRD, run_cli, shared
from docx_reading import all_bold, all_italic, body_paragraphs, find, size_pt, text_lines

STEM = THIRD.stem
UNITS_WITH_LETTERS = ["van-hoa-xa-hoi", "kinh-te", "trung-tam-hanh-chinh", "cac-thon", "mat-tran"]


@pytest.fixture(scope=shared("module"))
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("hoa-thang")
    result = run_cli("build", THIRD, "-o", output)
    assert result.exit_code == 0, result.output
    assert "cảnh báo" not in result.output and "lỗi" not in result.output, result.output
    return output / STEM


def lines(built: Path, document: str) -> list[str]:
    return text_lines(built / f"{document}.docx")


def test_it_is_valid_without_warnings_in_both_languages():
    for lang in ("vi", "en"):
        result = run_cli("--lang", lang, "validate", "--strict", THIRD)
        assert (result.exit_code, result.output) == (0, "")


def test_every_unit_gets_a_letter_and_a_sheet_but_the_one_marked_without(built):
    for kind in ("giao-nhiem-vu", "phieu-nhiem-vu"):
        assert sorted(path.stem for path in (built / kind).glob("*.docx")) == sorted(UNITS_WITH_LETTERS)


def test_the_header_has_no_parent_body_after_the_reform(built):
    assert lines(built, "ke-hoach")[:9] == [
        "ỦY BAN NHÂN DÂN", "XÃ HÒA THẮNG", "Số: 08/KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Hòa Thắng, ngày 15 tháng 01 năm 2026",
        "KẾ HOẠCH",
        "Chuyển đổi số và phát triển thanh toán không dùng tiền mặt",
        "trên địa bàn xã Hòa Thắng giai đoạn 2026 - 2030"]


def test_numbered_citations_print_with_their_year_and_short_dates(built):
    text = lines(built, "ke-hoach")
    start = text.index("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16/6/2025;")
    assert text[start:start + 6] == [
        "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16/6/2025;",
        "Căn cứ Luật Giao dịch điện tử số 20/2023/QH15 ngày 22/6/2023;",
        "Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt Chương "
        "trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030;",
        "Thực hiện Kế hoạch số 215/KH-UBND ngày 20/11/2025 của Ủy ban nhân dân tỉnh Đồng Nai về "
        "chuyển đổi số tỉnh giai đoạn 2026 - 2030;",
        "Xét Tờ trình số 03/TTr-VHXH ngày 08/01/2026 của Phòng Văn hóa - Xã hội.",
        "Ủy ban nhân dân (UBND) xã Hòa Thắng ban hành Kế hoạch chuyển đổi số và phát triển thanh "
        "toán không dùng tiền mặt giai đoạn 2026 - 2030 (sau đây gọi là Kế hoạch) như sau:"]


def test_targets_a_floor_a_level_without_baseline_and_a_ladder(built):
    text = lines(built, "ke-hoach")
    # 2.880 − 2.000 = 880 hộ; 90,0% − 62,5% = 27,5%; 3.200 of 3.200 hộ is 100,0%.
    assert text[text.index("II. MỤC TIÊU") + 1:text.index("III. NHIỆM VỤ, GIẢI PHÁP")] == [
        "Đến năm 2030, tỷ lệ hộ có tài khoản thanh toán điện tử tăng ít nhất 27,5%, tương ứng tăng "
        "ít nhất 880 hộ có tài khoản thanh toán điện tử (từ 62,5% cuối năm 2025, lên ít nhất 90,0% "
        "cuối năm 2030, số hộ có tài khoản thanh toán điện tử dự kiến cuối năm 2030 đạt ít nhất "
        "2.880 hộ); tỷ lệ hộ có kết nối Internet cáp quang đạt 100,0% (số hộ có kết nối Internet "
        "cáp quang dự kiến cuối năm 2030 đạt 3.200 hộ).",
        "Phấn đấu tỷ lệ hộ chưa có thông tin trên cơ sở dữ liệu dân cư được làm sạch đến cuối năm "
        "2027 còn 5,0%, đến cuối năm 2028 còn 2,5% và đến cuối năm 2030 còn không quá 0,5%."]


def test_part_iv_letters_duties_with_points_and_asks_the_requested_units(built):
    text = lines(built, "ke-hoach")
    start = text.index("1. Phòng Văn hóa - Xã hội (cơ quan thường trực)")
    assert text[start:start + 5] == [
        "1. Phòng Văn hóa - Xã hội (cơ quan thường trực)",
        "Là cơ quan thường trực, chủ trì theo dõi, đôn đốc, tổng hợp kết quả thực hiện Kế hoạch và "
        "thực hiện các nhiệm vụ sau:",
        "a) Tuyên truyền về chuyển đổi số và thanh toán không dùng tiền mặt bằng các hình thức:",
        "- trên hệ thống truyền thanh của xã, ít nhất mỗi tháng một lần;",
        "- tại các buổi sinh hoạt của thôn và của các hội, đoàn thể."]
    start = text.index("5. Ủy ban Mặt trận Tổ quốc Việt Nam xã và các tổ chức chính trị - xã hội")
    assert text[start + 1:start + 6] == [
        "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã phối hợp thực hiện các nội dung sau:",
        "Vận động hội viên, đoàn viên và Nhân dân tham gia các hoạt động chuyển đổi số, sử dụng các "
        "dịch vụ thanh toán không dùng tiền mặt.",
        "6. Các doanh nghiệp viễn thông trên địa bàn xã",
        "Đề nghị các doanh nghiệp viễn thông trên địa bàn xã phối hợp thực hiện các nội dung có "
        "liên quan tại Kế hoạch này.",
        "7. Chế độ báo cáo"]


def test_the_closing_carries_the_drafter_and_the_copies(built):
    text = lines(built, "ke-hoach")
    assert text[text.index("- Lưu: VT, VHXH."):text.index("Trần Minh Đức") + 1] == [
        "- Lưu: VT, VHXH.", "LTH.(25)", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trần Minh Đức"]


def test_bold_and_italic_print_as_runs_of_the_body_font(built):
    plan = docx.Document(str(built / "ke-hoach.docx"))
    runs = {run.text: run for paragraph in plan.paragraphs for run in paragraph.runs}
    italic, bold = runs["(sau đây gọi là Kế hoạch)"], runs["ít nhất mỗi tháng một lần"]
    assert (italic.italic, bool(italic.bold), italic.font.name, italic.font.size.pt) == (True, False, "Times New Roman", 14)
    assert (bool(bold.italic), bold.bold, bold.font.name, bold.font.size.pt) == (False, True, "Times New Roman", 14)
    assert not any(marker in paragraph.text for paragraph in plan.paragraphs for marker in ("**", "__"))


def test_the_title_and_summary_follow_the_decree(built):
    plan = docx.Document(str(built / "ke-hoach.docx"))
    for text in ("KẾ HOẠCH", "Chuyển đổi số và phát triển thanh toán không dùng tiền mặt"):
        paragraph = find(plan, text)
        assert (all_bold(paragraph), size_pt(paragraph), paragraph.alignment) == (True, 14, 1)  # centred
    basis = find(plan, "Căn cứ Luật Giao dịch điện tử số 20/2023/QH15 ngày 22/6/2023;")
    assert all_italic(basis) and size_pt(basis) == 14  # căn cứ: italic body (nd30-format §4 row 13)
    section = plan.sections[0]
    # nd30-format §1: A4, top and bottom 20 mm, left 30 mm, right 15 mm.
    assert [round(length.mm) for length in (section.page_width, section.page_height, section.top_margin,
                                             section.bottom_margin, section.left_margin,
                                             section.right_margin)] == [210, 297, 20, 20, 30, 15]
    assert {run.font.name for paragraph in body_paragraphs(plan) for run in paragraph.runs} == {"Times New Roman"}


@pytest.mark.parametrize("document", ["giao-nhiem-vu/mat-tran", "phieu-nhiem-vu/mat-tran"])
def test_the_requested_unit_is_asked_never_assigned(built, document):
    text = lines(built, document)
    assert not any("giao" in line.lower() for line in text), [l for l in text if "giao" in l.lower()]
    assert any("đề nghị" in line.lower() for line in text)


def test_the_requested_units_letter_asks_for_its_part(built):
    text = lines(built, "giao-nhiem-vu/mat-tran")
    assert text[2:5] == ["Số:     /UBND-VHXH", "V/v đề nghị phối hợp thực hiện", "Kế hoạch số 08/KH-UBND"]
    assert "Kính gửi: Ủy ban Mặt trận Tổ quốc Việt Nam xã" in text
    start = text.index("1. Nội dung đề nghị chủ trì thực hiện")
    assert text[start:start + 3] == [
        "1. Nội dung đề nghị chủ trì thực hiện",
        "a) Vận động hội viên, đoàn viên và Nhân dân tham gia các hoạt động chuyển đổi số, sử dụng "
        "các dịch vụ thanh toán không dùng tiền mặt.",
        "2. Nội dung đề nghị phối hợp thực hiện"]
    # In a letter the drafter's initials stand alone: the copies are the plan's.
    assert text[text.index("- Lưu: VT, VHXH.") + 1] == "LTH"


def test_a_period_plans_letter_reports_every_year(built):
    text = lines(built, "giao-nhiem-vu/kinh-te")
    assert ("Báo cáo kết quả thực hiện các nhiệm vụ nêu trên định kỳ 6 tháng, năm, gửi về Ủy ban "
            "nhân dân xã (qua Phòng Văn hóa - Xã hội) để tổng hợp; thời hạn gửi báo cáo: trước ngày "
            "15/12 hằng năm.") in text
    assert "- Thời hạn hoàn thành: 31/12/2028." in text
    # The office the reports go through collects them (`collector`): never told to report to itself.
    collector = lines(built, "giao-nhiem-vu/van-hoa-xa-hoi")
    assert ("Theo dõi, đôn đốc các đơn vị triển khai thực hiện; tổng hợp kết quả thực hiện, báo cáo Ủy "
            "ban nhân dân xã Hòa Thắng định kỳ 6 tháng, năm; thời hạn gửi báo cáo: trước ngày 15/12 "
            "hằng năm.") in collector
    assert not any("qua Phòng Văn hóa - Xã hội" in line for line in collector)


def test_new_refuses_a_period_plan_and_writes_nothing(tmp_path):
    target = tmp_path / "next.yaml"
    result = run_cli("new", "--from", THIRD, "--year", 2031, "-o", target)
    assert result.exit_code == 1
    assert not target.exists()
