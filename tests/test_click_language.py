"""click's own usage errors in the clerk's language (issue 17 part 9): Vietnamese by default,
English with `--lang en` or an English locale, through kehoach's catalogues."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from conftest import ROOT, run_cli
from generator.cli.language import CLICK_MESSAGES


def kehoach(*args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    """Returns `kehoach ARGS` run as its own process, as a clerk runs it."""
    env = {**os.environ, "LANG": "C.UTF-8", **environment}
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=60)


def test_an_unknown_option_is_explained_in_vietnamese_by_default():
    result = kehoach("validate", "--nope")
    assert result.returncode == 2
    assert result.stderr == ("Cách dùng: kehoach validate [OPTIONS] PLAN...\n"
                             "Gõ 'kehoach validate --help' để xem hướng dẫn.\n\n"
                             "Lỗi: Không có tùy chọn '--nope'.\n")


def test_english_with_lang_en_or_an_english_locale():
    expected = ("Usage: kehoach validate [OPTIONS] PLAN...\n"
                "Try 'kehoach validate --help' for help.\n\n"
                "Error: No such option '--nope'.\n")
    assert kehoach("--lang", "en", "validate", "--nope").stderr == expected
    assert kehoach("--lang=en", "validate", "--nope").stderr == expected
    assert kehoach("validate", "--nope", LANG="en_GB.UTF-8").stderr == expected
    # --lang beats the locale, either way.
    assert kehoach("--lang", "vi", "validate", "--nope", LANG="en_GB.UTF-8").stderr.startswith("Cách dùng:")


@pytest.mark.parametrize("args, vietnamese, english", [
    (["validate"], "Lỗi: Thiếu đối số 'PLAN...'.", "Error: Missing argument 'PLAN...'."),
    (["buid", "x.yaml"], "Lỗi: Không có lệnh 'buid'. Có phải là 'build'?",
     "Error: No such command 'buid'. Did you mean 'build'?"),
    (["--lang", "fr", "units"], "Lỗi: Giá trị không hợp lệ cho '--lang': 'fr' không phải một trong "
     "các giá trị 'vi', 'en'.", None),
    (["build", "--jobs", "x", "p.yaml"], "Lỗi: Giá trị không hợp lệ cho '-j' / '--jobs': 'x' không phải "
     "là một số hợp lệ.", "Error: Invalid value for '-j' / '--jobs': 'x' is not a valid integer range."),
    (["text", "a.docx", "b.docx"], "Lỗi: Thừa đối số (b.docx): lệnh này không nhận thêm đối số đó.",
     "Error: Got unexpected extra argument (b.docx)"),
])
def test_usage_errors_in_both_languages(args, vietnamese, english):
    result = run_cli(*args)
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == vietnamese
    assert "Usage" not in result.output and "Try '" not in result.output
    if english:  # `--lang fr` is no language: Vietnamese, the default, says so
        assert run_cli("--lang", "en", *args).output.splitlines()[-1] == english


def test_the_help_is_headed_in_the_clerks_language():
    vietnamese = kehoach("validate", "--help").stdout
    assert vietnamese.startswith("Cách dùng: ") and "\nTùy chọn:\n" in vietnamese
    assert "  -h, --help            Hiện hướng dẫn này rồi thoát.\n" in vietnamese
    english = kehoach("--lang", "en", "validate", "--help").stdout
    assert english.startswith("Usage: ") and "\nOptions:\n" in english
    assert "  -h, --help            Show this message and exit.\n" in english
    assert "\nLệnh:\n" in run_cli("--help").output


def test_a_run_that_prints_nothing_reads_no_catalogue():
    # click asks for its help option's text on every run: it is translated only for --help, so
    # that `validate` of a clean plan stays as quick to start as before (README, "Speed").
    script = ("import sys; from generator import messages; from generator.cli.main import cli\n"
              "try: cli.main(['validate', 'plans/tan-an-2026.yaml'])\n"
              "except SystemExit as end: print(end.code, messages.translator.cache_info().currsize)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                            timeout=60)
    assert result.stdout == "0 0\n", result.stdout + result.stderr


def test_click_still_has_every_message_translated():
    # A click release that rewords a message would leave it in English: this says which.
    source = "".join(path.read_text(encoding="utf-8")
                     for path in Path(click.__file__).parent.glob("*.py"))
    for message in CLICK_MESSAGES:
        for text in (message,) if isinstance(message, str) else message:
            assert f'"{text}"' in source, text
