"""How a plan's table sits on the page (issue 15, items 4 and 5): columns fitted to their texts
when the plan gives no widths, the widths kept where it gives them, tall rows allowed to break
across pages and short ones kept whole, the header row repeated, and a warning at the table's
line when a word cannot fit its column."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx.oxml.ns import qn
from docx.table import Table as DocxTable

from conftest import SECOND, run_cli
from docx_reading import column_widths, read

# nd30-format §1: A4 portrait, left margin 30 mm (1701 tw), right 15 mm (850): 9355 tw of text.
PORTRAIT_TEXT = 11906 - 1701 - 850
# §5.7: 13 pt table text, bold header, cells padded by 108 tw on each side. "STT" in Liberation
# Serif Bold (Times New Roman's metrics) is S 1139 + T 1366 + T 1366 = 3871 units of 2048 per em:
# 3871 × 13 pt × 20 / 2048 = 491 tw, so its column needs at least 491 + 2 × 108 = 707 tw.
STT_COLUMN_LEAST = 707

LONG_TASK = ("Rà soát, cập nhật danh sách hộ nghèo, hộ cận nghèo trên địa bàn từng thôn, lập hồ sơ "
             "đề nghị hỗ trợ cho từng hộ theo nguyên nhân nghèo và báo cáo kết quả về Ủy ban nhân "
             "dân xã đúng thời hạn quy định. ")
# A cell of this text takes far more than a third of a portrait page's text height (§1: 297 mm
# less 20 + 20 mm of margins = 257 mm): about 40 lines of 13 pt in its column, over 200 mm.
TALL_TASK = LONG_TASK * 12


def plan_with_appendix(tmp_path: Path, appendix: str) -> Path:
    """Returns the Tân An sample with its appendices replaced by `appendix` (YAML, indented as
    an entry of `appendices`)."""
    text = SECOND.read_text(encoding="utf-8")
    text = text[:text.index("appendices:")] + "appendices:\n" + appendix
    path = tmp_path / "tan-an-2026.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def table_line(path: Path) -> int:
    """Returns the number of the line of `path` where its appendix's table starts."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("appendices:")
    return next(number for number, line in enumerate(lines[start:], start + 1) if "- table:" in line)


def built_table(tmp_path: Path, plan: Path) -> DocxTable:
    """Returns the table of the plan's own appendix in the plan document built from `plan`."""
    output = tmp_path / "out"
    result = run_cli("build", plan, "-o", output)
    assert result.exit_code == 0, result.output
    tables = read((output / plan.stem / "ke-hoach.docx").read_bytes()).tables
    return next(table for table in tables if table.rows[0].cells[0].text == "STT"
                and table.rows[0].cells[1].text == "Nhiệm vụ" and len(table.columns) == 4)


FITTED = f"""\
  - title: PHÂN CÔNG THỰC HIỆN
    content:
      - table:
          columns:
            - {{title: STT, align: center}}
            - Nhiệm vụ
            - Chủ trì
            - Thời gian
          rows:
            - ["1", "{LONG_TASK.strip()}", Công chức Văn hóa - Xã hội, Quý I/2026]
            - ["2", "{TALL_TASK.strip()}", Ban phát triển thôn, Thường xuyên]
            - ["3", Tổng hợp báo cáo, Văn phòng, Tháng 12/2026]
"""


def test_a_table_without_widths_is_fitted_to_its_texts(tmp_path):
    widths = column_widths(built_table(tmp_path, plan_with_appendix(tmp_path, FITTED)))
    stt, task, lead, when = widths
    assert sum(widths) == PORTRAIT_TEXT
    # "STT" stays whole, yet takes far less than an equal quarter of the width (2339 tw).
    assert STT_COLUMN_LEAST <= stt < PORTRAIT_TEXT // 4
    # The long task texts get the room.
    assert task > max(stt, lead, when) and task > PORTRAIT_TEXT // 2


def test_widths_given_by_the_plan_are_kept(tmp_path):
    given = FITTED.replace("{title: STT, align: center}", "{title: STT, width: 1, align: center}")
    widths = column_widths(built_table(tmp_path, plan_with_appendix(tmp_path, given)))
    # One column with a width, the others 1 by default: four equal shares of 9355 tw, the
    # edges at 2338.75, 4677.5, 7016.25 rounding to 2339, 4678, 7016.
    assert widths == [2339, 2339, 2338, 2339]


def test_a_tall_row_may_break_across_pages_short_rows_stay_whole_and_the_header_repeats(tmp_path):
    table = built_table(tmp_path, plan_with_appendix(tmp_path, FITTED))
    header, short, tall, last = (row._tr.trPr for row in table.rows)
    assert header.find(qn("w:tblHeader")) is not None and header.find(qn("w:cantSplit")) is not None
    assert [row.find(qn("w:cantSplit")) is not None for row in (short, tall, last)] == [True, False, True]
    assert [row.find(qn("w:tblHeader")) for row in (short, tall, last)] == [None, None, None]


def test_the_samples_keep_every_row_whole(built):
    for plan in ("xuan-phuc-2023", "tan-an-2026"):
        tables = read((built / plan / "ke-hoach.docx").read_bytes()).tables[1:]
        for table in (table for table in tables if not table.rows[0].cells[0].text.startswith("Nơi nhận")):
            rows = [row._tr.trPr for row in table.rows]
            assert rows[0].find(qn("w:tblHeader")) is not None
            assert all(row.find(qn("w:cantSplit")) is not None for row in rows)


# Six columns headed by a word each of 15 to 18 letters, none of which may break: together some
# 13 000 tw of 13 pt bold with their padding, more than a portrait page's 9355 tw of text.
WIDE_COLUMNS = ["Ngânsáchtrungương", "Ngânsáchtỉnhhỗtrợ", "Ngânsáchhuyệnhỗtrợ", "Ngânsáchxãđốiứng",
                "Vốnhuyđộngxãhội", "Vốntíndụngưuđãi"]
WIDE_ROW = ", ".join(["Tổng"] * len(WIDE_COLUMNS))


def wide_table(landscape: bool) -> str:
    return (f"  - title: NGUỒN VỐN\n    landscape: {'true' if landscape else 'false'}\n    content:\n"
            f"      - table:\n          columns: [{', '.join(WIDE_COLUMNS)}]\n"
            f"          rows:\n            - [{WIDE_ROW}]\n")


@pytest.mark.parametrize("lang, expected", [
    ("vi", "bảng quá rộng so với trang dọc"),
    ("en", "the table is too wide for a portrait page"),
])
def test_a_table_too_wide_for_portrait_is_a_warning_at_its_line_saying_to_turn_the_page(tmp_path, lang, expected):
    plan = plan_with_appendix(tmp_path, wide_table(landscape=False))
    result = run_cli("--lang", lang, "validate", plan)
    assert result.exit_code == 0, result.output  # a warning: the plan still builds
    warnings = [line for line in result.output.splitlines() if f":{table_line(plan)}:" in line]
    assert len(warnings) == 1 and expected in warnings[0], result.output
    assert "«Ngânsáchtrungương»" in warnings[0]
    assert "landscape: true" in warnings[0]
    assert run_cli("--lang", lang, "validate", "--strict", plan).exit_code != 0


def test_the_same_table_on_landscape_pages_fits(tmp_path):
    plan = plan_with_appendix(tmp_path, wide_table(landscape=True))
    result = run_cli("validate", plan)
    assert result.exit_code == 0 and f":{table_line(plan)}:" not in result.output, result.output


@pytest.mark.parametrize("lang, expected", [
    ("vi", "«STT» rộng hơn cột chứa nó"),
    ("en", "«STT» is wider than its column"),
])
def test_a_word_wider_than_the_column_the_plan_sized_is_a_warning_at_the_table(tmp_path, lang, expected):
    # STT given 0.1 of 4.1 shares: 228 tw, less than the 707 tw "STT" needs.
    narrow = FITTED.replace("{title: STT, align: center}", "{title: STT, width: 0.1, align: center}") \
        .replace("- Nhiệm vụ", "- {title: Nhiệm vụ, width: 2}")
    plan = plan_with_appendix(tmp_path, narrow)
    result = run_cli("--lang", lang, "validate", plan)
    assert result.exit_code == 0, result.output
    line = table_line(plan)
    assert any(f":{line}:" in out and expected in out for out in result.output.splitlines()), result.output


def test_a_table_too_wide_even_for_landscape_says_to_use_fewer_columns(tmp_path):
    # Twelve such columns, some 26 000 tw: wider than a landscape page's 14 287 tw of text.
    twice = wide_table(landscape=True).replace(", ".join(WIDE_COLUMNS), ", ".join(WIDE_COLUMNS * 2)) \
        .replace(WIDE_ROW, ", ".join(["Tổng"] * 2 * len(WIDE_COLUMNS)))
    plan = plan_with_appendix(tmp_path, twice)
    result = run_cli("--lang", "en", "validate", plan)
    warnings = [line for line in result.output.splitlines() if f":{table_line(plan)}:" in line]
    assert len(warnings) == 1 and "too wide even for a landscape page" in warnings[0], result.output
    assert "landscape: true" not in warnings[0]
