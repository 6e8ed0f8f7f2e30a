"""Reproducible documents and `kehoach text`: two builds give the same bytes, properties come
from the plan, and the text of a built .docx is the whole plan in order — also through git's
textconv, so that `git diff` of a committed document shows text."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx_reading import sample_plan

from conftest import ROOT, SAMPLE, SECOND, run_cli
from generator.document.model import plain_text
from generator.writers.docx import write_docx

EXPECTED = (ROOT / "tests" / "fixtures" / "xuan-phuc-2023.expected.txt").read_text(
    encoding="utf-8").splitlines()


def files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_two_builds_give_identical_bytes(tmp_path):
    for name in ("first", "second"):
        result = run_cli("build", SAMPLE, SECOND, "-o", tmp_path / name)
        assert result.exit_code == 0, result.output
    first, second = files(tmp_path / "first"), files(tmp_path / "second")
    assert "xuan-phuc-2023/ke-hoach.docx" in first and "tan-an-2026/ke-hoach.docx" in first
    assert first.keys() == second.keys()
    for name in first:
        assert first[name] == second[name], name


def test_document_properties_come_from_the_plan(built):
    properties = docx.Document(str(built / "xuan-phuc-2023" / "ke-hoach.docx")).core_properties
    assert properties.title == ("Triển khai thực hiện Chương trình mục tiêu quốc gia giảm nghèo "
                                "nhanh bền vững năm 2023 trên địa bàn xã Xuân Phúc")
    assert properties.author == properties.last_modified_by == "Ủy ban nhân dân xã Xuân Phúc"
    # The plan is dated June 2023, day left blank: the first of the month, never the clock.
    assert properties.created == properties.modified == dt.datetime(2023, 6, 1, tzinfo=dt.timezone.utc)
    second = docx.Document(str(built / "tan-an-2026" / "ke-hoach.docx")).core_properties
    assert second.created == dt.datetime(2026, 2, 5, tzinfo=dt.timezone.utc)


def test_text_prints_the_whole_plan_in_order(built):
    result = run_cli("text", built / "xuan-phuc-2023" / "ke-hoach.docx")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[:6] == ["UBND HUYỆN NHƯ THANH", "UBND XÃ XUÂN PHÚC", "Số:     /KH-UBND",
                         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                         "Xuân Phúc, ngày     tháng 6 năm 2023"]
    start = lines.index("KẾ HOẠCH")
    assert lines[start:start + len(EXPECTED)] == EXPECTED


def test_text_is_the_documents_plain_text_tables_row_by_row(tmp_path):
    document = sample_plan()
    path = tmp_path / "sample.docx"
    path.write_bytes(write_docx(document))
    result = run_cli("text", path)
    assert result.output.splitlines() == plain_text(document)
    assert "TT | Thôn | Số hộ nghèo | Tỷ lệ (%)" in result.output.splitlines()
    assert "1 | Thôn 1 | 11 | 1,5" in result.output.splitlines()


def test_text_of_something_that_is_not_a_document_says_so(tmp_path):
    missing = run_cli("text", tmp_path / "missing.docx")
    assert missing.exit_code == 1 and "missing.docx" in missing.output
    notes = tmp_path / "notes.docx"
    notes.write_text("không phải văn bản Word", encoding="utf-8")
    wrong = run_cli("text", notes)
    assert wrong.exit_code == 1 and "notes.docx" in wrong.output and "Traceback" not in wrong.output


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_diff_of_a_committed_document_shows_text_through_textconv(tmp_path):
    """The README recipe, with `python -m generator` standing in for the `kehoach` script."""
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(tmp_path), "-c", "user.name=Test",
                               "-c", "user.email=t@example.org", *args],
                              check=True, capture_output=True, text=True, env=env).stdout

    env = {**os.environ, "PYTHONPATH": str(ROOT), "LC_ALL": "C.UTF-8"}
    git("init", "-q")
    (tmp_path / ".gitattributes").write_text("*.docx diff=kehoach-docx\n", encoding="utf-8")
    git("config", "diff.kehoach-docx.textconv", f'"{sys.executable}" -m generator text')
    document = tmp_path / "ke-hoach.docx"
    assert run_cli("build", SAMPLE, "-o", tmp_path / "out").exit_code == 0
    document.write_bytes((tmp_path / "out" / "xuan-phuc-2023" / "ke-hoach.docx").read_bytes())
    git("add", ".gitattributes", "ke-hoach.docx")
    git("commit", "-q", "-m", "2023")
    changed = tmp_path / "changed.yaml"
    changed.write_text(SAMPLE.read_text(encoding="utf-8").replace(
        "name: Nguyễn Quang Phương", "name: Lê Văn An"), encoding="utf-8")
    assert run_cli("build", changed, "-o", tmp_path / "out").exit_code == 0
    document.write_bytes((tmp_path / "out" / "changed" / "ke-hoach.docx").read_bytes())
    shown = git("diff")
    assert "Binary files" not in shown
    assert "-Nguyễn Quang Phương" in shown and "+Lê Văn An" in shown
