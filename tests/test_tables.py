"""Tables as plans write them (issue 15, items 1, 2, 3, 6, 7; docs/plan-format.md "table"):
group rows, numbering, sub-rows, rich cells, cells across columns, computed totals, the shape
checked. Read back from the .docx (text, spans, bold, font) and from the CLI's messages."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from docx.oxml.ns import qn

from conftest import SECOND, run_cli
from docx_reading import all_bold, none_bold, size_pt, text_lines

COLUMNS = [{"title": "STT", "width": 0.6, "align": "center", "numbered": True},
           {"title": "Nội dung", "width": 3}, {"title": "Đơn vị thực hiện", "width": 1.6},
           {"title": "Kinh phí", "width": 1.2, "align": "right", "total": True}]

# The example of docs/plan-format.md ("Computed totals").
ROWS = [
    {"group": "I. CÔNG TÁC TUYÊN TRUYỀN"},
    {"bold": True,
     "cells": [{"text": "Tuyên truyền trên hệ thống truyền thanh",
                "points": ["Phát thanh hằng tuần", "Cập nhật tin bài mỗi tháng"]},
               "Văn hóa - Xã hội", ""],
     "rows": [["Phát thanh hằng tuần", "Văn hóa - Xã hội", 12],
              [{"text": "Tin bài, do Văn hóa - Xã hội và các thôn thực hiện", "span": 2}, 8]]},
    {"group": "II. TẬP HUẤN"},
    [{"text": ["**Tập huấn cán bộ thôn**", "Hai lớp, mỗi lớp 40 người."]},
     {"text": "Văn hóa - Xã hội", "bold": True}, 15.5],
]

# Worked by hand from the rules: numbers 1, 1.1, 1.2, 2 on through the groups; the total
# 12 + 8 (row 1 leaves Kinh phí empty, so its sub-rows count) + 15,5 = 35,5.
PRINTED = [
    "STT | Nội dung | Đơn vị thực hiện | Kinh phí",
    "I. CÔNG TÁC TUYÊN TRUYỀN",
    "1 | Tuyên truyền trên hệ thống truyền thanh - Phát thanh hằng tuần - Cập nhật tin bài mỗi tháng"
    " | Văn hóa - Xã hội |",
    "1.1 | Phát thanh hằng tuần | Văn hóa - Xã hội | 12",
    "1.2 | Tin bài, do Văn hóa - Xã hội và các thôn thực hiện | 8",
    "II. TẬP HUẤN",
    "2 | Tập huấn cán bộ thôn Hai lớp, mỗi lớp 40 người. | Văn hóa - Xã hội | 15,5",
    " | Tổng cộng |  | 35,5",
]


def plan_with(rows: list[Any], columns: list[Any] | None = None) -> dict[str, Any]:
    """Returns the Tân An plan whose first appendix holds one table of `rows`."""
    data = yaml.safe_load(SECOND.read_text(encoding="utf-8"))
    data["appendices"][0]["content"] = [{"table": {"columns": copy.deepcopy(columns or COLUMNS),
                                                   "rows": copy.deepcopy(rows)}}]
    return data


def write(path: Path, data: dict[str, Any]) -> Path:
    """Writes `data` as YAML, a list of plain values on one line (a row and its cells share it)."""
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=None),
                    encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    (line,) = [number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
               if text in line]
    return line


@pytest.fixture(scope="module")
def plan_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tables")
    plan = write(folder / "tan-an-2026.yaml", plan_with(ROWS))
    result = run_cli("build", plan, "-o", folder / "output")
    assert result.exit_code == 0, result.output
    return folder / "output" / "tan-an-2026" / "ke-hoach.docx"


def appendix_table(path: Path) -> docx.table.Table:
    """Returns the table of Phụ lục I: the one whose header starts with STT | Nội dung | Đơn vị."""
    return next(table for table in docx.Document(str(path)).tables
                if [cell.text for cell in table.rows[0].cells][:3] == ["STT", "Nội dung", "Đơn vị thực hiện"])


def grid_spans(row: Any) -> list[int]:
    """Returns each `w:tc` of a row with its gridSpan (1 when it has none)."""
    spans = []
    for tc in row._tr.iterchildren(qn("w:tc")):
        span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
        spans.append(int(span.get(qn("w:val"))) if span is not None else 1)
    return spans


def cell_paragraphs(row: Any, index: int) -> list[Any]:
    """Returns the paragraphs of the `index`-th `w:tc` of `row` (python-docx repeats a merged
    cell in `row.cells`; this counts each cell once)."""
    tc = list(row._tr.iterchildren(qn("w:tc")))[index]
    return [docx.text.paragraph.Paragraph(p, None) for p in tc.iterchildren(qn("w:p"))]


def test_the_table_prints_groups_numbers_sub_rows_and_its_total(plan_docx):
    lines = text_lines(plan_docx)
    start = lines.index(PRINTED[0])
    assert lines[start:start + len(PRINTED)] == [line.rstrip() for line in PRINTED]


def test_a_group_row_is_one_bold_cell_across_the_table(plan_docx):
    rows = appendix_table(plan_docx).rows
    for at, title in ((1, "I. CÔNG TÁC TUYÊN TRUYỀN"), (5, "II. TẬP HUẤN")):
        assert grid_spans(rows[at]) == [4]
        (paragraph,) = cell_paragraphs(rows[at], 0)
        assert paragraph.text == title and all_bold(paragraph)
        assert paragraph.paragraph_format.keep_with_next  # never alone at the foot of a page
    assert not any(paragraph.paragraph_format.keep_with_next for row in rows[2:5]
                   for index in range(len(row._tr.tc_lst)) for paragraph in cell_paragraphs(row, index))


def test_a_cell_across_columns_has_its_grid_span(plan_docx):
    row = appendix_table(plan_docx).rows[4]
    assert grid_spans(row) == [1, 2, 1]
    assert [p.text for p in cell_paragraphs(row, 1)] == ["Tin bài, do Văn hóa - Xã hội và các thôn thực hiện"]


def test_paragraphs_and_points_each_print_on_their_own_line_in_the_cell(plan_docx):
    rows = appendix_table(plan_docx).rows
    assert [p.text for p in cell_paragraphs(rows[2], 1)] == [
        "Tuyên truyền trên hệ thống truyền thanh", "- Phát thanh hằng tuần", "- Cập nhật tin bài mỗi tháng"]
    first, second = cell_paragraphs(rows[6], 1)
    assert (first.text, second.text) == ("Tập huấn cán bộ thôn", "Hai lớp, mỗi lớp 40 người.")
    assert all_bold(first) and none_bold(second)  # the markup of a paragraph


def test_a_bold_row_and_a_bold_cell_print_in_bold_the_rest_not(plan_docx):
    rows = appendix_table(plan_docx).rows
    assert all(all_bold(p) for index in range(3) for p in cell_paragraphs(rows[2], index) if p.text)
    assert all(none_bold(p) for index in range(4) for p in cell_paragraphs(rows[3], index))
    assert all_bold(cell_paragraphs(rows[6], 2)[0])
    assert none_bold(cell_paragraphs(rows[6], 3)[0])


def test_every_cell_prints_in_the_table_font(plan_docx):
    table = appendix_table(plan_docx)
    sizes = {size_pt(p) for row in table.rows[1:] for index in range(len(grid_spans(row)))
             for p in cell_paragraphs(row, index) if p.text}
    assert sizes == {13}


def test_the_total_row_is_written_under_the_table_not_bold(plan_docx):
    last = appendix_table(plan_docx).rows[-1]
    assert [cell.text for cell in last.cells] == ["", "Tổng cộng", "", "35,5"]


def test_the_tan_an_funding_total_is_computed_not_typed():
    data = yaml.safe_load(SECOND.read_text(encoding="utf-8"))
    table = data["appendices"][0]["content"][1]["table"]
    assert [column["title"] for column in table["columns"] if column.get("total")] == ["Kinh phí"]
    assert not any("Tổng cộng" in str(row) for row in table["rows"])


def test_the_tan_an_funding_appendix_prints_its_computed_total(built):
    lines = text_lines(built / "tan-an-2026" / "ke-hoach.docx")
    start = lines.index("STT | Nội dung | Nguồn vốn | Kinh phí")
    assert lines[start + 4] == " | Tổng cộng |  | 1.125,5"  # 850 + 240 + 35,5


def test_a_typed_total_that_agrees_prints_once(tmp_path):
    plan = write(tmp_path / "plan.yaml", plan_with([*ROWS, ["**Tổng cộng**", "", 35.5]]))
    result = run_cli("build", plan, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    lines = text_lines(tmp_path / "out" / "plan" / "ke-hoach.docx")
    assert [line for line in lines if "Tổng cộng" in line] == [" | Tổng cộng |  | 35,5"]


# --- located errors, never a crash ---------------------------------------------------------

def check(tmp_path: Path, rows: list[Any], marker: str, vi: str, en: str, *, error: bool = True,
          columns: list[Any] | None = None) -> None:
    """Validates and builds a plan with `rows`: the message at the line holding `marker`, in
    both languages; an error stops the build and writes nothing."""
    plan = write(tmp_path / "plan.yaml", plan_with(rows, columns))
    line = line_of(plan, marker)
    result_vi, result_en = run_cli("validate", plan), run_cli("--lang", "en", "validate", plan)
    assert result_vi.exit_code == result_en.exit_code == (1 if error else 0), result_vi.output
    kind_vi, kind_en = ("lỗi", "error") if error else ("cảnh báo", "warning")
    assert f"{plan}:{line}:" in result_vi.output and f"{plan}:{line}:" in result_en.output
    assert f"{kind_vi}: " in result_vi.output and vi in result_vi.output, result_vi.output
    assert f"{kind_en}: " in result_en.output and en in result_en.output, result_en.output
    build = run_cli("build", plan, "-o", tmp_path / "out")
    assert build.exit_code == (1 if error else 0), build.output
    assert (tmp_path / "out").exists() is not error


def test_a_row_one_cell_short_is_a_located_error(tmp_path):
    check(tmp_path, [*ROWS, ["Một hàng thiếu ô", 5]], "Một hàng thiếu ô",
          "các ô của hàng này chiếm 2 cột (tính cả ô gộp), nhưng bảng có 3 cột cần ghi",
          "the cells of this row cover 2 columns, spans counted, but the table has 3 columns to write")
    check(tmp_path, [["Một hàng thiếu ô", 5]], "Một hàng thiếu ô",
          "; bỏ cột «STT»: kehoach tự đánh số", "; leave out «STT»: kehoach numbers it")


def test_a_span_past_the_last_column_is_a_located_error(tmp_path):
    check(tmp_path, [[{"text": "Gộp quá rộng", "span": 3}, 5]], "Gộp quá rộng",
          "các ô của hàng này chiếm 4 cột", "the cells of this row cover 4 columns")


def test_a_plain_table_keeps_its_message(tmp_path):
    check(tmp_path, [["1", "Hàng ngắn"]], "Hàng ngắn",
          "hàng này có 2 ô nhưng bảng có 3 cột", "this row has 2 cells but the table has 3 columns",
          columns=["STT", "Nội dung", "Ghi chú"])


def test_a_typed_total_that_disagrees_is_a_located_error(tmp_path):
    check(tmp_path, [*ROWS, ["Tổng cộng", "", 30]], "Tổng cộng",
          "hàng «Tổng cộng» này ghi «30» ở cột «Kinh phí», nhưng các hàng cộng lại được 35,5: hãy ghi 35,5",
          "this «Tổng cộng» row gives «30» in the column «Kinh phí», but the rows add up to 35.5: write 35.5")


def test_words_in_a_totalled_column_are_a_located_error(tmp_path):
    check(tmp_path, [["Tập huấn", "Văn hóa - Xã hội", "mười hai"]], "mười hai",
          "cột «Kinh phí» có tính tổng, nhưng ô này ghi «mười hai», không phải một số",
          "the column «Kinh phí» is totalled, but this cell holds «mười hai», not a number")


def test_a_label_yaml_read_as_a_number_is_a_warning_at_its_line(tmp_path):
    columns = [{"title": "Mục", "align": "center"}, "Nội dung", {"title": "Kinh phí", "align": "right"}]
    check(tmp_path, [[5.1, "Tiêu chí con", 12.5]], "Tiêu chí con",
          "YAML đọc 5.1 là một số, in ra «5,1» ở cột «Mục»: nếu đó là nhãn (số thứ tự), hãy đặt trong ngoặc kép (\"5.1\")",
          "YAML reads 5.1 as a number, printed «5,1» in the column «Mục»: if it is a label, put it in quotes (\"5.1\")",
          error=False, columns=columns)


def test_a_quoted_label_and_a_figure_in_a_right_column_are_not_warned(tmp_path):
    columns = [{"title": "Mục", "align": "center"}, "Nội dung", {"title": "Kinh phí", "align": "right"}]
    plan = write(tmp_path / "plan.yaml", plan_with([["5.1", "Tiêu chí con", 12.5]], columns))
    result = run_cli("validate", plan)
    assert result.exit_code == 0 and "YAML" not in result.output


def test_diff_lists_a_row_added_above_numbered_rows_as_one_change(tmp_path):
    """The rows below take new numbers when printed, but the plan changed by one row only."""
    rows = copy.deepcopy(ROWS)
    rows.insert(1, ["Hàng mới", "Văn hóa - Xã hội", 3])
    old, new = write(tmp_path / "old.yaml", plan_with(ROWS)), write(tmp_path / "new.yaml", plan_with(rows))
    result = run_cli("diff", old, new)
    assert result.exit_code == 1
    assert result.output.splitlines()[2:] == [
        "+ Phụ lục 1: thêm đoạn:", "    Hàng mới | Văn hóa - Xã hội | 3", "1 thay đổi."]


def test_a_cell_across_columns_of_a_fitted_table_builds(tmp_path: Path):
    # Columns without widths are fitted to their texts; a row with a cell across two of them
    # once crashed validate (found by kehoach import's fixtures).
    rows = [["1", "Bò", "Thôn A", "100"], ["2", {"text": "Bò sinh sản", "span": 2}, "350"]]
    plan = write(tmp_path / "tan-an-2026.yaml", plan_with(rows, ["STT", "Nội dung", "Đơn vị thực hiện", "Kinh phí"]))
    assert run_cli("validate", plan).exit_code == 0
    result = run_cli("build", plan, "-o", tmp_path / "output")
    assert result.exit_code == 0, result.output
    table = appendix_table(tmp_path / "output" / "tan-an-2026" / "ke-hoach.docx")
    assert grid_spans(table.rows[2]) == [1, 2, 1]
    assert [cell.text for cell in table.rows[2].cells][1] == "Bò sinh sản"
