"""The sample plan built by `kehoach build`, read back as a clerk and a district office would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from conftest import ROOT, SAMPLE, SECOND, run_cli, shared
from docx_reading import all_bold, all_italic, cell_paragraphs, expected_lines, none_bold, read, size_pt

EXPECTED = expected_lines(ROOT / "tests" / "fixtures" / "xuan-phuc-2023.expected.txt")


@pytest.fixture(scope=shared("module"))
def plan_docx(built: Path):
    return read((built / "xuan-phuc-2023" / "ke-hoach.docx").read_bytes())


def closing_table(document):
    """Returns the bottom table: the one whose first cell starts with "Nơi nhận:"."""
    return next(t for t in document.tables if t.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:")


def printed_lines(document) -> list[str]:
    """Returns the plan's text from the title to the signature: body paragraphs up to the
    first appendix, then the closing table's cells."""
    lines = []
    for paragraph in document.paragraphs:
        if re.fullmatch(r"Phụ lục( [IVX]+)?", paragraph.text):
            break
        if paragraph.text.strip():
            lines.append(paragraph.text)
    for cell in closing_table(document).rows[0].cells:
        lines += [p.text for p in cell.paragraphs if p.text.strip()]
    return lines


def test_build_writes_the_plan_where_the_readme_says(tmp_path: Path):
    result = run_cli("build", SAMPLE, "-o", tmp_path)
    assert result.exit_code == 0
    written = tmp_path / "xuan-phuc-2023" / "ke-hoach.docx"
    assert str(written) in result.output.splitlines()
    assert written.stat().st_size > 5000


def test_text_matches_the_corrected_source_word_for_word(plan_docx):
    assert printed_lines(plan_docx) == EXPECTED


def test_generated_sentences_carry_the_computed_figures(plan_docx):
    text = "\n".join(p.text for p in plan_docx.paragraphs)
    assert "tỷ lệ hộ nghèo giảm 4,2%, tương ứng giảm 65 hộ nghèo (từ 9,2% cuối năm 2022" in text
    assert "xuống còn 2,7% cuối năm 2023, số hộ cận nghèo dự kiến cuối năm 2023 còn 41 hộ)" in text
    assert "Thực hiện kế hoạch số 145/KH-UBND ngày 18 tháng 5 năm 2023 của UBND huyện Như Thanh" in text
    assert not re.search(r"\d\.\d%", text), "a decimal point slipped into a percentage"


def test_header_holds_the_decree_lines_in_their_format(plan_docx):
    header = plan_docx.tables[0]
    parent, issuer = cell_paragraphs(header, 0, 0)[:2]
    assert (parent.text, size_pt(parent), none_bold(parent)) == ("UBND HUYỆN NHƯ THANH", 12, True)
    assert (issuer.text, size_pt(issuer), all_bold(issuer)) == ("UBND XÃ XUÂN PHÚC", 12, True)
    national, motto = cell_paragraphs(header, 0, 1)[:2]
    assert (national.text, size_pt(national), all_bold(national)) == ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, True)
    assert (motto.text, size_pt(motto), all_bold(motto)) == ("Độc lập - Tự do - Hạnh phúc", 13, True)
    number = next(p for p in cell_paragraphs(header, 1, 0) if p.text)
    assert (number.text, size_pt(number), none_bold(number)) == ("Số:     /KH-UBND", 13, True)
    date = next(p for p in cell_paragraphs(header, 1, 1) if p.text)
    assert (date.text, size_pt(date), all_italic(date)) == ("Xuân Phúc, ngày     tháng 6 năm 2023", 13, True)


def test_title_and_summary_are_bold_centred_14(plan_docx):
    paragraphs = [p for p in plan_docx.paragraphs if p.text.strip()]
    kind, first, second = paragraphs[:3]
    assert kind.text == "KẾ HOẠCH"
    for paragraph in (kind, first, second):
        assert all_bold(paragraph) and size_pt(paragraph) == 14
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert first.text != first.text.upper()


def test_headings_points_and_body_follow_the_decree(plan_docx):
    by_text = {p.text: p for p in plan_docx.paragraphs}
    section = by_text["I. MỤC ĐÍCH, YÊU CẦU"]
    khoan = by_text["1. Mục đích"]
    point = next(p for p in plan_docx.paragraphs if p.text.startswith("đ) "))
    body = next(p for p in plan_docx.paragraphs if p.text.startswith("Nhằm cụ thể hóa"))
    assert all_bold(section) and all_bold(khoan) and none_bold(point) and none_bold(body)
    for paragraph in (section, khoan, point, body):
        assert size_pt(paragraph) == 14
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert paragraph.paragraph_format.first_line_indent.twips == 567
    letters = [p.text[0] for p in plan_docx.paragraphs if re.match(r"^[a-zđ]\) ", p.text)]
    assert letters == ["a", "b", "c", "d", "đ", "e"]


def test_closing_has_recipients_left_and_signature_right(plan_docx):
    closing = closing_table(plan_docx)
    left = [p for p in cell_paragraphs(closing, 0, 0) if p.text]
    right = [p for p in cell_paragraphs(closing, 0, 1) if p.text]
    assert left[0].text == "Nơi nhận:" and size_pt(left[0]) == 12
    assert all_bold(left[0]) and all_italic(left[0])
    assert all(size_pt(p) == 11 and p.text.endswith(";") for p in left[1:-1])
    assert left[-1].text == "- Lưu: VT, CSXH."
    assert [p.text for p in right] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Quang Phương"]
    assert all(all_bold(p) and size_pt(p) == 14 for p in right)


def test_page_setup_is_a4_with_the_decree_margins(plan_docx):
    section = plan_docx.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [20, 20, 30, 15]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml and "PAGE" not in section.first_page_header._element.xml


def test_every_run_is_times_new_roman(plan_docx):
    fonts = plan_docx.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert {fonts.get(qn(f"w:{kind}")) for kind in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}
    for paragraph in plan_docx.paragraphs:
        for run in paragraph.runs:
            assert run.font.name in (None, "Times New Roman")


def test_second_plan_uses_parts_several_bases_and_an_appendix(built: Path):
    document = read((built / "tan-an-2026" / "ke-hoach.docx").read_bytes())
    text = [p.text for p in document.paragraphs if p.text.strip()]
    header = document.tables[0]
    assert [p.text for p in cell_paragraphs(header, 0, 0) if p.text] == ["ỦY BAN NHÂN DÂN", "XÃ TÂN AN"]
    assert next(p.text for p in cell_paragraphs(header, 1, 0) if p.text) == "Số: 12/KH-UBND"
    assert "Phần thứ nhất" in text and "Phần thứ hai" in text
    assert sum(line.startswith("Căn cứ ") for line in text) == 2
    assert any(line.startswith("(1) ") for line in text)
    assert any(line.startswith("Phụ lục") for line in text)
    assert any(line.startswith("(Kèm theo Kế hoạch số 12/KH-UBND ngày 05 tháng 02 năm 2026") for line in text)
    right = [p.text for p in closing_table(document).rows[0].cells[1].paragraphs if p.text]
    assert right[:3] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    appendices = [line for line in text if re.fullmatch(r"Phụ lục [IVX]+", line)]
    assert appendices == ["Phụ lục I", "Phụ lục II"]
    assert len(document.sections) == 3, "each appendix starts a section of its own"


def test_a_lone_appendix_of_the_plan_has_no_numeral(tmp_path: Path):
    """nd30-format §5.12: "Phụ lục I, II …" only when there are several; the funding appendix
    alone (the task-assignment appendix left out) is "Phụ lục"."""
    plan = tmp_path / "tan-an-2026.yaml"
    text = SECOND.read_text(encoding="utf-8")
    plan.write_text(text.replace("  appendix: true ", "  appendix: false "), encoding="utf-8")
    assert plan.read_text(encoding="utf-8") != text
    assert run_cli("build", plan, "-o", tmp_path / "out").exit_code == 0
    document = read((tmp_path / "out" / "tan-an-2026" / "ke-hoach.docx").read_bytes())
    labels = [p.text for p in document.paragraphs if re.fullmatch(r"Phụ lục( [IVX]+)?", p.text)]
    assert labels == ["Phụ lục"]
