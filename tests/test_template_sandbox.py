"""Templates from someone else's plan repository (issue 17, parts 5 and 6): run through
`kehoach build --templates`, a template that escapes the sandbox, loops for ever, fails at run
time, or cannot be read is a problem at its file and line, in the clerk's language; nothing is
run that should not be, nothing is written, and no traceback or "lỗi nội bộ" is shown. A
corrupt entry of the bytecode cache is compiled anew."""

from __future__ import annotations

import multiprocessing
import os
import stat
import time
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE, SECOND, run_cli

from generator.render import sandbox, templates

PLAN = ROOT / "templates" / "ke-hoach.xml.j2"
ANCHOR = "{% set doc = plan.document %}\n"  # line 5 of the built-in plan template


def folder_with(tmp_path: Path, lines: str, name: str = "ke-hoach.xml.j2") -> tuple[Path, int]:
    """Returns an override folder whose plan template has `lines` after its line 5, and the
    line of the first of them."""
    builtin = PLAN.read_text(encoding="utf-8")
    assert builtin.count(ANCHOR) == 1
    folder = tmp_path / "mau"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(builtin.replace(ANCHOR, ANCHOR + lines + "\n"), encoding="utf-8")
    return folder, builtin[: builtin.index(ANCHOR)].count("\n") + 2


def build_refused(tmp_path: Path, folder: Path, *options: str) -> str:
    """Returns what `kehoach build` says of the sample with `folder` as templates, checking
    that it failed as a plan's problem, within 10 seconds: exit 1, no traceback, no crash,
    nothing written."""
    started = time.monotonic()
    result = run_cli(*options, "build", SAMPLE, "-o", tmp_path / "out", "--templates", folder)
    assert time.monotonic() - started < 10
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "lỗi nội bộ" not in result.output, result.output
    assert "internal error" not in result.output and "kehoach-crash" not in result.output
    assert not (tmp_path / "out").exists()
    return result.output


@pytest.fixture(autouse=True)
def fresh_environments():
    """Each test builds its Jinja environment anew, as a new process would."""
    templates._environment.cache_clear()
    yield
    templates._environment.cache_clear()


# --- the sandbox -----------------------------------------------------------------------------

def test_a_template_cannot_run_a_shell_command(tmp_path: Path):
    mark = tmp_path / "ran"
    folder, line = folder_with(tmp_path, f"{{{{ cycler.__init__.__globals__.os.system('touch {mark}') }}}}")
    output = build_refused(tmp_path, folder)
    assert f"{folder / 'ke-hoach.xml.j2'}:{line}:1: lỗi: mẫu văn bản dùng đến «__init__», thứ mà mẫu không được " \
        "phép dùng" in output
    assert "Cycler" not in output and "unsafe" not in output  # Jinja's own English words
    assert not mark.exists()
    output = build_refused(tmp_path, folder, "--lang", "en")
    assert f"ke-hoach.xml.j2:{line}:1: error: the template reaches for «__init__», which templates may not use" \
        in output
    assert not mark.exists()


@pytest.mark.parametrize(("lines", "name"), [
    ("{{ self.__init__.__globals__ }}", "__init__"),
    ("{{ lipsum.__globals__['os'] }}", "__globals__"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "__class__"),
    ("{% set units = [] %}{{ units.append(1) }}", "append"),  # a change to a list: the immutable sandbox
])
def test_internals_and_changes_are_refused(tmp_path: Path, lines: str, name: str):
    folder, line = folder_with(tmp_path, lines)
    assert f"ke-hoach.xml.j2:{line}:1: lỗi: mẫu văn bản dùng đến «{name}», thứ mà mẫu không được phép dùng" \
        in build_refused(tmp_path, folder)


def test_a_huge_range_is_refused_at_once(tmp_path: Path):
    folder, line = folder_with(tmp_path, "{% for i in range(10**12) %}{{ i }}{% endfor %}")
    output = build_refused(tmp_path, folder)
    assert f"ke-hoach.xml.j2:{line}:1: lỗi: trong mẫu văn bản, range() chỉ đếm được tối đa 100.000 số" in output


def test_nested_loops_stop_at_the_time_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 0.5)
    # No call, attribute or output in the loop's body: only the loop's own steps are counted.
    folder, line = folder_with(tmp_path, "{% set r = range(99999) %}\n"
                                         "{% for i in r %}{% for j in r %}{% endfor %}{% endfor %}")
    output = build_refused(tmp_path, folder)
    assert f"ke-hoach.xml.j2:{line + 1}:1: lỗi: mẫu văn bản chạy quá 0,5 giây, giới hạn cho một " \
           "văn bản: có vòng lặp nào không bao giờ dừng?" in output
    assert "the template ran for more than 0.5 seconds" in build_refused(tmp_path, folder, "--lang", "en")


@pytest.mark.parametrize("lines", ['{{ "x" * 10**10 }}', "{% set l = [0] * 10**9 %}", "{{ 10 ** (10 ** 10) }}"])
def test_one_huge_operation_is_refused_before_it_is_made(tmp_path: Path, lines: str):
    folder, line = folder_with(tmp_path, lines)
    output = build_refused(tmp_path, folder)
    assert f"ke-hoach.xml.j2:{line}:1: lỗi: mẫu văn bản viết ra quá 50.000.000 ký tự" in output


def test_output_stops_at_the_size_budget_at_the_line_that_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sandbox, "OUTPUT_CHARACTERS", 1_000_000)
    folder, line = folder_with(tmp_path, "{% for i in range(99999) %}\n{{ 'ab' * 500 }}\n{% endfor %}")
    output = build_refused(tmp_path, folder)
    assert f"ke-hoach.xml.j2:{line + 1}:1: lỗi: mẫu văn bản viết ra quá 1.000.000 ký tự" in output


# --- the loader: only files inside the folder --------------------------------------------

def test_a_link_out_of_the_templates_folder_is_not_read(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("mật khẩu", encoding="utf-8")
    folder = tmp_path / "mau"
    folder.mkdir()
    (folder / "_frame.xml.j2").symlink_to(secret)
    output = build_refused(tmp_path, folder)
    assert f"{folder / '_frame.xml.j2'}:1:1: lỗi: mẫu văn bản là một liên kết tới «{secret}», nằm " \
           "ngoài thư mục mẫu, nên không được đọc" in output
    assert "mật khẩu" not in output
    assert "the template is a link to" in build_refused(tmp_path, folder, "--lang", "en")


def test_links_inside_the_folder_and_a_linked_folder_are_read(tmp_path: Path):
    real = tmp_path / "real"
    real.mkdir()
    builtin = PLAN.read_text(encoding="utf-8")
    (real / "goc.xml.j2").write_text(builtin.replace("<title kind=", "<p>Đã sửa</p>\n<title kind="),
                                     encoding="utf-8")
    (real / "ke-hoach.xml.j2").symlink_to(real / "goc.xml.j2")
    (tmp_path / "mau").symlink_to(real, target_is_directory=True)
    result = run_cli("build", SAMPLE, "-o", tmp_path / "out", "--templates", tmp_path / "mau")
    assert result.exit_code == 0, result.output
    assert run_cli("text", tmp_path / "out" / "xuan-phuc-2023" / "ke-hoach.docx").output.count("Đã sửa") == 1


# --- errors at run time and unreadable templates ------------------------------------------

@pytest.mark.parametrize(("lines", "vi", "en"), [
    ("{{ plan.year / 0 }}", "chia cho 0: hãy kiểm tra số chia khác 0 trước khi chia",
     "division by zero: test that the divisor is not 0 before dividing"),
    ("{% macro lap(n) %}{{ lap(n + 1) }}{% endmacro %}{{ lap(0) }}",
     "một macro gọi lại chính nó, hoặc một mẫu chèn (include, import) lại chính nó, không có điểm dừng",
     "a macro calls itself, or a template includes or imports itself, without end"),
    ("{{ plan.khong_co }}", "lỗi mẫu văn bản:", "template error:"),
    ('{{ "a" + 1 }}', "lỗi mẫu văn bản:", "template error:"),
])
def test_a_runtime_error_is_a_problem_at_its_line(tmp_path: Path, lines: str, vi: str, en: str):
    folder, line = folder_with(tmp_path, lines)
    assert f"{folder / 'ke-hoach.xml.j2'}:{line}:1: lỗi: {vi}" in build_refused(tmp_path, folder)
    assert f"{folder / 'ke-hoach.xml.j2'}:{line}:1: error: {en}" in build_refused(tmp_path, folder, "--lang", "en")


def test_a_template_including_itself_is_a_problem_at_the_include(tmp_path: Path):
    folder, line = folder_with(tmp_path, '{% include "ke-hoach.xml.j2" %}')
    assert f"ke-hoach.xml.j2:{line}:1: lỗi: một macro gọi lại chính nó, hoặc một mẫu chèn" \
        in build_refused(tmp_path, folder)


def test_a_template_not_in_utf8_is_a_problem_at_the_byte(tmp_path: Path):
    folder = tmp_path / "mau"
    folder.mkdir()
    (folder / "_frame.xml.j2").write_bytes("{# mẫu #}\n{# Tiế".encode() + b"ng Vi\xea\xf2t #}")  # Viêòt: TCVN3
    output = build_refused(tmp_path, folder)
    assert f"{folder / '_frame.xml.j2'}:2:12: lỗi: mẫu văn bản không được lưu dạng UTF-8 (không đọc " \
           "được byte" in output
    assert "the template is not saved as UTF-8" in build_refused(tmp_path, folder, "--lang", "en")


def test_a_template_that_cannot_be_opened_is_a_problem_naming_it(tmp_path: Path):
    folder = tmp_path / "mau"
    folder.mkdir()
    (folder / "_frame.xml.j2").symlink_to(folder / "vong.xml.j2")  # a loop of links: never opened
    (folder / "vong.xml.j2").symlink_to(folder / "_frame.xml.j2")
    output = build_refused(tmp_path, folder)
    assert f"{folder / '_frame.xml.j2'}:1:1: lỗi: không đọc được mẫu văn bản: " in output


def test_a_template_without_read_permission_is_a_problem_naming_it(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch):
    folder, _ = folder_with(tmp_path, "")
    locked = folder / "ke-hoach.xml.j2"
    locked.chmod(0)
    if os.name != "posix" or os.geteuid() == 0:  # root (as in CI) reads any file: refuse it as the system would
        read_bytes = Path.read_bytes

        def refused(path: Path) -> bytes:
            if path.resolve() == locked.resolve():
                raise PermissionError(13, "Permission denied", str(path))
            return read_bytes(path)
        monkeypatch.setattr(Path, "read_bytes", refused)
    assert f"{folder / 'ke-hoach.xml.j2'}:1:1: lỗi: không đọc được mẫu văn bản: " in build_refused(tmp_path, folder)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_as_a_template_is_refused_without_waiting(tmp_path: Path):
    folder = tmp_path / "mau"
    folder.mkdir()
    os.mkfifo(folder / "_frame.xml.j2")
    assert f"{folder / '_frame.xml.j2'}:1:1: lỗi: mẫu văn bản không phải một tệp thông thường" \
        in build_refused(tmp_path, folder)


# --- the bytecode cache ---------------------------------------------------------------------

@pytest.fixture
def temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Returns the system's temporary folder as kehoach sees it, a fresh one."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(folder))
    return folder


def built_plan(output: Path) -> bytes:
    result = run_cli("build", SAMPLE, "-o", output)
    assert result.exit_code == 0, result.output
    return (output / "xuan-phuc-2023" / "ke-hoach.docx").read_bytes()


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="a per-user folder by its uid")
def test_a_corrupt_cache_entry_is_compiled_anew_and_rewritten(tmp_path: Path, temporary_folder: Path):
    expected = built_plan(tmp_path / "first")
    (cache,) = temporary_folder.iterdir()
    assert cache.name == f"kehoach-jinja-{os.getuid()}"
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    entries = {entry: entry.read_bytes() for entry in cache.iterdir()}
    assert len(entries) >= 5  # the plan's, the letter's, the sheet's and those they import
    for index, (entry, content) in enumerate(entries.items()):
        # cut short, one byte changed in the middle, or empty: each a corrupt entry
        corrupt = [content[: len(content) // 2], content[:100] + bytes([content[100] ^ 1]) + content[101:], b""]
        entry.write_bytes(corrupt[index % 3])
    for round in ("second", "third"):
        templates._environment.cache_clear()
        assert built_plan(tmp_path / round) == expected
    for entry, content in entries.items():
        assert len(entry.read_bytes()) == len(content), f"{entry.name} not rewritten whole"


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="a per-user folder by its uid")
def test_a_link_planted_as_the_cache_folder_is_not_followed(tmp_path: Path, temporary_folder: Path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o755)
    (temporary_folder / f"kehoach-jinja-{os.getuid()}").symlink_to(elsewhere, target_is_directory=True)
    built_plan(tmp_path / "out")
    assert list(elsewhere.iterdir()) == []
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o755


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="a per-user folder by its uid")
def test_a_cache_folder_others_can_open_is_not_used(tmp_path: Path, temporary_folder: Path):
    cache = temporary_folder / f"kehoach-jinja-{os.getuid()}"
    cache.mkdir()
    cache.chmod(0o777)
    built_plan(tmp_path / "out")
    assert list(cache.iterdir()) == []


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="a spawned worker would not inherit the patched budget")
def test_the_time_budget_stops_templates_in_worker_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 0.5)  # the workers are forked: they inherit it
    folder, line = folder_with(tmp_path, "{% set r = range(99999) %}{% for i in r %}{% for j in r %}"
                                         "{% endfor %}{% endfor %}")
    started = time.monotonic()
    result = run_cli("build", SAMPLE, SECOND, "--jobs", "2", "-o", tmp_path / "out", "--templates", folder)
    assert time.monotonic() - started < 10
    assert result.exit_code == 1, result.output
    assert result.output.count(f"ke-hoach.xml.j2:{line}:1: lỗi: mẫu văn bản chạy quá 0,5 giây") == 2, result.output
    assert "lỗi nội bộ" not in result.output and not (tmp_path / "out").exists()


def test_a_python_error_in_a_builtin_template_is_still_reported_as_kehoach_s_bug(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def broken(text: str) -> str:
        raise ValueError("a bug in a filter")

    monkeypatch.setitem(templates._FILTERS, "lower_first", broken)
    result = run_cli("build", SAMPLE, "-o", tmp_path / "out")  # no --templates: no one else's template
    assert result.exit_code == 1
    assert "kehoach gặp lỗi nội bộ khi tạo" in result.output and "kehoach-crash-" in result.output
    folder = tmp_path / "mau"  # an override that takes part: the same error is its problem
    folder.mkdir()
    (folder / "_assignments.xml.j2").write_text((ROOT / "templates" / "_assignments.xml.j2").read_text())
    output = build_refused(tmp_path, folder)
    assert f"{folder / '_assignments.xml.j2'}:" in output and "lỗi mẫu văn bản: a bug in a filter" in output


@pytest.mark.parametrize("lines", [
    '{{ "x".ljust(10**10) }}', '{{ "x"|center(10**10) }}', '{{ "x"|indent(10**10, true) }}',
    '{{ "%10000000000d" % 1 }}', '{{ "{:>10000000000}".format(1) }}', '{{ "%10000000000d"|format(1) }}',
    '{{ ("x" * 10**6)|replace("x", "y" * 10**6) }}',
])
def test_a_text_made_wide_in_one_step_is_refused_before_it_is_made(tmp_path: Path, lines: str):
    folder, line = folder_with(tmp_path, lines)
    assert f"ke-hoach.xml.j2:{line}:1: lỗi: mẫu văn bản viết ra quá 50.000.000 ký tự" in build_refused(tmp_path, folder)


def test_a_refusal_that_names_no_attribute_is_worded_without_jinjas_words():
    # Jinja refuses a call it deems unsafe with "<object repr> is not safely callable".
    from jinja2.exceptions import SecurityError

    from generator.messages import format_problem

    refused = templates._located(SecurityError("<function f at 0x7f> is not safely callable"), "ke-hoach.xml.j2")
    for lang, said in (("vi", "mẫu văn bản gọi đến thứ mà mẫu không được phép gọi"),
                       ("en", "the template calls something templates may not call")):
        text = format_problem(refused.problem, lang)
        assert said in text and "0x7f" not in text and "safely" not in text
