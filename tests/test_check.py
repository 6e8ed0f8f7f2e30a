"""`kehoach check`: every document kehoach writes follows Decree 30, and a fault planted in one
of them (with python-docx, as a clerk's Word would leave it) is reported where it is.

The expected codes and paragraphs come from the fault planted: the n-th paragraph of the
document in reading order (tables included), which is how `check` says it locates them.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from generator.document import style
from tests.conftest import ROOT, SAMPLE, SECOND, THIRD, run_cli


@pytest.fixture(scope="module")
def every_document(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Returns a folder with all that kehoach builds for the three samples and the standalone
    letter, and the year-end report of the sample with results."""
    output = tmp_path_factory.mktemp("checked")
    result = run_cli("build", SAMPLE, SECOND, THIRD, ROOT / "plans" / "cong-van-xuan-phuc-2025.yaml", "-o", output)
    assert result.exit_code == 0, result.output
    result = run_cli("report", ROOT / "plans" / "xuan-phuc-2023-ket-qua.yaml", "-o", output)
    assert result.exit_code == 0, result.output
    return output


def checked(*paths: Path, lang: str = "en") -> tuple[int, list[dict[str, object]]]:
    """Returns `kehoach check --format json` of `paths`: its exit code and what it printed."""
    result = run_cli("--lang", lang, "check", "--format", "json", *paths)
    return result.exit_code, json.loads(result.stdout)


def test_every_document_kehoach_writes_checks_clean(every_document: Path) -> None:
    documents = sorted(every_document.rglob("*.docx"))
    assert len(documents) > 30  # three plans, their letters and task sheets, a standalone letter
    assert every_document / "cong-van-xuan-phuc-2025" / "cong-van.docx" in documents
    assert every_document / "xuan-phuc-2023-ket-qua" / "bao-cao.docx" in documents  # with "Kính gửi:"
    code, results = checked(*documents)
    assert [(result["file"], result["departures"]) for result in results if result["departures"]] == []
    assert code == 0


def test_check_says_what_each_document_is(every_document: Path) -> None:
    plan = every_document / "xuan-phuc-2023" / "ke-hoach.docx"
    letter = every_document / "xuan-phuc-2023" / "giao-nhiem-vu" / "ldtbxh.docx"
    _code, results = checked(plan, letter)
    assert [(result["kind"], result["title"]) for result in results] == [
        ("plan", "KẾ HOẠCH"), ("letter", "V/v giao nhiệm vụ thực hiện")]
    result = run_cli("check", plan)
    assert result.exit_code == 0
    assert result.output == f"{plan}: kế hoạch, đúng thể thức Nghị định 30\n"


def test_a_report_is_recognised_and_checked(every_document: Path, tmp_path: Path) -> None:
    def as_report(document: DocxDocument) -> None:
        _number, kind = paragraph(document, "KẾ HOẠCH")
        kind.runs[0].text = "BÁO CÁO"

    report = plant(every_document / "tan-an-2026" / "ke-hoach.docx", tmp_path, as_report)
    code, [result] = checked(report)
    assert (code, result["kind"], result["departures"]) == (0, "report", [])


# --- planted faults ---------------------------------------------------------------------------

def paragraphs(document: DocxDocument) -> Iterator[tuple[int, Paragraph]]:
    """Yields every paragraph of `document` in reading order with its number from 1."""
    for number, element in enumerate(document.element.body.iter(qn("w:p")), start=1):
        yield number, Paragraph(element, document)


def paragraph(document: DocxDocument, start: str) -> tuple[int, Paragraph]:
    """Returns the first paragraph whose text starts with `start`, and its number."""
    return next((number, para) for number, para in paragraphs(document) if para.text.startswith(start))


def plant(source: Path, folder: Path, edit: Callable[[DocxDocument], object]) -> Path:
    document = docx.Document(str(source))
    edit(document)
    path = folder / "faulty.docx"
    document.save(str(path))
    return path


def departures_of(path: Path) -> list[tuple[str, int]]:
    code, [result] = checked(path)
    assert code == (1 if result["departures"] else 0)
    return [(departure["code"], departure["paragraph"]) for departure in result["departures"]]


PLAN = ("xuan-phuc-2023", "ke-hoach.docx")
DATED_PLAN = ("tan-an-2026", "ke-hoach.docx")


def _page_size(document: DocxDocument) -> int:
    document.sections[0].page_width = Mm(216)  # US Letter
    document.sections[0].page_height = Mm(279)
    return len(list(paragraphs(document)))  # the last paragraph ends the only section's page setup


def _margin(document: DocxDocument) -> int:
    for section in document.sections:
        section.left_margin = Mm(20)
    return len(list(paragraphs(document)))


def _at(start: str, change: Callable[[Paragraph], object]) -> Callable[[DocxDocument], int]:
    """Returns the fault of `change` made to the paragraph that starts with `start`; the fault
    returns that paragraph's number."""
    def edit(document: DocxDocument) -> int:
        number, para = paragraph(document, start)
        change(para)
        return number
    return edit


def _retyped(start: str, text: str) -> Callable[[DocxDocument], int]:
    return _at(start, lambda para: setattr(para.runs[0], "text", text))


def _not_bold(para: Paragraph) -> None:
    para.runs[0].font.bold = False


def _without_next_rule(para: Paragraph) -> None:
    rule = para._p.getnext()
    rule.getparent().remove(rule)


def _without_next_border(para: Paragraph) -> None:
    rule = para._p.getnext()
    rule.remove(rule.find(qn("w:pPr")))  # the rule's border goes with its properties


def _full_stop(para: Paragraph) -> None:
    para.runs[-1].text += "."


def _no_semicolon(para: Paragraph) -> None:
    para.runs[-1].text = para.runs[-1].text.rstrip(";")


def _e_for_đ(para: Paragraph) -> None:
    para.runs[0].text = para.runs[0].text.replace("đ)", "e)")


def _arial(para: Paragraph) -> None:
    para.runs[0].font.name = "Arial"


def _size_12(para: Paragraph) -> None:
    for run in para.runs:
        run.font.size = Pt(12)


INTRO = "UBND xã Xuân Phúc ban hành"
SUMMARY_END = "nhanh bền vững năm 2023"


def _archive(document: DocxDocument) -> int:
    number, para = paragraph(document, "- Lưu:")
    para._p.getparent().remove(para._p)
    return number - 1  # reported at the list's last line, the one before it


def _signature_room(document: DocxDocument) -> int:
    number, name = paragraph(document, "Nguyễn Quang Phương")
    for _ in range(style.SIGNATURE_GAP_LINES - style.SIGNATURE_MIN_LINES + 1):
        gap = name._p.getprevious()
        gap.getparent().remove(gap)
    return number - (style.SIGNATURE_GAP_LINES - style.SIGNATURE_MIN_LINES + 1)


FAULTS = {
    "page.size": (PLAN, _page_size),
    "page.margin": (PLAN, _margin),
    "font.name": (PLAN, _at(INTRO, _arial)),
    "font.size": (PLAN, _at(INTRO, _size_12)),
    "header.text": (PLAN, _retyped("Độc lập", "Độc lập – Tự do – Hạnh phúc")),  # en dashes
    "header.rule": (PLAN, _at("UBND XÃ XUÂN PHÚC", _without_next_border)),
    "number.form": (PLAN, _retyped("Số:", "Số: 5/KH-UBND")),
    "date.day": (DATED_PLAN, _retyped("Tân An, ngày", "Tân An, ngày 5 tháng 02 năm 2026")),
    "date.month": (DATED_PLAN, _retyped("Tân An, ngày", "Tân An, ngày 05 tháng 2 năm 2026")),
    "font.bold": (PLAN, _at("KẾ HOẠCH", _not_bold)),
    "title.full_stop": (PLAN, _at(SUMMARY_END, _full_stop)),
    "body.align": (PLAN, _at(INTRO, lambda para: setattr(para, "alignment", WD_ALIGN_PARAGRAPH.LEFT))),
    "body.indent": (PLAN, _at(INTRO, lambda para: setattr(para.paragraph_format, "first_line_indent", 0))),
    "body.spacing": (PLAN, _at(INTRO, lambda para: setattr(para.paragraph_format, "space_before", 0))),
    "body.line": (PLAN, _at(INTRO, lambda para: setattr(para.paragraph_format, "line_spacing", 2.0))),
    "points.letter": (PLAN, _at("đ) ", _e_for_đ)),
    "closing.item": (PLAN, _at("- Phòng LĐTBXH", _no_semicolon)),
    "closing.archive_missing": (PLAN, _archive),
    "signature.room": (PLAN, _signature_room),
}


@pytest.mark.parametrize("code", FAULTS)
def test_each_planted_fault_is_reported_where_it_is(code: str, every_document: Path, tmp_path: Path) -> None:
    (plan, name), edit = FAULTS[code]
    where: list[int] = []
    faulty = plant(every_document / plan / name, tmp_path, lambda document: where.append(edit(document)))
    assert departures_of(faulty) == [(code, where[0])]


def test_the_summary_rule_and_the_label_s_look(every_document: Path, tmp_path: Path) -> None:
    source = every_document / "xuan-phuc-2023" / "ke-hoach.docx"
    where: list[int] = []
    faulty = plant(source, tmp_path, lambda document: where.append(_at(SUMMARY_END, _without_next_rule)(document)))
    assert departures_of(faulty) == [("header.rule", where[0])]
    where.clear()
    faulty = plant(source, tmp_path, lambda document: where.append(_at("Nơi nhận", _not_bold)(document)))
    assert departures_of(faulty) == [("font.bold", where[0])]


def test_text_report_quotes_the_paragraph_in_vietnamese(every_document: Path, tmp_path: Path) -> None:
    faulty = plant(every_document / "xuan-phuc-2023" / "ke-hoach.docx", tmp_path, _at("đ) ", _e_for_đ))
    result = run_cli("check", faulty)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == f"{faulty}: kế hoạch, 1 chỗ sai thể thức Nghị định 30"
    assert lines[1].startswith(f"{faulty}:¶")
    assert "e)" in lines[1] and "đ)" in lines[1] and "“e) Trợ giúp pháp lý:”" in lines[1]


def test_a_file_that_is_no_document_is_trouble(tmp_path: Path) -> None:
    text = tmp_path / "ke-hoach.docx"
    text.write_text("không phải văn bản Word", encoding="utf-8")
    result = run_cli("check", text)
    assert result.exit_code == 2
    assert "không phải văn bản Word (.docx)" in result.stderr


def test_the_writer_s_defaults_lie_in_the_ranges_check_allows() -> None:
    for side, (least, most) in style.MARGIN_RANGES.items():
        assert least <= getattr(style.PORTRAIT, side) <= most
    for role, sizes in style.ROLE_SIZES.items():
        assert style.ROLES[role].font.size in sizes
    assert style.BODY.first_line in style.BODY_INDENTS
    assert style.BODY.before + style.BODY.after >= style.BODY_MIN_SPACING
    assert style.SIGNATURE_GAP_LINES >= style.SIGNATURE_MIN_LINES


def test_check_and_import_read_within_the_limits(tmp_path: Path) -> None:
    from tests.test_docx_limits import nested_tables, package

    deep = package(tmp_path / "deep.docx", [nested_tables(33)])
    checked_deep = run_cli("check", deep)
    assert checked_deep.exit_code == 2
    assert "lồng nhau quá 100 tầng" in checked_deep.stderr
    imported = run_cli("import", deep, "-o", tmp_path / "deep.yaml")
    assert imported.exit_code == 1
    assert "lồng nhau quá 100 tầng" in imported.stderr
    assert not (tmp_path / "deep.yaml").exists()


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice is not installed")
def test_pages_say_where_each_departure_is_printed(every_document: Path, tmp_path: Path) -> None:
    from generator.writers import pdf

    def two_faults(document: DocxDocument) -> None:
        _retyped("Số:", "Số: 5/KH-UBND")(document)
        _signature_room(document)

    faulty = plant(every_document / "xuan-phuc-2023" / "ke-hoach.docx", tmp_path, two_faults)
    result = run_cli("check", "--pages", "--format", "json", faulty)
    pages = [departure["page"] for departure in json.loads(result.stdout)[0]["departures"]]
    last = pdf.page_count(pdf.write_pdfs([faulty])[0])  # the signature closes the plan (no appendix)
    assert pages == [1, last] and last > 1
    text = run_cli("check", "--pages", faulty).output
    assert ":¶7 (trang 1): dòng Số ghi “Số: 5/KH-UBND”" in text


def test_a_header_in_text_boxes_is_read_as_a_header(tmp_path: Path) -> None:
    from tests import other_tools

    code, [result] = checked(other_tools.text_boxes(tmp_path / "ke-hoach-cu.docx"))
    assert code == 1 and result["kind"] == "plan"
    found = {(departure["code"], departure["text"]) for departure in result["departures"]}
    # python-docx's template: 11 pt, left aligned, and the typist drew no line under the issuer.
    assert ("header.rule", other_tools.ISSUER) in found
    assert ("font.size", other_tools.NATIONAL) in found
    assert not any(other_tools.PARENT + other_tools.ISSUER in text for _code, text in found)
