"""The `kehoach` command: the only module that prints or sets the exit status.

Exit codes: 0 all good; 1 a plan has errors (or warnings under --strict), a build failed,
or an internal error; 2 a usage error (click's own).
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from . import __version__, messages
from .errors import KehoachError, Problem, TemplateProblem

_state = {"debug": False, "lang": "vi"}

PLAN_ARGUMENT = click.argument("plans", nargs=-1, required=True, metavar="PLAN...",
                               type=click.Path(path_type=Path, dir_okay=False))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
    _state["debug"] = debug
    _state["lang"] = messages.choose_language(lang)


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
    from .build import check_plan

    lang = _state["lang"]
    problems: list[Problem] = []
    for path in plans:
        problems += check_plan(path).problems
    problems.sort(key=lambda problem: problem.sort_key)
    if output_format == "json":
        _echo(messages.problems_json(problems, lang))
    else:
        for problem in problems:
            _echo(messages.format_problem(problem, lang), err=True)
    failing = {"error", "warning"} if strict else {"error"}
    if any(problem.severity in failing for problem in problems):
        sys.exit(1)


@cli.command()
@PLAN_ARGUMENT
@click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False), default=Path("output"),
              show_default=True, help="Folder to write into; each plan gets OUTPUT/<plan-file-stem>/.")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="Folder of templates that replace the built-in ones of the same name.")
def build(plans: tuple[Path, ...], output: Path, templates: Path | None) -> None:
    """Tạo văn bản / build the documents of plans (ke-hoach.docx).

    Validates each plan first; a plan with errors writes nothing and the others still build.

    \b
    Ví dụ / example:
      kehoach build plans/xuan-phuc-2023.yaml
      kehoach build plans/*.yaml -o output --templates my-templates
    """
    from .build import build_plan
    from .save import UnsafeName, safe_folder, write_files

    lang = _state["lang"]
    _ = messages.translator(lang).gettext
    failed = 0
    for path in plans:
        try:
            folder = safe_folder(output, path.stem)
            built = build_plan(path, templates)
        except TemplateProblem as broken:
            built, problems = None, [broken.problem]
        except UnsafeName as unsafe:
            built, problems = None, [Problem(file=str(path), line=1, column=1,
                                             code="path.unsafe_name", args={"name": unsafe.name})]
        else:
            problems = sorted(built.checked.problems, key=lambda problem: problem.sort_key)
        for problem in problems:
            _echo(messages.format_problem(problem, lang), err=True)
        if built is None or not built.files:
            failed += 1
            continue
        for written in write_files(folder, built.files):
            _echo(str(written))
    if failed:
        _echo(_("{failed} of {total} plan(s) not built.").format(failed=failed, total=len(plans)),
              err=True)
        sys.exit(1)


def _echo(text: str, err: bool = False) -> None:
    """Prints `text`; a console that cannot show Vietnamese gets replacement characters, not a crash."""
    stream = sys.stderr if err else sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    click.echo(text.encode(encoding, errors="replace").decode(encoding), err=err)


def main() -> None:
    """Runs the CLI; no traceback reaches the user unless --debug asks for it."""
    try:
        cli.main(prog_name="kehoach")
    except KehoachError as error:
        _echo(str(error), err=True)
        sys.exit(error.exit_code)
    except Exception:  # noqa: BLE001 - the last line of defence, see the module docstring
        _ = messages.translator(_state["lang"]).gettext
        if _state["debug"]:
            traceback.print_exc()
        _echo(_("kehoach: internal error. Please report it with the plan file; "
                "rerun with --debug to see the details."), err=True)
        sys.exit(1)
