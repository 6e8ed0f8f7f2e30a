"""The clerk's year, walked as a clerk walks it, with the real `kehoach` and `git` commands in a
folder of their own: init, last year's plan with its results recorded, next year's plan, what
is left to fill in, filled in, built, compared, and a rebuilt document read by `git diff`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE
from docx import Document

BIN = Path(sys.executable).parent
KEHOACH = shutil.which("kehoach", path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
pytestmark = [
    pytest.mark.skipif(KEHOACH is None, reason="the kehoach command is not installed (pip install -e .)"),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]


def run(folder: Path, *args: str, check: int | None = 0) -> subprocess.CompletedProcess[str]:
    """Runs a command in `folder` as the clerk's terminal would (kehoach on PATH, Vietnamese)."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "LANG": "C.UTF-8",
           "GIT_AUTHOR_NAME": "Văn thư", "GIT_AUTHOR_EMAIL": "vanthu@example.invalid",
           "GIT_COMMITTER_NAME": "Văn thư", "GIT_COMMITTER_EMAIL": "vanthu@example.invalid"}
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "GIT_DIR", "GIT_WORK_TREE"):
        env.pop(name, None)
    done = subprocess.run(args, cwd=folder, env=env, capture_output=True, text=True, timeout=120)
    if check is not None:
        assert done.returncode == check, (args, done.stdout, done.stderr)
    return done


def plan_text(path: Path) -> str:
    return "\n".join(paragraph.text for paragraph in Document(str(path)).paragraphs)


def test_a_year_of_plans_in_a_clerks_repository(tmp_path: Path):
    office = tmp_path / "xa-xuan-phuc"
    run(tmp_path, "kehoach", "init", str(office))
    assert (office / ".git").is_dir() and (office / "plans").is_dir()
    assert run(office, "git", "config", "diff.kehoach-docx.textconv").stdout.strip() == "kehoach text"

    # Last year's plan, with the year's results recorded at its end (README: "Năm mới").
    old = office / "plans" / "xuan-phuc-2023.yaml"
    text = SAMPLE.read_text(encoding="utf-8")
    for reduction, actual in (("{rate: 4.2, count: 65}", "{year: 2023, rate: 5.1, count: 78}"),
                              ("{rate: 3.9, count: 60}", "{year: 2023, rate: 2.6, count: 40}")):
        text = text.replace(f"reduction: {reduction}", f"reduction: {reduction}\n    actual: {actual}", 1)
    old.write_text(text, encoding="utf-8")
    run(office, "kehoach", "validate", "plans/xuan-phuc-2023.yaml")

    made = run(office, "kehoach", "new", "--from", "plans/xuan-phuc-2023.yaml", "--year", "2024")
    new = office / "plans" / "xuan-phuc-2024.yaml"
    assert new.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schemas/plan.schema.json\n")
    assert "hộ nghèo: năm gốc = kết quả thực hiện cuối năm 2023: 5,1%, 78 hộ" in made.stdout

    unfilled = run(office, "kehoach", "validate", "plans/xuan-phuc-2024.yaml", check=1)
    assert "lỗi: chưa điền mục tiêu «hộ nghèo» năm 2024" in unfilled.stderr
    assert "lỗi: chưa điền mục tiêu «hộ cận nghèo» năm 2024" in unfilled.stderr

    # Filled in: the poverty target as a rate only (its count is computed from the 1.525
    # households: 58 is the only count that prints 3,8%), the issue month.
    text = new.read_text(encoding="utf-8")
    text = text.replace("rate: null, count: null", "rate: 3.8", 1).replace(
        "rate: null, count: null", "rate: 2.0, count: 30", 1)
    new.write_text(text.replace("month: null", "month: 6", 1), encoding="utf-8")
    run(office, "kehoach", "validate", "plans/xuan-phuc-2024.yaml")
    run(office, "kehoach", "build", "plans/xuan-phuc-2024.yaml")
    document = office / "output" / "xuan-phuc-2024" / "ke-hoach.docx"
    assert ("Năm 2024, tỷ lệ hộ nghèo giảm 1,3%, tương ứng giảm 20 hộ nghèo (từ 5,1% cuối năm 2023, "
            "xuống còn 3,8% cuối năm 2024, số hộ nghèo dự kiến cuối năm 2024 còn 58 hộ); tỷ lệ hộ cận "
            "nghèo giảm 0,6%, tương ứng giảm 10 hộ cận nghèo (từ 2,6% cuối năm 2023, xuống còn 2,0% "
            "cuối năm 2024, số hộ cận nghèo dự kiến cuối năm 2024 còn 30 hộ).") in plan_text(document)

    changes = run(office, "kehoach", "diff", "plans/xuan-phuc-2023.yaml", "plans/xuan-phuc-2024.yaml",
                  check=1).stdout
    assert "~ Chỉ tiêu “hộ nghèo”: kết quả thực hiện năm 2023 (5,1%, 78 hộ) thành năm gốc" in changes
    assert "~ Năm kế hoạch: 2023 → 2024" in changes

    # The documents are committed; a changed target rebuilt shows in `git diff` as text.
    run(office, "git", "add", "-A")
    run(office, "git", "commit", "-q", "-m", "Kế hoạch năm 2024")
    new.write_text(new.read_text(encoding="utf-8").replace("rate: 3.8", "rate: 3.7", 1), encoding="utf-8")
    run(office, "kehoach", "build", "plans/xuan-phuc-2024.yaml")
    shown = run(office, "git", "diff", "output/xuan-phuc-2024/ke-hoach.docx").stdout
    assert "Binary files" not in shown
    assert "+Năm 2024, tỷ lệ hộ nghèo giảm 1,4%, tương ứng giảm 22 hộ nghèo" in shown
    assert "-Năm 2024, tỷ lệ hộ nghèo giảm 1,3%, tương ứng giảm 20 hộ nghèo" in shown
