"""The world's errors, told in words (issue 17, parts 3-5): a plan that cannot be written is
rolled back and says why, in the clerk's language; the other plans go on; two plans into one
folder is refused before anything is written; a build cut short is finished or cleaned up by the
next; FIFOs, full disks, folders where files go and the like are no internal error."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from conftest import SAMPLE, SECOND, run_cli


def _files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _changed_plan(tmp_path: Path) -> Path:
    """Returns the second sample with another signer, under its own name: every document differs."""
    plan = tmp_path / "plans" / SECOND.name
    plan.parent.mkdir(parents=True, exist_ok=True)
    plan.write_text(SECOND.read_text(encoding="utf-8").replace("Lê Văn Hùng", "Lê Văn Mới"),
                    encoding="utf-8")
    return plan


@pytest.mark.parametrize("lang, expected", [
    ("vi", "không ghi được văn bản vào {folder} ({path}: ở chỗ cần ghi tệp lại có một thư mục); "
           "không văn bản nào bị thay đổi: các tệp ở đó vẫn như cũ."),
    ("en", "the documents could not be written to {folder} ({path}: a folder stands where a file "
           "goes); none was changed: the files there are as they were."),
])
def test_a_plan_that_cannot_be_written_is_left_whole_and_the_batch_goes_on(tmp_path, lang, expected):
    output = tmp_path / "out"
    assert run_cli("build", SECOND, "-o", output).exit_code == 0
    folder = output / SECOND.stem
    (folder / "ghi-chu.txt").write_text("the clerk's own note", encoding="utf-8")
    blocked = folder / "phieu-nhiem-vu" / "cac-thon.docx"
    blocked.unlink()
    blocked.mkdir()  # a folder now stands where the last-but-one sheet goes
    before = _files(folder)
    plan = _changed_plan(tmp_path)
    result = run_cli("--lang", lang, "build", plan, SAMPLE, "-o", output)
    assert result.exit_code == 1
    said = expected.format(folder=folder, path=blocked)
    assert f"{plan}: {said}" in result.stderr
    assert _files(folder) == before, "not one file of the plan changed, the clerk's note kept"
    assert result.stdout.splitlines()[0] == str(output / SAMPLE.stem / "ke-hoach.docx"), \
        "the next plan was built and listed"
    assert [path.name for path in output.iterdir() if path.name.startswith(".")] == []


@pytest.mark.parametrize("lang, reason", [("vi", "ổ đĩa đã đầy"), ("en", "the disk is full")])
def test_a_full_disk_rolls_the_plan_back_and_says_so(tmp_path, monkeypatch, lang, reason):
    output = tmp_path / "out"
    assert run_cli("build", SECOND, "-o", output).exit_code == 0
    before = _files(output)
    real_replace = os.replace
    moves = []

    def disk_fills(source, target):  # the fourth file of the swap finds the disk full
        moves.append(target)
        if len(moves) == 7:
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        real_replace(source, target)

    monkeypatch.setattr("generator.save.os.replace", disk_fills)
    result = run_cli("--lang", lang, "build", _changed_plan(tmp_path), "-o", output)
    assert result.exit_code == 1 and len(moves) > 7, "the old files were put back"
    assert f": {reason});" in result.stderr
    assert _files(output) == before


def test_the_next_build_finishes_a_plan_whose_swap_a_crash_cut_short(tmp_path):
    """A build killed while swapping a plan's files in leaves its staged set, marked committed:
    the next build completes it, then builds; an uncommitted one, and stray temporary files,
    are removed."""
    output = tmp_path / "out"
    assert run_cli("build", SECOND, "-o", output).exit_code == 0
    folder = output / SECOND.stem
    staged = output / f".{SECOND.stem}.new-999999"
    (staged / "files").mkdir(parents=True)
    (staged / "files" / "ke-hoach.docx").write_bytes(b"the new plan")
    (staged / "committed").write_bytes(b"")
    cut = output / f".{SECOND.stem}.new-999998"
    (cut / "files").mkdir(parents=True)
    (cut / "files" / "ke-hoach.docx").write_bytes(b"half")
    stray = folder / "giao-nhiem-vu" / ".cac-thon.docx.x1y2.tmp"
    stray.write_bytes(b"half")
    result = run_cli("build", SECOND, "-o", output, "--unit", "cac-thon")
    assert result.exit_code == 0
    assert (folder / "ke-hoach.docx").read_bytes() == b"the new plan", "the committed set finished"
    assert sorted(path.name for path in output.iterdir()) == [SECOND.stem]
    assert not stray.exists()


@pytest.mark.parametrize("lang, expected", [
    ("vi", "{first} và {second} đều sẽ ghi vào {folder}: hãy đổi tên một trong hai tệp kế hoạch, "
           "hoặc tạo văn bản của chúng vào các thư mục khác nhau (-o)."),
    ("en", "{first} and {second} would both write into {folder}: rename one of the plan files, or "
           "build them into different folders (-o)."),
])
def test_two_plans_into_one_folder_is_refused_before_anything_is_written(tmp_path, lang, expected):
    other = tmp_path / "b" / SAMPLE.name.upper().replace(".YAML", ".yaml")  # one folder on Windows
    other.parent.mkdir()
    other.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    output = tmp_path / "out"
    result = run_cli("--lang", lang, "build", SAMPLE, SECOND, other, "-o", output, "--jobs", "2")
    assert result.exit_code == 2
    said = expected.format(first=SAMPLE, second=other, folder=output / other.stem)
    assert said in " ".join(result.stderr.split())
    assert not output.exists()


def test_the_same_plan_twice_is_no_collision(tmp_path):
    result = run_cli("build", SAMPLE, SAMPLE, "-o", tmp_path / "out")
    assert result.exit_code == 0


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_unit_one_plan_lacks_gives_the_same_listing_and_exit_for_any_jobs(tmp_path, jobs):
    """The plan without the unit is a usage error (exit 2), told once every plan is done; the
    plans that have it are written and listed, whatever --jobs."""
    output = tmp_path / "out"
    result = run_cli("build", SAMPLE, SECOND, "-o", output, "--unit", "kinh-te", "--jobs", jobs)
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [str(output / SECOND.stem / "giao-nhiem-vu" / "kinh-te.docx"),
                                          str(output / SECOND.stem / "phieu-nhiem-vu" / "kinh-te.docx")]
    assert f"Lỗi: {SAMPLE}: kế hoạch không có đơn vị kinh-te; các đơn vị của kế hoạch: ldtbxh," in result.stderr
    assert result.stderr.strip().splitlines()[-1].endswith(f"Chưa tạo được (1): {SAMPLE}.")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize("lang, expected", [
    ("vi", "lỗi: đây không phải tệp kế hoạch mà là một ống dẫn (pipe), socket hay thiết bị; hãy "
           "ghi đường dẫn tới một tệp .yaml"),
    ("en", "error: this is not a plan file but a pipe, a socket or a device; give the path of a "
           ".yaml file"),
])
def test_a_fifo_given_as_a_plan_is_refused_at_once(tmp_path, lang, expected):
    fifo = tmp_path / "ke-hoach.yaml"
    os.mkfifo(fifo)  # opening it to read would wait for a writer for ever
    for command, extra, status in [("validate", [], 1), ("build", ["-o", tmp_path / "out"], 1),
                                   ("units", [], 1), ("diff", [SAMPLE], 2)]:
        result = run_cli("--lang", lang, command, fifo, *extra)
        assert result.exit_code == status, command
        assert f"{fifo}: {expected}" in result.stderr


def test_new_onto_a_folder_is_a_usage_error_not_a_crash(tmp_path):
    target = tmp_path / "ke-hoach-2024.yaml"
    target.mkdir()
    result = run_cli("new", "--from", SAMPLE, "--year", "2024", "-o", target, "--force")
    assert result.exit_code == 2 and "lỗi nội bộ" not in result.output
    assert list(target.iterdir()) == []


@pytest.mark.parametrize("lang, expected", [
    ("vi", "kehoach: không ghi được {file}: ổ đĩa đã đầy; không có gì bị thay đổi."),
    ("en", "kehoach: {file} could not be written: the disk is full; nothing was changed."),
])
def test_new_on_a_full_disk_says_so(tmp_path, monkeypatch, lang, expected):
    from generator import save

    def full(target, content, mode):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(save, "_temporary_beside", full)
    target = tmp_path / "ke-hoach-2024.yaml"
    result = run_cli("--lang", lang, "new", "--from", SAMPLE, "--year", "2024", "-o", target)
    assert result.exit_code == 1
    assert expected.format(file=target) in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("lang, expected", [
    ("vi", "kehoach: không ghi được {file}: ở chỗ cần một thư mục lại có một tệp; không có gì bị thay đổi."),
    ("en", "kehoach: {file} could not be written: a file stands where a folder goes; nothing was changed."),
])
def test_new_under_a_file_says_so(tmp_path, lang, expected):
    (tmp_path / "plans").write_text("a file, not a folder", encoding="utf-8")
    target = tmp_path / "plans" / "ke-hoach-2024.yaml"
    result = run_cli("--lang", lang, "new", "--from", SAMPLE, "--year", "2024", "-o", target)
    assert result.exit_code == 1
    assert expected.format(file=target) in result.stderr


@pytest.mark.parametrize("lang, expected", [
    ("vi", "kehoach: {path}: ổ đĩa đã đầy."), ("en", "kehoach: {path}: the disk is full."),
])
def test_pdfs_on_a_full_disk_say_so_and_the_summary_follows(tmp_path, monkeypatch, lang, expected):
    """LibreOffice itself is not needed: the conversion is replaced, the write of a PDF fails."""
    from generator.writers import pdf

    monkeypatch.setattr(pdf, "convert", lambda documents, target: {
        document: b"%PDF" for document in documents})
    monkeypatch.setattr(pdf, "_reproducible", lambda data, dates: data)
    from generator import save

    def full(target, content, mode):
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(save, "_temporary_beside", full)
    output = tmp_path / "out"
    result = run_cli("--lang", lang, "build", SECOND, "-o", output, "--pdf")
    assert result.exit_code == 1
    first_pdf = output / SECOND.stem / "ke-hoach.pdf"
    assert expected.format(path=first_pdf) in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith(("Kế hoạch: 1,", "Plans: 1,"))
    assert list(output.rglob("*.pdf")) == [] and list(output.rglob("*.tmp")) == []


@pytest.mark.parametrize("error, vi, en", [
    (errno.EACCES, "không có quyền ghi hoặc đọc", "permission denied"),
    (errno.EROFS, "ổ đĩa chỉ cho đọc", "the disk is read-only"),
    (errno.ENAMETOOLONG, "tên quá dài", "the name is too long"),
    (errno.ENOTDIR, "ở chỗ cần một thư mục lại có một tệp", "a file stands where a folder goes"),
])
def test_the_systems_reasons_in_the_clerks_words(error, vi, en):
    from generator.messages import os_reason

    assert os_reason(OSError(error, os.strerror(error)), "vi") == vi
    assert os_reason(OSError(error, os.strerror(error)), "en") == en


def test_a_reason_without_words_of_ours_is_the_systems():
    from generator.messages import os_reason

    assert os_reason(OSError(errno.ENXIO, "No such device or address"), "vi") == \
        "No such device or address"


@pytest.mark.parametrize("lang, expected", [("vi", "lỗi: không đọc được tệp (tên quá dài)"),
                                            ("en", "error: the file cannot be read (the name is too long)")])
def test_a_plan_that_cannot_be_read_says_why_in_words(tmp_path, lang, expected):
    plan = tmp_path / f"{'a' * 300}.yaml"  # longer than any file system lets a name be
    result = run_cli("--lang", lang, "validate", plan)
    assert result.exit_code == 1
    assert f"{plan}: {expected}" in result.stderr


@pytest.mark.parametrize("lang, reason", [
    ("vi", "ở chỗ cần một thư mục lại có một liên kết tượng trưng (symlink), mà kehoach không ghi "
           "qua liên kết"),
    ("en", "a symbolic link stands where a folder goes, and kehoach does not write through links"),
])
def test_a_linked_output_sub_folder_is_not_followed_outside(tmp_path, lang, reason):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    linked = tmp_path / "out" / SAMPLE.stem / "giao-nhiem-vu"
    linked.parent.mkdir(parents=True)
    linked.symlink_to(elsewhere, target_is_directory=True)
    result = run_cli("--lang", lang, "build", SAMPLE, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert f"({linked}: {reason});" in result.stderr
    assert list(elsewhere.iterdir()) == [] and list(linked.parent.iterdir()) == [linked]


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftoppm")),
                    reason="needs LibreOffice and poppler")
@pytest.mark.parametrize("lang, reason", [("vi", "ở chỗ cần một thư mục lại có một tệp"),
                                          ("en", "a file stands where a folder goes")])
def test_preview_where_a_file_stands_for_its_folder_says_so(tmp_path, lang, reason):
    preview = tmp_path / "out" / SAMPLE.stem / "preview"
    preview.parent.mkdir(parents=True)
    preview.write_text("not a folder", encoding="utf-8")
    result = run_cli("--lang", lang, "preview", SAMPLE, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert f"kehoach: {preview}: {reason}." in result.stderr


class _Crash(BaseException):
    """The process dying at that point (nothing after it runs but `finally` blocks)."""


def test_a_rollback_cut_short_is_finished_by_the_next_build_as_the_new_set(tmp_path, monkeypatch):
    """While a failed swap is put back, each new file goes back into the staged set: a crash in
    the middle of that leaves a whole staged set, which the next build of the plan swaps in."""
    from generator import save

    output = tmp_path / "out"
    assert run_cli("build", SECOND, "-o", output).exit_code == 0
    plan = _changed_plan(tmp_path)
    assert run_cli("build", plan, "-o", tmp_path / "new-set").exit_code == 0
    new = _files(tmp_path / "new-set" / SECOND.stem)
    real_replace, moves = os.replace, []

    def fails_then_crashes(source, target):
        moves.append(target)
        if len(moves) == 5:  # the third file's swap finds the disk full
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        if len(moves) == 7:  # the rollback's second move: the process dies here
            raise _Crash
        real_replace(source, target)

    monkeypatch.setattr(save.os, "replace", fails_then_crashes)
    monkeypatch.setattr(save, "_remove_tree", lambda path: None)  # a crash removes nothing
    with pytest.raises(_Crash):
        run_cli("build", plan, "-o", output)
    monkeypatch.undo()
    assert _files(output / SECOND.stem) != new
    assert run_cli("build", plan, "-o", output, "--unit", "kinh-te").exit_code == 0
    assert _files(output / SECOND.stem) == new, "the whole new set, not a mix"
    assert sorted(path.name for path in output.iterdir()) == [SECOND.stem]
