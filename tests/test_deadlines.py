"""The forms of a deadline (docs/plan-format.md, "Deadlines"): each documented form is accepted
without a word and printed as the letters print it; another text is printed as written, with a
warning at its line naming the forms, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SECOND, run_cli
from docx_reading import text_lines

SECOND_TEXT = SECOND.read_text(encoding="utf-8")
DEADLINE = "        deadline: Quý II/2026\n"


def with_deadline(tmp_path: Path, deadline: str) -> Path:
    path = tmp_path / "han.yaml"
    path.write_text(SECOND_TEXT.replace(DEADLINE, f"        deadline: {deadline}\n", 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("deadline", "printed"), [
    ('"2026-06-30"', "30/6/2026"), ("Năm 2026", "Năm 2026"), ("Quý III/2026", "Quý III/2026"),
    ("Tháng 12/2026", "Tháng 12/2026"), ("6 tháng đầu năm 2026", "6 tháng đầu năm 2026"),
    ("Trước ngày 15/12/2026", "Trước ngày 15/12/2026"),
    ("Trước ngày 15/12 hằng năm", "Trước ngày 15/12 hằng năm"), ("Hằng quý", "Hằng quý"),
    ("Thường xuyên", "Thường xuyên"),
])
def test_a_documented_form_is_accepted_and_printed(tmp_path, deadline, printed):
    plan = with_deadline(tmp_path, deadline)
    assert run_cli("validate", "--strict", plan).exit_code == 0
    assert run_cli("build", plan, "-o", tmp_path / "out").exit_code == 0
    letter = text_lines(tmp_path / "out" / "han" / "giao-nhiem-vu" / "kinh-te.docx")
    assert f"- Thời hạn hoàn thành: {printed}." in letter


def test_another_form_is_a_warning_at_its_line_in_both_languages(tmp_path):
    plan = with_deadline(tmp_path, "Quí 3/2026")
    line = plan.read_text(encoding="utf-8").splitlines().index("        deadline: Quí 3/2026") + 1
    vi = run_cli("validate", plan)
    assert vi.exit_code == 0
    assert vi.output.startswith(f"{plan}:{line}:19: cảnh báo: «Quí 3/2026» không phải cách ghi thời hạn mà "
                                "kế hoạch dùng; ghi một ngày (\"2026-06-30\", in thành 30/6/2026) hoặc một")
    en = run_cli("--lang", "en", "validate", plan)
    assert en.output.startswith(f"{plan}:{line}:19: warning: «Quí 3/2026» is not a form of deadline that "
                                "plans write; write a date")
    assert "Thường xuyên, Giai đoạn 2026 - 2030" in en.output
