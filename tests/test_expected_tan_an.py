"""Every document built from the Tân An plan (the plan, each unit's letter and task sheet), read
back with `kehoach text` and compared word for word with a text written by hand from the plan
file and the wording rules (tests/fixtures/README.md says how)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, SECOND, run_cli, shared
from docx_reading import expected_lines, text_lines

FIXTURES = ROOT / "tests" / "fixtures" / "tan-an-2026"
# The three units of the plan, in its order.
UNITS = ["van-hoa-xa-hoi", "kinh-te", "cac-thon"]
KINDS = ["giao-nhiem-vu", "phieu-nhiem-vu"]
DOCUMENTS = ["ke-hoach", *(f"{kind}/{unit_id}" for kind in KINDS for unit_id in UNITS)]


def test_every_document_built_has_an_expected_text(built: Path):
    written = sorted(str(path.relative_to(built / "tan-an-2026").with_suffix(""))
                     for path in (built / "tan-an-2026").rglob("*.docx"))
    assert written == sorted(DOCUMENTS)
    kept = sorted(str(path.relative_to(FIXTURES)).removesuffix(".expected.txt")
                  for path in FIXTURES.rglob("*.expected.txt"))
    assert kept == sorted(DOCUMENTS)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_document_reads_as_written_by_hand(built: Path, document: str):
    printed = text_lines(built / "tan-an-2026" / f"{document}.docx")
    assert printed == expected_lines(FIXTURES / f"{document}.expected.txt")


# --- the same plan with the letters' defaults: a configured value must not hide a wrong default ---

# The sample's `assignments` block as written, and the same block leaving the deadline, the
# letter's symbol and its reporting rule to their defaults (docs/plan-format.md, `assignments`).
CONFIGURED = '''assignments:
  default_deadline: "2026-11-30"     # "30/11/2026" (mặc định: "Năm 2026")
  letter:
    symbol: UBND-VX                  # "Số:     /UBND-VX"
    reporting:
      to: Ủy ban nhân dân xã (qua Phòng Văn hóa - Xã hội)   # mặc định: Ủy ban nhân dân xã Tân An
      frequency: quý, 6 tháng, năm   # mặc định: 6 tháng, năm
      deadline: "2026-12-05"         # "trước ngày 05/12/2026" (mặc định: 15/12/2026)
      collector: van-hoa-xa-hoi      # Phòng Văn hóa - Xã hội tổng hợp, không tự báo cáo qua mình
'''
DEFAULTS = '''assignments:
  letter:
'''
# What the documents then say instead, worked from the defaults table: the symbol from the
# plan's KH-UBND and "Lưu: VT, VHXH", no deadline (issue 16: none is invented; the letter's line
# goes, the table cell is empty), "6 tháng, năm", the issuer's text_name, and the 15 December of
# the plan's year; with no collector, van-hoa-xa-hoi reports as the other units do.
NO_DEADLINE = "- Thời hạn hoàn thành: 30/11/2026."
INSTEAD = {
    "Số:     /UBND-VX": "Số:     /UBND-VHXH",
    " | 30/11/2026 |": " |  |",
    "định kỳ quý, 6 tháng, năm, gửi về Ủy ban nhân dân xã (qua Phòng Văn hóa - Xã hội) để tổng hợp; "
    "thời hạn gửi báo cáo: trước ngày 05/12/2026.":
        "định kỳ 6 tháng, năm, gửi về Ủy ban nhân dân xã Tân An để tổng hợp; "
        "thời hạn gửi báo cáo: trước ngày 15/12/2026.",
    "kịp thời báo cáo về Ủy ban nhân dân xã (qua Phòng Văn hóa - Xã hội) để xem xét":
        "kịp thời báo cáo về Ủy ban nhân dân xã Tân An để xem xét",
    "4. Tổng hợp, báo cáo kết quả thực hiện": "4. Chế độ báo cáo",
    "Theo dõi, đôn đốc các đơn vị triển khai thực hiện; tổng hợp kết quả thực hiện, báo cáo Ủy ban nhân dân "
    "xã Tân An định kỳ quý, 6 tháng, năm; thời hạn gửi báo cáo: trước ngày 05/12/2026.":
        "Báo cáo kết quả thực hiện các nhiệm vụ nêu trên định kỳ 6 tháng, năm, gửi về Ủy ban nhân dân xã "
        "Tân An để tổng hợp; thời hạn gửi báo cáo: trước ngày 15/12/2026.",
}


@pytest.fixture(scope=shared("module"))
def built_with_defaults(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Returns the output folder of the Tân An plan built without its configured letter values."""
    folder = tmp_path_factory.mktemp("defaults")
    text = SECOND.read_text(encoding="utf-8")
    assert text.count(CONFIGURED) == 1, "the sample's assignments block changed: update CONFIGURED"
    plan = folder / SECOND.name
    plan.write_text(text.replace(CONFIGURED, DEFAULTS), encoding="utf-8")
    result = run_cli("build", plan, "-o", folder / "output")
    assert result.exit_code == 0, result.output
    return folder / "output" / "tan-an-2026"


def with_defaults(lines: list[str]) -> list[str]:
    """Returns `lines` with each configured wording replaced by its default one."""
    changed = []
    for line in lines:
        if line == NO_DEADLINE:
            continue
        for configured, default in INSTEAD.items():
            line = line.replace(configured, default)
        changed.append(line)
    return changed


def test_every_configured_value_shows_in_some_document():
    every_line = [line for document in DOCUMENTS
                  for line in expected_lines(FIXTURES / f"{document}.expected.txt")]
    assert all(any(configured in line for line in every_line) for configured in [*INSTEAD, NO_DEADLINE])


@pytest.mark.parametrize("document", DOCUMENTS)
def test_document_reads_with_the_defaults_where_nothing_is_configured(built_with_defaults: Path,
                                                                      document: str):
    expected = with_defaults(expected_lines(FIXTURES / f"{document}.expected.txt"))
    assert text_lines(built_with_defaults / f"{document}.docx") == expected
