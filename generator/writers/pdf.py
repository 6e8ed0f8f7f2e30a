"""PDF and PNG from the written .docx files: LibreOffice (headless) and poppler's pdftoppm. Prints nothing.

One LibreOffice start converts every file of a build (the issue's performance target; with
`build --jobs N`, N starts side by side, each converting its share): the files are copied
under unique names into one private folder, converted with a single `soffice --convert-to`,
and each result goes beside its .docx through `save`'s atomic write.
Each run gets a private, temporary LibreOffice profile (`-env:UserInstallation`), so it works
while the clerk has LibreOffice open (which would otherwise take the job and ignore `--headless`)
and while other runs go on in parallel.
The same .docx gives the same PDF bytes: LibreOffice's clock-made dates and file identifier are
replaced (`_reproducible`), so PDFs can be committed beside the plan (issue 12, part 8).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import struct
import subprocess
import tempfile
import zipfile
import zlib
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from ..errors import KehoachError
from ..save import write_files

# Where the installers put LibreOffice when it is not on PATH (Windows, macOS).
SOFFICE_PLACES = (
    Path(r"C:\Program Files\LibreOffice\program\soffice.exe"),
    Path(r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"),
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
)
# Seconds LibreOffice may take: its start (a new profile on a slow disk), then each document.
START_SECONDS = 60
SECONDS_PER_FILE = 15
PREVIEW_DPI = 100


class ToolMissing(KehoachError):
    """A program kehoach needs is not installed: `tool` is "libreoffice" or "poppler"."""

    def __init__(self, tool: str) -> None:
        super().__init__(f"{tool} is not installed")
        self.tool = tool


class ConversionFailed(KehoachError):
    """A program did not make every file: `files` were not converted, `detail` says why;
    `converted` holds what the same run did make (LibreOffice goes on after a bad file)."""

    def __init__(self, program: str, files: Sequence[Path], detail: str, timed_out: bool = False,
                 converted: dict[Path, bytes] | None = None) -> None:
        super().__init__(f"{program} failed on {', '.join(map(str, files))}: {detail}")
        self.program = program
        self.files = list(files)
        self.detail = detail
        self.timed_out = timed_out
        self.converted = converted or {}


class NoSuchPage(KehoachError):
    """A preview asked for page `page` of a document of `pages` pages."""

    def __init__(self, page: int, pages: int) -> None:
        super().__init__(f"page {page} of {pages}")
        self.page = page
        self.pages = pages


def find_soffice() -> str | None:
    """Returns the LibreOffice program to run: on PATH, else where its installer puts it; None if absent."""
    for name in ("soffice", "libreoffice"):
        if found := shutil.which(name):
            return found
    return next((str(place) for place in SOFFICE_PLACES if place.is_file()), None)


def write_pdfs(documents: Sequence[Path], runs: int = 1) -> list[Path]:
    """Converts each of `documents` and writes `<stem>.pdf` beside it; returns the PDFs' paths.

    One LibreOffice run converts them all; with `runs` above 1 (`build --jobs`), that many runs
    side by side share them out, each with its own profile. Raises `ToolMissing` without
    LibreOffice, `ConversionFailed` when a file was not converted, after writing the PDFs of
    the others.
    """
    size = -(-len(documents) // max(1, runs))  # ceiling: `runs` groups at most, in order
    groups = [documents[start:start + size] for start in range(0, len(documents), size or 1)]
    if len(groups) <= 1:
        outcomes = [_convert_group(documents)]
    else:
        from concurrent.futures import ThreadPoolExecutor

        from ..stopping import leave_to_main_thread

        with ThreadPoolExecutor(len(groups), initializer=leave_to_main_thread) as pool:
            try:
                outcomes = list(pool.map(_convert_group, groups))
            except BaseException:  # stopped (SIGINT, SIGTERM): end the runs, then wait for them
                _kill_running()
                raise
    converted = {source: pdf for done, _ in outcomes for source, pdf in done.items()}
    written = _write_beside(converted)
    failures = [failure for _, failure in outcomes if failure is not None]
    if failures:
        raise ConversionFailed(failures[0].program, [file for failure in failures for file in failure.files],
                               "; ".join(dict.fromkeys(failure.detail for failure in failures)),
                               timed_out=any(failure.timed_out for failure in failures),
                               converted=converted)
    return written


def _convert_group(documents: Sequence[Path]) -> tuple[dict[Path, bytes], ConversionFailed | None]:
    try:
        converted, failure = convert(documents, "pdf"), None
    except ConversionFailed as error:
        converted, failure = error.converted, error
    made: dict[Path, bytes] = {}
    for source, pdf in converted.items():
        fixed = _reproducible(pdf, _document_dates(source))
        if fixed is not None:
            made[source] = fixed
    junk = [source for source in converted if source not in made]  # never written as a PDF
    if junk:
        failure = ConversionFailed("LibreOffice", [*(failure.files if failure else []), *junk],
                                   f"{failure.detail}; not a PDF" if failure else "not a PDF",
                                   timed_out=bool(failure and failure.timed_out))
    return made, failure


# The .docx core properties that hold the document's dates, in the order of `_PDF_DATES`.
_CORE_DATES = ("{http://purl.org/dc/terms/}created", "{http://purl.org/dc/terms/}modified")
_PDF_DATES = ("/CreationDate", "/ModDate")


def _reproducible(pdf: bytes, dates: tuple[str | None, str | None]) -> bytes | None:
    """Returns `pdf`, as LibreOffice wrote it, with `dates` (creation, modification; None: no such
    date) and a file identifier computed from its content: one .docx always gives the same bytes.

    LibreOffice (7.4, and its code to this day) stamps /CreationDate with the time of the export and
    hashes that time into the trailer's /ID, and offers no filter option to fix them; it reads
    neither the .docx's own dates nor SOURCE_DATE_EPOCH. Everything else it writes is the same from
    run to run. qpdf (through pikepdf) rewrites the file with a new cross-reference table, which a
    change of length in the dates needs; its deterministic /ID is the MD5 of the content, made
    only when the file has none, so LibreOffice's is removed first, and so is its /DocChecksum
    (its own digest of the bytes it wrote, clock date included, which would no longer hold).
    """
    import pikepdf  # only here: a build without --pdf, or without LibreOffice, does not load qpdf

    try:
        document = pikepdf.open(io.BytesIO(pdf))
    except pikepdf.PdfError:  # the converter's output is no PDF: the caller reports the file
        return None
    with document:
        for key, date in zip(_PDF_DATES, dates):
            if date is not None:
                document.docinfo[key] = date
            elif key in document.docinfo:
                del document.docinfo[key]
        for key in ("/ID", "/DocChecksum"):
            if key in document.trailer:
                del document.trailer[key]
        rewritten = io.BytesIO()
        document.save(rewritten, deterministic_id=True)
    return rewritten.getvalue()


def _document_dates(document: Path) -> tuple[str | None, str | None]:
    """Returns the creation and modification dates that `document` (a .docx) states in its core
    properties, as PDF dates ("D:20230601000000Z"); None for one it lacks or cannot be read.

    kehoach writes the plan's date there (`document.Properties`), never the clock's: the PDF then
    states the same dates as the .docx it was made from.
    """
    try:
        with zipfile.ZipFile(document) as archive:
            core = ElementTree.fromstring(archive.read("docProps/core.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return None, None
    created, modified = (_pdf_date(core.findtext(tag)) for tag in _CORE_DATES)
    return created, modified


def _pdf_date(w3cdtf: str | None) -> str | None:
    """Returns the PDF date (ISO 32000-1 §7.9.4, in UTC) of `w3cdtf`, a W3CDTF date and time
    ("2023-06-01T00:00:00Z"; one without a zone is taken as UTC); None when it is not one."""
    try:
        moment = datetime.fromisoformat((w3cdtf or "").strip())
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("D:%Y%m%d%H%M%SZ")


def _write_beside(pdfs: dict[Path, bytes]) -> list[Path]:
    return [write_files(source.parent, {PurePosixPath(f"{source.stem}.pdf"): data})[0]
            for source, data in pdfs.items()]


def convert(documents: Sequence[Path], target: str, profile: Path | None = None) -> dict[Path, bytes]:
    """Returns the bytes of each of `documents` converted by LibreOffice to `target`: an extension
    ("pdf", "docx"), optionally with a filter ("docx:MS Word 2007 XML").

    One LibreOffice run for all of them, with a private profile (or the folder `profile`: a
    LibreOffice already running on it does the work, see `kehoach serve`) and a time limit that
    grows with the number of files. Raises `ToolMissing`, or `ConversionFailed` (with what was
    converted) when a file gave no result.
    """
    if not documents:
        return {}
    soffice = find_soffice()
    if soffice is None:
        raise ToolMissing("libreoffice")
    # A killed LibreOffice may still be letting go of its profile: what it holds is removed anyway.
    with tempfile.TemporaryDirectory(prefix="kehoach-office-", ignore_cleanup_errors=True) as work:
        work_dir = Path(work)
        sources, results = work_dir / "in", work_dir / "out"
        sources.mkdir()
        # Unique names: LibreOffice writes `<stem>.<target>` into one --outdir, and two plans'
        # folders (or a letter and a sheet of one unit) may hold files of the same name.
        copies = [sources / f"{index:04d}-{document.stem}{document.suffix}"
                  for index, document in enumerate(documents)]
        for document, copy in zip(documents, copies):
            shutil.copyfile(document, copy)
        command = [soffice, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                   f"-env:UserInstallation={(profile or work_dir / 'profile').as_uri()}",
                   "--convert-to", target, "--outdir", str(results), *map(str, copies)]
        # LibreOffice's own temporary files (lu*.tmp) go into the private folder too, removed
        # with it even when LibreOffice is killed before it cleans up.
        private = {name: str(work_dir) for name in ("TMPDIR", "TEMP", "TMP")}
        output, errors = _run("LibreOffice", command, documents,
                              START_SECONDS + SECONDS_PER_FILE * len(documents), {**os.environ, **private})
        converted: dict[Path, bytes] = {}
        missing: list[Path] = []
        for document, copy in zip(documents, copies):
            result = results / f"{copy.stem}.{target.partition(':')[0]}"
            data = result.read_bytes() if result.is_file() else b""
            if data:
                converted[document] = data
            else:
                missing.append(document)
        if missing:
            # LibreOffice says "Error: source file could not be loaded" yet exits with 0.
            raise ConversionFailed("LibreOffice", missing, _complaint(output, errors) or "no output file",
                                   converted=converted)
        return converted


def write_pngs(pdf: Path, folder: Path, first: int, last: int | None) -> list[Path]:
    """Writes pages `first`..`last` (None: to the end) of `pdf` as PNG images into `folder`.

    The images are `<pdf stem>-<page>.png`, grey, at 100 dpi; returns their paths in page order.
    With every page asked for, images of pages the PDF no longer has are removed.
    Raises `ToolMissing` without poppler-utils, `NoSuchPage` for a page the PDF lacks.
    """
    pdftoppm = _poppler("pdftoppm")
    pages = page_count(pdf)
    last = pages if last is None else last
    for page in (first, last):
        if not 1 <= page <= pages:
            raise NoSuchPage(page, pages)
    with tempfile.TemporaryDirectory(prefix="kehoach-preview-") as work:
        # Grey: the decree's documents are black on white (nd30-format §2), and a grey image is
        # a third of an RGB one. pdftoppm writes grey only as PGM (its -png ignores -gray in some
        # poppler versions), so the PNG is made here.
        _run("pdftoppm", [pdftoppm, "-gray", "-r", str(PREVIEW_DPI), "-f", str(first), "-l", str(last),
                          str(pdf), str(Path(work) / "page")], [pdf], START_SECONDS)
        # pdftoppm pads the page number to the width of the page count ("page-01.pgm").
        images = {int(match.group(1)): image for image in Path(work).iterdir()
                  if (match := re.fullmatch(r"page-(\d+)\.pgm", image.name))}
        if sorted(images) != list(range(first, last + 1)):
            raise ConversionFailed("pdftoppm", [pdf], "no output file")
        written = [write_files(folder, {PurePosixPath(f"{pdf.stem}-{page}.png"): _png(image.read_bytes())})[0]
                   for page, image in sorted(images.items())]
    if (first, last) == (1, pages):
        for stale in folder.glob(f"{pdf.stem}-*.png"):
            if (match := re.fullmatch(rf"{re.escape(pdf.stem)}-(\d+)\.png", stale.name)) \
                    and int(match.group(1)) > pages:
                stale.unlink()
    return written


def page_count(pdf: Path) -> int:
    """Returns the number of pages of `pdf`, as poppler's pdfinfo reads it."""
    output, _ = _run("pdfinfo", [_poppler("pdfinfo"), str(pdf)], [pdf], START_SECONDS)
    match = re.search(r"^Pages:\s+(\d+)", output, re.M)
    if match is None:
        raise ConversionFailed("pdfinfo", [pdf], "no page count")
    return int(match.group(1))


def page_texts(pdf: Path) -> list[str]:
    """Returns the text of each page of `pdf`, as poppler's pdftotext reads it."""
    output, _ = _run("pdftotext", [_poppler("pdftotext"), str(pdf), "-"], [pdf], START_SECONDS)
    return output.split("\f")


def _png(pgm: bytes) -> bytes:
    """Returns the 8-bit grey PNG of `pgm`, a binary PGM image of 8-bit pixels."""
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", pgm)
    if header is None:
        raise ConversionFailed("pdftoppm", [], "not a PGM image")
    width, height = int(header.group(1)), int(header.group(2))
    pixels = memoryview(pgm)[header.end():]
    # Each row starts with its filter type, 0 (none): text pages compress well enough so.
    rows = b"".join(b"\0" + pixels[row * width:(row + 1) * width] for row in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return b"".join((b"\x89PNG\r\n\x1a\n",
                     chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)),
                     chunk(b"IDAT", zlib.compress(rows, 9)), chunk(b"IEND", b"")))


def _poppler(program: str) -> str:
    if found := shutil.which(program):
        return found
    raise ToolMissing("poppler")


def _run(program: str, command: list[str], files: Sequence[Path], timeout: float,
         environment: dict[str, str] | None = None) -> tuple[str, str]:
    """Runs `command` and returns its standard output and error; on a time-out, ends it and all it started.

    LibreOffice's `soffice` is a launcher that starts `soffice.bin`; killing only the launcher
    would leave the real one running, so the whole process group (Windows: tree) is ended.
    """
    posix = os.name == "posix"
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=environment, start_new_session=posix,
        creationflags=0 if posix else subprocess.CREATE_NEW_PROCESS_GROUP)  # type: ignore[attr-defined]
    _running.add(process)
    try:
        output, errors = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_tree(process)
        process.communicate()
        raise ConversionFailed(program, files, f"no result after {timeout:.0f} s", timed_out=True) from None
    except BaseException:  # stopped: LibreOffice must not outlive kehoach, nor keep its profile busy
        kill_tree(process)
        process.communicate()
        raise
    finally:
        _running.discard(process)
    output_text, error_text = (stream.decode(errors="replace") for stream in (output, errors))
    if process.returncode != 0:
        raise ConversionFailed(program, files, _complaint(output_text, error_text)
                               or f"exit status {process.returncode}")
    return output_text, error_text


# The programs running now, from any thread: a stop ends them all (`_kill_running`).
_running: set[subprocess.Popen[bytes]] = set()


def _kill_running() -> None:
    for process in list(_running):
        kill_tree(process)


def kill_tree(process: subprocess.Popen[bytes]) -> None:
    """Ends `process` and everything it started (LibreOffice's launcher and its soffice.bin)."""
    if os.name == "posix":
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    else:
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        process.kill()


def _complaint(*streams: str) -> str:
    """Returns the last line of `streams` that reports an error, else their last line; LibreOffice's
    harmless "Warning: failed to launch javaldx" (no Java, which converting does not need) is no
    complaint."""
    lines = [line.strip() for stream in streams for line in stream.splitlines()
             if line.strip() and "javaldx" not in line]
    return ([line for line in lines if "error" in line.lower()] or lines or [""])[-1]
