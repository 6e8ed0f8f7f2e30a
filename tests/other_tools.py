"""Plans as other tools make them, written with python-docx for `kehoach import`'s tests: the
same plan typed by hand (markers typed, header columns separated by tabs), with Word's automatic
numbering (numbering.xml), and with its header in a borderless table or in text boxes."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

PARENT, ISSUER = "UBND HUYỆN NHƯ THANH", "ỦY BAN NHÂN DÂN XÃ XUÂN PHÚC"
NATIONAL, MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"
NUMBER, DATE = "Số: 05/KH-UBND", "Xuân Phúc, ngày 12 tháng 3 năm 2024"
SUMMARY = "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2024 trên địa bàn xã Xuân Phúc"
BASIS = (
    "Căn cứ Nghị định số 38/2023/NĐ-CP ngày 24 tháng 6 năm 2023 của Chính phủ quy định chi tiết "
    "một số điều về công tác dân vận;",
    "Thực hiện Kế hoạch số 145/KH-UBND ngày 18 tháng 5 năm 2023 của UBND huyện Như Thanh về việc "
    "tổ chức Ngày hội Đại đoàn kết toàn dân tộc.",
)
INTRO = ("Ủy ban nhân dân xã Xuân Phúc ban hành Kế hoạch tổ chức Ngày hội Đại đoàn kết toàn dân tộc "
         "năm 2024 như sau:")
_VILLAGES = ("Thôn Đồng Lườn", "Thôn Xuân Thành", "Thôn Ao Sen", "Thôn Đồng Mọc", "Thôn Khe Rồng",
             "Thôn Tân Thành")
_TASKS = ("tuyên truyền sâu rộng trong nhân dân về truyền thống đoàn kết, tương thân tương ái",
          "vận động các hộ gia đình tham gia vệ sinh đường làng, ngõ xóm, trồng cây xanh",
          "tổ chức thăm hỏi, tặng quà các hộ nghèo, gia đình chính sách có hoàn cảnh khó khăn",
          "biểu dương các gia đình văn hóa tiêu biểu, người có uy tín trong cộng đồng dân cư",
          "tổ chức các hoạt động văn nghệ, thể thao, trò chơi dân gian cho thanh thiếu niên")


def _paragraphs(village: str, number: int) -> str:
    task = _TASKS[number % len(_TASKS)]
    return (f"{village} chủ động xây dựng kế hoạch cụ thể, {task}; báo cáo kết quả về Ủy ban nhân "
            f"dân xã trước ngày {10 + number} tháng 11 năm 2024 để tổng hợp, đánh giá.")


# The body: (level, marker, title, text); level 0 the roman sections, then 1., a), -.
BODY: list[tuple[int, str, str, str]] = [
    (0, "I.", "MỤC ĐÍCH, YÊU CẦU", ""),
    (1, "1.", "Mục đích", ""),
    (9, "", "", "Phát huy truyền thống đoàn kết, tương thân tương ái của nhân dân trong xã; tăng "
                "cường khối đại đoàn kết toàn dân tộc ở khu dân cư."),
    (1, "2.", "Yêu cầu", ""),
    (2, "a)", "", "Tổ chức Ngày hội thiết thực, tiết kiệm, an toàn, đúng thời gian quy định."),
    (2, "b)", "", "Thu hút đông đảo các tầng lớp nhân dân tham gia, tạo không khí vui tươi, phấn khởi."),
    (2, "c)", "", "Gắn Ngày hội với phong trào toàn dân đoàn kết xây dựng đời sống văn hóa:"),
    (3, "-", "", "Xây dựng gia đình văn hóa, thôn văn hóa;"),
    (3, "-", "", "Giữ gìn vệ sinh môi trường, an ninh trật tự."),
    (0, "II.", "NỘI DUNG", ""),
    *[(9, "", "", _paragraphs(village, number)) for number, village in enumerate(_VILLAGES * 3)],
    (0, "III.", "TỔ CHỨC THỰC HIỆN", ""),
    (1, "1.", "Ủy ban Mặt trận Tổ quốc xã", ""),
    (9, "", "", "Chủ trì, phối hợp với các đoàn thể hướng dẫn các thôn tổ chức Ngày hội; tổng hợp "
                "kết quả báo cáo Ủy ban nhân dân xã./."),
]
TABLE = [["STT", "Thôn", "Thời gian"], ["1", "Thôn Đồng Lườn", "Tháng 11"], ["2", "Thôn Ao Sen", "Tháng 11"]]
RECIPIENTS = ("- Các thôn;", "- Lưu: VT, VP.")
AUTHORITY, SIGNER = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), "Nguyễn Văn An"


def _line(document: DocxDocument | object, text: str, bold: bool = False, italic: bool = False,
          center: bool = False, justify: bool = False) -> None:
    paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.name, run.font.size = "Times New Roman", Pt(14)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif justify:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _title_and_basis(document: DocxDocument) -> None:
    _line(document, "KẾ HOẠCH", bold=True, center=True)
    _line(document, SUMMARY, bold=True, center=True)
    for text in BASIS:
        _line(document, text, italic=text.startswith("Căn cứ"), justify=True)
    _line(document, INTRO, justify=True)


def _closing(document: DocxDocument) -> None:
    _line(document, "Nơi nhận:", bold=True, italic=True)
    for text in RECIPIENTS:
        _line(document, text)
    for text in AUTHORITY:
        _line(document, text, bold=True, center=True)
    for _ in range(4):
        document.add_paragraph()
    _line(document, SIGNER, bold=True, center=True)


def _table(document: DocxDocument) -> None:
    table = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    table.style = "Table Grid"
    for row, values in zip(table.rows, TABLE):
        for cell, value in zip(row.cells, values):
            cell.text = value


def _body(document: DocxDocument, num: str | None = None) -> None:
    """Writes the body, its markers typed with a tab, or numbered by list `num` of numbering.xml."""
    for level, marker, title, text in BODY:
        if level == 9:
            _line(document, text, justify=True)
            continue
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if num is None:
            paragraph.add_run(f"{marker}\t").bold = bool(title)
        else:
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'))
        if title:
            paragraph.add_run(title).bold = True
        if text:
            paragraph.add_run(text)
        if title == "NỘI DUNG":
            _table(document)


def typed(path: Path) -> Path:
    """The plan typed by hand: header columns separated by tabs, markers typed with a tab."""
    document = docx.Document()
    for left, right, bold_left, bold_right in ((PARENT, NATIONAL, False, True), (ISSUER, MOTTO, True, True),
                                               (NUMBER, DATE, False, False)):
        paragraph = document.add_paragraph()
        paragraph.add_run(left).bold = bold_left
        paragraph.add_run("\t\t")
        right_run = paragraph.add_run(right)
        right_run.bold, right_run.italic = bold_right, right == DATE
    _title_and_basis(document)
    _body(document)
    _closing(document)
    document.save(str(path))
    return path


_LEVELS = (("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)"), ("bullet", "-"))


def _numbering(document: DocxDocument) -> str:
    """Adds a list of four levels (I., 1., a), -) to numbering.xml; returns its numId."""
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for level, (fmt, text) in enumerate(_LEVELS))
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def automatic(path: Path) -> Path:
    """The plan with Word's automatic numbering: the markers are in numbering.xml, not the text.
    Each roman section restarts the numbering under it, as Word does within one list."""
    document = docx.Document()
    num = _numbering(document)
    _header_table(document)
    _title_and_basis(document)
    _body(document, num)
    _closing(document)
    document.save(str(path))
    return path


def _header_table(document: DocxDocument) -> None:
    """The header in a borderless two-column table, as clerks often lay it out."""
    table = document.add_table(rows=2, cols=2)
    borders = "".join(f'<w:{edge} w:val="nil"/>' for edge in ("top", "left", "bottom", "right",
                                                                "insideH", "insideV"))
    table._tbl.tblPr.append(parse_xml(f'<w:tblBorders {nsdecls("w")}>{borders}</w:tblBorders>'))
    style = table._tbl.tblPr.find(qn("w:tblStyle"))
    if style is not None:
        table._tbl.tblPr.remove(style)
    cells = table.rows[0].cells
    cells[0].paragraphs[0].add_run(PARENT)
    cells[0].add_paragraph().add_run(ISSUER).bold = True
    cells[1].paragraphs[0].add_run(NATIONAL).bold = True
    cells[1].add_paragraph().add_run(MOTTO).bold = True
    table.rows[1].cells[0].paragraphs[0].add_run(NUMBER)
    table.rows[1].cells[1].paragraphs[0].add_run(DATE).italic = True


def header_table(path: Path) -> Path:
    """The typed plan with its header in a borderless table."""
    document = docx.Document()
    _header_table(document)
    _title_and_basis(document)
    _body(document)
    _closing(document)
    document.save(str(path))
    return path


def _text_box(lines: list[tuple[str, bool, bool]]) -> str:
    paragraphs = "".join(
        f'<w:p><w:r><w:rPr>{"<w:b/>" if bold else ""}{"<w:i/>" if italic else ""}</w:rPr>'
        f'<w:t xml:space="preserve">{text}</w:t></w:r></w:p>' for text, bold, italic in lines)
    vml = 'xmlns:v="urn:schemas-microsoft-com:vml"'
    return (f'<w:r {nsdecls("w")} {vml}><w:pict><v:shape style="width:200pt;height:80pt">'
            f'<v:textbox><w:txbxContent>{paragraphs}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>')


def text_boxes(path: Path) -> Path:
    """The typed plan with its header's two columns in two text boxes."""
    document = docx.Document()
    anchor = document.add_paragraph()
    anchor._p.append(parse_xml(_text_box([(PARENT, False, False), (ISSUER, True, False), (NUMBER, False, False)])))
    anchor._p.append(parse_xml(_text_box([(NATIONAL, True, False), (MOTTO, True, False), (DATE, False, True)])))
    _title_and_basis(document)
    _body(document)
    _closing(document)
    document.save(str(path))
    return path
