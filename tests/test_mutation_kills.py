"""Tests that kill the mutants the other tests let live (README, "Mutation testing").

Each asserts what a clerk would see (a printed figure, a saved file, a message), with the
expected value taken from nd30-format.md, plan-format.md or worked by hand.
"""

from __future__ import annotations

import os
import stat
from decimal import Decimal
from pathlib import Path, PurePosixPath

import pytest

from generator import figures, save

# ---------------------------------------------------------------------------------------------
# save: what ends up on disk.


@pytest.fixture
def umask_022():
    """Runs a test under the common umask 022: a file a user makes is then rw-r--r--."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _listing(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def test_write_files_writes_each_file_in_its_folder_readable_as_any_file(tmp_path: Path, umask_022):
    files = {PurePosixPath("ke-hoach.docx"): b"plan", PurePosixPath("cong-van/ldtbxh.docx"): b"letter"}
    paths = save.write_files(tmp_path / "out", files)
    assert paths == [tmp_path / "out" / "ke-hoach.docx", tmp_path / "out" / "cong-van" / "ldtbxh.docx"]
    assert [path.read_bytes() for path in paths] == [b"plan", b"letter"]
    assert _listing(tmp_path / "out") == ["cong-van", "cong-van/ldtbxh.docx", "ke-hoach.docx"]
    assert {stat.S_IMODE(path.stat().st_mode) for path in paths} == {0o644}


def test_write_files_refuses_an_unsafe_part_before_writing_anything(tmp_path: Path):
    files = {PurePosixPath("a.docx"): b"a", PurePosixPath("../b.docx"): b"b"}
    with pytest.raises(save.UnsafeName) as raised:
        save.write_files(tmp_path / "out", files)
    assert raised.value.name == "../b.docx" and str(raised.value) == "../b.docx"
    assert not (tmp_path / "out").exists()


def test_write_files_renames_nothing_until_every_file_is_written(tmp_path: Path, monkeypatch):
    out = tmp_path / "out"
    save.write_files(out, {PurePosixPath("a.docx"): b"old a", PurePosixPath("b.docx"): b"old b"})
    real = save._temporary_beside
    written: list[Path] = []

    def second_fails(target: Path, content: bytes, mode: int) -> Path:
        if written:
            assert (out / "a.docx").read_bytes() == b"old a", "a.docx renamed before b.docx was written"
            raise OSError("disk full")
        written.append(target)
        return real(target, content, mode)

    monkeypatch.setattr(save, "_temporary_beside", second_fails)
    with pytest.raises(OSError, match="disk full"):
        save.write_files(out, {PurePosixPath("a.docx"): b"new a", PurePosixPath("b.docx"): b"new b"})
    assert (out / "a.docx").read_bytes() == b"old a" and (out / "b.docx").read_bytes() == b"old b"
    assert _listing(out) == ["a.docx", "b.docx"], "no temporary file left"


def test_write_files_removes_the_temporaries_not_yet_renamed(tmp_path: Path, monkeypatch):
    out = tmp_path / "out"
    real = os.replace
    calls: list[str] = []

    def second_rename_fails(source, target):
        calls.append(str(target))
        if len(calls) == 2:
            raise OSError("disk full")
        real(source, target)

    monkeypatch.setattr(save.os, "replace", second_rename_fails)
    with pytest.raises(OSError):
        save.write_files(out, {PurePosixPath(name): name.encode() for name in ("a.docx", "b.docx", "c.docx")})
    assert _listing(out) == ["a.docx"]


@pytest.mark.parametrize("name", ["ke-hoach", "tân-an_2026", "v1.2"])
def test_safe_names(name: str, tmp_path: Path):
    assert save.safe_folder(tmp_path, name) == tmp_path / name


@pytest.mark.parametrize("name", ["..", ".an", "a.", "a..b", "a/b", "", "x" * 101, "CON", "nul.txt", "com1", "LPT9.docx"])
def test_unsafe_names(name: str, tmp_path: Path):
    with pytest.raises(save.UnsafeName) as raised:
        save.safe_folder(tmp_path, name)
    assert raised.value.name == name


def test_write_new_file_makes_its_folders_and_leaves_nothing_else(tmp_path: Path, umask_022):
    target = tmp_path / "a" / "b" / "plan.yaml"
    assert save.write_new_file(target, b"year: 2024\n") == target
    assert target.read_bytes() == b"year: 2024\n"
    assert _listing(tmp_path) == ["a", "a/b", "a/b/plan.yaml"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_write_new_file_in_an_existing_folder(tmp_path: Path):
    assert save.write_new_file(tmp_path / "plan.yaml", b"x").read_bytes() == b"x"
    assert _listing(tmp_path) == ["plan.yaml"]


def test_write_new_file_never_overwrites_unless_asked(tmp_path: Path):
    target = tmp_path / "plan.yaml"
    target.write_bytes(b"old")
    with pytest.raises(save.FileExists) as raised:
        save.write_new_file(target, b"new")
    assert raised.value.path == target and str(raised.value) == str(target)
    assert target.read_bytes() == b"old" and _listing(tmp_path) == ["plan.yaml"]
    assert save.write_new_file(target, b"new", overwrite=True) == target
    assert target.read_bytes() == b"new" and _listing(tmp_path) == ["plan.yaml"]


def test_write_new_file_refuses_a_file_that_appears_while_writing(tmp_path: Path, monkeypatch):
    target = tmp_path / "plan.yaml"
    real = save._temporary_beside

    def appears(path: Path, content: bytes, mode: int) -> Path:
        target.write_bytes(b"someone else's")
        return real(path, content, mode)

    monkeypatch.setattr(save, "_temporary_beside", appears)
    with pytest.raises(save.FileExists) as raised:
        save.write_new_file(target, b"mine")
    assert raised.value.path == target
    assert target.read_bytes() == b"someone else's" and _listing(tmp_path) == ["plan.yaml"]


@pytest.mark.parametrize("appears", [False, True])
def test_write_new_file_without_hard_links(tmp_path: Path, monkeypatch, appears: bool):
    target = tmp_path / "plan.yaml"

    def no_links(source, destination):
        if appears:
            target.write_bytes(b"someone else's")
        raise PermissionError("no hard links here")

    monkeypatch.setattr(save.os, "link", no_links)
    if appears:
        with pytest.raises(save.FileExists):
            save.write_new_file(target, b"mine")
        assert target.read_bytes() == b"someone else's"
    else:
        assert save.write_new_file(target, b"mine") == target
        assert target.read_bytes() == b"mine"
    assert _listing(tmp_path) == ["plan.yaml"]


def test_a_temporary_that_cannot_be_written_is_removed(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(save.os, "chmod", lambda *args: (_ for _ in ()).throw(OSError("read-only")))
    with pytest.raises(OSError, match="read-only"):
        save.write_new_file(tmp_path / "plan.yaml", b"x")
    assert _listing(tmp_path) == []


# ---------------------------------------------------------------------------------------------
# figures: rates and counts of households (plan-format.md, "Indicator figures"), worked by hand.


@pytest.mark.parametrize(("count", "households", "expected"), [
    (76, 1525, "5.0"),     # 7600 / 1525 = 4,983… → 5,0
    (141, 1525, "9.2"),    # 14100 / 1525 = 9,245… → 9,2
    (1, 8, "12.5"),        # 12,5 exactly
    (1, 16, "6.3"),        # 6,25 → half up → 6,3
    (0, 820, "0.0"),
])
def test_rate_of_rounds_half_up_to_one_decimal(count: int, households: int, expected: str):
    assert figures.rate_of(count, households) == Decimal(expected)
    assert str(figures.rate_of(count, households)) == expected


def test_rate_of_at_a_finer_precision():
    assert figures.rate_of(1, 16, Decimal("0.01")) == Decimal("6.25")


@pytest.mark.parametrize(("rate", "expected"), [
    ("4", "0.1"), ("4.2", "0.1"), ("4.52", "0.01"), ("4.125", "0.001"),
])
def test_a_rate_is_compared_at_its_own_precision_and_at_least_one_decimal(rate: str, expected: str):
    assert figures.precision_of(Decimal(rate)) == Decimal(expected)


@pytest.mark.parametrize(("rate", "households", "expected"), [
    ("5.0", 1525, [76, 77]),       # 75 → 4,918; 76 → 4,984; 77 → 5,049; 78 → 5,115
    ("9.2", 1525, [140, 141]),     # 139 → 9,115; 140 → 9,180; 141 → 9,246; 142 → 9,311
    ("0.1", 1525, [1, 2]),         # 1 → 0,066 → 0,1; 2 → 0,131 → 0,1; 3 → 0,197 → 0,2
    ("9.9", 820, [81]),            # 81 → 9,878 → 9,9; 82 → 10,0; 80 → 9,756 → 9,8
    ("0.0", 820, [0]),             # 0; 1 → 0,12 → 0,1
    ("100", 8, [8]),
    ("12.3", 8, []),               # 1 of 8 is 12,5: no count prints 12,3
])
def test_counts_printing_a_rate(rate: str, households: int, expected: list[int]):
    assert figures.counts_printing(Decimal(rate), households) == expected


@pytest.mark.parametrize(("rate", "households", "expected"), [
    ("5.0", 1525, 76),     # exact 76,25
    ("9.2", 1525, 140),    # exact 140,3
    ("0.1", 1525, 2),      # exact 1,525: 2 is nearer than 1
    ("0.1", 1500, 2),      # exact 1,5: a tie between 1 and 2, the larger
    ("12.3", 8, None),
])
def test_count_of_a_rate_is_the_nearest_printing_count(rate: str, households: int, expected: int | None):
    assert figures.count_of(Decimal(rate), households) == expected
