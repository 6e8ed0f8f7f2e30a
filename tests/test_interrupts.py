"""Builds cut short (issue 17, parts 1 and 2): SIGINT and SIGTERM at random moments of a batch,
with `--jobs 1` and `2`, SIGKILL of the parent and of a worker. Every round checks what a clerk
would: each plan folder holds all its old documents or all its new ones, no temporary or staged
file is left, the exit status, the summary line, no internal error, no process left behind."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SECOND

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")

PLANS = 12
SIGNER = "name: Lê Văn Hùng"  # the sample's signer: the two versions of a plan differ in him


def _kehoach(*args: object) -> subprocess.Popen[str]:
    environment = {**os.environ, "LANG": "C.UTF-8"}
    return subprocess.Popen([sys.executable, "-m", "generator", *map(str, args)], text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)


def _write_plans(folder: Path, version: str) -> list[Path]:
    text = SECOND.read_text(encoding="utf-8")
    assert SIGNER in text
    folder.mkdir(parents=True, exist_ok=True)
    plans = [folder / f"xa-{number:02d}.yaml" for number in range(PLANS)]
    for plan in plans:
        plan.write_text(text.replace(SIGNER, f"name: Lê Văn {version}"), encoding="utf-8")
    return plans


def _digests(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """Returns the digests of one plan folder's files, built whole, for each version."""
    root = tmp_path_factory.mktemp("versions")
    sets = {}
    for version in ("Cũ", "Mới"):
        plans = _write_plans(root / version / "plans", version)
        process = _kehoach("build", plans[0], "-o", root / version / "out")
        process.communicate()
        assert process.returncode == 0
        sets[version] = _digests(root / version / "out" / plans[0].stem)
    assert sets["Cũ"].keys() == sets["Mới"].keys() and sets["Cũ"] != sets["Mới"]
    return sets


def _assert_whole(output: Path, versions: dict[str, dict[str, str]]) -> None:
    """Asserts each plan folder in `output` is one version, whole, and nothing is left over."""
    if not output.exists():  # stopped before the first plan was written
        return
    assert {path.name for path in output.iterdir()} <= {f"xa-{n:02d}" for n in range(PLANS)}, \
        "no staged folder left beside the plan folders"
    for folder in output.iterdir():
        assert _digests(folder) in list(versions.values()), f"{folder.name} mixes two versions"


def _gone(pids: list[int]) -> bool:
    """Returns whether every process of `pids` has ended (a zombie left to init counts as ended)."""
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] != "Z":
                    return False
        except FileNotFoundError:
            continue
    return True


def _started(process: subprocess.Popen[str]) -> str:
    """Returns the first line `process`, a build, prints (the path of its first document), once
    printed: it is then past its start-up (a signal meets kehoach's handlers, its workers are
    running), however slow the machine is. click flushes each line it prints."""
    assert process.stdout is not None
    return process.stdout.readline()


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(line) for line in found.split()]


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("number, status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_stopped_build_leaves_each_plan_whole_and_says_so(tmp_path, versions, jobs, number, status):
    plans_folder, output = tmp_path / "plans", tmp_path / "out"
    chance = random.Random(f"{jobs}-{number}")
    for round_number in range(2):
        _write_plans(plans_folder, ("Mới", "Cũ")[round_number % 2])
        process = _kehoach("build", *sorted(plans_folder.iterdir()), "-o", output, "--jobs", jobs)
        _started(process)
        time.sleep(chance.uniform(0, 0.6))
        process.send_signal(number)
        _, errors = process.communicate(timeout=30)
        assert "Traceback" not in errors and "lỗi nội bộ" not in errors
        summary = errors.strip().splitlines()[-1]
        assert summary.startswith("Kế hoạch: 12, văn bản: ")
        if process.returncode == -number:  # it came after the end: the build was whole, and
            assert "Đã dừng" not in summary   # a shell shows 128 + n for a process a signal ended
        elif process.returncode != 0:  # the signal came before the end
            assert process.returncode == status
            assert summary.endswith("Đã dừng trước khi xong: thư mục của mỗi kế hoạch giữ nguyên đủ "
                                    "bộ văn bản cũ hoặc đủ bộ văn bản mới.")
        _assert_whole(output, versions)


def _staged_and_cut_short(plan: Path, output: Path, *settings: object) -> None:
    """Stands for a worker's build whose clean-up a second SIGTERM cut short: it stages a set
    of files beside the plan's folder and never removes what it staged; the first plan's worker
    then has the parent stopped, once, as one Ctrl-C would."""
    staging = output / f".{plan.stem}.new-{os.getpid()}" / "files"
    staging.mkdir(parents=True)
    (staging / "ke-hoach.docx").write_bytes(b"half")
    if plan.stem.endswith("00"):
        os.kill(os.getppid(), signal.SIGINT)
    time.sleep(60)  # the parent's SIGTERM ends it


def test_what_a_stopped_worker_left_staged_is_removed_by_the_parent(tmp_path, monkeypatch):
    # Seen once in CI: a build stopped with --jobs 2 left ".xa-06.new-<pid>" beside the plan
    # folders. The workers are forked, so they build with the stand-in.
    from generator import batch
    from generator.stopping import Stopped, stoppable

    plans, output = _write_plans(tmp_path / "plans", "Cũ")[:2], tmp_path / "out"
    output.mkdir()
    monkeypatch.setattr(batch, "build_one", _staged_and_cut_short)
    with pytest.raises(Stopped), stoppable():
        list(batch.build_all(plans, output, jobs=2))
    assert sorted(output.iterdir()) == []


def test_killing_the_parent_ends_its_workers_and_the_next_build_cleans_up(tmp_path, versions):
    plans, output = _write_plans(tmp_path / "plans", "Cũ"), tmp_path / "out"
    _kehoach("build", *plans, "-o", output).communicate()
    _write_plans(tmp_path / "plans", "Mới")
    process = _kehoach("build", *plans, "-o", output, "--jobs", "2")
    _started(process)
    workers = _children(process.pid)
    process.kill()
    process.communicate()
    assert workers, "the workers had started"
    deadline = time.monotonic() + 5
    while not _gone(workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _gone(workers), "no orphan worker"
    again = _kehoach("build", plans[0], "-o", output)
    again.communicate()
    assert again.returncode == 0
    # The plans the killed build did not reach are whole (old); the first, rebuilt, is new.
    _assert_whole(output, versions)


def test_a_killed_worker_is_its_plans_failure_and_the_others_finish(tmp_path, versions):
    plans, output = _write_plans(tmp_path / "plans", "Mới"), tmp_path / "out"
    process = _kehoach("build", *plans, "-o", output, "--jobs", "2")
    first = _started(process)
    victim = _children(process.pid)[0]
    os.kill(victim, signal.SIGKILL)
    assert process.stdout is not None and process.stderr is not None
    with process:  # closes the pipes
        listing = first + process.stdout.read()  # communicate() would skip what readline buffered
        errors = process.stderr.read()
        process.wait(timeout=60)
    failed = [line for line in errors.splitlines() if "bị hệ thống dừng" in line]
    if not failed:  # the worker was between plans: they were built again, all of them
        assert process.returncode == 0
        pytest.skip("the killed worker was idle")
    assert process.returncode == 1 and "Traceback" not in errors
    assert len(failed) == 1 and failed[0].endswith(
        ": tiến trình tạo văn bản của kế hoạch này bị hệ thống dừng (hết bộ nhớ, hoặc bị tắt); thư "
        "mục của nó giữ đủ bộ văn bản cũ hoặc đủ bộ văn bản mới: hãy tạo lại.")
    lost = Path(failed[0].split(": ")[0])
    listed = {Path(line).relative_to(output).parts[0] for line in listing.splitlines()}
    assert listed == {plan.stem for plan in plans} - {lost.stem}, "every other plan listed"
    assert errors.strip().splitlines()[-1].endswith(f"Chưa tạo được (1): {lost}.")
    for folder in output.iterdir():
        assert folder.name.startswith("xa-"), "no staged folder left"
        assert _digests(folder) in ({}, versions["Mới"]), f"{folder.name} is whole"


@pytest.mark.parametrize("jobs", [1, 2])
def test_output_cut_by_a_closed_pipe_stops_quietly(tmp_path, jobs):
    plans, output = _write_plans(tmp_path / "plans", "Cũ"), tmp_path / "out"
    command = " ".join([sys.executable, "-m", "generator", "build", *map(str, plans), "-o", str(output),
                        "--jobs", str(jobs)])
    shell = subprocess.run(["bash", "-c", f"{command} 2>{tmp_path / 'errors'} | head -1; "
                                          "echo ${PIPESTATUS[0]}"], capture_output=True, text=True)
    first, status = shell.stdout.splitlines()
    assert first == str(output / plans[0].stem / "ke-hoach.docx")
    errors = (tmp_path / "errors").read_text(encoding="utf-8")
    assert status == "1" and "Traceback" not in errors and "lỗi nội bộ" not in errors
    assert all(path.name.startswith("xa-") for path in output.iterdir()), "no staged folder left"


def test_a_build_waits_for_another_writing_the_same_plan(tmp_path):
    import fcntl

    plans, output = _write_plans(tmp_path / "plans", "Cũ"), tmp_path / "out"
    folder = output / plans[0].stem
    folder.mkdir(parents=True)
    handle = os.open(folder, os.O_RDONLY)
    fcntl.flock(handle, fcntl.LOCK_EX)  # as a concurrent build holds it while it writes the plan
    try:
        process = _kehoach("build", plans[0], "-o", output)
        with pytest.raises(subprocess.TimeoutExpired):
            process.wait(timeout=1)
        assert not any(folder.iterdir()), "nothing written while the other build holds the plan"
    finally:
        os.close(handle)
    process.communicate(timeout=30)
    assert process.returncode == 0 and (folder / "ke-hoach.docx").is_file()


@pytest.mark.skipif(not shutil.which("soffice"), reason="needs LibreOffice")
def test_a_build_stopped_while_converting_to_pdf_ends_libreoffice_and_removes_its_profile(tmp_path):
    temporary = tmp_path / "tmp"  # LibreOffice's private profile goes here, to be looked for
    temporary.mkdir()
    environment = {**os.environ, "LANG": "C.UTF-8", "TMPDIR": str(temporary)}
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", str(SECOND), "-o",
                                str(tmp_path / "out"), "--pdf"], text=True, env=environment,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    while not list(temporary.glob("kehoach-office-*/profile")) and time.monotonic() < deadline:
        time.sleep(0.05)  # LibreOffice has started: its profile is being made
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate(timeout=30)
    assert process.returncode == 130 and "Traceback" not in errors and "lỗi nội bộ" not in errors
    assert "Đã dừng trước khi xong" in errors.strip().splitlines()[-1]
    left = [path.name for path in temporary.iterdir() if not path.name.startswith("kehoach-jinja-")]  # kept: the template cache
    assert left == [], "no LibreOffice profile nor temporary file (lu*.tmp) left"
    running = subprocess.run(["pgrep", "-f", str(temporary)], capture_output=True, text=True).stdout
    assert running == "", "LibreOffice ended"


def test_a_stop_that_comes_inside_a_finalizer_is_neither_printed_nor_lost(capsys):
    # Python cannot let an exception out of a `__del__` (a zip file's, while documents are
    # written): it would print it as a traceback and go on building, as if never stopped.
    from generator.stopping import Stopped, check, stoppable

    class Finalized:
        def __del__(self) -> None:
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C arrives while the finalizer runs
            for _ in range(1000):  # the handler runs between two of these steps
                pass

    with pytest.raises(Stopped) as stopped, stoppable():
        Finalized()  # made and dropped at once: its finalizer runs here
        check()
    assert stopped.value.exit_code == 130
    assert "Exception ignored" not in capsys.readouterr().err


class _HalfWrittenZip:
    """Closes as a zip file does when a stop came while it opened a part to write (seen in CI, in
    `write_docx`): the part is left open, and closing the zip raises ValueError."""

    def __enter__(self) -> _HalfWrittenZip:
        return self

    def __exit__(self, *exception: object) -> None:
        raise ValueError("Can't close the ZIP file while there is an open writing handle on it.")


def _stopped_while_zipping() -> None:
    from generator.stopping import Stopped

    with _HalfWrittenZip():
        raise Stopped(signal.SIGINT)


def test_a_stop_that_leaves_a_document_half_zipped_is_a_stop_not_an_internal_error(monkeypatch):
    # Seen once in CI: the plan was reported as kehoach's internal error, a crash report written.
    from generator import batch
    from generator.errors import making
    from generator.stopping import Stopped

    with pytest.raises(Stopped), making("plan.yaml", "ke-hoach.docx"):
        _stopped_while_zipping()
    monkeypatch.setattr(batch, "_build_one", lambda *arguments: _stopped_while_zipping())
    with pytest.raises(Stopped):
        batch.build_one(Path("plan.yaml"), Path("out"))


def test_a_stop_that_comes_as_the_swapped_plan_is_cleaned_up_leaves_nothing_staged(tmp_path, monkeypatch):
    # Seen in CI with --jobs 1: a Ctrl-C that came after a plan's files were swapped in, as the
    # staged folder was about to be removed, left ".xa-07.new-<pid>" beside the plan folders.
    # Here the signal comes the first time the staged folder is looked at.
    from pathlib import PurePosixPath

    from generator.save import write_plan
    from generator.stopping import Stopped, stoppable

    looked_at = Path.is_dir
    sent = []

    def signalled(path: Path) -> bool:
        if ".new-" in path.name and not sent:
            sent.append(path)
            os.kill(os.getpid(), signal.SIGINT)
        return looked_at(path)

    monkeypatch.setattr(Path, "is_dir", signalled)
    folder = tmp_path / "out" / "xa-07"
    with pytest.raises(Stopped), stoppable():
        write_plan(folder, {PurePosixPath("ke-hoach.docx"): b"new"})
    assert sent, "the staged folder was never looked at"
    assert sorted(path.name for path in folder.parent.iterdir()) == ["xa-07"]
    assert (folder / "ke-hoach.docx").read_bytes() == b"new"
