"""The built documents in a real office suite: LibreOffice converts them, poppler reads the PDFs.

What a clerk prints must look right, not only read right in python-docx. LibreOffice starts
once per conversion run, so this module converts in batches: the sample's build (all its
documents, one run), the padded closings (one run), the round trip (one run), the preview.
"""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import struct
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from click.testing import Result
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

from conftest import ROOT, SAMPLE, SECOND, THIRD, count_libreoffice_runs, run_cli
from docx_reading import SAMPLE_CLOSING, SAMPLE_HEADER, SAMPLE_TITLE, body

from generator.cli import main as cli_module
from generator.document.model import Column, Document, Table
from generator.writers import pdf
from generator.writers.docx import write_docx

POPPLER = ("pdftotext", "pdfinfo", "pdffonts", "pdftoppm")
needs_office = pytest.mark.skipif(
    pdf.find_soffice() is None or not all(map(shutil.which, POPPLER)),
    reason="needs LibreOffice (soffice) and poppler-utils, which .ci/run installs: apt-get install "
           "libreoffice-writer-nogui fonts-liberation2 poppler-utils")

# Recorded once from LibreOffice 7.4 with Liberation Serif 2 (Times New Roman's metrics): the
# sample plan's text and signature take 8 pages. A change here means the layout moved: look at
# the pages (`kehoach preview --all`).
SIGNATURE_PAGE = 8
SAMPLE_PAGES = 8
UNITS = 8  # the sample plan's part V has eight responsible units, each with a letter and a sheet
EXPECTED = (ROOT / "tests" / "fixtures" / "xuan-phuc-2023.expected.txt").read_text(encoding="utf-8").splitlines()
A4_PAGE = re.compile(r"^Page\s+\d+ size:\s+(?:595\.\d+ x 841|841\.\d+ x 595)\.\d+ pts \(A4\)", re.M)
PORTRAIT_PNG, LANDSCAPE_PNG = (827, 1170), (1170, 827)  # A4 at 100 dpi: 8.27 × 11.69 inches


@dataclass
class OfficeBuild:
    """`kehoach build --pdf` of the sample plan: its result, folder, and LibreOffice's runs."""

    result: Result
    folder: Path
    libreoffice_runs: int

    def documents(self, under: str = "") -> list[Path]:
        return sorted((self.folder / under).rglob("*.docx"))

    @property
    def plan_pdf(self) -> Path:
        return self.folder / "ke-hoach.pdf"


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> OfficeBuild:
    output = tmp_path_factory.mktemp("office")
    with pytest.MonkeyPatch.context() as patch:
        runs = count_libreoffice_runs(patch)
        result = run_cli("build", SAMPLE, "-o", output, "--pdf")
    return OfficeBuild(result, output / SAMPLE.stem, len(runs))


def pdf_pages(path: Path) -> list[str]:
    """Returns the text of each page of `path`, laid out as printed (`pdftotext -layout`)."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          encoding="utf-8", check=True).stdout
    return [unicodedata.normalize("NFC", page) for page in text.split("\f")[:-1]]


def lines_of(page: str) -> list[str]:
    return [line for line in page.splitlines() if line.strip()]


def squeezed(text: str) -> str:
    """Returns `text` without whitespace: justified lines come out of pdftotext unevenly spaced."""
    return re.sub(r"\s+", "", text)


def page_with(pages: list[str], text: str) -> int:
    """Returns the number of the first of `pages` that holds `text` (spaces not counted)."""
    return next(number for number, page in enumerate(pages, start=1) if squeezed(text) in squeezed(page))


def assert_in_order(expected: list[str], text: str, where: str) -> None:
    flat, at = squeezed(text), 0
    for line in expected:
        found = flat.find(squeezed(line), at)
        assert found >= 0, f"{where}: missing, or out of order: {line!r}"
        at = found + len(squeezed(line))


def docx_texts(data: bytes) -> list[str]:
    """Returns the non-empty paragraph texts of a .docx in reading order, table cells included,
    as python-docx's own API reads them (what the round trip is about, unlike `docx_text`)."""
    texts: list[str] = []
    for item in docx.Document(io.BytesIO(data)).iter_inner_content():
        if isinstance(item, DocxParagraph):
            texts.append(item.text)
        else:
            texts += [paragraph.text for row in item.rows for cell in row.cells
                      for paragraph in cell.paragraphs]
    return [text for text in texts if text.strip()]


# --- every document of the sample converts ---------------------------------------------------

@needs_office
def test_build_pdf_writes_a_pdf_beside_every_docx_and_prints_it(sample_build):
    assert sample_build.result.exit_code == 0, sample_build.result.output
    printed = sample_build.result.stdout.splitlines()
    documents = sample_build.documents()
    assert documents
    for document in documents:
        converted = document.with_suffix(".pdf")
        assert converted.read_bytes().startswith(b"%PDF-"), converted
        assert str(converted) in printed


@needs_office
def test_all_documents_of_a_build_are_converted_in_one_libreoffice_run(sample_build):
    assert sample_build.libreoffice_runs == 1


@needs_office
@pytest.mark.parametrize("folder", ["giao-nhiem-vu", "phieu-nhiem-vu"])
def test_the_letters_and_task_sheets_of_every_unit_convert(sample_build, folder):
    documents = sample_build.documents(folder)
    assert len(documents) == UNITS, f"{folder}: {[d.name for d in documents]}"
    for document in documents:
        assert pdf.page_count(document.with_suffix(".pdf")) >= 1


@needs_office
def test_each_task_sheet_fits_on_one_page(sample_build):
    sheets = sorted((sample_build.folder / "phieu-nhiem-vu").glob("*.pdf"))
    assert len(sheets) == UNITS
    assert {sheet.name: pdf.page_count(sheet) for sheet in sheets} == {sheet.name: 1 for sheet in sheets}


# --- the plan's PDF ----------------------------------------------------------------------------

@needs_office
def test_plan_prints_on_the_recorded_number_of_a4_pages(sample_build):
    assert pdf.page_count(sample_build.plan_pdf) == SAMPLE_PAGES
    pages = pdf_pages(sample_build.plan_pdf)
    assert page_with(pages, "Nguyễn Quang Phương") == SIGNATURE_PAGE
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", str(SAMPLE_PAGES), str(sample_build.plan_pdf)],
                          capture_output=True, encoding="utf-8", check=True).stdout
    assert len(A4_PAGE.findall(info)) == SAMPLE_PAGES, info


@needs_office
def test_pdf_uses_times_new_roman_or_its_metric_twin_liberation_serif_only(sample_build):
    listing = subprocess.run(["pdffonts", str(sample_build.plan_pdf)], capture_output=True,
                             encoding="utf-8", check=True).stdout.splitlines()[2:]
    fonts = {line.split()[0].split("+")[-1] for line in listing}
    # Another font means a fallback for missing glyphs (fonts-liberation 1.x has no Vietnamese
    # letters such as "ổ"): line breaks and page count would then differ from Word's.
    assert fonts and all(re.match(r"(TimesNewRoman|LiberationSerif)", font) for font in fonts), \
        f"{fonts}: install Times New Roman or fonts-liberation2"


@needs_office
def test_page_one_has_the_header_columns_side_by_side(sample_build):
    first = lines_of(pdf_pages(sample_build.plan_pdf)[0])
    for left, right in (("UBND HUYỆN NHƯ THANH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                        ("UBND XÃ XUÂN PHÚC", "Độc lập - Tự do - Hạnh phúc"),
                        ("/KH-UBND", "Xuân Phúc, ngày")):
        line = next((line for line in first if right in line), None)
        assert line is not None and left in line, (left, right, first[:6])
        assert line.index(left) < line.index(right)
    assert first[3].strip() == "KẾ HOẠCH"  # under the header, not beside it


@needs_office
def test_pages_are_numbered_from_page_two_on(sample_build):
    pages = [lines_of(page) for page in pdf_pages(sample_build.plan_pdf)]
    assert "1" not in (line.strip() for line in pages[0])
    # Each appendix is numbered on its own, its first page unnumbered too (nd30-format §1).
    number = 0
    for at, lines in enumerate(pages, start=1):
        number = 1 if at == 1 or lines[0].strip().startswith("Phụ lục") else number + 1
        top = lines[0].strip()
        if number == 1:
            assert not top.isdigit(), f"page {at} is numbered: {top}"
        else:
            assert top == str(number), f"page {at}: {top}"


@needs_office
def test_plan_pdf_reads_the_whole_plan_in_order(sample_build):
    pages = pdf_pages(sample_build.plan_pdf)
    # Page numbers out (they fall inside paragraphs that run over a page end).
    text = "\n".join([pages[0], *("\n".join(lines_of(page)[1:]) for page in pages[1:])])
    body_text, closing_text = text.split("Nơi nhận:", 1)
    closing_at = EXPECTED.index("Nơi nhận:")
    assert_in_order(EXPECTED[:closing_at], body_text, "body")
    # The closing is a two-column table: recipients at the left margin, the signature centred
    # in the right column; pdftotext prints their lines side by side.
    left, right = [], []
    for line in closing_text.splitlines():
        for cell in re.finditer(r"\S+(?: \S+)*", line):
            (left if cell.start() < 10 else right).append(cell.group())
    recipients = [line for line in EXPECTED[closing_at + 1:] if line.startswith("- ")]
    signature = [line for line in EXPECTED[closing_at + 1:] if not line.startswith("- ")]
    assert_in_order(recipients, "\n".join(left), "Nơi nhận")
    assert_in_order(signature, "\n".join(right), "signature")


# --- the closing stays with the end of the body --------------------------------------------

FILLER = "Các ban, ngành, đoàn thể rà soát nhu cầu hỗ trợ của hộ nghèo, hộ cận nghèo;"
LAST = ("Trên đây là Kế hoạch triển khai thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền "
        "vững năm 2023 trên địa bàn xã Xuân Phúc./.")
PADDINGS = range(12, 31)  # one-line paragraphs: the closing reaches page 2 within this range


@dataclass
class Padded:
    pdfs: dict[int, Path]
    failure: pdf.ConversionFailed | None
    broken: Path


@pytest.fixture(scope="module")
def padded(tmp_path_factory: pytest.TempPathFactory) -> Padded:
    """Plans padded by one paragraph at a time, so that some closing falls at a page top, each
    `padded-N/ke-hoach.docx` (one name in many folders, as in a build of many plans); and one
    file LibreOffice cannot read; all converted in one run."""
    folder = tmp_path_factory.mktemp("padded")
    documents = {}
    for padding in PADDINGS:
        blocks = (SAMPLE_TITLE, *(body(FILLER) for _ in range(padding)), body(LAST), SAMPLE_CLOSING)
        documents[padding] = folder / f"padded-{padding}" / "ke-hoach.docx"
        documents[padding].parent.mkdir()
        documents[padding].write_bytes(write_docx(Document(kind="plan", header=SAMPLE_HEADER, blocks=blocks)))
    broken = folder / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 a damaged package")  # (plain text would convert, as text)
    try:
        pdf.write_pdfs([*documents.values(), broken])
        failure = None
    except pdf.ConversionFailed as error:
        failure = error
    return Padded({padding: path.with_suffix(".pdf") for padding, path in documents.items()}, failure, broken)


@needs_office
def test_signature_block_is_never_alone_on_a_page(padded):
    placed = {}
    for padding, path in padded.pdfs.items():
        pages = pdf_pages(path)
        placed[padding] = (page_with(pages, "./."), page_with(pages, "Nơi nhận:"),
                           page_with(pages, SAMPLE_CLOSING.signer))
    assert {padding: places for padding, places in placed.items() if len(set(places)) > 1} == {}
    # The paddings really did push the closing over a page end.
    assert {places[1] for places in placed.values()} == {1, 2}


@needs_office
def test_files_of_one_name_in_different_folders_each_get_their_own_pdf(padded):
    for padding, path in padded.pdfs.items():
        assert squeezed("".join(pdf_pages(path))).count(squeezed(FILLER)) == padding, path


@needs_office
def test_a_file_libreoffice_cannot_read_is_named_and_the_others_still_convert(padded):
    assert padded.failure is not None
    assert padded.failure.files == [padded.broken]
    assert padded.failure.program == "LibreOffice" and padded.failure.detail
    assert not padded.broken.with_suffix(".pdf").exists()
    assert all(path.is_file() for path in padded.pdfs.values())


# --- nothing only python-docx accepts -------------------------------------------------------

@needs_office
def test_libreoffice_round_trip_keeps_the_text_python_docx_reads(sample_build):
    documents = sample_build.documents()
    again = pdf.convert(documents, "docx")
    assert sorted(again) == documents
    for document in documents:
        original = docx_texts(document.read_bytes())
        assert original and docx_texts(again[document]) == original, document


# --- no header word breaks in the middle (issue 15, part 4) -----------------------------------

@dataclass
class Word:
    """A word of a PDF page and its box, in points from the page's top left."""

    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


_BOX = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def pdf_words(path: Path) -> list[list[Word]]:
    """Returns the words of each page of `path` with their boxes (`pdftotext -bbox`)."""
    xhtml = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                           encoding="utf-8", check=True).stdout
    return [[Word(unicodedata.normalize("NFC", html.unescape(text)), *map(float, box))
             for *box, text in _BOX.findall(page)] for page in xhtml.split("<page ")[1:]]


def header_words(document: Path) -> set[str]:
    """Returns the words of the header rows (the rows repeated on each page) of `document`'s tables."""
    words = set()
    for table in docx.Document(str(document)).tables:
        header = table.rows[0]
        if header._tr.trPr is not None and header._tr.trPr.find(qn("w:tblHeader")) is not None:
            words |= {word for cell in header.cells for word in cell.text.split()}
    return words


def broken_words(pdf_path: Path, words: set[str]) -> set[str]:
    """Returns those of `words` that the PDF prints broken in the middle: a piece that starts
    the word, and right under it, overlapping it, the piece that goes on with it."""
    broken = set()
    for page in pdf_words(pdf_path):
        for top in page:
            for word in words:
                if not (top.text and word.startswith(top.text) and top.text != word):
                    continue
                height = top.y_max - top.y_min
                if any(word.startswith(top.text + under.text) and under.text
                       and 0 < under.y_min - top.y_min < 2 * height
                       and min(top.x_max, under.x_max) > max(top.x_min, under.x_min) - 2
                       for under in page):
                    broken.add(word)
    return broken


@pytest.fixture(scope="module")
def table_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Returns (docx, pdf) by name: every document of the two other samples, and a control whose
    "STT" column is far too narrow for the word, all converted in one LibreOffice run."""
    folder = tmp_path_factory.mktemp("tables")
    result = run_cli("build", SECOND, THIRD, "-o", folder)
    assert result.exit_code == 0, result.output
    control = folder / "narrow.docx"
    # 0.4 of 5.4 shares of 9355 tw: 693 tw, 477 tw inside the padding, for a "STT" of 491 tw.
    narrow = Table((Column("STT", 0.4, "center"), Column("Nội dung", 5)), (("1", "Rà soát hộ nghèo"),))
    control.write_bytes(write_docx(Document(kind="plan", header=SAMPLE_HEADER, blocks=(SAMPLE_TITLE, narrow))))
    documents = sorted(folder.rglob("*.docx"))
    pdf.write_pdfs(documents)
    return {str(document.relative_to(folder)): (document, document.with_suffix(".pdf")) for document in documents}


@needs_office
def test_no_header_word_of_a_sample_table_breaks_in_the_middle(sample_build, table_pdfs):
    printed = {str(path.relative_to(sample_build.folder)): (path, path.with_suffix(".pdf"))
               for path in sample_build.documents()}
    printed.update((name, paths) for name, paths in table_pdfs.items() if name != "narrow.docx")
    checked = {name: header_words(document) for name, (document, _) in printed.items()}
    assert {"STT", "Nhiệm", "Thời", "hạn"} <= set().union(*checked.values())
    assert {name: broken_words(pdf_path, checked[name]) for name, (_, pdf_path) in printed.items()
            if broken_words(pdf_path, checked[name])} == {}


@needs_office
def test_the_check_finds_a_header_word_broken_in_a_column_too_narrow(table_pdfs):
    document, pdf_path = table_pdfs["narrow.docx"]
    assert broken_words(pdf_path, header_words(document)) == {"STT"}


# --- PDFs that can be committed (issue 12, part 8) ---------------------------------------------

@needs_office
def test_building_the_same_plan_again_gives_byte_identical_pdfs(sample_build, tmp_path):
    # Seconds after the first build, and with the files shared out between two LibreOffice runs:
    # LibreOffice's own creation date and file identifier (/ID) come from the clock.
    again = run_cli("build", SAMPLE, "-o", tmp_path, "--pdf", "--jobs", "2")
    assert again.exit_code == 0, again.output
    first, second = ({path.relative_to(folder): path.read_bytes() for path in folder.rglob("*.pdf")}
                     for folder in (sample_build.folder, tmp_path / SAMPLE.stem))
    assert len(first) == 1 + 2 * UNITS
    assert sorted(first) == sorted(second)
    assert [str(name) for name in sorted(first) if first[name] != second[name]] == []


@needs_office
def test_report_pdf_writes_the_year_end_report_on_a4_pages_numbered_from_two_and_signed(tmp_path):
    results = ROOT / "plans" / "xuan-phuc-2023-ket-qua.yaml"
    result = run_cli("report", results, "-o", tmp_path, "--pdf")
    assert result.exit_code == 0, result.output
    report = tmp_path / results.stem / "bao-cao.pdf"
    assert str(report) in result.stdout.splitlines()
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(report)], capture_output=True,
                          encoding="utf-8", check=True).stdout
    pages = pdf_pages(report)
    assert len(A4_PAGE.findall(info)) == len(pages) > 1
    first, last = lines_of(pages[0]), lines_of(pages[-1])
    assert first[3].strip() == "BÁO CÁO"
    assert squeezed("Kính gửi: Ủy ban nhân dân huyện Như Thanh") in squeezed(pages[0])
    assert [lines_of(page)[0].strip() for page in pages[1:]] == [str(n) for n in range(2, len(pages) + 1)]
    assert last[-1].strip() == "Nguyễn Quang Phương"
    # A unit's name heads its duties in the table: never the last line of a page (it was, at the
    # foot of page 1, before group rows were kept with the row after them).
    units = ("Ban Nông nghiệp và Phát triển nông thôn", "Văn hóa - Thông tin", "Tư pháp", "Các thôn")
    assert not [lines_of(page)[-1].strip() for page in pages if lines_of(page)[-1].strip() in units]


# The standalone sample's closing, grown a word at a time from one line to the next: at some
# length the signature table ends just above the bottom margin. The paragraph Word needs after
# it must still fit there; when it did not (a spacer 1 pt high), LibreOffice printed a second
# page with nothing on it but its number.
GROWING_WORDS = "trong quá trình thực hiện nếu có khó khăn vướng mắc kịp thời báo cáo".split() * 3


@needs_office
def test_a_letter_that_fills_its_page_to_the_bottom_prints_no_blank_page(tmp_path):
    source = (ROOT / "plans" / "cong-van-xuan-phuc-2025.yaml").read_text(encoding="utf-8")
    assert "để xem xét, giải quyết." in source
    plans = []
    for count in range(0, 34, 2):
        plan = tmp_path / f"cong-van-{count}.yaml"
        longer = " ".join(["để xem xét, giải quyết", *GROWING_WORDS[:count]]) + "."
        plan.write_text(source.replace("../schemas/", f"{ROOT.as_uri()}/schemas/")
                        .replace("để xem xét, giải quyết.", longer), encoding="utf-8")
        plans.append(plan)
    result = run_cli("build", *plans, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    letters = [tmp_path / "out" / plan.stem / "cong-van.docx" for plan in plans]
    printed = [pdf_pages(path) for path in pdf.write_pdfs(letters)]
    # The closing grows by more than a line: the letter goes from one page to two.
    assert len(printed[0]) == 1 and len(printed[-1]) == 2
    for count, pages in zip(range(0, 34, 2), printed):
        last = squeezed(pages[-1])
        assert len(pages) == 1 or last != str(len(pages)), f"{count} words more: page {len(pages)} is blank"


@needs_office
def test_a_pdf_is_dated_as_its_plan_and_poppler_reads_it_without_complaint(sample_build):
    for path in (sample_build.plan_pdf, sample_build.folder / "giao-nhiem-vu" / "tu-phap.pdf"):
        info = subprocess.run(["pdfinfo", "-isodates", str(path)], capture_output=True,
                              encoding="utf-8", check=True)
        assert info.stderr == "", path  # a broken cross-reference table makes poppler complain
        # The sample plan is dated June 2023, day left blank: the 1st, as in the .docx properties.
        assert re.findall(r"^(CreationDate|ModDate):\s+(\S+)$", info.stdout, re.M) == [
            ("CreationDate", "2023-06-01T00:00:00Z"), ("ModDate", "2023-06-01T00:00:00Z")], path


# --- preview -----------------------------------------------------------------------------------

def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", path
    return struct.unpack(">II", data[16:24])


@needs_office
def test_preview_writes_every_page_as_an_a4_image_and_prints_the_paths(tmp_path):
    result = run_cli("preview", SAMPLE, "-o", tmp_path, "--all")
    assert result.exit_code == 0, result.output
    folder = tmp_path / SAMPLE.stem / "preview"
    images = [folder / f"ke-hoach-{page}.png" for page in range(1, SAMPLE_PAGES + 1)]
    assert result.stdout.splitlines() == [str(image) for image in images]
    sizes = [png_size(image) for image in images]
    assert sizes[:SIGNATURE_PAGE] == [PORTRAIT_PNG] * SIGNATURE_PAGE
    assert set(sizes) <= {PORTRAIT_PNG, LANDSCAPE_PNG}  # an appendix may be landscape


@needs_office
def test_preview_of_one_page_and_of_a_page_that_does_not_exist(sample_build, tmp_path):
    assert pdf.write_pngs(sample_build.plan_pdf, tmp_path, 2, 2) == [tmp_path / "ke-hoach-2.png"]
    with pytest.raises(pdf.NoSuchPage) as raised:
        pdf.write_pngs(sample_build.plan_pdf, tmp_path, SAMPLE_PAGES + 1, SAMPLE_PAGES + 1)
    assert (raised.value.page, raised.value.pages) == (SAMPLE_PAGES + 1, SAMPLE_PAGES)


def test_preview_page_and_all_together_is_a_usage_error(tmp_path):
    result = run_cli("preview", SAMPLE, "-o", tmp_path, "--page", "2", "--all")
    assert result.exit_code == 2
    assert not (tmp_path / SAMPLE.stem).exists()


# --- without the programs ------------------------------------------------------------------------

@pytest.fixture
def bare_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PATH where no program is found, and no LibreOffice where its installers put it."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(pdf, "SOFFICE_PLACES", ())


def test_without_libreoffice_the_docx_is_written_and_the_message_says_what_to_install(tmp_path, bare_path):
    result = run_cli("build", SAMPLE, "-o", tmp_path, "--pdf")
    assert result.exit_code == 1
    assert (tmp_path / SAMPLE.stem / "ke-hoach.docx").is_file()
    assert not list(tmp_path.rglob("*.pdf"))
    assert "LibreOffice" in result.stderr and "Traceback" not in result.output
    if sys.platform.startswith("linux"):
        assert "apt-get install libreoffice-writer-nogui fonts-liberation" in result.stderr


def test_without_poppler_preview_says_what_to_install(tmp_path, bare_path, capsys):
    with pytest.raises(pdf.ToolMissing) as raised:
        pdf.write_pngs(tmp_path / "ke-hoach.pdf", tmp_path, 1, 1)
    assert raised.value.tool == "poppler"
    assert not cli_module._office(lambda office: office.write_pngs(tmp_path / "ke-hoach.pdf", tmp_path, 1, 1), "en")
    message = capsys.readouterr().err
    assert "pdftoppm" in message
    if sys.platform.startswith("linux"):
        assert "apt-get install poppler-utils" in message


@pytest.mark.skipif(os.name != "posix", reason="process groups are POSIX; Windows ends the tree with taskkill")
def test_a_conversion_over_its_time_limit_is_stopped_with_all_it_started():
    # The grandchild holds the output pipe: only killing the whole group lets the call return.
    started = time.perf_counter()
    with pytest.raises(pdf.ConversionFailed) as raised:
        pdf._run("LibreOffice", ["sh", "-c", "sleep 30 & sleep 30"], [Path("a.docx")], 0.5)
    assert time.perf_counter() - started < 10
    assert raised.value.timed_out and raised.value.files == [Path("a.docx")]
