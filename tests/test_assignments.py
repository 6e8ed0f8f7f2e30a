"""Assignment letters, task sheets and the appendix of assignments (the issue "Assignment
letters and task sheets"), read back from the built .docx files as the units would read them."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

import pytest
import yaml
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from conftest import SAMPLE, SECOND, run_cli, shared
from docx_reading import all_bold, all_italic, cell_paragraphs, column_widths, none_bold, read, size_pt, text_lines

from generator import vn
from generator.document import style
from generator.plan.read import check_plan

# The eight units of the sample's part V, in the plan's order: each gets a letter and a sheet.
UNITS = ["ldtbxh", "nong-nghiep", "van-hoa", "truong-hoc", "tu-phap", "cac-thon", "nganh-doan-the",
         "mat-tran"]
SHEET_COLUMNS = ["STT", "Nhiệm vụ", "Vai trò (Chủ trì / Phối hợp)", "Đơn vị chủ trì hoặc phối hợp",
                 "Thời hạn", "Sản phẩm, kết quả", "Chỉ tiêu liên quan"]
LDTBXH = "Công chức Lao động - Thương binh và Xã hội"
A4_PORTRAIT_TEXT_WIDTH = 11906 - 1701 - 850


@pytest.fixture(scope=shared("module"))
def second_plan():
    plan = check_plan(SECOND).plan
    assert plan is not None
    return plan


def letter(built: Path, unit_id: str, plan: str = "xuan-phuc-2023"):
    return read((built / plan / "giao-nhiem-vu" / f"{unit_id}.docx").read_bytes())


def sheet(built: Path, unit_id: str, plan: str = "xuan-phuc-2023"):
    return read((built / plan / "phieu-nhiem-vu" / f"{unit_id}.docx").read_bytes())


def texts(document) -> list[str]:
    """Returns the text of every paragraph outside tables that carries text."""
    return [p.text for p in document.paragraphs if p.text.strip()]


def rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


# --- which files, which duties ------------------------------------------------------------
# Which duties each Xuân Phúc letter and sheet holds, and in what words: their whole text is
# compared with hand-written texts in tests/test_expected_xuan_phuc_units.py.

def test_build_writes_one_letter_and_one_sheet_per_unit_named_by_its_id(tmp_path: Path):
    result = run_cli("build", SAMPLE, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    folder = tmp_path / "xuan-phuc-2023"
    for kind in ("giao-nhiem-vu", "phieu-nhiem-vu"):
        assert sorted(path.name for path in (folder / kind).iterdir()) == sorted(f"{u}.docx" for u in UNITS)
    printed = result.stdout.splitlines()
    assert printed[0] == str(folder / "ke-hoach.docx")
    assert printed[1:] == [str(folder / kind / f"{u}.docx") for kind in ("giao-nhiem-vu", "phieu-nhiem-vu")
                           for u in UNITS]


def test_a_supported_duty_is_in_each_supporting_units_letter_and_sheet_with_its_lead(built: Path):
    # ldtbxh's third duty names two supporting units (nganh-doan-the, mat-tran).
    duty = ("Phối hợp với các ban, ngành liên quan và các tổ chức hội, đoàn thể, Ủy ban Mặt trận Tổ "
            "quốc xã nắm chắc tình hình đời sống nhân dân")
    for unit_id, partner in (("nganh-doan-the", "Ủy ban Mặt trận Tổ quốc xã và các tổ chức thành viên"),
                             ("mat-tran", "Các ngành, đoàn thể cấp xã")):
        lines = texts(letter(built, unit_id))
        at = next(i for i, line in enumerate(lines) if duty in line)
        assert "2. Nhiệm vụ phối hợp thực hiện" in lines[:at]
        assert lines[at + 1] == f"- Đơn vị chủ trì: {LDTBXH};"
        assert lines[at + 2] == f"- Đơn vị cùng phối hợp: {partner};"
        (row,) = [row for row in rows(sheet(built, unit_id).tables[1]) if duty in row[1]]
        assert row[2:5] == ["Phối hợp", LDTBXH, "Năm 2023"]
    lead = rows(sheet(built, "ldtbxh").tables[1])
    assert lead[3][2:4] == ["Chủ trì", "Các ngành, đoàn thể cấp xã; Ủy ban Mặt trận Tổ quốc xã và các tổ chức thành viên"]


def test_a_task_of_the_body_with_a_lead_is_a_duty_of_its_units(built: Path, second_plan):
    # Tân An's "NHIỆM VỤ, GIẢI PHÁP" names lead and support units on its tasks.
    task = "Rà soát, cập nhật danh sách hộ nghèo, hộ cận nghèo; xây dựng phương án hỗ trợ"
    lead = texts(letter(built, "van-hoa-xa-hoi", "tan-an-2026"))
    support = texts(letter(built, "cac-thon", "tan-an-2026"))
    assert any(task in line for line in lead[:lead.index("2. Nhiệm vụ phối hợp thực hiện")])
    at = next(i for i, line in enumerate(support) if task in line)
    assert support[at + 1] == "- Đơn vị chủ trì: Phòng Văn hóa - Xã hội;"
    share = second_plan.unit_duties("van-hoa-xa-hoi")
    assert [duty.path[0] for duty in share.led] == ["units", "units", "parts", "parts"]  # own duties first


# --- the letter: a công văn (nd30-format §5.3, §5.5, §5.8, §5.11, §8.3) ----------------------

def test_letter_header_has_the_number_with_the_v_v_lines_under_it_and_a_blank_date(built: Path):
    document = letter(built, "ldtbxh")
    header = document.tables[0]
    left = [p for p in cell_paragraphs(header, 1, 0) if p.text]
    assert [p.text for p in left] == ["Số:     /UBND-CSXH", "V/v giao nhiệm vụ thực hiện",
                                      "Kế hoạch giảm nghèo năm 2023"]
    number, first, second = left
    assert size_pt(number) == 13
    assert size_pt(first) == size_pt(second) == 12 and none_bold(first) and none_bold(second)
    assert first.paragraph_format.space_before.pt == 6
    (date,) = [p for p in cell_paragraphs(header, 1, 1) if p.text]
    assert date.text == "Xuân Phúc, ngày     tháng     năm 2023" and all_italic(date)
    parent, issuer = [p.text for p in cell_paragraphs(header, 0, 0) if p.text]
    assert (parent, issuer) == ("UBND HUYỆN NHƯ THANH", "UBND XÃ XUÂN PHÚC")


def test_letter_has_no_title_and_is_sent_to_the_unit(built: Path):
    lines = texts(letter(built, "ldtbxh"))
    assert "KẾ HOẠCH" not in lines  # a công văn has no tên loại (§5.5)
    assert not any(line.startswith("V/v") for line in lines)  # the V/v is in the header only
    assert lines[0] == f"Kính gửi: {LDTBXH}"


def test_letter_cites_the_plan_by_number_and_date_left_blank(built: Path):
    opening = texts(letter(built, "ldtbxh"))[1]
    assert opening.startswith("Thực hiện Kế hoạch số      /KH-UBND ngày     tháng 6 năm 2023 của Ủy ban "
                              "nhân dân xã Xuân Phúc về việc triển khai thực hiện Chương trình mục tiêu "
                              "quốc gia giảm nghèo nhanh bền vững năm 2023")
    numbered = texts(letter(built, "cac-thon", "tan-an-2026"))[1]
    assert numbered.startswith("Thực hiện Kế hoạch số 12/KH-UBND ngày 05 tháng 02 năm 2026 của Ủy ban "
                               "nhân dân xã Tân An về việc thực hiện Chương trình")


def test_letter_lists_led_duties_targets_reporting_and_ends_the_text(built: Path):
    lines = texts(letter(built, "ldtbxh"))
    assert [line for line in lines if re.match(r"^\d\. ", line)] == [
        "1. Nhiệm vụ chủ trì thực hiện", "2. Chỉ tiêu phấn đấu", "3. Tổng hợp, báo cáo kết quả thực hiện"]
    first = lines.index("1. Nhiệm vụ chủ trì thực hiện")
    assert lines[first + 1].startswith("a) Hướng dẫn, chỉ đạo thôn")
    assert lines[first + 2:first + 4] == ["- Đơn vị phối hợp: Các thôn;", "- Thời hạn hoàn thành: Năm 2023."]
    assert ("- Tỷ lệ hộ nghèo giảm 4,2% (từ 9,2% cuối năm 2022 xuống còn 5,0% cuối năm 2023); số hộ "
            "nghèo giảm 65 hộ (từ 141 hộ xuống còn 76 hộ);") in lines
    assert ("- Tỷ lệ hộ cận nghèo giảm 3,9% (từ 6,6% cuối năm 2022 xuống còn 2,7% cuối năm 2023); số "
            "hộ cận nghèo giảm 60 hộ (từ 101 hộ xuống còn 41 hộ).") in lines
    # ldtbxh collects the reports (`collector`): told to collect and report to the issuer; the
    # other units' letters keep "Chế độ báo cáo" (test_sections_with_nothing_to_say…).
    report = lines[lines.index("3. Tổng hợp, báo cáo kết quả thực hiện") + 1]
    assert report.startswith("Theo dõi, đôn đốc các đơn vị triển khai thực hiện; tổng hợp kết quả thực hiện, "
                             "báo cáo Ủy ban nhân dân xã Xuân Phúc định kỳ 6 tháng, năm")
    assert report.endswith("thời hạn gửi báo cáo: trước ngày 15/12/2023.")
    assert "qua bộ phận Lao động" not in " ".join(lines)  # never told to report to itself
    assert lines[-1].startswith("Ủy ban nhân dân xã Xuân Phúc đề nghị đơn vị nghiêm túc triển khai")
    assert lines[-1].endswith("để xem xét, giải quyết./.")


def test_sections_with_nothing_to_say_are_left_out_and_the_rest_numbered_on(built: Path):
    lines = texts(letter(built, "tu-phap"))
    assert [line for line in lines if re.match(r"^\d\. ", line)] == [
        "1. Nhiệm vụ chủ trì thực hiện", "2. Chế độ báo cáo"]


def test_letter_closing_starts_with_nhu_tren_and_ends_with_the_luu_line(built: Path):
    closing = letter(built, "cac-thon").tables[-1]
    left = [p for p in cell_paragraphs(closing, 0, 0) if p.text]
    assert [p.text for p in left] == ["Nơi nhận:", "- Như trên;", "- Chủ tịch UBND xã (để b/c);",
                                      "- Lưu: VT, CSXH."]
    assert size_pt(left[0]) == 12 and all_bold(left[0]) and all_italic(left[0])
    assert all(size_pt(p) == 11 for p in left[1:])
    right = [p.text for p in cell_paragraphs(closing, 0, 1) if p.text]
    assert right == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Quang Phương"]


def test_letter_defaults_come_from_the_plan(built: Path):
    # Tân An gives its own symbol (UBND-VX) but no summary: the V/v names the plan by its
    # number. Its reporting deadline is an ISO date. (The default symbol: test_expected_tan_an.)
    document = letter(built, "kinh-te", "tan-an-2026")
    left = [p.text for p in cell_paragraphs(document.tables[0], 1, 0) if p.text]
    assert left == ["Số:     /UBND-VX", "V/v giao nhiệm vụ thực hiện", "Kế hoạch số 12/KH-UBND"]
    lines = texts(document)
    assert any(line.endswith("thời hạn gửi báo cáo: trước ngày 05/12/2026.") for line in lines)
    assert "- Thời hạn hoàn thành: Thường xuyên." in lines


# --- the task sheet -------------------------------------------------------------------------

def test_sheet_table_repeats_its_header_never_splits_a_row_and_fits_a4(built: Path):
    for unit_id in UNITS:
        table = sheet(built, unit_id).tables[1]
        header, *body = table.rows
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
        widths = column_widths(table)
        assert sum(widths) == A4_PORTRAIT_TEXT_WIDTH
        cell_font = style.ROLES["table_cell_dense"].font
        for index, width in enumerate(widths):  # no word is broken across lines
            words = [word for row in body for word in row.cells[index].text.split()]
            longest = max((style.text_width(word, cell_font) for word in words), default=0)
            assert longest + 2 * style.TABLE_CELL_MARGIN <= width
        assert {size_pt(p) for row in table.rows for cell in row.cells for p in cell.paragraphs if p.text} == {11}


def test_sheet_shows_deadlines_products_and_targets(built: Path):
    body = rows(sheet(built, "van-hoa-xa-hoi", "tan-an-2026").tables[1])[1:]
    first, report = body[0], body[1]
    assert first[3:] == ["Các thôn", "Quý IV/2026", "Quyết định công nhận danh sách hộ nghèo, hộ cận nghèo năm 2026",
                         "Tỷ lệ hộ nghèo còn 3,5% cuối năm 2026; tỷ lệ hộ cận nghèo còn 5,1% cuối năm 2026"]
    assert report[4] == "15/12/2026"  # an ISO deadline, printed as nd30-format §6 writes dates


soffice = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(soffice is None or shutil.which("pdfinfo") is None,
                    reason="needs LibreOffice (soffice) and pdfinfo (poppler-utils), which .ci/run installs")
def test_every_sheet_is_one_page(built: Path, tmp_path: Path):
    sheets = [*sorted((built / "xuan-phuc-2023" / "phieu-nhiem-vu").glob("*.docx")),
              *sorted((built / "tan-an-2026" / "phieu-nhiem-vu").glob("*.docx"))]
    for path in sheets:  # unique names: both plans have a "cac-thon"
        shutil.copy(path, tmp_path / f"{path.parent.parent.name}-{path.name}")
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"),
                    *map(str, sorted(tmp_path.glob("*.docx")))],
                   check=True, capture_output=True, timeout=300)
    pages = {}
    for pdf in sorted((tmp_path / "pdf").glob("*.pdf")):
        info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
        pages[pdf.stem] = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert len(pages) == len(sheets) == len(UNITS) + 3
    assert pages == dict.fromkeys(pages, 1)


def long_sheet_plans(folder: Path, counts: Iterable[int]) -> dict[int, Path]:
    """Writes the sample with its first unit leading the `count` longest duties of the plan,
    for each count, and returns the plan files by count."""
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    kept = ("text", "product", "indicators")  # a sheet has the columns its duties fill (issue 16)
    duties = sorted(({key: duty[key] for key in kept if key in duty}
                     for unit in data["units"] for duty in unit.get("duties", [])),
                    key=lambda duty: -len(duty["text"]))
    plans = {}
    for count in counts:
        data["units"][0]["duties"] = duties[:count]
        plans[count] = folder / f"sheet-{count}.yaml"
        plans[count].write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return plans


def test_a_task_sheet_too_long_for_one_page_is_a_warning_at_its_unit(tmp_path: Path):
    plan = long_sheet_plans(tmp_path, [5])[5]
    unit_line = next(number for number, line in enumerate(plan.read_text(encoding="utf-8").splitlines(), 1)
                     if line.endswith(f"id: {UNITS[0]}"))
    result = run_cli("build", plan, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert (f"{plan}:{unit_line}:3: cảnh báo: phiếu giao nhiệm vụ của «{LDTBXH}» sẽ in thành 2 trang "
            "chứ không phải một trang") in result.stderr
    assert result.stderr.count("phiếu giao nhiệm vụ của") == 1
    english = run_cli("--lang", "en", "build", plan, "-o", tmp_path / "out")
    assert f"warning: the task sheet of «{LDTBXH}» will print on 2 pages, not one" in english.stderr
    sample = run_cli("build", SAMPLE, SECOND, "-o", tmp_path / "samples")
    assert sample.exit_code == 0 and "phiếu giao nhiệm vụ của" not in sample.stderr


@pytest.mark.skipif(soffice is None or shutil.which("pdfinfo") is None,
                    reason="needs LibreOffice (soffice) and pdfinfo (poppler-utils), which .ci/run installs")
def test_the_long_sheet_warning_says_what_libreoffice_prints(tmp_path: Path):
    plans = long_sheet_plans(tmp_path, [1, 2, 3, 4, 5, 7, 10, 13, 17])
    warned = {}
    for count, plan in plans.items():
        result = run_cli("build", plan, "-o", tmp_path / "out", "--unit", UNITS[0])
        found = re.search(r"sẽ in thành (\d+) trang", result.stderr)
        warned[count] = int(found.group(1)) if found else 1
        shutil.copy(tmp_path / "out" / plan.stem / "phieu-nhiem-vu" / f"{UNITS[0]}.docx",
                    tmp_path / f"{plan.stem}.docx")
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"),
                    *map(str, sorted(tmp_path.glob("sheet-*.docx")))],
                   check=True, capture_output=True, timeout=300)
    printed = {}
    for count, plan in plans.items():
        info = subprocess.run(["pdfinfo", str(tmp_path / "pdf" / f"{plan.stem}.pdf")],
                              check=True, capture_output=True, text=True).stdout
        printed[count] = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert warned == printed
    assert {1, 2, 3} <= set(printed.values())  # one page, and more: the test can tell them apart


# --- the plan's appendix ----------------------------------------------------------------------

def test_plan_appendix_lists_every_duty_by_unit_on_landscape_pages(tmp_path: Path):
    plan = tmp_path / "xuan-phuc-2023.yaml"  # the source has no appendix: switched on here
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.count("  appendix: false") == 1
    plan.write_text(text.replace("  appendix: false", "  appendix: true"), encoding="utf-8")
    assert run_cli("build", plan, "-o", tmp_path / "out").exit_code == 0
    document = read((tmp_path / "out" / "xuan-phuc-2023" / "ke-hoach.docx").read_bytes())
    lines = texts(document)
    at = lines.index("Phụ lục")  # a single appendix: no numeral (nd30-format §5.12)
    assert lines[at + 1:at + 3] == ["PHÂN CÔNG NHIỆM VỤ", "(Kèm theo Kế hoạch số      /KH-UBND ngày     "
                                    "tháng 6 năm 2023 của Ủy ban nhân dân xã Xuân Phúc)"]
    assert document.sections[-1].orientation == WD_ORIENT.LANDSCAPE
    header, *body = rows(document.tables[-1])
    # no duty of the plan names a product: no "Sản phẩm, kết quả" column
    assert header == ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"]
    # The plan's own words, read with a plain YAML reader: no body task has a lead, so the duties
    # are the units' own, in the plan's order (3 + 1 + 2 + 2 + 1 + 3 + 2 + 3 = 17).
    units = yaml.safe_load(text)["units"]
    assert [row[0] for row in body] == [str(n) for n in range(1, 18)]
    assert [row[1:3] for row in body] == [[duty["text"], unit["name"]] for unit in units for duty in unit["duties"]]
    assert body[0][3] == "Các thôn"


def test_with_two_appendices_they_are_numbered_and_the_assignments_come_last(built: Path):
    document = read((built / "tan-an-2026" / "ke-hoach.docx").read_bytes())
    lines = texts(document)
    assert lines.index("Phụ lục I") < lines.index("Phụ lục II") == lines.index("PHÂN CÔNG NHIỆM VỤ") - 1
    body = rows(document.tables[-1])[1:]
    # a group row for each section that prints duties (python-docx repeats a merged cell's text
    # in each column it spans), then the rows numbered on across the groups: the section's three
    # tasks with a lead, then the units' six duties where the units block lists them
    assert [row[0] for row in body] == ["I. NHIỆM VỤ, GIẢI PHÁP", "1", "2", "3",
                                        "II. TỔ CHỨC THỰC HIỆN", "4", "5", "6", "7", "8", "9"]
    assert body[0] == ["I. NHIỆM VỤ, GIẢI PHÁP"] * 6
    group = document.tables[-1].rows[1]
    span = group._tr.tc_lst[0].tcPr.find(qn("w:gridSpan"))
    assert len(group._tr.tc_lst) == 1 and span is not None and span.get(qn("w:val")) == "6"
    assert all_bold(group.cells[0].paragraphs[0])


# --- the command line -------------------------------------------------------------------------

def test_build_unit_writes_only_the_named_units_documents(tmp_path: Path):
    result = run_cli("build", SAMPLE, "-o", tmp_path, "--unit", "cac-thon", "--unit", "tu-phap")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "xuan-phuc-2023"
    written = sorted(str(path.relative_to(folder)) for path in folder.rglob("*.docx"))
    assert written == ["giao-nhiem-vu/cac-thon.docx", "giao-nhiem-vu/tu-phap.docx",
                       "phieu-nhiem-vu/cac-thon.docx", "phieu-nhiem-vu/tu-phap.docx"]
    assert len(result.stdout.splitlines()) == 4


def test_build_unknown_unit_is_a_usage_error_listing_the_known_ids(tmp_path: Path):
    result = run_cli("build", SAMPLE, "-o", tmp_path, "--unit", "cac-thon", "--unit", "khong-co")
    assert result.exit_code == 2
    assert "khong-co" in result.output
    assert all(unit_id in result.output for unit_id in UNITS)
    assert not (tmp_path / "xuan-phuc-2023").exists()


def test_units_lists_ids_names_and_duty_counts():
    result = run_cli("units", SAMPLE)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == UNITS
    assert re.fullmatch(rf"ldtbxh +{LDTBXH} +3 nhiệm vụ", lines[0])
    assert re.fullmatch(r"cac-thon +Các thôn +4 nhiệm vụ", lines[5])
    assert len({line.index(" nhiệm vụ") - len(line.split()[-3]) for line in lines}) == 1  # in columns
    english = run_cli("--lang", "en", "units", SAMPLE).stdout.splitlines()
    assert english[0].endswith("3 duties") and english[1].endswith("1 duty")


def test_units_of_an_invalid_plan_exits_1_with_the_problems(tmp_path: Path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(SAMPLE.read_text(encoding="utf-8").replace("support: [cac-thon]", "support: [thon]", 1),
                      encoding="utf-8")
    result = run_cli("units", broken)
    assert result.exit_code == 1
    assert re.search(rf"{re.escape(str(broken))}:\d+:\d+: .*thon", result.output)


# --- validation: each problem at its file and line ------------------------------------------

def _remove_duties(text: str, unit_id: str) -> str:
    """Returns `text` without the `duties:` block of the unit `unit_id`."""
    start = text.index(f"  - id: {unit_id}\n")
    duties = text.index("    duties:\n", start)
    end = text.index("\n  - id: ", duties)
    return text[:duties] + text[end + 1:]


BROKEN = {
    # name: (what to change, what to change it to, the text on the reported line, a word the message names)
    "unknown support unit": ("        support: [cac-thon]\n", "        support: [cac-thonn]\n",
                             "support: [cac-thonn]", "cac-thonn"),
    "unknown indicator": ("        indicators: [ho-ngheo]\n", "        indicators: [ho-ngheo, ho-ngheoo]\n",
                          "indicators: [ho-ngheo, ho-ngheoo]", "ho-ngheoo"),
    "deadline after the plan's year": ("        support: [cac-thon]\n",
                                       "        support: [cac-thon]\n        deadline: Quý I/2024\n",
                                       "deadline: Quý I/2024", "2024"),
    "default deadline after the plan's year": ("default_deadline: Năm 2023", "default_deadline: Tháng 01/2024",
                                               "default_deadline: Tháng 01/2024", "2024"),
    "support names its own lead": ("        support: [nganh-doan-the, mat-tran]\n",
                                   "        support: [nganh-doan-the, ldtbxh]\n",
                                   "support: [nganh-doan-the, ldtbxh]", "ldtbxh"),
}


@pytest.mark.parametrize("name", BROKEN)
def test_a_broken_plan_is_reported_at_its_line(tmp_path: Path, name: str):
    old, new, line_text, named = BROKEN[name]
    source = SAMPLE.read_text(encoding="utf-8")
    assert source.count(old) == 1
    text = source.replace(old, new, 1)
    expected_line = next(n for n, line in enumerate(text.splitlines(), 1) if line.strip().startswith(line_text))
    _expect_problem(tmp_path, text, expected_line, named)


def test_a_unit_with_no_duty_is_reported_at_the_unit(tmp_path: Path):
    text = _remove_duties(SAMPLE.read_text(encoding="utf-8"), "tu-phap")
    expected_line = next(n for n, line in enumerate(text.splitlines(), 1) if line == "  - id: tu-phap")
    _expect_problem(tmp_path, text, expected_line, "tu-phap")


def test_supporting_units_of_a_task_without_a_lead_are_reported(tmp_path: Path):
    source = SECOND.read_text(encoding="utf-8")
    old = "            lead: kinh-te\n            support: [cac-thon]\n"
    assert source.count(old) == 1
    text = source.replace(old, "            support: [cac-thon]\n", 1)
    expected_line = 1 + next(n for n, line in enumerate(text.splitlines(), 1) if "chăn nuôi bò sinh sản" in line)
    _expect_problem(tmp_path, text, expected_line, "cac-thon", name="tan-an-2026.yaml")


def _expect_problem(tmp_path: Path, text: str, line: int, named: str, name: str = "xuan-phuc-2023.yaml") -> None:
    plan = tmp_path / name
    plan.write_text(text, encoding="utf-8")
    result = run_cli("validate", plan)
    assert result.exit_code == 1, result.output
    reported = [row for row in result.output.splitlines() if row.startswith(f"{plan}:{line}:")]
    assert reported, f"nothing reported at line {line}:\n{result.output}"
    assert any(named in row for row in reported), result.output
    built = run_cli("build", plan, "-o", tmp_path / "out")
    assert built.exit_code == 1 and not (tmp_path / "out").exists()


# --- the pieces ---------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "printed"), [
    ("2026-06-30", "30/6/2026"), ("2023-02-05", "05/02/2023"), ("2023-12-15", "15/12/2023"),
    ("Quý III/2023", "Quý III/2023"), ("Thường xuyên", "Thường xuyên"), ("Tháng 12/2023", "Tháng 12/2023"),
])
def test_a_deadline_prints_an_iso_date_the_decree_way_and_text_as_written(written: str, printed: str):
    assert vn.deadline(written) == printed


def test_fitted_columns_add_up_keep_words_whole_and_give_long_texts_the_room():
    header, cell = style.Font(11, bold=True), style.Font(11)
    long_text = "Xây dựng kế hoạch triển khai thực hiện chương trình mục tiêu giảm nghèo " * 6
    columns = [("STT", "1", "2"), ("Nhiệm vụ", long_text, long_text), ("Thời hạn", "Năm 2023", "Quý III/2023"),
               ("Sản phẩm, kết quả", "", "")]
    widths = style.fit_column_widths(columns, header, cell, A4_PORTRAIT_TEXT_WIDTH, style.TABLE_CELL_MARGIN)
    assert sum(widths) == A4_PORTRAIT_TEXT_WIDTH
    assert widths[1] == max(widths) and widths[1] > A4_PORTRAIT_TEXT_WIDTH / 2
    # a column of short texts gets its one line: "Quý III/2023" does not wrap
    assert widths[2] >= style.text_width("Quý III/2023", cell) + 2 * style.TABLE_CELL_MARGIN
    assert widths[3] >= style.text_width("Sản phẩm, kết quả", header) / 3


def test_the_duty_index_holds_each_units_share_in_a_large_plan():
    from generator.plan.model import build_plan

    data = {"year": 2023, "document": {"kind": "Kế hoạch", "symbol": "KH-UBND", "place": "X",
                                       "date": {"year": 2023}, "summary": "S"},
            "issuer": {"name": "UBND XÃ X", "text_name": "Ủy ban nhân dân xã X"},
            "units": [{"id": f"u{n}", "name": f"Đơn vị {n}",
                       "duties": [{"text": f"Nhiệm vụ {n}.{k}", "support": [f"u{(n + 1) % 3000}"]}
                                  for k in range(3)]} for n in range(3000)],
            "sections": [{"title": "A"}], "recipients": ["R"], "archive": ["VT"],
            "signer": {"authority": [{"title": "CHỦ TỊCH"}], "name": "N"}}
    plan = build_plan(data)  # 3,000 units, 9,000 duties, indexed in one pass
    assert plan.unit_duties("u1").count == 6
    assert [duty.text for duty in plan.unit_duties("u1").supported] == ["Nhiệm vụ 0.0", "Nhiệm vụ 0.1",
                                                                         "Nhiệm vụ 0.2"]


def test_the_appendix_of_duties_has_a_product_column_only_when_a_duty_names_a_product(tmp_path):
    text = SECOND.read_text(encoding="utf-8")
    without = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("product:"))
    plan = tmp_path / "khong-san-pham.yaml"
    plan.write_text(without + "\n", encoding="utf-8")
    assert run_cli("build", plan, "-o", tmp_path / "out").exit_code == 0
    lines = text_lines(tmp_path / "out" / "khong-san-pham" / "ke-hoach.docx")
    start = lines.index("PHÂN CÔNG NHIỆM VỤ")
    assert lines[start + 2] == "STT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn"
    assert lines[start + 3] == "I. NHIỆM VỤ, GIẢI PHÁP"  # a group row spans the five columns
    assert lines[start + 4].count(" | ") == 4  # five cells a row
