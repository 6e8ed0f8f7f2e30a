"""When kehoach itself fails (a bug), the clerk is told which plan and which document, the
summary line still ends the build, nothing of that plan is written, the other plans still build,
and a crash report with the traceback and versions is written where the message says."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from generator import vn
from generator.cli import main as cli_module
from generator.plan.model import IndexedPlan

from conftest import SAMPLE, SECOND, run_cli

REPORT = re.compile(r"(?:crash report|báo cáo lỗi) (\S+) \(")


def _report_of(output: str) -> Path:
    match = REPORT.search(output)
    assert match, output
    return Path(match.group(1))


def _break_letters(monkeypatch: pytest.MonkeyPatch) -> None:
    """Makes the documents of the unit "tu-phap" (Tư pháp, of the Xuân Phúc plan) fail as a
    bug would; its letter is the first of them to be made."""
    real = IndexedPlan.unit_duties

    def failing(plan: IndexedPlan, unit_id: str):
        if unit_id == "tu-phap":
            raise ZeroDivisionError("planted bug")
        return real(plan, unit_id)

    monkeypatch.setattr(IndexedPlan, "unit_duties", failing)


def test_a_bug_names_the_plan_and_document_and_leaves_a_report(tmp_path, monkeypatch):
    _break_letters(monkeypatch)
    result = run_cli("--lang", "en", "build", SAMPLE, SECOND, "-o", tmp_path)
    assert result.exit_code == 1
    assert (f"{SAMPLE}: kehoach failed while making giao-nhiem-vu/tu-phap.docx, for «Tư pháp» "
            "(an internal error); no file of this plan was written.") in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "xuan-phuc-2023").exists()  # nothing of the plan, not even the plan document
    assert (tmp_path / "tan-an-2026" / "ke-hoach.docx").is_file()  # the other plan still built
    assert result.output.rstrip().splitlines()[-1] == (
        f"Plans: 2, documents: 7, time: {re.search(r'time: (.*) s', result.output)[1]} s. "
        f"Not built (1): {SAMPLE}.")
    report = _report_of(result.output)
    text = report.read_text(encoding="utf-8")
    report.unlink()
    assert "ZeroDivisionError: planted bug" in text and "Traceback" in text
    assert f"plan: {SAMPLE}" in text and "document: giao-nhiem-vu/tu-phap.docx" in text
    assert re.search(r"^kehoach \S+, Python 3\.\d+", text, re.MULTILINE)
    assert re.search(r"jinja2 \d", text) and re.search(r"python-docx \d", text)


def test_the_message_is_vietnamese_by_default(tmp_path, monkeypatch):
    _break_letters(monkeypatch)
    result = run_cli("build", SAMPLE, "-o", tmp_path)
    assert result.exit_code == 1
    assert (f"{SAMPLE}: kehoach gặp lỗi nội bộ khi tạo giao-nhiem-vu/tu-phap.docx cho «Tư pháp»; "
            "không ghi tệp nào của kế hoạch này.") in result.output
    _report_of(result.output).unlink()


def test_a_bug_in_a_worker_process_is_reported_the_same(tmp_path, monkeypatch):
    _break_letters(monkeypatch)  # the workers are forked from this process, so they have the bug too
    result = run_cli("--lang", "en", "build", SAMPLE, SECOND, "-o", tmp_path, "--jobs", "2")
    assert result.exit_code == 1
    assert f"{SAMPLE}: kehoach failed while making giao-nhiem-vu/tu-phap.docx" in result.output
    assert not (tmp_path / "xuan-phuc-2023").exists()
    assert (tmp_path / "tan-an-2026" / "ke-hoach.docx").is_file()
    assert "ZeroDivisionError: planted bug" in _report_of(result.output).read_text(encoding="utf-8")
    _report_of(result.output).unlink()


def test_validate_meeting_a_bug_says_which_plan_and_writes_a_report(monkeypatch, capsys):
    from generator.plan import checks

    def failing(*args, **kwargs):
        raise KeyError("planted")

    monkeypatch.setattr(checks, "_lint_problems", failing)
    monkeypatch.setattr(sys, "argv", ["kehoach", "--lang", "en", "validate", str(SAMPLE)])
    with pytest.raises(SystemExit) as exit_:
        cli_module.main()
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{SAMPLE}: kehoach failed while checking this plan (an internal error); "
                          "nothing was written. Please report it, sending the plan file and the "
                          "crash report ")
    assert "Traceback" not in err
    report = _report_of(err)
    assert "KeyError: 'planted'" in report.read_text(encoding="utf-8")
    report.unlink()


def test_debug_shows_the_report(monkeypatch, capsys):
    monkeypatch.setattr(vn, "percent", lambda *args: 1 / 0)
    monkeypatch.setattr(sys, "argv", ["kehoach", "--debug", "build", str(SAMPLE), "-o", "/nonexistent-never"])
    with pytest.raises(SystemExit):
        cli_module.main()
    err = capsys.readouterr().err
    assert "ZeroDivisionError" in err and "Traceback" in err
    _report_of(err).unlink()
