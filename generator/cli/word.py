"""The commands that read Word documents made elsewhere: `check` (a .docx against Decree 30)
and `import` (a plan typed in Word into a plan file). The `kehoach` group (`cli.main`) imports this
module only when one of them is asked for; like `cli.main`, they print and set the exit status.

Exit codes: `check` 0 clean, 1 departures found, 2 a file that cannot be read; `import` 0
written, 1 refused or failed; 2 usage (click's own).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import messages
from ..messages import N_
from .console import echo, state

if TYPE_CHECKING:
    from ..readers.docx_check import Checked, Departure

# --- kehoach check --------------------------------------------------------------------------

KINDS = {
    "plan": N_("a plan (kế hoạch)"),
    "report": N_("a report (báo cáo)"),
    "letter": N_("an official letter (công văn)"),
    "other": N_("a document"),
}

# The elements a departure concerns (style.ROLES names), as the clerk calls them.
ELEMENTS = {
    "": "",
    "parent": N_("the parent body's name"),
    "issuer": N_("the issuing body's name"),
    "national": N_("the national name"),
    "motto": N_("the motto"),
    "number": N_("the Số line"),
    "place_date": N_("the place and date"),
    "excerpt": N_("the V/v line"),
    "kind": N_("the document's type (tên loại)"),
    "summary": N_("the summary (trích yếu)"),
    "body": N_("the text"),
    "recipients_label": N_("the Nơi nhận label"),
    "recipient": N_("the Nơi nhận list"),
    "authority": N_("the signer's authority and title"),
    "signer": N_("the signer's name"),
}

DEPARTURES = {
    "page.size": N_("the page is {found} mm; Decree 30 wants A4 paper, {expected} mm"),
    "page.margin": N_("the {element} margin is {found} mm; Decree 30 wants {expected} mm"),
    "font.name": N_("the font is {found}; Decree 30 wants {expected} throughout"),
    "font.color": N_("text coloured {found}; Decree 30 wants black text"),
    "font.size": N_("{element} is {found} pt; Decree 30 wants {expected} pt"),
    "font.bold": N_("{element} is not bold; Decree 30 prints it bold"),
    "font.not_bold": N_("{element} is bold; Decree 30 prints it regular"),
    "font.italic": N_("{element} is not italic; Decree 30 prints it italic"),
    "font.not_italic": N_("{element} is italic; Decree 30 prints it upright"),
    "para.align": N_("{element} is aligned {found}; Decree 30 wants it {expected}"),
    "header.national_missing": N_("no national name: the header starts with “CỘNG HÒA XÃ HỘI CHỦ NGHĨA "
                                  "VIỆT NAM” in the right column"),
    "header.motto_missing": N_("no motto under the national name: write “Độc lập - Tự do - Hạnh phúc”"),
    "header.text": N_("{element} reads differently from Decree 30: write “{expected}”"),
    "header.rule": N_("no line under {element}: Decree 30 draws a short solid line under it"),
    "header.issuer_missing": N_("no issuing body above the Số line: write its name in capitals, bold"),
    "header.case": N_("{element} is not in capitals: Decree 30 prints it in upper case"),
    "number.form": N_("the Số line reads “{found}”; write it as “{expected}” (a number below 10 with "
                      "a zero; blank until signing)"),
    "date.form": N_("the date reads “{found}”; write it as “{expected}”"),
    "date.day": N_("the day is written “{found}”; write it as “{expected}” (a day below 10 with a zero)"),
    "date.month": N_("the month is written “{found}”; write it as “{expected}” (only January and "
                     "February take a zero)"),
    "title.case": N_("{element} is not in capitals: Decree 30 prints it in upper case"),
    "title.summary_missing": N_("no summary (trích yếu) under the document's type"),
    "title.full_stop": N_("{element} ends with a full stop: Decree 30 writes it without one"),
    "body.align": N_("the paragraph is aligned {found}; Decree 30 wants the text justified"),
    "body.indent": N_("the first line is indented {found} cm; Decree 30 wants {expected} cm"),
    "body.spacing": N_("{found} pt between paragraphs; Decree 30 wants at least {expected} pt"),
    "body.line": N_("line spacing {found}; Decree 30 wants {expected} lines"),
    "points.letter": N_("point {found} where {expected} comes next: points are lettered a) b) c) d) đ) "
                        "e) g) h) …, without f, j, w, z"),
    "closing.missing": N_("no “Nơi nhận:” list at the end: Decree 30 lists where the document goes"),
    "closing.label": N_("the label reads “{found}”; write “{expected}”"),
    "closing.item": N_("a Nơi nhận line starts with “- ” and ends with “{expected}”"),
    "closing.archive_missing": N_("no “- Lưu: VT, …” line at the end of the Nơi nhận list"),
    "closing.archive_vt": N_("the Lưu line does not name VT (Văn thư) first"),
    "signature.missing": N_("no signature block: the authority in capitals, room to sign, then the "
                            "signer's name"),
    "signature.room": N_("{found} mm left to sign and seal; Decree 30 wants at least {expected} mm"),
}


@click.command("check")
@click.argument("documents", nargs=-1, required=True, metavar="FILE.docx...",
                type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              help="text (FILE:¶PARAGRAPH: message) or json.")
@click.option("--pages", is_flag=True,
              help="Also the page of each departure, as LibreOffice lays the document out (slower) / "
                   "kèm số trang (cần LibreOffice).")
def check(documents: tuple[Path, ...], output_format: str, pages: bool) -> None:
    """Kiểm tra thể thức / check Word documents against Decree 30's format.

    Says what each document is (a plan, a report, a công văn) and reports each departure from
    the format: page and margins, fonts and sizes, the header and its lines, the Số and date
    forms, type and summary, the body's alignment, indent and spacing, the lettering of points,
    the Nơi nhận list and the signature block. Each is located by its paragraph (¶N, counted
    from the start, tables included; ¶0 is the page setup), with its text; with --pages, also
    by its page as LibreOffice lays the document out.

    Exits 0 when every document is clean, 1 when any departs from the format, 2 when a file
    cannot be read.

    \b
    Ví dụ / example:
      kehoach check ke-hoach-2024.docx
      kehoach check --format json output/xuan-phuc-2023/*.docx
    """
    from ..readers.docx_check import check as check_document, with_pages
    from ..readers.docx_text import NotADocument
    from ..writers.pdf import ConversionFailed, ToolMissing
    from .year import not_read

    _ = messages.translator(state["lang"]).gettext
    results: list[tuple[Path, Checked]] = []
    unreadable = False
    for document in documents:
        try:
            checked = check_document(document)
        except NotADocument as wrong:
            echo(not_read(wrong), err=True)
            unreadable = True
            continue
        if pages and checked.departures:
            try:
                checked = with_pages(document, checked)
            except (ToolMissing, ConversionFailed):
                echo(_("warning: the pages of {file} are not given: LibreOffice is needed to lay it "
                       "out").format(file=document), err=True)
        results.append((document, checked))
    if output_format == "json":
        echo(json.dumps([_json(path, checked, _) for path, checked in results], ensure_ascii=False, indent=2))
    else:
        for path, checked in results:
            _print_checked(path, checked, _)
    if unreadable:
        sys.exit(2)
    sys.exit(1 if any(checked.departures for _path, checked in results) else 0)


def departure_message(departure: Departure, _: Callable[[str], str]) -> str:
    """Returns what `check` says of `departure`, in the language of `_`."""
    words = SIDES_AND_ALIGNMENTS
    element = _(words[departure.element]) if departure.code == "page.margin" else _(ELEMENTS[departure.element])
    found, expected = departure.found, departure.expected
    if departure.code.endswith(".align"):
        found, expected = _(words[found]), _(words[expected])
    return _(DEPARTURES[departure.code]).format(element=element or _("the paragraph"), found=found,
                                                expected=expected)


# A margin's side (the element of a page.margin departure) and an alignment (found, expected).
SIDES_AND_ALIGNMENTS = {"top": N_("top"), "bottom": N_("bottom"), "left": N_("left"),
                        "right": N_("right"), "center": N_("centred"), "justify": N_("justified")}


def _print_checked(path: Path, checked: Checked, _: Callable[[str], str]) -> None:
    ngettext = messages.translator(state["lang"]).ngettext
    what = _(KINDS[checked.kind])
    if not checked.departures:
        echo(_("{file}: {what}, following Decree 30's format").format(file=path, what=what))
        return
    count = len(checked.departures)
    echo(ngettext("{file}: {what}, {count} departure from Decree 30's format",
                  "{file}: {what}, {count} departures from Decree 30's format", count).format(
        file=path, what=what, count=count))
    for departure in checked.departures:
        quoted = f": “{_shorten(departure.text)}”" if departure.text else ""
        page = " (" + _("page {page}").format(page=departure.page) + ")" if departure.page else ""
        echo(f"{path}:¶{departure.paragraph}{page}: {departure_message(departure, _)}{quoted}")


def _json(path: Path, checked: Checked, _: Callable[[str], str]) -> dict[str, object]:
    return {"file": str(path), "kind": checked.kind, "title": checked.title,
            "departures": [{"code": departure.code, "paragraph": departure.paragraph, "page": departure.page,
                            "text": departure.text, "message": departure_message(departure, _)}
                           for departure in checked.departures]}


def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())  # a header's tabs, as spaces
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


# --- kehoach import -------------------------------------------------------------------------

@click.command("import")
@click.argument("source", metavar="FILE.docx|FILE.doc", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Plan file to write / tệp kế hoạch cần ghi, e.g. plans/xuan-phuc-2024.yaml.")
@click.option("--force", is_flag=True, help="Overwrite an existing file / ghi đè tệp đã có.")
def import_plan(source: Path, output: Path, force: bool) -> None:
    """Nhập kế hoạch từ Word / read a plan made in Word into a plan file.

    Reads the header, type and summary, the basis (into its fields where kehoach prints it back
    word for word), the intro, parts, sections, items and points by their markers (typed or
    Word's automatic numbering), sentences of targets into indicators and the units of "Tổ chức
    thực hiện" with their duties (each where kehoach prints them back as they read), tables,
    Nơi nhận, Lưu, the signature and the appendices. A .doc is read through LibreOffice. What is uncertain gets a `# kiểm tra:` comment quoting the
    paragraph it comes from. Never overwrites a file without --force.

    Exits 0 when the plan file is written, 1 when the document cannot be read as a plan, the
    file exists without --force, or LibreOffice is missing for a .doc; 2 usage.

    \b
    Ví dụ / example:
      kehoach import ke-hoach-2024.docx -o plans/xuan-phuc-2024.yaml
      kehoach validate plans/xuan-phuc-2024.yaml
    """
    from ..readers.docx_text import NotADocument
    from ..readers.import_plan import NotAPlan, import_plan as read_plan
    from ..save import FileExists, write_new_file
    from ..writers.pdf import ConversionFailed, ToolMissing
    from ..writers.plan_file import plan_text
    from .repo_init import schema_line
    from .year import not_read

    _ = messages.translator(state["lang"]).gettext
    if output.exists() and not force:  # before the (maybe slow) reading
        echo(_("kehoach: {file} exists; add --force to overwrite it.").format(file=output), err=True)
        sys.exit(1)
    try:
        imported = read_plan(source)
    except NotADocument as wrong:
        echo(not_read(wrong), err=True)
        sys.exit(1)
    except NotAPlan:
        echo(_("kehoach: {file} is not a plan kehoach can read: no type line (KẾ HOẠCH, BÁO CÁO …) "
               "with a date line above it was found.").format(file=source), err=True)
        sys.exit(1)
    except ToolMissing:
        echo(_("kehoach: reading a .doc needs LibreOffice: install it, or save {file} as .docx in "
               "Word.").format(file=source), err=True)
        sys.exit(1)
    except ConversionFailed as failed:
        echo(_("kehoach: LibreOffice could not read {file}: {reason}").format(
            file=source, reason=failed.detail), err=True)
        sys.exit(1)
    text = plan_text(imported.data, imported.notes, schema_line(output))
    try:
        write_new_file(output, text.encode("utf-8"), overwrite=force)
    except FileExists:
        echo(_("kehoach: {file} exists; add --force to overwrite it.").format(file=output), err=True)
        sys.exit(1)
    except OSError as error:
        echo(_("kehoach: cannot write in {folder}: {reason}").format(
            folder=error.filename or output.parent, reason=error.strerror or error), err=True)
        sys.exit(1)
    echo(_("Wrote {file}: {count} place(s) to check (# kiểm tra). Then run: kehoach validate {file}")
         .format(file=output, count=len(imported.notes)))
