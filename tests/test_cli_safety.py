"""Bad input through the real command: a located message, exit 1, never a traceback, nothing
half-written; consoles that cannot show Vietnamese; internal errors; the mutated sample plan."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, SAMPLE, run_cli
from generator.cli import main as cli_module

BAD = ROOT / "tests" / "bad_plans"
BAD_PLANS = sorted(path for path in BAD.glob("*.yaml") if path.stem not in ("minimal", "bom", "nfd"))
LOCATED = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (lỗi|cảnh báo|error|warning): \S")


def kehoach(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Runs `python -m generator ARGS` as a separate process, as a clerk's shell would."""
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], capture_output=True,
                          env={**os.environ, **(env or {})}, cwd=ROOT, timeout=120)


@pytest.mark.parametrize("plan", BAD_PLANS, ids=lambda path: path.stem)
def test_every_bad_plan_gets_located_messages_and_exit_1(plan: Path):
    result = run_cli("validate", plan)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines and all(LOCATED.match(line) for line in lines), result.output
    assert "Traceback" not in result.output


def test_the_accepted_oddities_build(tmp_path: Path):
    """A UTF-8 BOM and decomposed (NFD) Vietnamese are accepted; the output is NFC."""
    result = run_cli("build", BAD / "bom.yaml", BAD / "nfd.yaml", "-o", tmp_path)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "ascii"}, {"LANG": "C", "LC_ALL": "C"},
                                 {"PYTHONIOENCODING": "cp1252"}])
def test_a_console_that_cannot_show_vietnamese_does_not_crash(env, tmp_path: Path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(SAMPLE.read_text(encoding="utf-8").replace("support: [cac-thon]", "support: [x]"),
                      encoding="utf-8")
    result = kehoach("validate", broken, env=env)
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    assert f"{broken}:".encode() in result.stderr


def test_output_piped_to_a_file_is_utf8(tmp_path: Path):
    result = kehoach("units", SAMPLE, env={"PYTHONIOENCODING": ""})
    assert result.returncode == 0
    assert "Công chức Lao động - Thương binh và Xã hội" in result.stdout.decode("utf-8")


def test_an_internal_error_is_one_line_and_debug_shows_the_traceback(monkeypatch, capsys):
    def broken_build(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("generator.build.build_plan", broken_build)
    for argv, traceback_shown in ((["build", str(SAMPLE)], False), (["--debug", "build", str(SAMPLE)], True)):
        monkeypatch.setattr(sys, "argv", ["kehoach", *argv])
        with pytest.raises(SystemExit) as exited:
            cli_module.main()
        assert exited.value.code == 1
        err = capsys.readouterr().err
        assert ("Traceback" in err) is traceback_shown
        lines = err.splitlines()
        assert lines[0].startswith(f"{SAMPLE}: kehoach gặp lỗi nội bộ khi tạo kế hoạch này.")
        assert "--debug" in lines[0] and ("RuntimeError: boom" in err) is traceback_shown
        assert lines[-1].startswith("Kế hoạch: 1, văn bản: 0,") and lines[-1].endswith(f"Chưa tạo được (1): {SAMPLE}.")
        if traceback_shown:  # the crash report, traceback included, between the two lines
            assert "Traceback (most recent call last):" in lines[1:-1] and len(lines) > 6
        else:
            assert len(lines) == 2
        Path(re.search(r"báo cáo lỗi (\S+) \(", lines[0])[1]).unlink()


def test_a_failed_build_leaves_the_output_folder_exactly_as_it_was(tmp_path: Path):
    output = tmp_path / "output"
    assert run_cli("build", SAMPLE, "-o", output).exit_code == 0
    before = {path: path.read_bytes() for path in output.rglob("*") if path.is_file()}
    plan = tmp_path / "xuan-phuc-2023.yaml"  # same stem: it would overwrite the good output
    plan.write_text(SAMPLE.read_text(encoding="utf-8").replace("count: 76}", "count: 99}"),
                    encoding="utf-8")
    result = run_cli("build", plan, "-o", output)
    assert result.exit_code == 1
    after = {path: path.read_bytes() for path in output.rglob("*") if path.is_file()}
    assert after == before


def test_a_write_that_fails_midway_leaves_no_partial_file(tmp_path: Path, monkeypatch):
    output = tmp_path / "output"
    assert run_cli("build", SAMPLE, "-o", output).exit_code == 0
    before = {path: path.read_bytes() for path in output.rglob("*") if path.is_file()}

    def failing_replace(source, target):
        raise OSError("disk full")

    monkeypatch.setattr("generator.save.os.replace", failing_replace)
    result = run_cli("build", SAMPLE, "-o", output)
    assert result.exit_code == 1
    assert "disk full" in result.output and "Traceback" not in result.output
    after = {path: path.read_bytes() for path in output.rglob("*") if path.is_file()}
    assert after == before, "no temporary file left, every previous file untouched"


def test_a_disk_that_fills_midway_leaves_every_previous_document_as_it_was(tmp_path: Path, monkeypatch):
    """Every file of a plan is written out before any is renamed into place: the disk filling
    at the fifth file leaves the previous build whole, never half old and half new."""
    output = tmp_path / "output"
    assert run_cli("build", SAMPLE, "-o", output).exit_code == 0
    before = {path: path.read_bytes() for path in output.rglob("*") if path.is_file()}
    plan = tmp_path / "xuan-phuc-2023.yaml"  # same stem, another signer: every document differs
    text = SAMPLE.read_text(encoding="utf-8")
    plan.write_text(text.replace("name: Nguyễn Quang Phương", "name: Nguyễn Quang Phúc"), encoding="utf-8")
    assert plan.read_text(encoding="utf-8") != text
    from generator import save

    real, written = save._write_synced, []

    def filling(target, content, mode):
        if len(written) == 4:
            raise OSError(28, "No space left on device")
        written.append(target)
        return real(target, content, mode)

    monkeypatch.setattr(save, "_write_synced", filling)
    result = run_cli("build", plan, "-o", output)
    assert result.exit_code == 1 and len(written) == 4
    after = {path: path.read_bytes() for path in output.rglob("*") if path.is_file()}
    assert after == before, "no temporary file left, every previous file untouched"


@pytest.mark.parametrize("stem", ["..", "con", ".hidden"])
def test_plan_file_stems_cannot_leave_or_confuse_the_output_folder(tmp_path: Path, stem: str):
    plan = tmp_path / f"{stem}.yaml"
    plan.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    output = tmp_path / "out"
    result = run_cli("build", plan, "-o", output)
    assert result.exit_code == 1
    assert not output.exists() or not any(output.iterdir())


SAMPLE_LINES = SAMPLE.read_text(encoding="utf-8").splitlines()
ODD = st.sampled_from(["\t", ":", "- ", "{", "]", "'", '"', "&a", "*a", "!!binary", "\x07", "\u0301",
                       "9,2", "null", "~", "#", "???", "é", "  "])


@st.composite
def mutated_sample(draw) -> str:
    lines = list(SAMPLE_LINES)
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "duplicate", "insert", "rename", "retype"]))
        line = lines[at]
        if action == "drop":
            del lines[at]
        elif action == "duplicate":
            lines.insert(at, line)
        elif action == "insert":
            column = draw(st.integers(0, len(line)))
            lines[at] = line[:column] + draw(ODD) + line[column:]
        elif action == "rename" and ":" in line:
            key, _, rest = line.partition(":")
            lines[at] = key + draw(st.sampled_from(["x", "_", "s"])) + ":" + rest
        elif action == "retype" and ": " in line:
            key, _, _ = line.partition(": ")
            lines[at] = key + ": " + draw(st.sampled_from(["[]", "{}", "1", "-3", "true", "x", "2023-02-31"]))
    return "\n".join(lines) + "\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mutated_sample())
def test_the_mutated_sample_never_shows_a_traceback(tmp_path: Path, text: str):
    plan = tmp_path / "mutated.yaml"
    plan.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli_module.cli, ["validate", str(plan)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if ": lỗi: " in line]
    assert (result.exit_code == 1) == bool(errors)
    assert all(LOCATED.match(line) and int(LOCATED.match(line)["line"]) >= 1 for line in errors)
