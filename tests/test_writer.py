"""The writer: documents built in code, written to bytes, read back with python-docx (nd30-format §9)."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from lxml import etree
from docx.enum.section import WD_ORIENT, WD_SECTION_START
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from conftest import shared
from docx_reading import (LETTER_HEADER, SAMPLE_CLOSING, SAMPLE_HEADER, SAMPLE_TITLE, TWIPS_PER_MM, all_bold,
                          all_italic, body, body_paragraphs, cell_paragraphs, column_widths, find, following,
                          is_rule, none_bold, read, rule_length_mm, sample_plan, size_pt, twips)

from generator.document import style
from generator.document.model import (Addressee, AppendixStart, Closing, Column, Document, Header, Heading,
                                      Paragraph, PartHeading, Properties, Span, Table, Title)
from generator.writers.docx import write_docx

NUMBER_LINE = re.compile(r"^Số:(?: (0[1-9]|[1-9]\d+)| {3,10})/[A-ZĐ][A-Za-zĐđ]*(?:-[A-ZĐ0-9][A-Za-zĐđ0-9]*)+$")
DATE_LINE = re.compile(r"^[^,]+, ngày(?: (0[1-9]|[12]\d|3[01]) | {3,10})tháng(?: (0[12]|[3-9]|1[0-2]) | {3,10})năm \d{4}$")
W_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}


@pytest.fixture(scope=shared("module"))
def sample_bytes() -> bytes:
    return write_docx(sample_plan())


@pytest.fixture(scope=shared("module"))
def sample(sample_bytes):
    return read(sample_bytes)


def small(*blocks, header: Header = SAMPLE_HEADER, kind: str = "plan") -> Document:
    return Document(kind=kind, header=header, blocks=tuple(blocks))  # type: ignore[arg-type]


# --- §9.1 page setup and page numbers ------------------------------------------------------

def test_first_section_is_a4_portrait_with_decree_margins(sample):
    section = sample.sections[0]
    assert (twips(section.page_width), twips(section.page_height)) == (11906, 16838)
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert (twips(section.top_margin), twips(section.bottom_margin)) == (1134, 1134)
    assert (twips(section.left_margin), twips(section.right_margin)) == (1701, 850)
    assert twips(section.header_distance) == 567
    assert section.different_first_page_header_footer


def test_page_number_is_a_centred_14pt_field_in_the_default_header_only(sample):
    section = sample.sections[0]
    default = section.header
    assert not default.is_linked_to_previous
    instructions = [node.text for node in default._element.iter(qn("w:instrText"))]
    assert [text.strip() for text in instructions] == ["PAGE"]
    (number,) = default.paragraphs
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert size_pt(number) == 14 and none_bold(number) and not any(run.font.italic for run in number.runs)
    first = section.first_page_header
    assert not first.is_linked_to_previous
    assert list(first._element.iter(qn("w:instrText"))) == []
    assert list(first._element.iter(qn("w:fldSimple"))) == []
    assert "".join(p.text for p in first.paragraphs) == ""


# --- §9.3-9.5 the header table -------------------------------------------------------------

def test_header_table_has_two_columns_of_65_and_100_mm(sample):
    table = sample.tables[0]
    assert len(table.columns) == 2 and len(table.rows) == 2
    assert column_widths(table) == [3685, 5670]
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    assert 5670 / TWIPS_PER_MM >= 92  # room for the quốc hiệu at 12 pt on one line
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}


def test_national_name_and_motto_are_bold_12_and_13_with_a_rule_as_long_as_the_motto(sample):
    national, motto, rule = cell_paragraphs(sample.tables[0], 0, 1)
    assert national.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    assert (size_pt(national), size_pt(motto)) == (12, 13)
    assert all_bold(national) and all_bold(motto)
    assert national.alignment == motto.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "\n" not in national.text and national._p.find(f".//{qn('w:br')}") is None
    assert is_rule(rule)
    assert rule_length_mm(rule, 5670) == pytest.approx(56.1, rel=0.1)  # §5.1: the motto's width
    left, right = rule.paragraph_format.left_indent, rule.paragraph_format.right_indent
    assert abs(left - right) <= 635  # centred, to a twip


def test_agency_block_has_regular_parent_bold_issuer_and_a_rule_of_a_third_to_a_half(sample):
    parent, issuer, rule = cell_paragraphs(sample.tables[0], 0, 0)
    assert (parent.text, issuer.text) == ("UBND HUYỆN NHƯ THANH", "UBND XÃ XUÂN PHÚC")
    assert none_bold(parent) and all_bold(issuer)
    assert size_pt(parent) == size_pt(issuer) == 12
    assert parent.alignment == issuer.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert is_rule(rule)
    assert 45.5 / 3 <= rule_length_mm(rule, 3685) <= 45.5 / 2  # §5.2: issuer 45.5 mm wide


def test_number_keeps_its_five_blank_spaces_and_shares_a_row_with_the_italic_date(sample, sample_bytes):
    row = sample.tables[0].rows[1]
    (number,), (date,) = row.cells[0].paragraphs, row.cells[1].paragraphs
    assert number.text == "Số:     /KH-UBND" and NUMBER_LINE.match(number.text)
    assert size_pt(number) == 13 and none_bold(number) and not any(r.font.italic for r in number.runs)
    assert date.text == "Xuân Phúc, ngày     tháng 6 năm 2023" and DATE_LINE.match(date.text)
    assert size_pt(date) == 13 and all_italic(date) and none_bold(date)
    assert number.paragraph_format.space_before == date.paragraph_format.space_before  # level
    document_xml = zipfile.ZipFile(io.BytesIO(sample_bytes)).read("word/document.xml").decode()
    assert '<w:t xml:space="preserve">Số:     /KH-UBND</w:t>' in document_xml


def test_issuer_on_two_lines_is_bold_on_both_and_the_rule_follows_the_longer_line():
    document = read(write_docx(small(header=LETTER_HEADER, kind="letter")))
    parent, first, second, rule = cell_paragraphs(document.tables[0], 0, 0)
    assert (first.text, second.text) == ("ỦY BAN NHÂN DÂN", "XÃ XUÂN PHÚC")
    assert all_bold(first) and all_bold(second) and none_bold(parent)
    assert 39.9 / 3 <= rule_length_mm(rule, 3685) <= 39.9 / 2  # §5.2: longest line 39.9 mm


def test_letter_excerpt_sits_under_the_number_at_12pt_with_6pt_before():
    document = read(write_docx(small(header=LETTER_HEADER, kind="letter")))
    number, first, second = cell_paragraphs(document.tables[0], 1, 0)
    assert number.text == "Số:     /UBND-CSXH"
    assert (first.text, second.text) == LETTER_HEADER.excerpt
    assert size_pt(first) == size_pt(second) == 12 and none_bold(first)
    assert first.paragraph_format.space_before.pt == 6
    assert not second.paragraph_format.space_before
    assert not any(is_rule(p) for p in cell_paragraphs(document.tables[0], 1, 0))  # §5.5: no line


# --- §9.6 title --------------------------------------------------------------------------

def test_title_is_bold_centred_with_summary_lines_and_a_rule(sample):
    kind = find(sample, "KẾ HOẠCH")
    first, second, rule = following(sample, kind, 3)
    assert all_bold(kind) and size_pt(kind) == 14 and kind.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert kind.paragraph_format.space_before.pt == 12
    assert (first.text, second.text) == SAMPLE_TITLE.summary
    for line in (first, second):
        assert all_bold(line) and size_pt(line) == 14 and line.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert line.text != line.text.upper()
    assert is_rule(rule) and rule.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert 137.8 / 3 <= rule_length_mm(rule, 9355) <= 137.8 / 2  # §8.2: longest line 137.8 mm


# --- §9.7-9.8 body ---------------------------------------------------------------------------

def test_body_paragraphs_are_justified_indented_spaced_at_14pt(sample):
    checked = 0
    for paragraph in body_paragraphs(sample):
        if paragraph.alignment != WD_ALIGN_PARAGRAPH.JUSTIFY or paragraph.text.startswith("Ghi chú"):
            continue  # the note under the table is smaller by design
        fmt = paragraph.paragraph_format
        assert twips(fmt.first_line_indent) == 567, paragraph.text
        assert twips(fmt.space_before) + twips(fmt.space_after) >= 120
        assert fmt.line_spacing == pytest.approx(1.15)
        assert size_pt(paragraph) == 14
        checked += 1
    assert checked > 100


def test_markers_are_printed_and_headings_bold_but_points_regular(sample):
    texts = [p.text for p in sample.paragraphs]
    assert "I. MỤC ĐÍCH, YÊU CẦU" in texts and "1. Nhiệm vụ trọng tâm thứ 1" in texts
    for paragraph in body_paragraphs(sample):
        if re.match(r"^[IVXLC]+\. ", paragraph.text):
            assert all_bold(paragraph) and paragraph.text == paragraph.text.upper()
            assert paragraph.paragraph_format.keep_with_next
        elif re.match(r"^\d+\. Nhiệm vụ", paragraph.text):
            assert all_bold(paragraph)
        elif re.match(r"^[a-zđ]\) ", paragraph.text):
            assert none_bold(paragraph)
    letters = [p.text[0] for p in body_paragraphs(sample) if re.match(r"^[a-zđ]\) ", p.text)]
    assert letters[:5] == list("abcdđ")


def test_basis_is_italic_and_spans_keep_their_emphasis(sample):
    basis = next(p for p in sample.paragraphs if p.text.startswith("Căn cứ"))
    assert all_italic(basis) and basis.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    note = find(sample, "Ghi chú: số liệu rà soát năm 2022.")
    (label, rest) = note.runs
    assert (label.text, label.font.bold, bool(label.font.italic)) == ("Ghi chú: ", True, False)
    assert (bool(rest.font.bold), rest.font.italic) == (False, True)
    assert size_pt(note) < 14


def test_marker_takes_the_emphasis_of_the_text_it_introduces():
    paragraph = Paragraph((Span("Mục tiêu chung", bold=True), Span(": giảm tỷ lệ hộ nghèo.")), marker="a)")
    (written,) = [p for p in read(write_docx(small(paragraph))).paragraphs if p.text]
    assert written.text == "a) Mục tiêu chung: giảm tỷ lệ hộ nghèo."
    assert [(run.text, bool(run.font.bold)) for run in written.runs] == [
        ("a) ", True), ("Mục tiêu chung", True), (": giảm tỷ lệ hộ nghèo.", False)]


def test_part_heading_is_centred_bold_label_and_uppercase_title(sample):
    label = find(sample, "Phần thứ hai")
    title = find(sample, "NHIỆM VỤ VÀ GIẢI PHÁP")
    for paragraph in (label, title):
        assert all_bold(paragraph) and paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert size_pt(paragraph) == 14


def test_last_body_paragraph_ends_the_text_and_stays_with_the_signature(sample):
    last = [p for p in body_paragraphs(sample) if p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY][-1]
    assert last.text.endswith("./.")
    assert last.paragraph_format.keep_with_next


# --- §5.7 tables -----------------------------------------------------------------------------

def test_body_table_spans_the_text_width_with_a_repeated_bold_header_and_unsplittable_rows(sample):
    table = sample.tables[1]
    assert sum(column_widths(table)) == 9355
    # widths 0.6 : 3 : 1.5 : 1.4 of 9355 twips, each edge rounded from the start so that they add
    # up exactly: 863.5 → 864, 5181.2 → 5181, 7339.9 → 7340, 9355 (worked by hand)
    assert column_widths(table) == [864, 4317, 2159, 2015]
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"single"}
    header, *rows = table.rows
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in rows)
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    assert [cell.text for cell in header.cells] == ["TT", "Thôn", "Số hộ nghèo", "Tỷ lệ (%)"]
    for cell in header.cells:
        (paragraph,) = cell.paragraphs
        assert all_bold(paragraph) and paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    first = rows[0].cells
    assert [cell.text for cell in first] == ["1", "Thôn 1", "11", "1,5"]
    alignments = [cell.paragraphs[0].alignment for cell in first]
    assert alignments == [WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT,
                          WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.RIGHT]
    assert {size_pt(cell.paragraphs[0]) for row in table.rows for cell in row.cells} == {13}


def test_table_row_with_the_wrong_number_of_cells_is_refused():
    table = Table((Column("TT"), Column("Thôn")), (("1",),))
    with pytest.raises(ValueError, match="1 cells for 2 columns"):
        write_docx(small(table))


def test_adjacent_tables_are_kept_apart_and_the_body_never_ends_in_a_table():
    table = Table((Column("TT"), Column("Thôn")), (("1", "Thôn 1"),))
    document = read(write_docx(small(table, SAMPLE_CLOSING)))
    kinds = [child.tag.split("}")[1] for child in document.element.body]
    assert kinds == ["tbl", "p", "tbl", "p", "tbl", "p", "sectPr"]
    separator = document.element.body[3]
    assert separator.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None


# --- §9.9-9.10 closing -----------------------------------------------------------------------

def test_closing_has_recipients_at_12_and_11_beside_a_bold_signature_block(sample):
    table = sample.tables[2]
    assert column_widths(table) == [3402, 5953]
    (row,) = table.rows
    assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    label, *items = row.cells[0].paragraphs
    assert label.text == "Nơi nhận:" and size_pt(label) == 12 and all_bold(label) and all_italic(label)
    assert [item.text for item in items] == list(SAMPLE_CLOSING.recipients)
    for item in items:
        assert size_pt(item) == 11 and none_bold(item) and not any(r.font.italic for r in item.runs)
        assert item.alignment == WD_ALIGN_PARAGRAPH.LEFT and not item.paragraph_format.first_line_indent
        assert not item.paragraph_format.left_indent
    assert all(item.text.endswith(";") for item in items[:-1])
    assert re.match(r"^- Lưu: VT(, .+)?\.$", items[-1].text)
    right = row.cells[1].paragraphs
    assert [p.text for p in right] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "", "", "Nguyễn Quang Phương"]
    for paragraph in right:
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    for paragraph in (right[0], right[1], right[-1]):
        assert all_bold(paragraph) and size_pt(paragraph) == 14
    gap = right[2:6]
    assert all(p._p.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val")) == "28" for p in gap)
    assert right[-1].text != right[-1].text.upper()
    top = table._tbl.tblPr.find(f"{qn('w:tblCellMar')}/{qn('w:top')}")
    assert int(top.get(qn("w:w"))) > 0  # both cells start at the same height
    assert "(Chữ ký" not in "".join(p.text for p in right)


# --- §5.8 Kính gửi ----------------------------------------------------------------------------

def test_one_addressee_goes_on_the_label_line_and_wraps_under_itself():
    document = read(write_docx(small(Addressee(("Ủy ban nhân dân huyện Như Thanh",)), header=LETTER_HEADER)))
    (line,) = [p for p in document.paragraphs if p.text]
    assert line.text == "Kính gửi: Ủy ban nhân dân huyện Như Thanh"
    fmt = line.paragraph_format
    assert twips(fmt.left_indent) + twips(fmt.first_line_indent) == style.mm(35)
    assert none_bold(line) and size_pt(line) == 14


def test_several_addressees_follow_the_label_as_an_aligned_list():
    recipients = ("- Phòng Lao động - Thương binh và Xã hội huyện;", "- Ban Chỉ đạo giảm nghèo huyện.")
    document = read(write_docx(small(Addressee(recipients), header=LETTER_HEADER)))
    label, *items = [p for p in document.paragraphs if p.text]
    assert label.text == "Kính gửi:" and [item.text for item in items] == list(recipients)
    assert {twips(item.paragraph_format.left_indent) for item in items} == {twips(label.paragraph_format.left_indent)}
    assert twips(label.paragraph_format.left_indent) > style.mm(35)


# --- §5.12 appendix ---------------------------------------------------------------------------

def test_appendix_is_a_new_landscape_section_restarting_page_numbers(sample, sample_bytes):
    main, appendix = sample.sections
    assert appendix.start_type == WD_SECTION_START.NEW_PAGE
    assert appendix.orientation == WD_ORIENT.LANDSCAPE
    assert (twips(appendix.page_width), twips(appendix.page_height)) == (16838, 11906)
    assert appendix.different_first_page_header_footer
    starts = [node.get(qn("w:start")) for node in sample.element.body.iter(qn("w:pgNumType"))]
    assert starts == ["1"]  # only the appendix section restarts
    last_sect = sample.element.body[-1]
    assert last_sect.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert sum(column_widths(sample.tables[3])) == 16838 - 1701 - 850
    label = find(sample, "Phụ lục")
    title = find(sample, "DANH SÁCH HỘ NGHÈO NĂM 2023")
    reference = next(p for p in sample.paragraphs if p.text.startswith("(Kèm theo"))
    for paragraph in (label, title):
        assert all_bold(paragraph) and size_pt(paragraph) == 14
    assert all_italic(reference) and none_bold(reference)
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in (label, title, reference))
    (rule,) = following(sample, reference, 1)
    assert is_rule(rule)


# --- §9.2 typography everywhere ----------------------------------------------------------------

def _all_runs(document):
    parts = [document.element.body]
    for section in document.sections:
        parts += [section.header._element, section.first_page_header._element]
    return [run for part in parts for run in part.iter(qn("w:r"))]


def test_every_run_is_times_new_roman_black_without_caps_underline_or_highlight(sample):
    runs = _all_runs(sample)
    assert len(runs) > 150
    for run in runs:
        fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Times New Roman"}
        assert run.find(f"{qn('w:rPr')}/{qn('w:color')}").get(qn("w:val")) == "000000"
        for banned in ("w:caps", "w:smallCaps", "w:u", "w:highlight"):
            assert run.find(f"{qn('w:rPr')}/{qn(banned)}") is None
    assert "_" not in "".join(p.text for p in sample.paragraphs)
    defaults = sample.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert defaults.find(qn("w:rFonts")).get(qn("w:ascii")) == "Times New Roman"


def test_text_is_escaped_and_characters_xml_cannot_hold_are_refused():
    tricky = "Chi phí <dự kiến> & \"thực tế\"  (hai dấu cách)"
    document = read(write_docx(small(body(tricky))))
    assert tricky in [p.text for p in document.paragraphs]
    with pytest.raises(ValueError, match="U\\+0007"):
        write_docx(small(body("chuông\x07")))


def test_tabs_and_newlines_become_word_tabs_and_breaks():
    document = read(write_docx(small(body("cột 1\tcột 2\ndòng 2"))))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("cột"))
    assert paragraph.text == "cột 1\tcột 2\ndòng 2"


# --- the package ----------------------------------------------------------------------------------

def test_same_document_gives_the_same_bytes(sample_bytes):
    assert write_docx(sample_plan()) == sample_bytes


def test_package_is_lean_with_fixed_order_and_times(sample_bytes):
    assert len(sample_bytes) < 50 * 1024
    package = zipfile.ZipFile(io.BytesIO(sample_bytes))
    assert package.namelist() == [
        "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
        "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml",
        "word/header1.xml", "word/header2.xml"]
    assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    for name in package.namelist():
        etree.fromstring(package.read(name))  # every part is well-formed XML
    assert len(package.read("word/styles.xml")) < 4096


def test_core_properties_come_from_the_document_not_the_clock(sample):
    core = sample.core_properties
    assert (core.title, core.subject, core.author) == ("Kế hoạch giảm nghèo năm 2023", "Giảm nghèo",
                                                        "UBND xã Xuân Phúc")
    assert core.created.isoformat() == core.modified.isoformat() == "2023-06-05T00:00:00+00:00"


def test_minimal_document_without_blocks_is_still_well_formed():
    document = read(write_docx(Document(kind="sheet", header=SAMPLE_HEADER, blocks=(),
                                        properties=Properties(title=""))))
    assert len(document.tables) == 1 and document.element.body[-1].tag == qn("w:sectPr")


def test_a_full_sheet_with_heading_part_and_closing_round_trips_its_text():
    blocks = (Title("THÔNG BÁO", ("Kết quả rà soát",)), PartHeading("Phần I", "KẾT QUẢ"),
              Heading(1, "I.", "KẾT QUẢ RÀ SOÁT"), body("Tổng số hộ nghèo giảm./."),
              Closing(("- Lưu: VT.",), ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), "Lê Văn A"),
              AppendixStart("Phụ lục I", "", "(Kèm theo Thông báo số 05/TB-UBND)"))
    document = read(write_docx(small(*blocks)))
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts == ["THÔNG BÁO", "Kết quả rà soát", "Phần I", "KẾT QUẢ", "I. KẾT QUẢ RÀ SOÁT",
                     "Tổng số hộ nghèo giảm./.", "Phụ lục I", "(Kèm theo Thông báo số 05/TB-UBND)"]
    assert document.sections[1].orientation == WD_ORIENT.PORTRAIT


# --- style: the width estimates behind the rules (nd30-format §5.1, §5.2, §8.2) -----------------

@pytest.mark.parametrize(("text", "size", "bold", "expected_mm"), [
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, True, 88.3),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True, 95.7),
    ("Độc lập - Tự do - Hạnh phúc", 13, True, 56.1),
    ("Độc lập - Tự do - Hạnh phúc", 14, True, 60.5),
    ("UBND XÃ XUÂN PHÚC", 12, True, 45.5),
    ("ỦY BAN NHÂN DÂN", 12, True, 39.9),
    ("UBND HUYỆN NHƯ THANH", 12, False, 54.2),
    ("Triển khai thực hiện Chương trình mục tiêu quốc gia giảm nghèo", 14, True, 137.8),
    ("nhanh bền vững năm 2023 trên địa bàn xã Xuân Phúc", 14, True, 113.8),
])
def test_text_width_matches_the_measurements_of_the_spec(text, size, bold, expected_mm):
    measured = style.text_width(text, style.Font(size, bold=bold)) / TWIPS_PER_MM
    assert measured == pytest.approx(expected_mm, rel=0.01)


def test_column_widths_add_up_exactly():
    assert style.column_widths([1, 1, 1], 9355) == [3118, 3119, 3118]
    assert sum(style.column_widths([0.3, 2.7, 1.1, 5], 14287)) == 14287
