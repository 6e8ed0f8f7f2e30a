"""A standalone công văn (issue 16, part 5): `plans/cong-van-xuan-phuc-2025.yaml`, a letter with
no plan behind it, built through the CLI and read back as its addressees would read it; the
format rules of nd30-format §9 checked on it; its mistakes located in both languages; the
commands that need a plan refusing it. Expected texts are worked by hand from the sample."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from conftest import LETTER, SAMPLE, run_cli, shared
from docx_reading import all_italic, cell_paragraphs, none_bold, read, size_pt, twips

from generator.document import style

TO = ["Trường Mầm non Xuân Phúc", "Công chức Tài chính - Kế toán xã", "Công chức Văn phòng - Thống kê xã",
      "Ban Quản lý dự án đầu tư xây dựng xã"]
KIND_LINE = 8  # `kind: cong-van` in the sample
DEADLINE_LINE = 44  # the deadline of item 1's third point


@pytest.fixture(scope=shared("module"))
def letter_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("letter")
    result = run_cli("build", LETTER, "-o", output)
    assert result.exit_code == 0, result.output
    return output / "cong-van-xuan-phuc-2025" / "cong-van.docx"


@pytest.fixture(scope=shared("module"))
def document(letter_file: Path):
    return read(letter_file.read_bytes())


def lines(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


def paragraph(document, text: str):
    return next(p for p in document.paragraphs if p.text == text)


def edited(tmp_path: Path, old: str, new: str) -> Path:
    """Writes a copy of the sample with `old` (found once) replaced by `new`."""
    text = LETTER.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / LETTER.name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


# --- building ----------------------------------------------------------------------------------

def test_validate_accepts_the_sample_without_a_warning():
    result = run_cli("validate", "--strict", LETTER)
    assert result.exit_code == 0, result.output
    assert result.output == ""


def test_build_writes_the_one_letter_and_prints_its_path(letter_file: Path):
    folder = letter_file.parent
    assert [path.name for path in folder.rglob("*")] == ["cong-van.docx"]


def test_the_header_has_the_blank_number_with_the_v_v_lines_under_it_and_the_date(document):
    header = document.tables[0]
    assert [p.text for p in cell_paragraphs(header, 0, 0) if p.text] == ["ỦY BAN NHÂN DÂN", "XÃ XUÂN PHÚC"]
    number, *excerpt = [p for p in cell_paragraphs(header, 1, 0) if p.text]
    assert number.text == "Số:     /UBND-VP"  # left blank for the văn thư
    assert [p.text for p in excerpt] == ["V/v chuẩn bị sửa chữa phòng học", "Trường Mầm non Xuân Phúc"]
    assert size_pt(number) == 13 and all(size_pt(p) == 12 and none_bold(p) for p in excerpt)
    assert excerpt[0].paragraph_format.space_before.pt == 6
    (date,) = [p for p in cell_paragraphs(header, 1, 1) if p.text]
    assert date.text == "Xuân Phúc, ngày 12 tháng 3 năm 2025" and all_italic(date)


def test_kinh_gui_is_the_dashed_list_of_the_addressees(document):
    expected = [f"- {name};" for name in TO[:-1]] + [f"- {TO[-1]}."]
    assert lines(document)[:5] == ["Kính gửi:", *expected]
    label, *listed = [p for p in document.paragraphs if p.text.strip()][:5]
    indent = twips(label.paragraph_format.left_indent)
    assert indent + twips(label.paragraph_format.first_line_indent) == style.mm(35)  # §5.8
    assert {twips(p.paragraph_format.left_indent) for p in listed} == {indent}


def test_the_opening_cites_the_letter_it_answers_then_says_what_is_asked(document):
    assert lines(document)[5] == (
        "Xét Công văn số 12/MN ngày 05/3/2025 của Trường Mầm non Xuân Phúc về việc đề nghị sửa chữa "
        "02 phòng học bị thấm dột, Ủy ban nhân dân xã Xuân Phúc đề nghị các đơn vị thực hiện một số "
        "nội dung sau:")


def test_items_are_numbered_with_their_points_and_deadlines_inside_the_sentences(document):
    body = lines(document)[6:]
    assert body[:8] == [
        "1. Trường Mầm non Xuân Phúc:",
        "- Rà soát hiện trạng 02 phòng học bị thấm dột, lập danh mục hạng mục cần sửa chữa;",
        "- Bố trí phòng học tạm cho các lớp trong thời gian sửa chữa;",
        "- Gửi báo cáo và danh mục về Ủy ban nhân dân xã (qua Văn phòng - Thống kê) trước ngày 20/3/2025.",
        "2. Ban Quản lý dự án đầu tư xây dựng xã khảo sát, lập dự toán sửa chữa, trình Ủy ban nhân dân xã "
        "phê duyệt trước ngày 31/3/2025.",
        "3. Công chức Tài chính - Kế toán xã:",
        "- Tham mưu bố trí kinh phí sửa chữa từ nguồn ngân sách xã năm 2025;",
        "- Phối hợp với Ban Quản lý dự án đầu tư xây dựng xã thẩm định dự toán trước ngày 10/4/2025.",
    ]
    point = paragraph(document, body[7])
    # __Phối hợp__, and the marker with the text it introduces (as in a plan)
    assert "".join(run.text for run in point.runs if run.font.italic) == "- Phối hợp"


def test_the_closing_keeps_its_bold_and_ends_the_text(document):
    closing = lines(document)[14]
    assert closing.startswith("Đề nghị các đơn vị quan tâm, phối hợp thực hiện đúng thời hạn;")
    assert closing.endswith("để xem xét, giải quyết./.")
    assert [run.text for run in paragraph(document, closing).runs if run.font.bold] == ["quan tâm"]


def test_recipients_start_with_nhu_tren_and_the_deputy_signs_for_the_chairman(document):
    closing = document.tables[-1]
    assert [p.text for p in cell_paragraphs(closing, 0, 0) if p.text] == [
        "Nơi nhận:", "- Như trên;", "- Chủ tịch UBND xã (để b/c);", "- Lưu: VT, VP.", "NTL"]
    assert [p.text for p in cell_paragraphs(closing, 0, 1) if p.text] == [
        "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Hùng"]


def test_no_plan_is_named_anywhere(letter_file: Path):
    with zipfile.ZipFile(letter_file) as package:
        words = " ".join(re.sub(r"<[^>]+>", "", package.read(name).decode("utf-8"))
                         for name in package.namelist() if name.endswith(".xml"))
    assert "Xuân Phúc" in words  # the text is read
    assert "kế hoạch" not in words.lower()


def test_a_numbered_letter_to_one_unit_with_no_citation(tmp_path: Path):
    source = edited(tmp_path, "  number: null ", "  number: 45 ")
    text = source.read_text(encoding="utf-8")
    start, end = text.index("\nto:"), text.index("\nopening:")
    source.write_text(text[:start] + "\nto: [Trường Mầm non Xuân Phúc]\n" + text[end:], encoding="utf-8")
    result = run_cli("build", source, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    built = read((tmp_path / "out" / source.stem / "cong-van.docx").read_bytes())
    assert [p.text for p in cell_paragraphs(built.tables[0], 1, 0) if p.text][0] == "Số: 45/UBND-VP"
    assert lines(built)[:2] == ["Kính gửi: Trường Mầm non Xuân Phúc",
                                "Ủy ban nhân dân xã Xuân Phúc đề nghị các đơn vị thực hiện một số nội dung sau:"]


# --- nd30-format §9: the rules every letter holds are in test_letter_format.py ----------------

def test_its_numbered_items_are_paragraphs_not_headings(document):  # §5.9: 1., 2. run in the text
    body = [p for p in document.paragraphs if p.text.strip()][5:]  # after "Kính gửi:" and its 4 units
    items = [p for p in body if re.match(r"^\d+\. ", p.text)]
    assert len(items) >= 2 and all(none_bold(p) for p in items)


# --- mistakes, located, in both languages -------------------------------------------------------

SCHEMA_ERROR = ('deadline: "2025-03-20"', 'deadline: "20/3/2025"', f"{DEADLINE_LINE}:19")
MEANING_ERROR = ('deadline: "2025-03-20"', 'deadline: "2025-03-01"', f"{DEADLINE_LINE}:19")
KIND_ERROR = ("kind: cong-van\n", "kind: cong van\n", f"{KIND_LINE}:7")


@pytest.mark.parametrize("edit, lang, words", [
    (SCHEMA_ERROR, "vi", "Nội dung 1 › Ý 3 › Thời hạn: «20/3/2025» không phải ngày viết theo dạng năm-tháng-ngày"),
    (SCHEMA_ERROR, "en", "`items` 1 › `points` 3 › `deadline`: «20/3/2025» is not a date written year-month-day"),
    (MEANING_ERROR, "vi", "thời hạn «2025-03-01» trước ngày ban hành công văn 12/3/2025"),
    (MEANING_ERROR, "en", "the deadline «2025-03-01» is before the letter's date, 12/3/2025"),
    (KIND_ERROR, "vi", "phải là «cong-van», không phải «cong van»"),
    (KIND_ERROR, "en", "must be «cong-van», not «cong van»")])
def test_a_mistake_is_an_error_at_its_line_and_nothing_is_built(tmp_path: Path, edit, lang: str, words: str):
    old, new, where = edit
    source = edited(tmp_path, old, new)
    result = run_cli("--lang", lang, "validate", source)
    assert result.exit_code == 1
    assert f"{source}:{where}: " in result.output and words in result.output
    assert run_cli("build", source, "-o", tmp_path / "out").exit_code == 1
    assert not (tmp_path / "out" / source.stem).exists()


def test_a_v_v_line_too_long_for_the_header_is_a_warning_at_its_line(tmp_path: Path):
    source = edited(tmp_path, "[chuẩn bị sửa chữa phòng học, Trường Mầm non Xuân Phúc]",
                    "[chuẩn bị sửa chữa phòng học của Trường, Mầm non Xuân Phúc]")
    result = run_cli("--lang", "en", "validate", source)
    assert result.exit_code == 0
    assert result.output.startswith(f"{source}:15:13: warning: «V/v chuẩn bị sửa chữa phòng học của Trường» is "
                                    "longer than one line of the left column of the header")
    assert run_cli("validate", "--strict", source).exit_code == 1


def test_a_plan_with_a_kind_is_read_as_a_letter_and_told_what_is_missing(tmp_path: Path):
    source = tmp_path / "plan.yaml"
    source.write_text("kind: cong-van\n" + SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("--lang", "en", "validate", source)
    assert result.exit_code == 1
    assert "unknown key `year`" in result.output  # the letter's schema speaks, not a traceback


# --- commands that only make sense for a plan ----------------------------------------------------

@pytest.mark.parametrize("args, command, code", [
    (("new", "--from", LETTER, "--year", "2026"), "new", 1),
    (("diff", LETTER, SAMPLE), "diff", 2),
    (("units", LETTER), "units", 1),
    (("build", LETTER, "--unit", "x"), "build --unit", 1)])
def test_commands_for_plans_refuse_the_letter_at_its_kind_line(tmp_path: Path, monkeypatch, args, command, code):
    monkeypatch.chdir(tmp_path)  # `new` and `build` would write here
    result = run_cli("--lang", "en", *args)
    assert result.exit_code == code, result.output
    assert (f"{LETTER}:{KIND_LINE}:1: error: this file is a standalone letter (kind: cong-van), not a plan: "
            f"«kehoach {command}» works on plans only") in result.output
    assert "Traceback" not in result.output and "fix them" not in result.output  # nothing to fix
    assert list(tmp_path.rglob("*.docx")) == [] and list(tmp_path.rglob("*.yaml")) == []
    vi = run_cli(*args)
    assert f"tệp này là một công văn riêng (kind: cong-van), không phải kế hoạch: lệnh «kehoach {command}»" in vi.output
