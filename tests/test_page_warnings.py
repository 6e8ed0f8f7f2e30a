"""Signs that the page will look wrong, before it is printed (issue 14, item 5): a line the plan
broke itself that is too long for its place, a trích yếu typed in capitals, an abbreviation of
the body used before it is written out. Each is a warning at the line of the value, in both
languages; the plan still builds.

Widths are worked by hand from nd30-format §3.1 and §5.5: the trích yếu spans the text width,
210 − 30 − 15 = 165 mm, in 14 pt bold; the issuer sits in the header's 65 mm left column in
12 pt bold. At Times New Roman's advances (capitals ≈ 0,72 em) "ỦY BAN NHÂN DÂN XÃ XUÂN PHÚC" is
about 73 mm in 12 pt bold: it cannot stay on one line of 65 mm.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SECOND, THIRD, run_cli

SECOND_TEXT = SECOND.read_text(encoding="utf-8")
SUMMARY = """\
  summary:
    - Thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững
    - năm 2026 trên địa bàn xã Tân An
"""
ISSUER = "  name: [ỦY BAN NHÂN DÂN, XÃ TÂN AN]\n"
INTRO = "    Ủy ban nhân dân xã Tân An ban hành Kế hoạch thực hiện Chương trình mục tiêu quốc gia giảm\n"


def variant(tmp_path: Path, old: str, new: str) -> Path:
    assert SECOND_TEXT.count(old) == 1, old
    path = tmp_path / "variant.yaml"
    path.write_text(SECOND_TEXT.replace(old, new), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def warnings(plan: Path, lang: str) -> list[str]:
    result = run_cli("--lang", lang, "validate", plan)
    assert result.exit_code == 0, result.output  # warnings only: the plan still builds
    return [line for line in result.output.splitlines() if "warning:" in line or "cảnh báo:" in line]


def test_the_samples_as_they_are_fit_their_lines():
    for lang in ("vi", "en"):
        assert warnings(SECOND, lang) == []


def test_a_summary_line_too_wide_for_the_page_is_a_warning_at_its_line(tmp_path):
    long_line = "Thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2026 trên địa bàn xã"
    plan = variant(tmp_path, SUMMARY, f"  summary:\n    - {long_line}\n    - Tân An\n")
    line = line_of(plan, f"    - {long_line}")
    assert warnings(plan, "en") == [
        f"{plan}:{line}:7: warning: «{long_line[:59]}…» is longer than one line of the width of the "
        "page: its last words would fall onto a line of their own; break it into lines yourself, "
        "between phrases (a list, one line per entry)"]
    assert warnings(plan, "vi") == [
        f"{plan}:{line}:7: cảnh báo: «{long_line[:59]}…» dài hơn một dòng của bề rộng trang: những chữ "
        "cuối sẽ rơi xuống một dòng riêng; hãy tự ngắt dòng giữa các cụm từ (viết thành danh sách, "
        "mỗi dòng một mục)"]
    assert run_cli("validate", "--strict", plan).exit_code == 1
    assert run_cli("build", plan, "-o", tmp_path / "out").exit_code == 0


def test_an_issuer_name_too_wide_for_the_header_column_is_a_warning(tmp_path):
    plan = variant(tmp_path, ISSUER, "  name: ỦY BAN NHÂN DÂN XÃ XUÂN PHÚC\n")
    line = line_of(plan, "  name: ỦY BAN NHÂN DÂN XÃ XUÂN PHÚC")
    assert warnings(plan, "en") == [
        f"{plan}:{line}:9: warning: «ỦY BAN NHÂN DÂN XÃ XUÂN PHÚC» is longer than one line of the left "
        "column of the header: its last words would fall onto a line of their own; break it into "
        "lines yourself, between phrases (a list, one line per entry)"]


def test_a_letter_summary_counts_its_v_v_on_the_first_line(tmp_path):
    # "V/v giao nhiệm vụ thực hiện Kế hoạch số 12" in 12 pt is wider than 65 mm; without "V/v " it fits.
    plan = variant(tmp_path, "    symbol: UBND-VX ",
                   "    summary: [giao nhiệm vụ thực hiện Kế hoạch số 12, năm 2026]\n    symbol: UBND-VX ")
    line = line_of(plan, "    summary: [giao nhiệm vụ thực hiện Kế hoạch số 12, năm 2026]")
    assert [w.split(": warning: ")[0] + ": " + w.split(": warning: ")[1][:48] for w in warnings(plan, "en")] == [
        f"{plan}:{line}:15: «V/v giao nhiệm vụ thực hiện Kế hoạch số 12» is "]


def test_a_summary_in_capitals_is_a_warning_with_the_normal_case(tmp_path):
    plan = variant(tmp_path, SUMMARY, "  summary:\n    - KẾ HOẠCH GIẢM NGHÈO NĂM 2026\n")
    line = line_of(plan, "    - KẾ HOẠCH GIẢM NGHÈO NĂM 2026")
    assert warnings(plan, "en") == [
        f"{plan}:{line}:7: warning: «KẾ HOẠCH GIẢM NGHÈO NĂM 2026» is typed in capitals: Decree 30 "
        "prints the summary in bold, in normal case, as «Kế hoạch giảm nghèo năm 2026»"]
    assert warnings(plan, "vi") == [
        f"{plan}:{line}:7: cảnh báo: «KẾ HOẠCH GIẢM NGHÈO NĂM 2026» được gõ toàn chữ in hoa: Nghị định "
        "30 in trích yếu bằng chữ in thường, đậm, như «Kế hoạch giảm nghèo năm 2026»"]


@pytest.mark.parametrize(("intro", "warned"), [
    ("    UBND xã Tân An ban hành Kế hoạch thực hiện Chương trình mục tiêu quốc gia giảm\n", ["UBND"]),
    ("    Ủy ban nhân dân (UBND) xã Tân An ban hành Kế hoạch; UBND xã thực hiện Chương trình giảm\n", []),
    # Not abbreviations: a document's symbol, a roman numeral, a name known by its letters.
    ("    Theo Kế hoạch số 25/KH-UBND, đến Quý IV/2026 và Phần II, hỗ trợ người nhiễm HIV giảm\n", []),
    # In italics, still an abbreviation: the check reads the words, not the markers.
    ("    __UBND xã Tân An__ ban hành Kế hoạch thực hiện Chương trình mục tiêu quốc gia giảm\n", ["UBND"]),
    # Used first, written out later: the first use is the one warned about.
    ("    Các thôn và MTTQ xã, Ủy ban Mặt trận Tổ quốc (MTTQ) xã thực hiện Chương trình giảm\n", ["MTTQ"]),
])
def test_an_abbreviation_used_before_it_is_written_out_is_a_warning(tmp_path, intro, warned):
    plan = variant(tmp_path, INTRO, intro)
    line = line_of(plan, intro.rstrip("\n")) - 1  # the folded text starts on the line of «>-»
    assert warnings(plan, "en") == [
        f"{plan}:{line}:5: warning: «{word}» is used before it is written out: Decree 30 writes the "
        f"words in full the first time, with «({word})» right after them" for word in warned]
    assert warnings(plan, "vi") == [
        f"{plan}:{line}:5: cảnh báo: «{word}» được dùng trước khi được viết đầy đủ: Nghị định 30 yêu "
        f"cầu viết đầy đủ lần đầu, đặt «({word})» ngay sau" for word in warned]


def test_an_abbreviation_in_a_duty_is_warned_at_the_duty(tmp_path):
    duty = "      - text: Tham mưu bố trí, lồng ghép các nguồn vốn thực hiện Kế hoạch.\n"
    plan = variant(tmp_path, duty, duty.replace("Tham mưu", "Tham mưu UBND xã"))
    line = line_of(plan, duty.replace("Tham mưu", "Tham mưu UBND xã").rstrip("\n"))
    assert warnings(plan, "en") == [
        f"{plan}:{line}:15: warning: «UBND» is used before it is written out: Decree 30 writes the "
        "words in full the first time, with «(UBND)» right after them"]


@pytest.mark.parametrize(("summary", "warned"), [
    # One text, left to Word: it wraps after "năm 2026", leaving "trên" alone on the second line.
    ("Thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2026 trên", True),
    # Wrapped with several words on the second line: Word's break is no worse than the clerk's.
    ("Thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2026 trên địa bàn xã Tân An",
     False),
])
def test_a_summary_left_to_word_is_warned_only_when_a_word_would_stand_alone(tmp_path, summary, warned):
    plan = variant(tmp_path, SUMMARY, f"  summary: {summary}\n")
    assert [w.split(": warning: ")[1][:40] for w in warnings(plan, "en")] == (
        [f"«{summary[:39]}"] if warned else [])


def test_a_letter_summary_in_capitals_is_warned_at_its_line(tmp_path):
    plan = variant(tmp_path, "    symbol: UBND-VX ",
                   "    summary:\n      - GIAO NHIỆM VỤ THỰC HIỆN\n      - Kế hoạch số 12/KH-UBND\n    symbol: UBND-VX ")
    line = line_of(plan, "      - GIAO NHIỆM VỤ THỰC HIỆN")
    assert warnings(plan, "en") == [
        f"{plan}:{line}:9: warning: «GIAO NHIỆM VỤ THỰC HIỆN» is typed in capitals: Decree 30 prints "
        "the summary in bold, in normal case, as «Giao nhiệm vụ thực hiện»"]


def test_an_abbreviation_in_a_role_or_a_point_is_warned_at_its_own_line(tmp_path):
    role = "      Là cơ quan thường trực Chương trình, chủ trì theo dõi, tổng hợp kết quả thực hiện Kế hoạch\n"
    plan = variant(tmp_path, role, role.replace("Là cơ quan", "Là cơ quan của UBND,"))
    assert [w.split(": warning: ")[0] for w in warnings(plan, "en")] == [
        f"{plan}:{line_of(plan, '    role: >-')}:11"]
    third = THIRD.read_text(encoding="utf-8")
    point = "          - tại các buổi sinh hoạt của thôn và của các hội, đoàn thể.\n"
    assert third.count(point) == 1
    path = tmp_path / "diem.yaml"
    path.write_text(third.replace(point, point.replace("các hội", "MTTQ và các hội")), encoding="utf-8")
    assert [w.split(": warning: ")[0] for w in warnings(path, "en")] == [
        f"{path}:{line_of(path, point.replace('các hội', 'MTTQ và các hội').rstrip())}:13"]


def test_a_parent_or_authority_line_too_wide_is_warned_at_its_own_line(tmp_path):
    # Widths worked as in the module's docstring: the parent line in the header's 65 mm column
    # (12 pt), the authority line in the signature column (about 105 mm, 14 pt bold).
    parent = "UBND HUYỆN NHƯ THANH TỈNH THANH HÓA CŨ"
    plan = variant(tmp_path, ISSUER, f"  parent: [{parent}]\n{ISSUER}")
    authority = "    - {title: PHÓ CHỦ TỊCH}\n"
    text = plan.read_text(encoding="utf-8").replace(
        authority, "    - {title: PHÓ CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN AN}\n")
    plan.write_text(text, encoding="utf-8")
    places = [w.split(": warning: ")[0] for w in warnings(plan, "en") if "longer than one line" in w]
    assert places == [f"{plan}:{line_of(plan, f'  parent: [{parent}]')}:12",
                      f"{plan}:{line_of(plan, '    - {title: PHÓ CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN AN}')}:7"]


@pytest.mark.parametrize(("old", "new", "warned"), [
    # A name known by its letters does not stop the reading: the next abbreviation is warned.
    (INTRO, "    Hỗ trợ người nhiễm HIV và MTTQ xã; Ủy ban nhân dân xã Tân An ban hành Kế hoạch giảm\n", "MTTQ"),
    # Brackets on one side only are no definition.
    (INTRO, "    Ủy ban nhân dân (UBND xã Tân An) ban hành Kế hoạch thực hiện Chương trình mục tiêu giảm\n", "UBND"),
    # In a bullet, and in a paragraph of a section's content: at that line.
    ("          - Một số hộ mới thoát nghèo chưa có sinh kế ổn định, nguy cơ tái nghèo còn cao;\n",
     "          - Một số hộ mới thoát nghèo chưa có sinh kế ổn định (theo MTTQ), nguy cơ tái nghèo còn cao;\n",
     "MTTQ"),
    ("            Năm 2025, các chính sách giảm nghèo được triển khai đồng bộ, kịp thời; các chỉ tiêu\n",
     "            Năm 2025, các chính sách giảm nghèo được HĐND triển khai đồng bộ, kịp thời; các chỉ tiêu\n",
     "HĐND"),
])
def test_an_abbreviation_is_warned_where_it_is_first_used(tmp_path, old, new, warned):
    plan = variant(tmp_path, old, new)
    found = [w for w in warnings(plan, "en") if "written out" in w]
    assert [w.split(": warning: «")[1].split("»")[0] for w in found] == [warned]
    line = line_of(plan, new.rstrip("\n"))
    assert found[0].split(":")[1] in (str(line), str(line - 1))  # a folded text starts on its «>-» line


def test_an_abbreviation_in_a_unit_no_block_prints_is_still_warned(tmp_path):
    # The letters print the duties of a unit that no units block lists.
    plan = variant(tmp_path, "          - {units: all}\n", "          - {units: [van-hoa-xa-hoi, kinh-te]}\n")
    text = plan.read_text(encoding="utf-8").replace("phân công cán bộ, đảng viên giúp đỡ", "phân công MTTQ giúp đỡ")
    plan.write_text(text, encoding="utf-8")
    assert [w.split(": warning: «")[1].split("»")[0] for w in warnings(plan, "en") if "written out" in w] == ["MTTQ"]


def test_only_the_first_v_v_line_carries_the_v_v(tmp_path):
    # "giao nhiệm vụ thực hiện Kế hoạch số" fits the 65 mm column alone, not after "V/v ".
    plan = variant(tmp_path, "    symbol: UBND-VX ",
                   "    summary: [thực hiện Kế hoạch, giao nhiệm vụ thực hiện Kế hoạch số]\n    symbol: UBND-VX ")
    assert warnings(plan, "en") == []


@pytest.mark.parametrize(("authority", "warned"), [
    # Too wide for the signature column (about 105 mm, 14 pt bold), with two words and more past
    # it: a line of the signature the plan wrote is warned even though no word would stand alone.
    ("{title: PHÓ CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN AN TỈNH LÂM ĐỒNG}", True),
    # It fits alone, not after its prefix "KT. ", which prints on the same line.
    ("{prefix: KT., title: PHÓ CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN}", True),
    ("{title: PHÓ CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN}", False),
])
def test_an_authority_line_is_measured_as_printed(tmp_path, authority, warned):
    plan = variant(tmp_path, "    - {title: PHÓ CHỦ TỊCH}\n", f"    - {authority}\n")
    assert [w for w in warnings(plan, "en") if "longer than one line" in w] != [] if warned else \
        [w for w in warnings(plan, "en") if "longer than one line" in w] == []


def test_an_abbreviation_in_a_nested_bullet_is_warned_at_that_bullet(tmp_path):
    bullet = "          - Nguồn lực hỗ trợ phát triển sản xuất còn ít, chưa đáp ứng nhu cầu của người dân.\n"
    plan = variant(tmp_path, bullet, "          - text: \"Nguồn lực hỗ trợ phát triển sản xuất còn ít:\"\n"
                                     "            bullets:\n"
                                     "              - vốn vay của NHCSXH chưa đáp ứng nhu cầu.\n")
    assert [w.split(": warning: ")[0] for w in warnings(plan, "en") if "written out" in w] == [
        f"{plan}:{line_of(plan, '              - vốn vay của NHCSXH chưa đáp ứng nhu cầu.')}:17"]


def test_the_units_duties_are_read_where_their_block_prints_them(tmp_path):
    # Part V's units block comes before "Chế độ báo cáo": a duty's "MTTQ" is its first use, even
    # though the report paragraph after it writes the words out.
    duty = "      - text: Tham mưu bố trí, lồng ghép các nguồn vốn thực hiện Kế hoạch.\n"
    plan = variant(tmp_path, duty, duty.replace("Tham mưu", "Cùng MTTQ tham mưu"))
    text = plan.read_text(encoding="utf-8").replace(
        "                Các đơn vị thực hiện nhiệm vụ được phân công tại Phụ lục II kèm theo; định kỳ\n",
        "                Các đơn vị và Ủy ban Mặt trận Tổ quốc (MTTQ) xã thực hiện nhiệm vụ được phân công\n"
        "                tại Phụ lục II kèm theo; định kỳ\n")
    plan.write_text(text, encoding="utf-8")
    assert [w.split(": warning: ")[0] for w in warnings(plan, "en") if "written out" in w] == [
        f"{plan}:{line_of(plan, duty.replace('Tham mưu', 'Cùng MTTQ tham mưu').rstrip())}:15"]
