"""Layout, the step between the document model and the writer: the page each block goes on and
each table's column widths, laid out once and used alike by the writer and the page estimate."""

from __future__ import annotations

from docx_reading import SAMPLE_HEADER, column_widths, read

from generator.document import style
from generator.document.model import AppendixStart, Column, Document, Heading, Paragraph, Span, Table
from generator.writers.docx import write_docx
from generator.writers.layout import Layout, layout
from generator.writers.pages import page_count

# nd30-format §1: A4 (11906 × 16838 twips), left margin 30 mm (1701), right 15 mm (850).
PORTRAIT_TEXT = 11906 - 1701 - 850  # 9355
LANDSCAPE_TEXT = 16838 - 1701 - 850  # 14287
DUTY = ("Rà soát, cập nhật danh sách hộ nghèo, hộ cận nghèo trên địa bàn từng thôn và báo cáo "
        "kết quả về Ủy ban nhân dân xã đúng thời hạn quy định")


def sheet(*blocks: object) -> Document:
    return Document(kind="sheet", header=SAMPLE_HEADER, blocks=blocks)  # type: ignore[arg-type]


def test_blocks_go_on_portrait_pages_until_an_appendix_turns_them_landscape():
    thirds = Table((Column("TT"), Column("Thôn"), Column("Số hộ")), (("1", "Thôn 1", "11"),))
    quarters = Table((Column("TT"), Column("Nội dung", 3)), (("1", "Rà soát"),))
    heading = Heading(1, "I.", "MỤC ĐÍCH")
    appendix = AppendixStart(label="Phụ lục", title="", reference="(Kèm theo Kế hoạch)", landscape=True)
    laid = layout(sheet(heading, thirds, appendix, quarters))
    assert laid.pages == (style.PORTRAIT, style.PORTRAIT, style.LANDSCAPE, style.LANDSCAPE)
    # Worked by hand: the column edges at 1/3 and 2/3 of 9355 round to 3118 and 6237; at 1/4 of
    # 14287 (3571.75) to 3572.
    assert laid.widths == {1: (3118, 3119, 3118), 3: (3572, 10715)}
    assert sum(laid.widths[1]) == PORTRAIT_TEXT and sum(laid.widths[3]) == LANDSCAPE_TEXT


def test_the_writer_sets_each_table_in_the_widths_of_the_layout_it_is_given():
    table = Table((Column("TT"), Column("Nhiệm vụ")), (("1", DUTY),), fit=True, dense=True)
    document = sheet(Paragraph((Span("Nhiệm vụ được giao:"),)), table)
    given = Layout(pages=(style.PORTRAIT, style.PORTRAIT), widths={1: (2000, 7355)})
    (written,) = read(write_docx(document, given)).tables[1:]
    assert column_widths(written) == [2000, 7355]
    assert write_docx(document) == write_docx(document, layout(document))


def test_the_page_estimate_counts_the_lines_of_the_layout_it_is_given():
    rows = tuple((str(number), DUTY) for number in range(1, 9))
    table = Table((Column("TT"), Column("Nhiệm vụ")), rows, fit=True, dense=True)
    document = sheet(table)
    assert page_count(document) == page_count(document, layout(document)) == 1
    # Each duty squeezed into a column of 15 mm takes a line for every word or two: the eight
    # rows no longer fit on one page.
    squeezed = Layout(pages=(style.PORTRAIT,), widths={0: (PORTRAIT_TEXT - style.mm(15), style.mm(15))})
    assert page_count(document, squeezed) > 1


def test_a_row_taller_than_a_third_of_the_page_may_break_and_the_estimate_lets_it_fill_the_page():
    # Each duty takes 2 lines of 13 pt (about 700 tw with its spacing) in the wide column; the
    # duty written 20 times some 35 lines (about 11 000 tw): over a third of the 14 570 tw of
    # text height (§1: 297 mm less 2 × 20 mm), and less than a page; under it, 6 more duties.
    before = tuple((str(number), DUTY) for number in range(1, 7))
    after = tuple((str(number), DUTY) for number in range(8, 14))
    table = Table((Column("TT"), Column("Nhiệm vụ")), (*before, ("7", " ".join([DUTY] * 20)), *after), fit=True)
    document = sheet(table)
    laid = layout(document)
    assert laid.split == {0: frozenset({6})}
    # Kept whole, the tall row would go to page 2, leaving more than half of page 1 empty, and
    # push the last rows onto page 3; breaking, it fills page 1 and the table ends on page 2.
    assert page_count(document, laid) == 2
    assert page_count(document, laid._replace(split={})) == 3
