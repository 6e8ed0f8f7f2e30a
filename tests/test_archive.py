"""The end of "Nơi nhận": the Lưu line and, under it, the drafter's initials and the number of
copies issued (ô 12 of Decree 30's layout, nd30-format §3 and §4 row 31: "PL.(300)", 11 pt,
upright, left), read back from the built plan and letters; plans without them unchanged;
malformed values worded in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from conftest import SAMPLE, run_cli, shared
from docx_reading import all_bold, cell_paragraphs, read, size_pt, text_lines

from generator import vn

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
ARCHIVE = "archive: [VT, CSXH]\n"
LETTER_SYMBOL = "    symbol: UBND-CSXH                 # đơn vị soạn thảo như dòng \"Lưu: VT, CSXH\"\n"
LUU = "- Lưu: VT, CSXH."
LETTER_LIST = ["Nơi nhận:", "- Như trên;", "- Chủ tịch UBND xã (để b/c);", LUU]


def sample_with(tmp_path: Path, keys: str, name: str = "ban-luu", *, letter_symbol: bool = True) -> Path:
    """Returns a copy of the sample plan with `keys` written under its archive line; without
    `letter_symbol`, its letters take the default symbol."""
    assert SAMPLE_TEXT.count(ARCHIVE) == 1 and SAMPLE_TEXT.count(LETTER_SYMBOL) == 1
    text = SAMPLE_TEXT.replace(ARCHIVE, ARCHIVE + keys)
    if not letter_symbol:
        text = text.replace(LETTER_SYMBOL, "")
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def build(plan: Path, output: Path) -> Path:
    result = run_cli("build", plan, "-o", output)
    assert result.exit_code == 0, result.output
    return output / plan.stem


def closing_left(document_path: Path) -> list:
    """Returns the printed paragraphs of the closing table's left cell (Nơi nhận)."""
    document = read(document_path.read_bytes())
    closing = next(t for t in document.tables if t.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:")
    return [p for p in cell_paragraphs(closing, 0, 0) if p.text]


@pytest.fixture(scope=shared("module"))
def with_drafter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Returns the built sample with the drafter's initials NVA and 300 copies issued."""
    folder = tmp_path_factory.mktemp("archive")
    return build(sample_with(folder, "drafter: NVA\ncopies: 300\n", letter_symbol=False), folder / "output")


def test_the_decree_example_and_its_parts_alone():
    # Phụ lục I, Mục V row 11 of the decree: "PL.(300)". Either part alone keeps its own form.
    assert vn.drafter_mark("PL", 300) == "PL.(300)"
    assert vn.drafter_mark("NVA", None) == "NVA"
    assert vn.drafter_mark(None, 5) == "(5)"
    assert vn.drafter_mark(None, None) == ""


def test_the_plan_prints_the_initials_and_copies_under_the_luu_line(with_drafter: Path):
    left = closing_left(with_drafter / "ke-hoach.docx")
    assert [p.text for p in left[-2:]] == [LUU, "NVA.(300)"]
    mark = left[-1]
    assert size_pt(mark) == 11 and not all_bold(mark)
    assert not any(run.font.italic for run in mark.runs)
    assert mark.alignment == WD_ALIGN_PARAGRAPH.LEFT and not mark.paragraph_format.left_indent


def test_the_plan_is_otherwise_the_same_as_without_them(with_drafter: Path, built: Path):
    before = text_lines(built / "xuan-phuc-2023" / "ke-hoach.docx")
    after = text_lines(with_drafter / "ke-hoach.docx")
    at = before.index(LUU) + 1
    assert after == [*before[:at], "NVA.(300)", *before[at:]]


def test_a_letter_prints_the_initials_without_the_plans_copies(with_drafter: Path):
    left = closing_left(with_drafter / "giao-nhiem-vu" / "cac-thon.docx")
    assert [p.text for p in left] == [*LETTER_LIST, "NVA"]
    assert size_pt(left[-1]) == 11


def test_a_letters_default_symbol_still_takes_the_drafting_unit_of_the_luu_line(with_drafter: Path):
    # [VT, CSXH] and KH-UBND give UBND-CSXH (nd30-format §5.3), the drafter's initials play no part.
    lines = text_lines(with_drafter / "giao-nhiem-vu" / "cac-thon.docx")
    assert "Số:     /UBND-CSXH" in lines


def test_initials_alone_and_copies_alone(tmp_path: Path):
    initials = build(sample_with(tmp_path, "drafter: ĐTH\n", "initials"), tmp_path / "a")
    assert [p.text for p in closing_left(initials / "ke-hoach.docx")[-2:]] == [LUU, "ĐTH"]
    copies = build(sample_with(tmp_path, "copies: 12\n", "copies"), tmp_path / "b")
    assert [p.text for p in closing_left(copies / "ke-hoach.docx")[-2:]] == [LUU, "(12)"]
    # A letter has no copies of its own to print: its list ends with the Lưu line, as before.
    assert [p.text for p in closing_left(copies / "giao-nhiem-vu" / "cac-thon.docx")] == LETTER_LIST


def test_without_them_the_closing_ends_with_the_luu_line(built: Path):
    assert closing_left(built / "xuan-phuc-2023" / "ke-hoach.docx")[-1].text == LUU
    assert [p.text for p in closing_left(built / "xuan-phuc-2023" / "giao-nhiem-vu" / "cac-thon.docx")] \
        == LETTER_LIST


def test_diff_shows_the_line_under_the_luu_line(tmp_path: Path):
    changed = sample_with(tmp_path, "drafter: NVA\ncopies: 300\n")
    result = run_cli("diff", SAMPLE, changed)
    assert "Dòng lưu: Lưu: VT, CSXH → Lưu: VT, CSXH / NVA.(300)" in result.output
    english = run_cli("--lang", "en", "diff", SAMPLE, changed)
    assert "Archive line: Lưu: VT, CSXH → Lưu: VT, CSXH / NVA.(300)" in english.output


def error_lines(output: str, path: Path) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(f"{path}:") and
            (": lỗi: " in line or ": error: " in line)]


@pytest.mark.parametrize("value", ["nva", "N.V.A", "N V A", "Nguyễn", "NVÁ"])
def test_initials_not_in_capitals_run_together_are_worded_at_their_line(tmp_path: Path, value: str):
    path = sample_with(tmp_path, f"drafter: {value}\n")
    line = SAMPLE_TEXT[: SAMPLE_TEXT.index(ARCHIVE)].count("\n") + 2
    vietnamese = run_cli("validate", path)
    english = run_cli("--lang", "en", "validate", path)
    assert vietnamese.exit_code == english.exit_code == 1
    assert error_lines(vietnamese.output, path) == [
        f"{path}:{line}:10: lỗi: Ký hiệu người soạn thảo: «{value}» chưa viết đúng cách ghi ký hiệu: "
        "các chữ cái đầu của họ tên người soạn thảo, in hoa, viết liền, không dấu cách, không dấu "
        "chấm, không dấu thanh (chữ Đ giữ nguyên), ví dụ NVA cho Nguyễn Văn An"]
    assert error_lines(english.output, path) == [
        f"{path}:{line}:10: error: `drafter`: «{value}» is not written as initials: the first letters "
        "of the drafter's name in capitals, run together, without spaces, dots or tone marks (Đ "
        "stays Đ), such as NVA for Nguyễn Văn An"]
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize(("value", "vietnamese", "english"), [
    ("0", "0 nhỏ hơn mức tối thiểu là 1", "0 is less than the minimum, 1"),
    ("-3", "-3 nhỏ hơn mức tối thiểu là 1", "-3 is less than the minimum, 1"),
    ("5b", "cần một số nguyên, không phải chữ «5b»", "a whole number is expected, not the text «5b»"),
    ("2.5", "cần một số nguyên, không phải số 2.5", "a whole number is expected, not the number 2.5"),
])
def test_copies_must_be_a_positive_whole_number(tmp_path: Path, value: str, vietnamese: str, english: str):
    path = sample_with(tmp_path, f"copies: {value}\n")
    line = SAMPLE_TEXT[: SAMPLE_TEXT.index(ARCHIVE)].count("\n") + 2
    assert error_lines(run_cli("validate", path).output, path) == [
        f"{path}:{line}:9: lỗi: Số lượng bản phát hành: {vietnamese}"]
    assert error_lines(run_cli("--lang", "en", "validate", path).output, path) == [
        f"{path}:{line}:9: error: `copies`: {english}"]


def test_a_frame_template_copied_before_these_keys_still_builds(tmp_path: Path):
    # A clerk's copy of _frame.xml.j2 from before ô 12 (README, "Sửa câu chữ của mẫu"): the
    # plan and letters call its closing as they always did; it just prints no ô 12 line.
    builtin = (SAMPLE.parent.parent / "templates" / "_frame.xml.j2").read_text(encoding="utf-8")
    ours = ("{% set mark = plan.drafter|drafter_mark(plan.copies) %}\n"
            "{% if mark %}<drafter>{{ mark }}</drafter>\n{% endif %}\n")
    assert builtin.count(ours) == 1
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "_frame.xml.j2").write_text(builtin.replace(ours, ""), encoding="utf-8")
    plan = sample_with(tmp_path, "drafter: NVA\ncopies: 300\n")
    result = run_cli("build", plan, "-o", tmp_path / "output", "--templates", templates)
    assert result.exit_code == 0, result.output
    assert closing_left(tmp_path / "output" / plan.stem / "ke-hoach.docx")[-1].text == LUU
