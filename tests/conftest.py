"""Shared fixtures: the repository's plans, built once per test session through the CLI."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "plans" / "xuan-phuc-2023.yaml"
SECOND = ROOT / "plans" / "tan-an-2026.yaml"
THIRD = ROOT / "plans" / "hoa-thang-2026-2030.yaml"
LETTER = ROOT / "plans" / "cong-van-xuan-phuc-2025.yaml"  # a standalone công văn (issue 16)


def shared(scope: str) -> Callable[[str, pytest.Config], str]:
    """Returns the scope of a fixture that builds documents once per `scope`, or once per test
    during mutmut's stats run: mutmut then learns every test that reads the documents, not
    only the first (README, "Mutation testing")."""
    return lambda fixture_name, config: "function" if os.environ.get("MUTANT_UNDER_TEST") == "stats" else scope


def run_cli(*args: object) -> Result:
    """Returns the result of running `kehoach ARGS` in this process, as a user would see it."""
    return CliRunner().invoke(cli, [str(arg) for arg in args], catch_exceptions=False)


@pytest.fixture(scope=shared("session"))
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Returns the output folder where both repository plans were built by `kehoach build`."""
    output = tmp_path_factory.mktemp("output")
    result = run_cli("build", SAMPLE, SECOND, "-o", output)
    assert result.exit_code == 0, result.output
    return output


@pytest.fixture(autouse=True)
def neutral_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs every test under a neutral locale, so messages default to Vietnamese whatever the
    machine's LANG says (an English locale switches kehoach to English by design)."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def count_libreoffice_runs(patch: pytest.MonkeyPatch) -> list[list[str]]:
    """Returns a list that records the command line of every LibreOffice run from now on."""
    from generator.writers import pdf

    runs: list[list[str]] = []
    real_run = pdf._run

    def counting_run(program: str, command: list[str], *args: object) -> tuple[str, str]:
        if program == "LibreOffice":
            runs.append(command)
        return real_run(program, command, *args)  # type: ignore[arg-type]

    patch.setattr(pdf, "_run", counting_run)
    return runs

