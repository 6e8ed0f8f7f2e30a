"""Helpers for writer tests: sample documents built in code, and reading a .docx back as a user would."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from conftest import run_cli
from generator.document.model import (AppendixStart, Block, Closing, Column, Document, Header, Heading,
                                      Paragraph, PartHeading, Properties, Span, Table, Title)

TWIPS_PER_MM = 1440 / 25.4
EMU_PER_TWIP = 635

SAMPLE_HEADER = Header(
    parent=("UBND HUYỆN NHƯ THANH",),
    issuer=("UBND XÃ XUÂN PHÚC",),
    number="Số:     /KH-UBND",
    place_date="Xuân Phúc, ngày     tháng 6 năm 2023",
)
LETTER_HEADER = Header(parent=("UBND HUYỆN NHƯ THANH",), issuer=("ỦY BAN NHÂN DÂN", "XÃ XUÂN PHÚC"),
                       number="Số:     /UBND-CSXH", place_date="Xuân Phúc, ngày 05 tháng 6 năm 2023",
                       excerpt=("V/v triển khai Chương trình MTQG", "giảm nghèo bền vững năm 2023"))
SAMPLE_TITLE = Title("KẾ HOẠCH", ("Triển khai thực hiện Chương trình mục tiêu quốc gia giảm nghèo",
                                  "nhanh bền vững năm 2023 trên địa bàn xã Xuân Phúc"))
SAMPLE_CLOSING = Closing(
    recipients=("- UBND huyện Như Thanh (để b/c);", "- Phòng LĐ-TB&XH huyện (để b/c);",
                "- Đảng ủy, HĐND xã (để b/c);", "- Các ban, ngành, đoàn thể xã;",
                "- Các thôn trên địa bàn xã;", "- Lưu: VT, CSXH."),
    authority=("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    signer="Nguyễn Quang Phương",
)


def body(text: str, marker: str = "", **kwargs: object) -> Paragraph:
    """Returns a plain body paragraph of one span."""
    return Paragraph((Span(text),), marker=marker, **kwargs)  # type: ignore[arg-type]


_FILLER = ("Các ban, ngành, đoàn thể và Ban phát triển các thôn rà soát nhu cầu hỗ trợ của hộ nghèo, "
           "hộ cận nghèo; lồng ghép các nguồn vốn để thực hiện các mục tiêu giảm nghèo")


def _section(numeral: str, title: str, khoan: int) -> list[Block]:
    blocks: list[Block] = [Heading(1, f"{numeral}.", title)]
    for number in range(1, khoan + 1):
        blocks.append(Heading(2, f"{number}.", f"Nhiệm vụ trọng tâm thứ {number}"))
        for letter in "abcdđ":
            blocks.append(body(f"{_FILLER}, bảo đảm tiến độ theo kế hoạch;", f"{letter})"))
            blocks.append(body("Đẩy mạnh tuyên truyền nâng cao nhận thức của Nhân dân;", "-", level=1))
            blocks.append(body("Nhân rộng các mô hình giảm nghèo hiệu quả;", "-", level=1))
            blocks.append(body("Hỗ trợ sinh kế cho hộ nghèo, hộ cận nghèo;", "+", level=2))
    return blocks


def sample_plan(*, appendix: bool = True) -> Document:
    """Returns a realistic Kế hoạch of about 150 paragraphs and 7 pages: §8 of nd30-format.md, filled out."""
    blocks: list[Block] = [
        SAMPLE_TITLE,
        Paragraph((Span("Căn cứ Quyết định số 90/QĐ-TTg ngày 18/01/2022 của Thủ tướng Chính phủ phê duyệt "
                        "Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021 - 2025;"),),
                  role="basis"),
        body("Thực hiện Kế hoạch số 112/KH-UBND ngày 20/5/2023 của Ủy ban nhân dân huyện Như Thanh; "
             "Ủy ban nhân dân xã Xuân Phúc ban hành Kế hoạch triển khai thực hiện như sau:"),
        *_section("I", "MỤC ĐÍCH, YÊU CẦU", 2),
        PartHeading("Phần thứ hai", "NHIỆM VỤ VÀ GIẢI PHÁP"),
        *_section("II", "NỘI DUNG, NHIỆM VỤ", 2),
        body("Chỉ tiêu cụ thể của các thôn như sau:"),
        Table(columns=(Column("TT", 0.6, "center"), Column("Thôn", 3), Column("Số hộ nghèo", 1.5, "right"),
                       Column("Tỷ lệ (%)", 1.4, "right")),
              rows=tuple((str(n), f"Thôn {n}", f"{10 + n}", f"{n},5") for n in range(1, 9))),
        Paragraph((Span("Ghi chú: ", bold=True), Span("số liệu rà soát năm 2022.", italic=True)), role="note"),
        *_section("III", "TỔ CHỨC THỰC HIỆN", 2),
        body("Trên đây là Kế hoạch triển khai thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền "
             "vững năm 2023 trên địa bàn xã Xuân Phúc./."),
        SAMPLE_CLOSING,
    ]
    if appendix:
        blocks += [
            AppendixStart("Phụ lục", "DANH SÁCH HỘ NGHÈO NĂM 2023",
                          "(Kèm theo Kế hoạch số     /KH-UBND ngày     tháng 6 năm 2023 của Ủy ban nhân "
                          "dân xã Xuân Phúc)", landscape=True),
            Table(columns=(Column("TT", 0.5, "center"), Column("Họ và tên chủ hộ", 3), Column("Thôn", 2),
                           Column("Ghi chú", 2)),
                  rows=tuple((str(n), f"Lê Văn {n}", "Thôn 1", "") for n in range(1, 6))),
        ]
    return Document(kind="plan", header=SAMPLE_HEADER, blocks=tuple(blocks),
                    properties=Properties(title="Kế hoạch giảm nghèo năm 2023", subject="Giảm nghèo",
                                          author="UBND xã Xuân Phúc", created="2023-06-05T00:00:00Z"))


def read(data: bytes) -> DocxDocument:
    """Returns the package opened by python-docx."""
    return docx.Document(io.BytesIO(data))


def twips(length) -> int:
    """Returns a python-docx length in twips; an unset length counts as 0."""
    return round(length.twips) if length is not None else 0


def cell_paragraphs(table: DocxTable, row: int, column: int) -> list[DocxParagraph]:
    return table.cell(row, column).paragraphs


def size_pt(paragraph: DocxParagraph) -> float:
    """Returns the one font size of all runs of `paragraph` (asserting they agree)."""
    sizes = {run.font.size.pt for run in paragraph.runs}
    assert len(sizes) == 1, (paragraph.text, sizes)
    return sizes.pop()


def all_bold(paragraph: DocxParagraph) -> bool:
    return bool(paragraph.runs) and all(run.font.bold for run in paragraph.runs)


def all_italic(paragraph: DocxParagraph) -> bool:
    return bool(paragraph.runs) and all(run.font.italic for run in paragraph.runs)


def none_bold(paragraph: DocxParagraph) -> bool:
    return bool(paragraph.runs) and not any(run.font.bold for run in paragraph.runs)


def is_rule(paragraph: DocxParagraph) -> bool:
    """Returns whether `paragraph` is a drawn line: empty, with a single bottom border."""
    bottom = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
    return paragraph.text == "" and bottom is not None and bottom.get(qn("w:val")) == "single"


def rule_length_mm(paragraph: DocxParagraph, available_twips: int) -> float:
    """Returns the printed length of a rule paragraph: the room left between its indents."""
    fmt = paragraph.paragraph_format
    left = (fmt.left_indent or 0) / EMU_PER_TWIP
    right = (fmt.right_indent or 0) / EMU_PER_TWIP
    return (available_twips - left - right) / TWIPS_PER_MM


def column_widths(table: DocxTable) -> list[int]:
    """Returns the grid column widths of `table` in twips."""
    return [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iterchildren(qn("w:gridCol"))]


def body_paragraphs(document: DocxDocument) -> Iterator[DocxParagraph]:
    """Yields the paragraphs outside tables that carry text."""
    return (p for p in document.paragraphs if p.text.strip())


def find(document: DocxDocument, text: str) -> DocxParagraph:
    """Returns the first body paragraph whose text is `text`."""
    return next(p for p in document.paragraphs if p.text == text)


def following(document: DocxDocument, paragraph: DocxParagraph, count: int) -> list[DocxParagraph]:
    """Returns the `count` paragraphs after `paragraph` in the body (outside tables)."""
    at = [p._p for p in document.paragraphs].index(paragraph._p)
    return document.paragraphs[at + 1: at + 1 + count]


def text_lines(document: Path) -> list[str]:
    """Returns what `kehoach text DOCUMENT` prints, one line each, without trailing spaces (a
    table row whose last cell is empty ends with the separator's space)."""
    result = run_cli("text", document)
    assert result.exit_code == 0, result.output
    return [line.rstrip() for line in result.stdout.splitlines()]


def expected_lines(fixture: Path) -> list[str]:
    """Returns the lines of an expected text written by hand (tests/fixtures/README.md)."""
    return fixture.read_text(encoding="utf-8").splitlines()
