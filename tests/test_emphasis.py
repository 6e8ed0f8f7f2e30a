"""Bold and italic inside a text (issue 14, item 2; docs/plan-format.md "Bold and italic inside
a text"): `**bold**`, `__italic__`, backslash escapes; located errors in both languages; runs in
the document's font, read back from the .docx; `text` and `diff` show the words alone."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from hypothesis import given, strategies as st

from conftest import SECOND, run_cli
from generator.document.emphasis import MarkupError, spans
from generator.document.model import Span

# --- the markup, worked by hand ------------------------------------------------------------

PLAIN, BOLD, ITALIC, BOTH = (False, False), (True, False), (False, True), (True, True)


@pytest.mark.parametrize("text, expected", [
    ("Hoàn thành **trước ngày 15/3**.", [("Hoàn thành ", PLAIN), ("trước ngày 15/3", BOLD), (".", PLAIN)]),
    ("__Ủy ban nhân dân__ (UBND)", [("Ủy ban nhân dân", ITALIC), (" (UBND)", PLAIN)]),
    ("**báo cáo __Kế hoạch số 145__ ngay**",
     [("báo cáo ", BOLD), ("Kế hoạch số 145", BOTH), (" ngay", BOLD)]),
    ("Điều 5* và tệp ten_tep", [("Điều 5* và tệp ten_tep", PLAIN)]),
    (r"in \*\* và \_\_\_\_", [("in ** và ____", PLAIN)]),
])
def test_a_text_prints_as_its_runs(text, expected):
    assert [(span.text, (span.bold, span.italic)) for span in spans(text)] == expected


@pytest.mark.parametrize("text, fault, marker, at", [
    ("Hoàn thành **trước ngày 15/3.", "unclosed", "**", 11),
    ("**đậm __nghiêng** sai__", "crossed", "**", 15),
    ("Số tiền: ____ đồng", "empty", "__", 9),
    ("a ****", "empty", "**", 2),
    (r"\**đậm**", "unclosed", "**", 6),  # the escaped star is literal, the last "**" opens bold
])
def test_markers_that_do_not_pair_are_faults(text, fault, marker, at):
    with pytest.raises(MarkupError) as raised:
        spans(text)
    assert (raised.value.fault, raised.value.marker, raised.value.at) == (fault, marker, at)


# Texts without markers: no "**", no "__", no backslash before "*", "_" or "\" (single stars,
# underscores and backslashes elsewhere are ordinary characters).
_ALPHABET = st.sampled_from(list("aăâđêôơư AĐÊỨỮ,.;:()/%-+0123456789") + ["*", "_", "\\"])
_WITHOUT_MARKERS = st.text(_ALPHABET, max_size=40).filter(
    lambda text: "**" not in text and "__" not in text
    and not any(text[i] == "\\" and text[i + 1] in "*_\\" for i in range(len(text) - 1)))


@given(_WITHOUT_MARKERS)
def test_a_text_without_markers_prints_unchanged(text):
    assert spans(text) == ((Span(text),) if text else ())


@given(st.text(_ALPHABET, max_size=40))
def test_escaped_markers_print_literally(text):
    escaped = "".join(f"\\{char}" if char in "*_\\" else char for char in text)
    assert "".join(span.text for span in spans(escaped)) == text
    assert not any(span.bold or span.italic for span in spans(escaped))


# --- a plan with emphasis ------------------------------------------------------------------

DUTY = "Chủ trì rà soát hộ nghèo, **hoàn thành trước ngày 15/12/2026**, theo __chuẩn nghèo đa chiều__."
PRODUCT = "Quyết định công nhận danh sách theo **mẫu số 01**"
INTRO = "__Ủy ban nhân dân xã Tân An__ ban hành Kế hoạch **như sau:**"
CELL = "**Tỷ lệ hộ nghèo** (%)"
BULLET = "Nguồn lực hỗ trợ __phát triển sản xuất__ còn ít."
ITEM = "Rà soát, cập nhật danh sách hộ nghèo; **xong trong quý I**."
ROLE = "Là cơ quan __thường trực__ Chương trình, thực hiện những nhiệm vụ sau:"
POINT = "tại __nhà văn hóa thôn__ và trên hệ thống truyền thanh;"


def plan_data() -> dict[str, Any]:
    return yaml.safe_load(SECOND.read_text(encoding="utf-8"))


def emphasised(data: dict[str, Any]) -> dict[str, Any]:
    """Returns the Tân An plan with bold and italic in its intro, a duty, a product, a cell, a
    bullet, an item's text and a unit's role."""
    data = copy.deepcopy(data)
    data["intro"][0] = INTRO
    duty = data["units"][0]["duties"][0]
    duty["text"], duty["product"], duty["points"] = DUTY, PRODUCT, [POINT]
    table = data["parts"][0]["sections"][0]["content"][1]["table"]
    table["rows"][0][1] = CELL
    data["parts"][0]["sections"][1]["bullets"][1] = BULLET
    data["parts"][1]["sections"][1]["content"][0]["text"] = ITEM
    data["units"][0]["role"] = ROLE
    return data


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text in line)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("emphasis")
    plan = write(folder / "tan-an-2026.yaml", emphasised(plan_data()))
    result = run_cli("build", plan, "-o", folder / "output")
    assert result.exit_code == 0, result.output
    return folder / "output" / "tan-an-2026"


def runs(document: docx.document.Document) -> list[Any]:
    paragraphs = list(document.paragraphs)
    paragraphs += [p for table in document.tables for row in table.rows for cell in row.cells
                   for p in cell.paragraphs]
    return [run for paragraph in paragraphs for run in paragraph.runs]


def looks(document: docx.document.Document, text: str) -> set[tuple[bool, bool, str, float]]:
    """Returns (bold, italic, font, size in points) of every run printing exactly `text`."""
    return {(bool(run.bold), bool(run.italic), run.font.name, run.font.size.pt)
            for run in runs(document) if run.text == text}


def test_the_plan_prints_bold_and_italic_runs_in_the_documents_font(built):
    plan = docx.Document(str(built / "ke-hoach.docx"))
    assert looks(plan, "Ủy ban nhân dân xã Tân An") == {(False, True, "Times New Roman", 14)}
    assert looks(plan, "như sau:") == {(True, False, "Times New Roman", 14)}
    assert looks(plan, " ban hành Kế hoạch ") == {(False, False, "Times New Roman", 14)}
    # The duty in part V (14 pt) and in the appendix of duties (a table: 13 pt).
    assert looks(plan, "hoàn thành trước ngày 15/12/2026") == {(True, False, "Times New Roman", 14),
                                                               (True, False, "Times New Roman", 13)}
    assert looks(plan, "chuẩn nghèo đa chiều") == {(False, True, "Times New Roman", 14),
                                                   (False, True, "Times New Roman", 13)}
    assert looks(plan, "mẫu số 01") == {(True, False, "Times New Roman", 13)}
    # A table cell: the words in bold, in the table's 13 pt (nd30-format §5.7).
    assert looks(plan, "Tỷ lệ hộ nghèo") == {(True, False, "Times New Roman", 13)}
    assert looks(plan, " (%)") == {(False, False, "Times New Roman", 13)}
    assert looks(plan, "phát triển sản xuất") == {(False, True, "Times New Roman", 14)}
    # A task with a lead unit: in part IV and in the appendix of duties.
    assert looks(plan, "xong trong quý I") == {(True, False, "Times New Roman", 14),
                                               (True, False, "Times New Roman", 13)}
    assert looks(plan, "thường trực") == {(False, True, "Times New Roman", 14)}
    # A duty's point: under the duty in part V, run on in its cell of the appendix of duties.
    assert looks(plan, "nhà văn hóa thôn") == {(False, True, "Times New Roman", 14),
                                               (False, True, "Times New Roman", 13)}


def test_the_letter_and_the_task_sheet_print_the_duty_and_product_in_bold(built):
    letter = docx.Document(str(built / "giao-nhiem-vu" / "van-hoa-xa-hoi.docx"))
    assert looks(letter, "hoàn thành trước ngày 15/12/2026") == {(True, False, "Times New Roman", 14)}
    assert looks(letter, "mẫu số 01") == {(True, False, "Times New Roman", 14)}
    assert looks(letter, "nhà văn hóa thôn") == {(False, True, "Times New Roman", 14)}
    sheet = docx.Document(str(built / "phieu-nhiem-vu" / "van-hoa-xa-hoi.docx"))
    assert {look[:3] for look in looks(sheet, "hoàn thành trước ngày 15/12/2026")} == {
        (True, False, "Times New Roman")}
    assert {look[:3] for look in looks(sheet, "chuẩn nghèo đa chiều")} == {(False, True, "Times New Roman")}


def test_text_shows_the_words_without_markers(built):
    lines = [run_cli("text", path).output for path in sorted(built.rglob("*.docx"))]
    assert all("**" not in output and "__" not in output for output in lines)
    plan = run_cli("text", built / "ke-hoach.docx").output.splitlines()
    assert "Ủy ban nhân dân xã Tân An ban hành Kế hoạch như sau:" in plan
    assert ("- Chủ trì rà soát hộ nghèo, hoàn thành trước ngày 15/12/2026, theo chuẩn nghèo đa chiều."
            in plan)
    assert "1 | Tỷ lệ hộ nghèo (%) | 5,0 | 4,5" in plan
    assert "- Nguồn lực hỗ trợ phát triển sản xuất còn ít." in plan
    assert "(1) Rà soát, cập nhật danh sách hộ nghèo; xong trong quý I." in plan
    assert "- Là cơ quan thường trực Chương trình, thực hiện những nhiệm vụ sau:" in plan


def test_diff_compares_the_words_without_markers(tmp_path):
    old_data = plan_data()
    old = write(tmp_path / "old.yaml", old_data)
    marked = copy.deepcopy(old_data)  # the same words, some of them now bold or italic
    marked["intro"][0] = old_data["intro"][0].replace("Ủy ban nhân dân xã Tân An", "__Ủy ban nhân dân xã Tân An__")
    marked["units"][0]["duties"][0]["text"] = (
        "Chủ trì rà soát **hộ nghèo, hộ cận nghèo cuối năm 2026** theo __chuẩn nghèo đa chiều__.")
    marked["parts"][0]["sections"][0]["content"][1]["table"]["rows"][0][1] = CELL
    same_words = write(tmp_path / "same.yaml", marked)
    result = run_cli("diff", old, same_words)
    assert (result.exit_code, result.output) == (0, "")
    marked["units"][0]["duties"][0]["text"] = (
        "Chủ trì rà soát **hộ nghèo, hộ cận nghèo trước ngày 15/12/2026** theo __chuẩn nghèo đa chiều__.")
    reworded = write(tmp_path / "reworded.yaml", marked)
    result = run_cli("diff", same_words, reworded)
    assert result.exit_code == 1
    assert ("Chủ trì rà soát hộ nghèo, hộ cận nghèo [-cuối năm -]{+trước ngày 15/12/+}2026 theo chuẩn "
            "nghèo đa chiều.") in result.output
    assert "**" not in result.output and "__" not in result.output


# --- located errors ------------------------------------------------------------------------

def invalid(tmp_path: Path, change: Any) -> Path:
    data = plan_data()
    change(data)
    return write(tmp_path / "plan.yaml", data)


def set_duty(text: str) -> Any:
    return lambda data: data["units"][0]["duties"][0].__setitem__("text", text)


@pytest.mark.parametrize("text, vi, en", [
    ("Rà soát hộ nghèo, **hoàn thành trước ngày 15/12", "chữ đậm mở bằng «**» ở «Rà soát hộ nghèo, **hoàn thành trước…» chưa được đóng",
     "the bold opened by «**» in «Rà soát hộ nghèo, **hoàn thành trước…» is never closed"),
    ("Rà soát __hộ nghèo", "chữ nghiêng mở bằng «__» ở «Rà soát __hộ nghèo» chưa được đóng: đặt «__» sau chữ cuối cùng cần in nghiêng",
     "the italic opened by «__» in «Rà soát __hộ nghèo» is never closed: put «__» after the last italic word"),
    ("**Rà soát __hộ nghèo** ngay__", "chữ đậm và chữ nghiêng lồng chéo nhau ở",
     "bold and italic cross in «**Rà soát __hộ nghèo** ngay__»: close first what was opened last"),
    ("Lập danh sách, số hộ: ____ hộ", "«____» ở «…danh sách, số hộ: ____ hộ» không bao chữ nào",
     r"«____» in «…danh sách, số hộ: ____ hộ» marks no words: put the words between the markers; "
     r"to print the characters themselves, write «\_\_\_\_»"),
])
def test_markers_that_do_not_pair_are_located_errors_in_both_languages(tmp_path, text, vi, en):
    plan = invalid(tmp_path, set_duty(text))
    line = line_of(plan, text)
    result_vi, result_en = run_cli("validate", plan), run_cli("--lang", "en", "validate", plan)
    assert result_vi.exit_code == result_en.exit_code == 1
    assert f"{plan}:{line}:" in result_vi.output and f"{plan}:{line}:" in result_en.output
    assert f"lỗi: {vi}" in result_vi.output
    assert f"error: {en}" in result_en.output
    assert run_cli("build", plan, "-o", tmp_path / "out").exit_code == 1
    assert not (tmp_path / "out").exists()


def test_markers_in_a_title_are_refused_where_the_decree_fixes_the_look(tmp_path):
    def bold_unit_name(data: dict[str, Any]) -> None:
        data["units"][0]["name"] = "Phòng **Văn hóa** - Xã hội"
    plan = invalid(tmp_path, bold_unit_name)
    line = line_of(plan, "Phòng **Văn hóa**")
    result_vi, result_en = run_cli("validate", plan), run_cli("--lang", "en", "validate", plan)
    assert result_vi.exit_code == result_en.exit_code == 1
    assert (f"{plan}:{line}:" in result_vi.output and "«**» ở «Phòng **Văn hóa** - Xã hội»: không chọn "
            "chữ đậm, chữ nghiêng trong tên đề mục" in result_vi.output)
    assert "bold and italic cannot be chosen in titles, summaries, names and citations" in result_en.output


def test_a_summary_with_markers_is_refused(tmp_path):
    def italic_summary(data: dict[str, Any]) -> None:
        data["document"]["summary"] = "Thực hiện __Chương trình__ giảm nghèo năm 2026"
    plan = invalid(tmp_path, italic_summary)
    result = run_cli("--lang", "en", "validate", plan)
    assert result.exit_code == 1
    assert f"{plan}:{line_of(plan, 'Thực hiện __Chương')}:" in result.output
    assert "«__» in «Thực hiện __Chương trình__ giảm…»" in result.output


def test_a_text_may_start_with_bold(tmp_path):
    plan = invalid(tmp_path, set_duty("**Trước ngày 15/12/2026**, rà soát hộ nghèo."))
    result = run_cli("validate", plan)
    assert result.exit_code == 0, result.output
    # "* text" is still a typed list marker.
    plan = invalid(tmp_path, set_duty("* Rà soát hộ nghèo."))
    assert run_cli("validate", plan).exit_code == 1


def test_escaped_markers_build_the_same_bytes_as_the_characters_typed_plainly(tmp_path):
    # "Điều 5*" and "ten_tep" are ordinary text; "\*" and "\_" print the same characters.
    files = {}
    for name, duty in (("plain", "Rà soát theo Điều 5* và biểu mẫu so_lieu, ký hiệu \\ là dấu chia."),
                       ("escaped", "Rà soát theo Điều 5\\* và biểu mẫu so\\_lieu, ký hiệu \\\\ là dấu chia.")):
        plan = invalid(tmp_path, set_duty(duty))
        plan = plan.rename(tmp_path / f"{name}.yaml")
        result = run_cli("build", plan, "-o", tmp_path / "out")
        assert result.exit_code == 0, result.output
        files[name] = {path.relative_to(tmp_path / "out" / name): path.read_bytes()
                       for path in sorted((tmp_path / "out" / name).rglob("*.docx"))}
    assert files["plain"] == files["escaped"]
    text = run_cli("text", tmp_path / "out" / "escaped" / "ke-hoach.docx").output
    assert "- Rà soát theo Điều 5* và biểu mẫu so_lieu, ký hiệu \\ là dấu chia." in text.splitlines()


def test_markers_in_a_summary_written_as_lines_are_refused(tmp_path):
    data = plan_data()
    data["document"]["summary"] = ["Thực hiện Chương trình **giảm nghèo**", "năm 2026 trên địa bàn xã Tân An"]
    plan = write(tmp_path / "tom-tat.yaml", data)
    result = run_cli("--lang", "en", "validate", plan)
    assert result.exit_code == 1 and ": error: " in result.output and "**" in result.output
