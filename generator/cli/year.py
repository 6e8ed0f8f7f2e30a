"""The commands that follow a plan from year to year and from version to version: `init` (the
plans' repository), `new`, `diff`, `text` and `upgrade` (a plan of an earlier kehoach). The
`kehoach` group (`cli.main`) imports this module only when one of them is asked for; like
`cli.main`, they print and set the exit status, and every sentence they print goes through the
gettext catalogues (Vietnamese by default, English with `--lang en`).

Exit codes: `init`, `new`, `text` and `upgrade` 0 done, 1 refused or failed; `diff` as diff(1):
0 no change, 1 changes, 2 trouble (a plan that cannot be read, an unknown revision); 2 usage.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .. import messages
from ..errors import PlanInvalid
from ..messages import N_
from .console import echo, echo_problems, state

if TYPE_CHECKING:
    from ..readers.docx_text import NotADocument
    from ..year.rollover import NewPlan


# --- kehoach init ---------------------------------------------------------------------------

# What `init` says of each step (repo_init.Step.action); {path} is relative to the folder.
INIT_STEPS = {
    "created": N_("created {path}"),
    "completed": N_("completed {path}: added {detail}"),
    "kept": N_("kept {path} as it was"),
    "kept_differs": N_("kept {path} as it was, but it differs from this kehoach's schema: delete it "
                       "and run kehoach init again to update it"),
    "kept_without_schema": N_("kept {path} as it was, but it does not point plan files at the schema: "
                              "add {detail} to its \"yaml.schemas\""),
    "git_init": N_("made the folder a git repository (git init)"),
    "git_config": N_("git set to show the text of .docx files in git diff (git config {path} \"{detail}\")"),
    "git_config_kept": N_("git already shows the text of .docx files in git diff"),
    "git_config_other": N_("kept git's setting {path} = \"{detail}\" (not \"kehoach text\")"),
}
INIT_TROUBLE = {
    "git_missing": N_("git is not installed: the files were made, but the folder is not a git "
                      "repository and git diff cannot show .docx files. Install git "
                      "(https://git-scm.com), then run kehoach init again."),
    "git_failed": N_("{path} failed: {detail}"),
}


@click.command("init")
@click.argument("folder", metavar="[DIR]", required=False, default=Path("."),
                type=click.Path(path_type=Path, file_okay=False))
def init(folder: Path) -> None:
    """Thư mục kế hoạch / make a folder a repository of plans, ready for git.

    Creates what is missing, never overwriting a file: plans/, a copy of the plan schema in
    schemas/, .gitattributes and .gitignore (missing lines added to existing ones), VS Code
    settings that check plans/*.yaml against the schema, and a short README for the clerk.
    Runs git init when DIR (default: the current folder) is not in a git repository, and sets
    `kehoach text` to show .docx files in git diff. Run it again after cloning the repository.

    \b
    Ví dụ / example:
      kehoach init ke-hoach-xa
      kehoach init
    """
    from .repo_init import init_repository

    _ = messages.translator(state["lang"]).gettext
    try:
        steps = init_repository(folder)
    except OSError as error:
        echo(_("kehoach: cannot write in {folder}: {reason}").format(
            folder=error.filename or folder, reason=messages.os_reason(error, state["lang"])), err=True)
        sys.exit(1)
    for step in steps:
        if step.action in INIT_TROUBLE:
            said = _(INIT_TROUBLE[step.action]).format(path=step.path, detail=step.detail)
            severity = _("error") if step.action == "git_failed" else _("warning")
            echo(f"{severity}: {said}", err=True)
        else:
            echo(_(INIT_STEPS[step.action]).format(path=step.path, detail=step.detail))
    echo(_("The plans' folder {folder} is ready: put a plan in plans/ (or make one with kehoach new), "
           "then run kehoach validate on it.").format(folder=Path.cwd() if folder == Path(".") else folder))
    if any(step.action == "git_failed" for step in steps):
        sys.exit(1)


# --- kehoach new ----------------------------------------------------------------------------

# What `new` says about each change it made (rollover.Note codes), printed as FILE:LINE: …
NOTE_MESSAGES = {
    "rollover.year": N_("plan year {old} → {new}"),
    "rollover.date": N_("date of issue: {old} → {new}; fill in the day and month when the plan is signed"),
    "rollover.number": N_("number {old} emptied: fill it in when the plan is signed"),
    "rollover.letters_issued": N_("numbers and dates of last year's {count} letters removed: record "
                                  "the new ones when the letters are sent"),
    "rollover.results": N_("the year-end report of {old} (its number, date and words) removed: next "
                           "year's is written when next year ends"),
    "rollover.statuses": N_("{unit}: the results of {count} duty(ies) in {old} removed"),
    "rollover.spent": N_("funding: what {count} activity(ies) spent in {old} removed; the amounts are "
                         "kept: revise them for the new year"),
    "rollover.text_year": N_("{old} → {new}: “{context}”"),
    "rollover.year_kept": N_("{kept} kept (not the plan's year): “{context}”; check it"),
    "rollover.baseline_from_actual": N_("{indicator}: baseline = actual result at the end of {year}: "
                                        "{figure}"),
    "rollover.baseline_from_target": N_("{indicator}: no actual result recorded for {year}, so the baseline "
                                        "is last year's target: {figure}. Record the result in {source} "
                                        "({example}) and run kehoach new again with --force, or correct "
                                        "the baseline here"),
    "rollover.target_emptied": N_("{indicator}: target for the end of {year} left empty: fill it in"),
    "rollover.reduction_removed": N_("{indicator}: the stated reduction of {old} removed"),
    "rollover.steps_removed": N_("{indicator}: the ladder's step for {years} removed: the new plan's "
                                 "target for {year} takes its place"),
    "rollover.villages": N_("{indicator}: {count} village(s): baselines from the actual results ({actual}) "
                            "or the targets ({target}), targets for {year} left empty"),
    "rollover.village_households": N_("{indicator}: households of {count} village(s) kept as in {old}: "
                                      "update them"),
    "rollover.basis_review": N_("basis {basis} kept and marked for review (review: true)"),
    "rollover.basis_dated": N_("basis {basis} {date} is from {old}: kept and marked for review "
                               "(review: true); check whether a {year} document replaces it"),
    "rollover.households": N_("households: {count}, as in {old}: update it to the commune's number of "
                              "households now (it checks every rate)"),
}

REFUSALS = {
    "rollover.year_not_after": N_("kehoach: --year {year} must come after the plan's year {old}."),
    "rollover.unreadable": N_("kehoach: the plan could not be read for editing: {detail}"),
    # `new` rolls a yearly plan only: a period or a campaign is not "next year" of itself (issue 14)
    "rollover.period": N_("kehoach: {file} is a plan for the period {term}, not for one year; "
                          "`kehoach new` only starts next year's plan from a yearly one, and "
                          "wrote nothing. To carry the period out year by year, write a yearly "
                          "plan (year: …) that cites this one among its basis documents; for "
                          "the next period, copy this file and change its period and targets."),
    "rollover.campaign": N_("kehoach: {file} is a campaign plan ({term}), not a yearly one; "
                            "`kehoach new` only starts next year's plan from a yearly one, and "
                            "wrote nothing. For another campaign, copy this file and change its "
                            "dates (start and end), deadlines and targets."),
}


@click.command("new")
@click.option("--from", "source", required=True, metavar="PLAN",
              type=click.Path(path_type=Path, dir_okay=False),
              help="Last year's plan / kế hoạch năm trước.")
@click.option("--year", required=True, type=click.IntRange(2000, 2100),
              help="The new plan's year / năm của kế hoạch mới.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="File to write (default: the source's name with the year changed).")
@click.option("--force", is_flag=True, help="Overwrite an existing file / ghi đè tệp đã có.")
def new(source: Path, year: int, output: Path | None, force: bool) -> None:
    """Kế hoạch năm mới / start next year's plan from this year's.

    Copies the plan keeping its comments and layout; changes the plan's year where the text
    means it, takes last year's actual results (or targets, with a warning) as baselines,
    empties the targets, the number, the day and the month, leaves the year's results behind
    (the report's words, the duties' status, the money spent), and marks the basis documents for
    review. Prints every change with its line, then the comments that still name last year
    beside a changed value; `kehoach validate` then lists what is left to fill in. The first
    line points editors at the schema of the plans' folder (`kehoach init`), else at kehoach's.

    \b
    Ví dụ / example:
      kehoach new --from plans/xuan-phuc-2023.yaml --year 2024
      kehoach new --from plans/xuan-phuc-2023.yaml --year 2024 -o plans/xp-2024.yaml --force
    """
    from ..plan.read import check_plan
    from ..save import FileExists, write_new_file
    from ..year.rollover import RolloverRefused, default_output, roll_over
    from .repo_init import schema_line

    lang = state["lang"]
    _ = messages.translator(lang).gettext
    checked = check_plan(source, needs_plan="new")
    if checked.plan is None:
        echo_problems(checked.problems, lang)
        if not any(problem.code == "letter.not_a_plan" for problem in checked.problems):  # nothing to fix
            echo(_("kehoach: {file} has errors; fix them before starting next year's plan.")
                 .format(file=source), err=True)
        sys.exit(1)
    term = checked.plan.term
    if checked.plan.year is None:
        echo(_(REFUSALS[f"rollover.{term.kind}"]).format(file=source, term=term.printed), err=True)
        sys.exit(1)
    text = source.read_bytes().decode("utf-8-sig")
    target = output or default_output(source, checked.plan.year, year)
    first_line = schema_line(target)  # the source's may point elsewhere from the new file's folder
    try:
        rolled = roll_over(text, year, first_line)
    except RolloverRefused as refused:
        echo(_(REFUSALS[refused.code]).format(**refused.args_), err=True)
        sys.exit(1)
    if target.resolve() == source.resolve():
        echo(_("kehoach: the new plan would replace {file}; choose another name with -o.")
             .format(file=source), err=True)
        sys.exit(1)
    try:
        write_new_file(target, rolled.text.encode("utf-8"), overwrite=force)
    except FileExists:
        echo(_("kehoach: {file} exists; add --force to overwrite it.").format(file=target), err=True)
        sys.exit(1)
    except OSError as error:  # a read-only folder, a full disk, a folder of that name …
        echo(_("kehoach: {file} could not be written: {reason}; nothing was changed.").format(
            file=target, reason=messages.os_reason(error, state["lang"])), err=True)
        sys.exit(1)
    _echo_notes(rolled, source, target, _)
    targets = sum(note.code == "rollover.target_emptied" for note in rolled.notes)
    basis = sum(note.code in ("rollover.basis_review", "rollover.basis_dated") for note in rolled.notes)
    if "$schema=file:" in first_line:
        echo(_("The first line of {file} points at the schema of the kehoach installed on this "
               "computer: run kehoach init in the folder that holds the plans to give them a copy "
               "that goes with them.").format(file=target))
    echo(_("Wrote {file}: {targets} target(s) to fill in, {basis} basis document(s) to review. "
           "Check the changes above, then run: kehoach validate {file}")
         .format(file=target, targets=targets, basis=basis))


def _echo_notes(rolled: NewPlan, source: Path, target: Path, _: Any) -> None:
    """Prints each change as `FILE:LINE: …` (a warning marked as `validate` marks one), then,
    once and apart, the clerk's comments that still name last year beside a changed value."""
    for note in rolled.notes:
        said = _(NOTE_MESSAGES[note.code]).format(source=source, **note.args)
        echo(f"{target}:{note.line}: {_('warning')}: {said}" if note.warning else
             f"{target}:{note.line}: {said}")
    if rolled.comments:
        echo(_("These comments still mention {old}, beside values that changed: check that they "
               "still hold.").format(old=rolled.old_year))
        for note in rolled.comments:
            echo(f"{target}:{note.line}: # {note.args['comment']}")


# --- kehoach upgrade ------------------------------------------------------------------------

@click.command("upgrade")
@click.argument("plans", nargs=-1, required=True, metavar="PLAN...",
                type=click.Path(path_type=Path, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Say what would change, write nothing / chỉ báo, không ghi.")
def upgrade(plans: tuple[Path, ...], dry_run: bool) -> None:
    """Nâng định dạng / bring plans written for an earlier kehoach to this one's format.

    Each plan file is rewritten in place, keeping its comments and layout, and every change is
    printed with its line. Today: an id longer than 64 characters (an earlier kehoach allowed
    them) is cut after a whole word, and every place that uses it follows. A plan already in
    this format is left untouched.

    \b
    Ví dụ / example:
      kehoach upgrade plans/*.yaml
      kehoach upgrade --dry-run plans/xuan-phuc-2023.yaml
    """
    from ruamel.yaml.error import YAMLError

    from ..plan.load import load_bytes, read_plan_bytes
    from ..save import write_new_file
    from ..year.upgrade import upgrade as upgraded

    _ = messages.translator(state["lang"]).gettext
    failed = False
    for plan in plans:
        try:
            raw = read_plan_bytes(plan, str(plan))
            load_bytes(raw, str(plan))  # kehoach's own reading first: its messages say what is wrong
            result = upgraded(raw.decode("utf-8-sig"))
        except PlanInvalid as invalid:
            echo_problems(invalid.problems, state["lang"])
            failed = True
            continue
        except YAMLError as error:  # read by kehoach, not by the round trip (YAML 1.2): rare
            echo(_("kehoach: {file} could not be read to rewrite it: {detail}").format(
                file=plan, detail=str(error).splitlines()[0]), err=True)
            failed = True
            continue
        if not result.renamed:
            echo(_("{file}: already in this kehoach's format, left as it is.").format(file=plan))
            continue
        for renamed in result.renamed:
            echo(_("{file}:{line}: the id “{old}” ({length} characters) becomes “{new}”, and so "
                   "does every use of it").format(file=plan, line=renamed.line, old=renamed.old,
                                                   length=len(renamed.old), new=renamed.new))
        if dry_run:
            continue
        try:
            write_new_file(plan, result.text.encode("utf-8"), overwrite=True)
        except OSError as error:
            echo(_("kehoach: {file} could not be written: {reason}; nothing was changed.").format(
                file=plan, reason=messages.os_reason(error, state["lang"])), err=True)
            failed = True
            continue
        if any(renamed.names_files for renamed in result.renamed):
            echo(_("Rewrote {file}; the documents of a unit whose id changed are now named after "
                   "the new id. Check it: kehoach validate {file}").format(file=plan))
        else:
            echo(_("Rewrote {file}. Check it: kehoach validate {file}").format(file=plan))
    if failed:
        sys.exit(1)


# --- kehoach diff ---------------------------------------------------------------------------

# How each kind of change (plan_diff.Change.what) is named; "{name}" and the like come from
# the change's `where`. Every place is named as the documents name it, never by its key in
# the plan file (issue 12).
CHANGE_LABELS = {
    "year": N_("Plan year"),
    "document.kind": N_("Kind of document"),
    "document.number": N_("Number and symbol"),
    "document.date": N_("Place and date"),
    "document.summary": N_("Summary"),
    "issuer": N_("Issuing body"),
    "issuer.text_name": N_("Issuing body's name in sentences"),
    "basis.review": N_("Basis “{basis}”: marked to be checked"),
    "basis.checked": N_("Basis “{basis}”: checked (its mark taken off)"),
    "households": N_("Households (not printed)"),
    "indicator.added": N_("Indicator added"),
    "indicator.removed": N_("Indicator removed"),
    "indicator.name": N_("Indicator “{id}”: name"),
    "indicator.unit": N_("Indicator “{name}”: unit"),
    "indicator.direction": N_("Indicator “{name}”: direction"),
    "indicator.rate": N_("Indicator “{name}”"),
    "indicator.count": N_("Indicator “{name}”"),
    "indicator.actual": N_("Indicator “{name}”: actual result (not printed)"),
    "indicator.actual.to_baseline": N_("Indicator “{name}”: the actual result of {year} ({figure}) "
                                       "became the baseline"),
    "indicator.reduction": N_("Indicator “{name}”: reduction stated to be checked (not printed)"),
    "indicator.milestones": N_("Indicator “{name}”: milestones"),
    "village.added": N_("Indicator “{name}”: village added"),
    "village.removed": N_("Indicator “{name}”: village removed"),
    "village.baseline": N_("Indicator “{name}”, {village}: baseline"),
    "village.target": N_("Indicator “{name}”, {village}: target"),
    "village.actual": N_("Indicator “{name}”, {village}: actual result (not printed)"),
    "village.actual.to_baseline": N_("Indicator “{name}”, {village}: the actual result of {year} "
                                     "({figure}) became the baseline"),
    "unit.added": N_("Unit added"),
    "unit.removed": N_("Unit removed"),
    "unit.renamed": N_("Unit “{unit}”: name"),
    "unit.heading": N_("Unit “{name}”: heading in the plan"),
    "unit.style": N_("Unit “{name}”: layout of its duties in the plan"),
    "unit.requested": N_("Unit “{name}”: asked to take part, not assigned"),
    "unit.letter": N_("Unit “{name}”: gets a letter and a task sheet"),
    "unit.reports_to": N_("Unit “{name}”: reports sent to"),
    "unit.role": N_("Unit “{name}”: role reworded"),
    "duty.added": N_("Unit “{name}”: duty added"),
    "duty.removed": N_("Unit “{name}”: duty removed"),
    "duty.reworded": N_("Unit “{name}”: duty reworded"),
    "duty.deadline": N_("Unit “{name}”: deadline of “{duty}”"),
    "duty.product": N_("Unit “{name}”: product of “{duty}”"),
    "duty.points": N_("Unit “{name}”: points of “{duty}”"),
    "duty.support": N_("Unit “{name}”: supporting units of “{duty}”"),
    "duty.indicators": N_("Unit “{name}”: indicators of “{duty}”"),
    "duty.status": N_("Unit “{name}”: result of “{duty}” (year-end report)"),
    "duty.note": N_("Unit “{name}”: note on the result of “{duty}” (year-end report)"),
    "funding.unit": N_("Funding: unit of the amounts"),
    "funding.in_words": N_("Funding: total also in words (Bằng chữ)"),
    "funding.total": N_("Funding: total"),
    "funding.stated": N_("Funding: total stated to be checked (not printed)"),
    "source.added": N_("Funding: source added"),
    "source.removed": N_("Funding: source removed"),
    "source.renamed": N_("Funding source “{name}”: name"),
    "source.stated": N_("Funding source “{name}”: total stated to be checked (not printed)"),
    "activity.added": N_("Funding: activity added"),
    "activity.removed": N_("Funding: activity removed"),
    "activity.unit": N_("Funding activity “{name}”: unit carrying it out"),
    "activity.amounts": N_("Funding activity “{name}”: amounts by source"),
    "activity.spent": N_("Funding activity “{name}”: money spent (year-end report)"),
    "activity.stated": N_("Funding activity “{name}”: total stated to be checked (not printed)"),
    "funding_block.added": N_("{place}: funding added"),
    "funding_block.removed": N_("{place}: funding removed"),
    "funding_block.changed": N_("{place}: funding printed"),
    "report.number": N_("Year-end report: number"),
    "report.symbol": N_("Year-end report: symbol"),
    "report.date": N_("Year-end report: date"),
    "report.summary": N_("Year-end report: summary"),
    "report.to": N_("Year-end report: sent to (Kính gửi)"),
    "report.recipients": N_("Year-end report: recipients"),
    "report.signer": N_("Year-end report: signer"),
    "other.details": N_("Other details of the plan changed, which the documents do not print"),
    "recipient.added": N_("Recipient added"),
    "recipient.removed": N_("Recipient removed"),
    "recipient.reworded": N_("Recipient reworded"),
    "archive": N_("Archive line"),
    "signer": N_("Signer"),
    "paragraph.added": N_("{place}: paragraph added"),
    "paragraph.removed": N_("{place}: paragraph removed"),
    "paragraph.reworded": N_("{place}: paragraph reworded"),
    "task.lead": N_("{place}: lead unit"),
    "task.support": N_("{place}: supporting units"),
    "item.numbering": N_("{place}: numbering of its items"),
    "table.layout": N_("{place}: table layout changed (column widths, alignment, numbering, totals, "
                        "bold or merged cells)"),
    "indicators.added": N_("{place}: indicator sentence added"),
    "indicators.removed": N_("{place}: indicator sentence removed"),
    "indicators.changed": N_("{place}: indicators in the indicator sentence"),
    "indicator_table.added": N_("{place}: table by village added"),
    "indicator_table.removed": N_("{place}: table by village removed"),
    "indicator_table.changed": N_("{place}: indicator of the table by village"),
    "units.added": N_("{place}: list of units added"),
    "units.removed": N_("{place}: list of units removed"),
    "units.changed": N_("{place}: units listed"),
    "appendix.landscape": N_("Appendix {appendix}: landscape pages"),
    "citations.style": N_("Basis: italic or upright"),
    "assignments.deadline": N_("Duties without a deadline of their own: deadline"),
    "assignments.appendix": N_("Plan: appendix of duties by unit"),
    "letters": N_("Assignment letters: letters to several units"),
    "letter.symbol": N_("Assignment letters: symbol"),
    "letter.summary": N_("Assignment letters: subject line (V/v)"),
    "letter.report_to": N_("Assignment letters: reports sent to"),
    "letter.frequency": N_("Assignment letters: how often to report"),
    "letter.report_by": N_("Assignment letters: reporting deadline"),
    "letter.collector": N_("Assignment letters: unit that collects the reports"),
    "letter.speaker": N_("Assignment letters: who speaks, the body or its Chairman"),
    "letter.issued": N_("Assignment letters: numbers and dates of the letters sent"),
    "letter.opening": N_("Assignment letters: opening sentence"),
    "letter.closing": N_("Assignment letters: closing sentence"),
    "letter.recipient.added": N_("Assignment letters: recipient added"),
    "letter.recipient.removed": N_("Assignment letters: recipient removed"),
    "letter.recipient.reworded": N_("Assignment letters: recipient reworded"),
}

# An indicator's rate or count as its sentence prints it, by direction; the figures that
# changed show as "old → new" (templates/_blocks.xml.j2 `indicator_sentence`,
# _assignments.xml.j2 `target`).
CLAUSES = {
    ("indicator.rate", "decrease"): N_("rate down by {change} (from {baseline}, to {target})"),
    ("indicator.rate", "increase"): N_("rate up by {change} (from {baseline}, to {target})"),
    ("indicator.count", "decrease"): N_("number of {name} down by {change} (from {baseline}, to {target})"),
    ("indicator.count", "increase"): N_("number of {name} up by {change} (from {baseline}, to {target})"),
    # a target without a baseline, before and after: a level to reach, no change
    ("indicator.rate", "level"): N_("rate {target}"),
    ("indicator.count", "level"): N_("number of {name} {target}"),
}

# Changes whose label says it all.
MESSAGE_ONLY = frozenset({"basis.review", "basis.checked", "other.details", "table.layout",
                          "indicator.actual.to_baseline", "village.actual.to_baseline"})

# Figures that are always there (baselines, targets): one left empty is shown as "(empty)".
FIGURES = frozenset({"village.baseline", "village.target"})

# Settings that the templates word when the plan leaves them out (the other defaults are resolved
# in the model, so `diff` shows what the letters print).
DEFAULTED = frozenset({"letter.summary", "citations.style"})

# Values of the plan's fixed choices, as a clerk says them.
VALUE_WORDS = {
    "decrease": N_("decrease"),
    "increase": N_("increase"),
    "bullets": N_("dash bullets"),
    "paragraphs": N_("paragraphs"),
    "letters": N_("lettered a), b), c)"),
    "italic": N_("italic"),
    "upright": N_("upright"),
    "done": N_("done"),
    "in_progress": N_("in progress"),
    "not_done": N_("not done"),
    "table": N_("the total and the table"),
    "total": N_("the total only"),
}

PLACES = {
    "intro": N_("Introduction"),
    "basis": N_("Basis"),
    "body": N_("Section {location}"),
    "body.top": N_("Body"),
    "body.part": N_("Part {part}"),
    "body.part.location": N_("Part {part}, section {location}"),
    "appendix": N_("Appendix {appendix}"),
    "appendix.location": N_("Appendix {appendix}, {location}"),
    "results.achievements": N_("Year-end report, overall assessment"),
    "results.shortcomings": N_("Year-end report, shortcomings"),
    "results.causes": N_("Year-end report, causes"),
    "results.direction": N_("Year-end report, next year's direction"),
    "results.proposals": N_("Year-end report, proposals"),
}

DIFF_TROUBLE = {
    "git_missing": N_("kehoach: git is not installed, so --rev cannot read {file} at {revision}."),
    "not_a_repository": N_("kehoach: {file} is not in a git repository, so --rev cannot be used."),
    "unknown_revision": N_("kehoach: git knows no revision “{revision}”."),
    "not_in_revision": N_("kehoach: {file} does not exist at revision {revision}."),
    "git_failed": N_("kehoach: git could not read {file} at {revision}: {detail}"),
}


@click.command("diff")
@click.argument("plans", nargs=-1, required=True, metavar="OLD NEW | PLAN --rev REV",
                type=click.Path(path_type=Path, dir_okay=False))
@click.option("--rev", "revision", metavar="REV",
              help="Compare PLAN with its version at this git revision (HEAD, HEAD~1, a tag …).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              help="text (one change a line) or json.")
def diff(plans: tuple[Path, ...], revision: str | None, output_format: str) -> None:
    """So sánh hai bản kế hoạch / what changed between two versions of a plan, in plan terms.

    Lists the plan's year, number and date, indicators with their old and new figures, duties
    added, removed or reworded per unit, units, the signer, and every other paragraph changed,
    shown word by word as [-removed-]{+added+}. Exits 0 when nothing changed, 1 when something
    did, 2 when a plan cannot be read.

    \b
    Ví dụ / example:
      kehoach diff plans/xuan-phuc-2023.yaml plans/xuan-phuc-2024.yaml
      kehoach diff plans/xuan-phuc-2024.yaml --rev HEAD
      kehoach --lang en diff plans/xuan-phuc-2024.yaml --rev HEAD~1 --format json
    """
    from ..plan.load import read_plan_bytes
    from ..year.git_version import RevisionUnavailable, file_at_revision
    from ..year.plan_diff import comparable_plan, plan_changes

    lang = state["lang"]
    _ = messages.translator(lang).gettext
    if revision is not None and len(plans) != 1:
        raise click.UsageError(_("With --rev, give one plan: kehoach diff PLAN --rev REV."))
    if revision is None and len(plans) != 2:
        raise click.UsageError(_("Give two plans (kehoach diff OLD NEW), or one with --rev REV."))
    try:
        if revision is not None:
            (path,) = plans
            old_name, new_name = f"{path}@{revision}", str(path)
            old_raw, new_raw = file_at_revision(path, revision), read_plan_bytes(path, new_name)
        else:
            old_name, new_name = (str(path) for path in plans)
            old_raw, new_raw = (read_plan_bytes(path, str(path)) for path in plans)
        old, old_data = comparable_plan(old_raw, old_name)
        new, new_data = comparable_plan(new_raw, new_name)
    except PlanInvalid as invalid:
        echo_problems(invalid.problems, lang)
        sys.exit(2)
    except RevisionUnavailable as missing:
        echo(_(DIFF_TROUBLE[missing.reason]).format(file=missing.path, revision=missing.revision,
                                                     detail=missing.detail), err=True)
        sys.exit(2)
    changes = plan_changes(old, new, old_data, new_data)
    if output_format == "json":
        import json

        echo(json.dumps({"old": old_name, "new": new_name, "changed": bool(changes),
                         "changes": [change.as_json() for change in changes]},
                        ensure_ascii=False, indent=2))
    elif changes:
        echo(f"--- {old_name}\n+++ {new_name}")
        for change in changes:
            echo(_change_text(change, _))
        echo(_("{count} change(s).").format(count=len(changes)))
    sys.exit(1 if changes else 0)


def _change_text(change: Any, _: Any) -> str:
    """Returns a change as printed: a sign (+ added, - removed, ~ changed), what changed, then
    old → new on the same line, or the text (or its word-level diff) on the next, indented."""
    where = dict(change.where)
    if "area" in where:
        where["place"] = _place(where, _)
    if change.what in MESSAGE_ONLY:
        return f"~ {_(CHANGE_LABELS[change.what]).format(**where, figure=change.old)}"
    label = _(CHANGE_LABELS[change.what]).format(**where)
    if change.what in ("indicator.rate", "indicator.count"):
        return f"~ {label}: {_clause(change, _)}"
    kept = change.what in FIGURES or change.what in DEFAULTED  # emptied or defaulted: changed, not removed
    sign = ("+" if change.what.endswith(".added") or (change.old is None and not kept) else
            "-" if change.what.endswith(".removed") or (change.new is None and not kept) else "~")
    if change.words is not None:
        return f"{sign} {label}:\n    {change.words}"
    if change.what.startswith(("paragraph.", "duty.added", "duty.removed", "unit.role")):
        return f"{sign} {label}:\n    {change.new if change.old is None else change.old}"
    old, new = _value(change, "old", _), _value(change, "new", _)
    if sign == "+":
        return f"{sign} {label}: {new}"
    if sign == "-":
        return f"{sign} {label}: {old}"
    return f"{sign} {label}: {old} → {new}"


def _value(change: Any, side: str, _: Any) -> str:
    value = getattr(change, side)
    if value is None:
        text = _("(default)") if change.what in DEFAULTED else _("(empty)")
    elif isinstance(value, bool):
        text = _("yes") if value else _("no")
    else:
        text = _(VALUE_WORDS[value]) if value in VALUE_WORDS else value
    year = change.where.get(f"{side}_year")
    return _("{figure} (end of {year})").format(figure=text, year=year) if year is not None else text


def _clause(change: Any, _: Any) -> str:
    """Returns an indicator's rate or count clause with each changed figure as "old → new":
    "rate down by 4,2% → 1,3% (from 9,2% at the end of 2022 → 5,1% at the end of 2023, to …)"."""
    old, new = change.old, change.new

    def pair(a: str | None, b: str | None) -> str:
        a, b = a or _("(empty)"), b or _("(empty)")
        return a if a == b else f"{a} → {b}"

    def at_year(name: str) -> str:
        year_a, year_b = old[f"{name}_year"], new[f"{name}_year"]
        if year_a == year_b:
            figure = pair(old[name], new[name])
            return figure if year_b is None else _("{figure} at the end of {year}").format(figure=figure, year=year_b)
        return pair(*(_("{figure} at the end of {year}").format(figure=side[name] or _("(empty)"),
                                                                year=side[f"{name}_year"])
                      if side[f"{name}_year"] is not None else _("(empty)") for side in (old, new)))

    level = old["baseline"] is None and new["baseline"] is None
    clause = CLAUSES[(change.what, "level" if level else change.where["direction"])]
    return _(clause).format(name=change.where["name"], change=pair(old["change"], new["change"]),
                            baseline=at_year("baseline"), target=at_year("target"))


def _place(where: dict[str, Any], _: Any) -> str:
    area = where["area"]
    if area == "body" and "part" in where:
        key = "body.part.location" if "location" in where else "body.part"
    elif area == "appendix" and "location" in where:
        key = "appendix.location"
    elif area == "body" and "location" not in where:
        key = "body.top"
    else:
        key = area
    return _(PLACES[key]).format(**where)


# --- kehoach text ---------------------------------------------------------------------------

NOT_A_DOCUMENT = {
    "missing": N_("kehoach: {file} does not exist."),
    "not_docx": N_("kehoach: {file} is not a Word document (.docx)."),
    "too_large": N_("kehoach: {file} is not read: its text would take more than {limit} MB once "
                    "unpacked, far more than any plan's document (README, \"Limits on what is read\")."),
    "too_deep": N_("kehoach: {file} is not read: its content is nested more than {limit} levels "
                   "deep (tables inside tables), far more than any plan's document (README, "
                   "\"Limits on what is read\")."),
}


@click.command("text")
@click.argument("document", metavar="FILE.docx", type=click.Path(path_type=Path))
def text(document: Path) -> None:
    """Chữ của văn bản / print a .docx as text: one paragraph a line, tables row by row.

    For reading and for `git diff` of committed documents (README: textconv).

    \b
    Ví dụ / example:
      kehoach text output/xuan-phuc-2023/ke-hoach.docx
      git config diff.kehoach-docx.textconv "kehoach text"
    """
    from ..readers.docx_text import NotADocument, docx_lines

    try:
        lines = docx_lines(document)
    except NotADocument as wrong:
        echo(not_read(wrong), err=True)
        sys.exit(1)
    for line in lines:
        echo(line)


def not_read(wrong: NotADocument) -> str:
    """Returns why a .docx was not read (`text`, `check`, `import`), in the clerk's language."""
    from ..readers.docx_text import MAX_DEPTH, MAX_PART_MB

    limit = MAX_DEPTH if wrong.reason == "too_deep" else MAX_PART_MB
    return messages.translator(state["lang"]).gettext(NOT_A_DOCUMENT[wrong.reason]).format(
        file=wrong.path, limit=limit)
