"""The `kehoach` command. With `year` and `word` (the commands imported when one is asked
for) and `console` (what they all print through), the only modules that print or set the exit status.

Exit codes: 0 all good; 1 a plan has errors (or warnings under --strict), a build failed,
or an internal error; 2 a usage error (click's own).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import click

from .. import __version__, messages
from ..errors import KehoachError, Problem
from .console import echo, echo_all, echo_problems, state

if TYPE_CHECKING:
    from ..batch import Outcome

PLAN_ARGUMENT = click.argument("plans", nargs=-1, required=True, metavar="PLAN...",
                               type=click.Path(path_type=Path, dir_okay=False))
OUTPUT_OPTION = click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False),
                             default=Path("output"), show_default=True,
                             help="Folder to write into; each plan gets OUTPUT/<plan-file-stem>/.")
TEMPLATES_OPTION = click.option("--templates", type=click.Path(path_type=Path, file_okay=False, exists=True),
                                help="Folder of templates that replace the built-in ones of the same name.")


class _Commands(click.Group):
    """The `kehoach` group. `init`, `new`, `diff`, `text` and `upgrade` (generator/cli/year.py), `check` and
    `import` (generator/cli/word.py) are imported only when one of them runs or the commands are
    listed, as click's documentation shows for lazy subcommands: `validate` and `build` start 4 ms sooner (performance issue)."""

    _YEAR = ("init", "new", "diff", "text", "upgrade")
    _DOCX = {"check": "check", "import": "import_plan"}  # generator/cli/word.py: command → function

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self._YEAR, *self._DOCX])

    def main(self, args: Sequence[str] | None = None, *rest: Any, **options: Any) -> Any:
        """Runs the group, click's own messages worded in the language asked for (issue 17)."""
        from .language import requested_language, speak

        args = sys.argv[1:] if args is None else args
        speak(requested_language(args), args)
        return super().main(args, *rest, **options)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self._YEAR:
            from . import year

            return getattr(year, cmd_name)
        if cmd_name in self._DOCX:
            from . import word

            return getattr(word, self._DOCX[cmd_name], None)
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kehoach")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Ngôn ngữ thông báo / message language (default: vi, or en from the locale).")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
def cli(lang: str | None, debug: bool) -> None:
    """kehoach: kế hoạch của UBND xã, từ YAML ra văn bản Word theo Nghị định 30/2020/NĐ-CP.

    Plans of Vietnamese commune governments, from YAML to Decree 30 Word documents.

    \b
    Ví dụ / example:
      kehoach validate plans/xuan-phuc-2023.yaml
      kehoach build plans/xuan-phuc-2023.yaml
    """
    state["debug"] = debug
    state["lang"] = messages.choose_language(lang)


@cli.command()
@PLAN_ARGUMENT
@click.option("--strict", is_flag=True, help="Warnings fail too / cảnh báo cũng tính là lỗi.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              help="text (FILE:LINE:COLUMN: message) or json.")
def validate(plans: tuple[Path, ...], strict: bool, output_format: str) -> None:
    """Kiểm tra kế hoạch / check plans: schema, figures, references, dates.

    Exits 0 when every plan is valid, 1 when any has an error (or a warning with --strict).

    \b
    Ví dụ / example:
      kehoach validate plans/xuan-phuc-2023.yaml
      kehoach --lang en validate --format json plans/*.yaml
    """
    from ..plan.read import check_plan

    lang = state["lang"]
    problems: list[Problem] = []
    for path in plans:
        problems += check_plan(path).problems
    problems.sort(key=lambda problem: problem.sort_key)
    if output_format == "json":
        echo(messages.problems_json(problems, lang))
    else:
        echo_problems(problems, lang)
    failing = {"error", "warning"} if strict else {"error"}
    if any(problem.severity in failing for problem in problems):
        sys.exit(1)


@cli.command()
@PLAN_ARGUMENT
@OUTPUT_OPTION
@TEMPLATES_OPTION
@click.option("--pdf", is_flag=True,
              help="Also write a PDF beside each .docx (needs LibreOffice) / kèm bản PDF.")
@click.option("--unit", "units", multiple=True, metavar="ID",
              help="Only this unit's letter and task sheet, not the plan (repeatable; ids: "
                   "`kehoach units PLAN`) / chỉ văn bản của đơn vị này.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True, metavar="N",
              help="Build N plans at a time, in N processes (0: one per CPU) / số tiến trình.")
def build(plans: tuple[Path, ...], output: Path, templates: Path | None, pdf: bool,
          units: tuple[str, ...], jobs: int) -> None:
    """Tạo văn bản / build the documents of plans.

    Writes OUTPUT/<plan>/ke-hoach.docx, and for each unit of the plan its assignment letter
    giao-nhiem-vu/<unit-id>.docx and task sheet phieu-nhiem-vu/<unit-id>.docx. With --unit,
    only the letters and sheets of the units named, to send them again: ke-hoach.docx, which
    may have been signed and numbered since, is left as it is. An unknown id is a usage error
    that lists the plan's ids. Validates each plan first; a plan with errors writes nothing and
    the others still build. A task sheet that will print on more than one page is a warning. With --pdf, LibreOffice then converts every .docx written, in one run
    (one per process with --jobs). Paths are printed in the plans' order, whatever --jobs; a
    summary (plans, documents, seconds, plans not built) ends the run, on standard error, with
    a progress bar before it when standard error is a terminal.

    \b
    Ví dụ / example:
      kehoach build plans/xuan-phuc-2023.yaml
      kehoach build plans/xuan-phuc-2023.yaml --unit cac-thon --unit tu-phap
      kehoach build plans/*.yaml -o output --templates my-templates --pdf --jobs 0
    """
    import time
    from contextlib import closing

    from ..batch import build_all, worker_count
    from ..stopping import Stopped, check as check_stop, stoppable

    lang = state["lang"]
    _check_collisions(plans, output, lang)
    started = time.perf_counter()
    failed: list[Path] = []
    documents: list[Path] = []
    usage = False  # a plan lacks a unit of --unit: a usage error, told once every plan is done
    summarised = False  # a stop after the summary changes nothing: the build is whole
    try:
        with stoppable():
            with _Progress(len(plans), lang) as progress:
                with closing(build_all(plans, output, templates, units or None, jobs)) as outcomes:
                    for outcome in outcomes:
                        progress.clear()
                        written = _report(outcome, lang)
                        usage = usage or outcome.unknown_units is not None
                        if written is None:
                            failed.append(outcome.plan)
                        else:
                            echo_all(written)
                            documents += written
                        progress.advance()
                        check_stop()  # a stop lost in a finalizer comes out here
                runs = worker_count(jobs, len(plans))
                converted = not pdf or _office(lambda office: echo_all(office.write_pdfs(documents, runs)),
                                               lang)
                check_stop()
            echo(_summary(len(plans), len(documents), time.perf_counter() - started, failed, lang), err=True)
            summarised = True
    except Stopped as stopped:
        if not summarised:
            echo(_summary(len(plans), len(documents), time.perf_counter() - started, failed, lang,
                          stopped=True), err=True)
            sys.exit(stopped.exit_code)
    if usage:
        sys.exit(2)
    if failed or not converted:
        sys.exit(1)


def _check_collisions(plans: tuple[Path, ...], output: Path, lang: str) -> None:
    """Raises a usage error, before anything is written, when two plan files would write into
    one folder (the same file stem; compared as a Windows or macOS disk compares names)."""
    import unicodedata

    folders: dict[str, Path] = {}
    for plan in plans:
        key = unicodedata.normalize("NFC", plan.stem).casefold()
        other = folders.setdefault(key, plan)
        if other != plan and not _same_file(other, plan):
            _ = messages.translator(lang).gettext
            raise click.UsageError(_("{first} and {second} would both write into {folder}: rename "
                                     "one of the plan files, or build them into different folders "
                                     "(-o).").format(first=other, second=plan, folder=output / plan.stem))


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.samefile(second)
    except OSError:
        return False


@cli.command()
@click.argument("plan", metavar="PLAN", type=click.Path(path_type=Path, dir_okay=False))
@OUTPUT_OPTION
@TEMPLATES_OPTION
@click.option("--pdf", is_flag=True,
              help="Also write a PDF beside the .docx (needs LibreOffice) / kèm bản PDF.")
def report(plan: Path, output: Path, templates: Path | None, pdf: bool) -> None:
    """Báo cáo kết quả / the year-end report of a plan.

    Writes OUTPUT/<plan>/bao-cao.docx, the Báo cáo kết quả thực hiện Kế hoạch: each target
    against its actual result, by village, the units' duties with their status, the funding
    planned against spent, and the words of `results`. A result not recorded yet is a warning,
    and the report prints «chưa có số liệu» in its place. A plan with errors writes nothing.

    \b
    Ví dụ / example:
      kehoach report plans/xuan-phuc-2023-ket-qua.yaml
      kehoach report plans/xuan-phuc-2023-ket-qua.yaml --pdf
    """
    from ..batch import build_one

    lang = state["lang"]
    written = _report(build_one(plan, output, templates, report=True), lang)
    if written is None:
        sys.exit(1)
    echo_all(written)
    if pdf and not _office(lambda office: echo_all(office.write_pdfs(written, 1)), lang):
        sys.exit(1)


def _summary(plans: int, documents: int, seconds: float, failed: list[Path], lang: str,
             stopped: bool = False) -> str:
    """Returns the last line of a build: how many plans and documents, how long, which failed,
    and whether it was `stopped` (SIGINT, SIGTERM) before the end."""
    _ = messages.translator(lang).gettext
    shown = f"{seconds:.2f}".replace(".", "," if lang == "vi" else ".")
    line = _("Plans: {plans}, documents: {documents}, time: {seconds} s.").format(
        plans=plans, documents=documents, seconds=shown)
    if failed:
        line += " " + _("Not built ({failed}): {files}.").format(
            failed=len(failed), files=", ".join(map(str, failed)))
    if stopped:
        line += " " + _("Stopped before the end: each plan folder holds all its old documents "
                        "or all its new ones.")
    return line


class _Progress:
    """A progress bar of plans on standard error, only when it is a terminal; `clear` wipes it
    before other lines are printed, the next `advance` draws it again."""

    def __init__(self, total: int, lang: str) -> None:
        shown = total > 1 and sys.stderr.isatty()
        label = messages.translator(lang).gettext("Building")
        self.bar = click.progressbar(length=total, label=label, file=sys.stderr) if shown else None

    def __enter__(self) -> _Progress:
        if self.bar is not None:
            self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)

    def clear(self) -> None:
        if self.bar is not None:
            click.echo("\r\x1b[2K", nl=False, err=True)

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.update(1)


@cli.command()
@click.argument("plan", metavar="PLAN", type=click.Path(path_type=Path, dir_okay=False))
@OUTPUT_OPTION
@TEMPLATES_OPTION
@click.option("--page", type=click.IntRange(min=1), default=None, metavar="N",
              help="Page to show (default 1) / trang cần xem.")
@click.option("--all", "all_pages", is_flag=True, help="Every page / tất cả các trang.")
def preview(plan: Path, output: Path, templates: Path | None, page: int | None, all_pages: bool) -> None:
    """Xem trước / page images of a plan (PNG), without an office suite.

    Builds the plan as `build` does, converts ke-hoach.docx (a standalone letter's
    cong-van.docx) to PDF with LibreOffice, writes
    pages as PNG images (100 dpi, pdftoppm) into OUTPUT/<plan-file-stem>/preview/ and prints
    their paths.

    \b
    Ví dụ / example:
      kehoach preview plans/xuan-phuc-2023.yaml
      kehoach preview plans/xuan-phuc-2023.yaml --page 2
      kehoach preview plans/xuan-phuc-2023.yaml --all
    """
    from ..build import PLAN_DOCUMENT
    from ..plan.standalone import LETTER_DOCUMENT

    lang = state["lang"]
    if page is not None and all_pages:
        raise click.UsageError(messages.translator(lang).gettext("--page and --all cannot be used together."))
    written = _build_one(plan, output, templates, lang)
    document = next((target for target in written or () if target.name in (PLAN_DOCUMENT, LETTER_DOCUMENT)), None)
    if document is None:
        sys.exit(1)
    first, last = (1, None) if all_pages else (page or 1, page or 1)

    def images(office: ModuleType) -> None:
        (pdf,) = office.write_pdfs([document])
        echo_all(office.write_pngs(pdf, document.parent / "preview", first, last))

    if not _office(images, lang):
        sys.exit(1)


@cli.command()
@click.argument("folder", metavar="DIR", default=Path("."),
                type=click.Path(path_type=Path, file_okay=False, exists=True))
@OUTPUT_OPTION
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Port on 127.0.0.1 (0: any free port) / cổng.")
@click.option("--no-browser", is_flag=True, help="Do not open the browser / không mở trình duyệt.")
@click.option("--lang", "page_lang", type=click.Choice(messages.LANGUAGES), default=None,
              help="Language of the page and its messages (as `kehoach --lang`) / ngôn ngữ.")
def serve(folder: Path, output: Path, port: int, no_browser: bool, page_lang: str | None) -> None:
    """Soạn trong trình duyệt / edit the plans of DIR/plans in the browser, with a live preview.

    Listens on 127.0.0.1 only and prints the address to open, with a secret token for this
    run; the documents built go to DIR/OUTPUT as `build` writes them. Ctrl+C stops it.

    \b
    Ví dụ / example:
      kehoach serve
      kehoach serve ~/ke-hoach --port 8765 --no-browser --lang en
    """
    from .serve import run

    lang = page_lang or state["lang"]
    try:
        run(folder, output, lang, port, not no_browser, echo)
    except OSError as error:
        _ = messages.translator(lang).gettext
        echo(_("kehoach: cannot listen on port {port}: {reason}").format(port=port, reason=error.strerror),
             err=True)
        sys.exit(1)


@cli.command()
@click.argument("plan", metavar="PLAN", type=click.Path(path_type=Path, dir_okay=False))
def units(plan: Path) -> None:
    """Liệt kê đơn vị / list the units of a plan: id, name, number of duties.

    One line per unit, in the plan's order: the id (what `build --unit` takes), the name, and
    how many duties its letter and task sheet hold (those it leads and those it supports),
    and a note for a unit that gets no letter (`letter: false`). Exits 1, printing the problems, when the plan has errors.

    \b
    Ví dụ / example:
      kehoach units plans/xuan-phuc-2023.yaml
      kehoach build plans/xuan-phuc-2023.yaml --unit cac-thon
    """
    from ..plan.read import check_plan

    lang = state["lang"]
    _, ngettext = messages.translator(lang)
    checked = check_plan(plan, needs_plan="units")
    echo_problems(checked.problems, lang)
    if checked.plan is None:
        sys.exit(1)
    shares = [checked.plan.unit_duties(unit.id) for unit in checked.plan.units]
    id_width = max((len(share.unit.id) for share in shares), default=0)
    name_width = max((len(share.unit.name) for share in shares), default=0)
    for share in shares:
        count = ngettext("{count} duty", "{count} duties", share.count).format(count=share.count)
        note = "" if share.unit.letter else "  " + _("(no letter or task sheet)")
        echo(f"{share.unit.id:<{id_width}}  {share.unit.name:<{name_width}}  {count}{note}")


def _build_one(path: Path, output: Path, templates: Path | None, lang: str) -> list[Path] | None:
    """Builds the plan at `path` into `output`, printing its problems; returns the files written,
    or None when the plan has errors (then nothing was written)."""
    from ..batch import build_one

    return _report(build_one(path, output, templates), lang)


def _report(outcome: Outcome, lang: str) -> list[Path] | None:
    """Prints the problems of a plan's build; returns the files written, or None. Raises the
    usage error of an unknown unit."""
    _ = messages.translator(lang).gettext
    if outcome.unknown_units is not None:
        unknown, known, letterless = outcome.unknown_units
        if letterless:
            text = _("{file}: {units}: the plan makes no letter or task sheet for this unit "
                     "(letter: false); the units that have them: {known}.").format(
                file=outcome.plan, units=", ".join(letterless), known=", ".join(known))
        else:
            text = _("{file}: no unit {unknown} in this plan; its units are: {known}.").format(
                file=outcome.plan, unknown=", ".join(unknown), known=", ".join(known))
        echo(_("Error: {message}").format(message=text), err=True)
        return None
    for problem in outcome.problems:
        echo(messages.format_problem(problem, lang), err=True)
    if outcome.crash is not None:
        crash = outcome.crash
        echo(_crash_message(crash.report, lang, str(outcome.plan), crash.stage,
                            crash.document, crash.unit), err=True)
    if outcome.write_error is not None:
        echo(_write_error_message(outcome, lang), err=True)
    if outcome.worker_died:
        echo(_("{file}: the process building this plan was ended by the system (out of memory, "
               "or killed); its folder holds all its old documents or all its new ones: build "
               "it again.").format(file=outcome.plan), err=True)
    return outcome.written


def _write_error_message(outcome: Outcome, lang: str) -> str:
    """Returns what is said when a plan's documents could not be written: where, the system's
    reason, and what the folder holds now."""
    _ = messages.translator(lang).gettext
    failure = outcome.write_error
    assert failure is not None
    reason = messages.os_reason(failure.error, lang)
    where = failure.error.filename or failure.folder
    if failure.rolled_back:
        return _("{file}: the documents could not be written to {folder} ({path}: {reason}); "
                 "none was changed: the files there are as they were.").format(
            file=outcome.plan, folder=failure.folder, path=where, reason=reason)
    return _("{file}: the documents could not be written to {folder} ({path}: {reason}), and "
             "putting the old ones back failed too: these files are new, the others old: {new}. "
             "The next build finishes the job.").format(
        file=outcome.plan, folder=failure.folder, path=where, reason=reason,
        new=", ".join(map(str, failure.new)) or "-")


def _crash_message(report: Path | None, lang: str, file: str | None = None, stage: str = "checking",
                   document: str | None = None, unit: str | None = None) -> str:
    """Returns what the clerk is told of a bug: on which plan (`file`), doing what (`stage`,
    making `document` for `unit`), that nothing of the plan was written, and the crash report
    to send, shown with --debug."""
    _ = messages.translator(lang).gettext
    if file is None:
        text = _("kehoach: internal error.")
    elif stage == "checking":
        text = _("{file}: kehoach failed while checking this plan (an internal error); nothing "
                 "was written.").format(file=file)
    elif stage == "making" and unit is not None:
        text = _("{file}: kehoach failed while making {document}, for «{unit}» (an internal "
                 "error); no file of this plan was written.").format(file=file, document=document, unit=unit)
    elif stage == "making":
        text = _("{file}: kehoach failed while making {document} (an internal error); no file of "
                 "this plan was written.").format(file=file, document=document)
    else:
        text = _("{file}: kehoach failed while building this plan (an internal error).").format(file=file)
    if report is None:
        return text + " " + _("Please report it with the plan file; rerun with --debug to see "
                              "the details.")
    text += " " + _("Please report it, sending the plan file and the crash report {report} "
                    "(--debug shows it here).").format(report=report)
    return text + ("\n" + report.read_text(encoding="utf-8") if state["debug"] else "")


def _office(work: Callable[[ModuleType], None], lang: str) -> bool:
    """Runs `work` with the `pdf` module (LibreOffice, poppler), saying why it failed; returns
    whether it succeeded. `pdf` is imported only here, when a command asks for it."""
    from ..writers import pdf
    from ..writers.pdf import ConversionFailed, NoSuchPage, ToolMissing

    _ = messages.translator(lang).gettext
    try:
        work(pdf)
    except ToolMissing as missing:
        if missing.tool == "libreoffice":
            echo(_("kehoach: LibreOffice is not installed, so no PDF was made (the .docx files "
                   "were written). Install it: {install}").format(install=_LIBREOFFICE_INSTALL), err=True)
        else:
            echo(_("kehoach: pdftoppm (poppler-utils) is not installed, so no image was made. "
                   "Install it: {install}").format(install=_POPPLER_INSTALL), err=True)
        return False
    except OSError as error:
        echo(_os_error_message(error, lang), err=True)
        return False
    except NoSuchPage as wrong:
        echo(_("kehoach: there is no page {page}: the document has {pages} page(s).")
             .format(page=wrong.page, pages=wrong.pages), err=True)
        return False
    except ConversionFailed as failure:
        files = ", ".join(map(str, failure.files))
        if failure.timed_out:
            echo(_("kehoach: {program} took too long and was stopped ({detail}); not converted: "
                   "{files}").format(program=failure.program, detail=failure.detail, files=files),
                 err=True)
        else:
            echo(_("kehoach: {program} could not convert {files}: {detail}")
                 .format(program=failure.program, files=files, detail=failure.detail), err=True)
        return False
    return True


# What to install, by platform (the README's "PDF, preview and fonts" says the same).
_LIBREOFFICE_INSTALL = {
    "win32": "winget install TheDocumentFoundation.LibreOffice (or the installer from libreoffice.org)",
    "darwin": "brew install --cask libreoffice (or the installer from libreoffice.org)",
}.get(sys.platform, "apt-get install libreoffice-writer-nogui fonts-liberation fonts-liberation2 "
                    "(Debian/Ubuntu); see the README for Windows and macOS")
_POPPLER_INSTALL = {
    "win32": "choco install poppler (or the poppler binaries for Windows, on PATH)",
    "darwin": "brew install poppler",
}.get(sys.platform, "apt-get install poppler-utils (Debian/Ubuntu); see the README for Windows and macOS")


def main() -> None:
    """Runs the CLI; no traceback reaches the user unless --debug asks for it: a bug writes a
    crash report and says where it is."""
    try:
        cli.main(prog_name="kehoach")
    except KehoachError as error:
        echo(str(error), err=True)
        sys.exit(error.exit_code)
    except BrokenPipeError:
        _quiet_stdout()
        sys.exit(_BROKEN_PIPE_EXIT)
    except OSError as error:  # the world's errors (a full disk, a read-only folder …), not bugs
        echo(_os_error_message(error, state["lang"]), err=True)
        sys.exit(1)
    except Exception as error:  # noqa: BLE001 - the last line of defence, see the module docstring
        from ..batch import Crash
        from ..crash import write_report
        from ..errors import Crashed

        if isinstance(error, Crashed):  # `validate` or `units` met a bug checking a plan
            assert error.__cause__ is not None
            crash = Crash(error.stage, error.document, error.unit, None)
            report = write_report(error.__cause__, crash.context(error.file))
            echo(_crash_message(report, state["lang"], error.file, crash.stage), err=True)
        else:
            echo(_crash_message(write_report(error, {}), state["lang"]), err=True)
        sys.exit(1)



# The exit status of a command whose output was cut (`kehoach build … | head -1`), as a shell
# reports one killed by SIGPIPE: 128 + 13.
_BROKEN_PIPE_EXIT = 141


def _quiet_stdout() -> None:
    """Points standard output at the null device, so that Python's own flush at exit does not
    complain of the closed pipe again (the Python documentation's advice for SIGPIPE)."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _os_error_message(error: OSError, lang: str) -> str:
    """Returns what the clerk is told when the system refused a file (`error`): which, and why."""
    _ = messages.translator(lang).gettext
    reason = messages.os_reason(error, lang)
    if error.filename is None:
        return _("kehoach: {reason}.").format(reason=reason)
    return _("kehoach: {path}: {reason}.").format(path=error.filename, reason=reason)
