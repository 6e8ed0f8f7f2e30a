"""Basis documents cited in every form the law uses (issue 14, item 1): a number with a year
("Nghị định số 38/2023/NĐ-CP"), symbols with "Đ", "&" and digits, a numbered law without an
issuer, the lead "Xét", long or short dates and italic or upright paragraphs chosen once by
the plan; a malformed part worded in both languages; `new` and `diff` naming the citations.

Expected sentences are written by hand from nd30-format §5.4 and §5.6 (Phụ lục II of Decree 30).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SECOND, run_cli
from docx_reading import all_italic, read

SECOND_TEXT = SECOND.read_text(encoding="utf-8")
BASIS_START, BASIS_END = SECOND_TEXT.index("basis:\n"), SECOND_TEXT.index("\nintro:\n")

CITED = """\
basis:
  - lead: Căn cứ
    kind: Luật Tổ chức chính quyền địa phương
    date: "2025-06-16"
  - lead: Căn cứ
    kind: Luật Bảo vệ môi trường
    number: 72
    year: 2020
    symbol: QH14
    date: "2020-11-17"
  - lead: Căn cứ
    kind: Nghị định
    number: 38
    year: 2023
    symbol: NĐ-CP
    date: "2023-06-24"
    issuer: Chính phủ
    subject: sửa đổi, bổ sung một số điều của Nghị định số 27/2022/NĐ-CP
  - lead: Căn cứ
    kind: Thông tư
    number: 2
    year: 2022
    symbol: TT-BLĐTBXH
    date: "2022-01-05"
    issuer: Bộ Lao động - Thương binh và Xã hội
  - lead: Thực hiện
    kind: Quyết định
    number: 1719
    symbol: QĐ-BNN&MT
    date: "2025-10-14"
    issuer: Bộ Nông nghiệp và Môi trường
  - lead: Xét
    kind: Tờ trình
    number: 25
    symbol: TTr-VHXH
    date: "2026-01-09"
    issuer: Phòng Văn hóa - Xã hội
"""

LONG = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "Căn cứ Luật Bảo vệ môi trường số 72/2020/QH14 ngày 17 tháng 11 năm 2020;",
    "Căn cứ Nghị định số 38/2023/NĐ-CP ngày 24 tháng 6 năm 2023 của Chính phủ sửa đổi, bổ sung "
    "một số điều của Nghị định số 27/2022/NĐ-CP;",
    "Căn cứ Thông tư số 02/2022/TT-BLĐTBXH ngày 05 tháng 01 năm 2022 của Bộ Lao động - Thương binh "
    "và Xã hội;",
    "Thực hiện Quyết định số 1719/QĐ-BNN&MT ngày 14 tháng 10 năm 2025 của Bộ Nông nghiệp và Môi "
    "trường;",
    "Xét Tờ trình số 25/TTr-VHXH ngày 09 tháng 01 năm 2026 của Phòng Văn hóa - Xã hội.",
]
SHORT = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;",
    "Căn cứ Luật Bảo vệ môi trường số 72/2020/QH14 ngày 17/11/2020;",
    "Căn cứ Nghị định số 38/2023/NĐ-CP ngày 24/6/2023 của Chính phủ sửa đổi, bổ sung một số điều "
    "của Nghị định số 27/2022/NĐ-CP;",
    "Căn cứ Thông tư số 02/2022/TT-BLĐTBXH ngày 05/01/2022 của Bộ Lao động - Thương binh và Xã hội;",
    "Thực hiện Quyết định số 1719/QĐ-BNN&MT ngày 14/10/2025 của Bộ Nông nghiệp và Môi trường;",
    "Xét Tờ trình số 25/TTr-VHXH ngày 09/01/2026 của Phòng Văn hóa - Xã hội.",
]


def plan_citing(tmp_path: Path, basis: str = CITED, citations: str = "") -> Path:
    """Returns a copy of the second sample with `basis` (and a `citations` block) as its basis."""
    path = tmp_path / "cited.yaml"
    path.write_text(SECOND_TEXT[:BASIS_START] + basis + citations + SECOND_TEXT[BASIS_END:], encoding="utf-8")
    return path


def basis_paragraphs(tmp_path: Path, plan: Path) -> list:
    """Returns the basis paragraphs of the plan built from `plan`: those before the intro."""
    result = run_cli("build", plan, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    document = read((tmp_path / "out" / plan.stem / "ke-hoach.docx").read_bytes())
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    first = next(i for i, p in enumerate(paragraphs) if p.text.startswith("Căn cứ Luật"))
    return paragraphs[first:first + len(LONG)]


def test_every_citation_form_prints_as_the_decree_writes_it(tmp_path):
    plan = plan_citing(tmp_path)
    assert run_cli("validate", "--strict", plan).exit_code == 0
    assert [p.text for p in basis_paragraphs(tmp_path, plan)] == LONG


def test_short_dates_are_chosen_once_for_every_citation(tmp_path):
    plan = plan_citing(tmp_path, citations="\ncitations:\n  dates: short\n")
    assert [p.text for p in basis_paragraphs(tmp_path, plan)] == SHORT


@pytest.mark.parametrize(("citations", "italic"), [
    ("", [True, True, True, True, False, False]),  # căn cứ ban hành italic, as plans print today
    ("\ncitations:\n  style: italic\n", [True] * 6),
    ("\ncitations:\n  style: upright\n", [False] * 6),
])
def test_basis_paragraphs_are_italic_or_upright_as_the_plan_chooses(tmp_path, citations, italic):
    paragraphs = basis_paragraphs(tmp_path, plan_citing(tmp_path, citations=citations))
    assert [all_italic(p) for p in paragraphs] == italic
    assert not any(run.font.italic for p, slanted in zip(paragraphs, italic) if not slanted for run in p.runs)


def test_a_numbered_document_other_than_a_law_still_needs_its_issuer(tmp_path):
    plan = plan_citing(tmp_path, CITED.replace("    issuer: Chính phủ\n", ""))
    result = run_cli("--lang", "en", "validate", plan)
    assert result.exit_code == 1
    assert "error: `basis` 3: the key `issuer` (Cơ quan ban hành) is missing" in result.output


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


@pytest.mark.parametrize(("old", "new", "vi", "en"), [
    ("    number: 38\n    year: 2023\n    symbol: NĐ-CP\n", "    number: 38/2023/NĐ-CP\n",
     "Văn bản căn cứ 3 › Số: «38/2023/NĐ-CP» gồm nhiều phần của số văn bản; ghi mỗi phần vào khóa "
     "riêng của nó: number: 38, year: 2023, symbol: NĐ-CP",
     "`basis` 3 › `number`: «38/2023/NĐ-CP» holds several parts of the document's number; write each "
     "part under its own key: number: 38, year: 2023, symbol: NĐ-CP"),
    ("    year: 2023\n    symbol: NĐ-CP\n", "    symbol: 2023/NĐ-CP\n",
     "Văn bản căn cứ 3 › Ký hiệu: «2023/NĐ-CP» gồm nhiều phần của số văn bản; ghi mỗi phần vào khóa "
     "riêng của nó: year: 2023, symbol: NĐ-CP",
     "`basis` 3 › `symbol`: «2023/NĐ-CP» holds several parts of the document's number; write each "
     "part under its own key: year: 2023, symbol: NĐ-CP"),
    ("    year: 2023\n", "    year: 23\n",
     "Văn bản căn cứ 3 › Năm trong số: «23» không phải là năm trong số văn bản: ghi đủ bốn chữ số, "
     "ví dụ 2023 với «Nghị định số 38/2023/NĐ-CP»; bỏ khóa này khi số văn bản không có năm, như "
     "«Quyết định số 1719/QĐ-TTg»",
     "`basis` 3 › `year`: «23» is not the year in a document's number: write its four digits, such as "
     "2023 for «Nghị định số 38/2023/NĐ-CP»; leave it out when the number has no year, as in "
     "«Quyết định số 1719/QĐ-TTg»"),
    ("    symbol: NĐ-CP\n", "    symbol: NĐ CP\n",
     "Văn bản căn cứ 3 › Ký hiệu: «NĐ CP» không phải là ký hiệu văn bản: ghi các chữ cái (kể cả Đ), "
     "chữ số và «&» đứng sau số và năm, các phần nối bằng «-», không có dấu cách hay «/», ví dụ "
     "NĐ-CP, TT-BLĐTBXH, QĐ-BNN&MT hoặc QH14",
     "`basis` 3 › `symbol`: «NĐ CP» is not a document's symbol: write the letters (Đ included), digits "
     "and «&» that follow the number and the year, parts joined by «-», without spaces or «/», such "
     "as NĐ-CP, TT-BLĐTBXH, QĐ-BNN&MT or QH14"),
    ("    number: 38\n", "    number: Nghị định 38\n",
     "Văn bản căn cứ 3 › Số: «Nghị định 38» không phải là số của văn bản: chỉ ghi phần chữ số, ví dụ "
     "38 với «Nghị định số 38/2023/NĐ-CP»; năm và ký hiệu ghi vào year và symbol",
     "`basis` 3 › `number`: «Nghị định 38» is not a document's number: write its digits only, such as "
     "38 for «Nghị định số 38/2023/NĐ-CP»; the year and the symbol go under year and symbol"),
])
def test_a_malformed_part_is_named_with_the_form_expected_in_both_languages(tmp_path, old, new, vi, en):
    assert CITED.count(old) == 1
    plan = plan_citing(tmp_path, CITED.replace(old, new))
    line = line_of(plan, new.splitlines()[0])
    column = new.index(":") + 3
    for lang, expected in (("vi", f"lỗi: {vi}"), ("en", f"error: {en}")):
        result = run_cli("--lang", lang, "validate", plan)
        assert result.exit_code == 1
        assert result.output.splitlines() == [f"{plan}:{line}:{column}: {expected}"]


def test_new_names_each_numbered_citation_it_marks_for_review(tmp_path):
    output = tmp_path / "next.yaml"
    result = run_cli("new", "--from", plan_citing(tmp_path), "--year", 2027, "-o", output)
    assert result.exit_code == 0, result.output
    marked = [line for line in result.output.splitlines() if "(review: true)" in line]
    assert [line.split(": ", 1)[1] for line in marked] == [
        "giữ căn cứ Luật Tổ chức chính quyền địa phương và đánh dấu cần xem lại (review: true)",
        "giữ căn cứ Luật Bảo vệ môi trường số 72/2020/QH14 và đánh dấu cần xem lại (review: true)",
        "giữ căn cứ Nghị định số 38/2023/NĐ-CP và đánh dấu cần xem lại (review: true)",
        "giữ căn cứ Thông tư số 02/2022/TT-BLĐTBXH và đánh dấu cần xem lại (review: true)",
        "giữ căn cứ Quyết định số 1719/QĐ-BNN&MT và đánh dấu cần xem lại (review: true)",
        "căn cứ Tờ trình số 25/TTr-VHXH ngày 09 tháng 01 năm 2026 là văn bản năm 2026: giữ và đánh dấu "
        "cần xem lại (review: true); hãy xem đã có văn bản năm 2027 thay thế chưa",
    ]


def test_diff_shows_a_changed_year_in_a_number_and_the_chosen_style(tmp_path):
    old = plan_citing(tmp_path)
    new = tmp_path / "changed.yaml"
    new.write_text(SECOND_TEXT[:BASIS_START] + CITED.replace("    year: 2022\n", "    year: 2021\n")
                   + "\ncitations:\n  style: italic\n" + SECOND_TEXT[BASIS_END:], encoding="utf-8")
    result = run_cli("diff", old, new)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any("Thông tư số 02/[-2022-]{+2021+}/TT-BLĐTBXH ngày 05" in line for line in lines)
    assert "~ Căn cứ: in nghiêng hay in đứng: (mặc định) → in nghiêng" in lines


LOWERCASE = ("    kind: Quyết định\n", "    kind: quyết định\n")
WRONG_YEAR = ("    year: 2022\n", "    year: 2021\n")


@pytest.mark.parametrize(("change", "lang", "expected"), [
    (LOWERCASE, "vi", "cảnh báo: «quyết định» là văn bản cụ thể được trích dẫn: theo Nghị định 30 "
                      "(Phụ lục II), tên loại văn bản viết hoa chữ cái đầu, «Quyết định»"),
    (LOWERCASE, "en", "warning: «quyết định» cites a specific document: Decree 30 (Phụ lục II) writes "
                      "its type with a capital letter, «Quyết định»"),
    (WRONG_YEAR, "vi", "cảnh báo: số 02/2021/TT-BLĐTBXH ghi năm 2021 nhưng văn bản ban hành năm 2022: "
                       "năm trong số hay ngày ban hành bị ghi sai?"),
    (WRONG_YEAR, "en", "warning: the number 02/2021/TT-BLĐTBXH holds the year 2021, but the document "
                       "is dated 2022: is the year or the date mistyped?"),
])
def test_a_doubtful_citation_is_a_warning_at_its_line(tmp_path, change, lang, expected):
    plan = plan_citing(tmp_path, CITED.replace(*change))
    result = run_cli("--lang", lang, "validate", plan)
    assert result.exit_code == 0
    assert result.output.splitlines() == [f"{plan}:{line_of(plan, change[1].rstrip())}:11: {expected}"]
    assert run_cli("validate", "--strict", plan).exit_code == 1


def test_a_cited_type_written_lowercase_prints_as_written(tmp_path):
    """The clerk may keep the source's wording (xuan-phuc-2023): warned, never rewritten."""
    printed = [p.text for p in basis_paragraphs(tmp_path, plan_citing(tmp_path, CITED.replace(*LOWERCASE)))]
    assert printed[4].startswith("Thực hiện quyết định số 1719/QĐ-BNN&MT ngày 14 tháng 10 năm 2025")
