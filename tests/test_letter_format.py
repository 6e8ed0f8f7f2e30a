"""The format rules of nd30-format §9 that do not depend on a letter's words, held by every letter
kehoach writes (issue 16): each unit's own letter of the three samples, the letters to several
units (by unit, by topic, choosing topics, issued) and the standalone công văn."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from conftest import LETTER, SAMPLE, SECOND, THIRD, run_cli, shared
from docx_reading import all_bold, all_italic, cell_paragraphs, read, size_pt
from test_letter_shapes import BY_TOPIC, LETTERS, with_letters

NUMBER_LINE = r"Số:(?: (0[1-9]|[1-9]\d+)| {3,10})/[A-ZĐ][A-Za-zĐđ]*(?:-[A-ZĐ0-9][A-Za-zĐđ0-9]*)+"
DATE_LINE = r"[^,]+, ngày(?: (0[1-9]|[12]\d|3[01]) | {3,10})tháng(?: (0[12]|[3-9]|1[0-2]) | {3,10})năm \d{4}"


@pytest.fixture(scope=shared("module"))
def letters(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Builds every shape of letter; returns each letter's file by a name for the test's id."""
    folder = tmp_path_factory.mktemp("letters")
    plans = [SAMPLE, SECOND, THIRD, LETTER]
    (folder / "shared").mkdir()
    (folder / "topics").mkdir()
    plans += [with_letters(SAMPLE, folder / "shared", LETTERS), with_letters(THIRD, folder / "topics", BY_TOPIC)]
    found: dict[str, Path] = {}
    for plan in plans:
        output = folder / "out" / plan.parent.name
        result = run_cli("build", plan, "-o", output)
        assert result.exit_code == 0, result.output
        for path in sorted((output / plan.stem).glob("**/*.docx")):
            if path.parent.name == "giao-nhiem-vu" or path.name == "cong-van.docx":
                found[f"{plan.parent.name}/{plan.stem}/{path.stem}"] = path
    return found


# Sixteen letters of their own (8 + 3 + 5), two letters to several units of Xuân Phúc, two of Hòa
# Thắng choosing their topics, and the standalone letter.
NAMES = [f"plans/xuan-phuc-2023/{unit}" for unit in ("ldtbxh", "nong-nghiep", "van-hoa", "truong-hoc", "tu-phap",
                                                      "cac-thon", "nganh-doan-the", "mat-tran")] \
    + [f"plans/tan-an-2026/{unit}" for unit in ("van-hoa-xa-hoi", "kinh-te", "cac-thon")] \
    + [f"plans/hoa-thang-2026-2030/{unit}" for unit in ("van-hoa-xa-hoi", "kinh-te", "trung-tam-hanh-chinh",
                                                        "cac-thon", "mat-tran")] \
    + ["shared/xuan-phuc-2023/chung", "shared/xuan-phuc-2023/theo-muc",
       "topics/hoa-thang-2026-2030/to-chuc", "topics/hoa-thang-2026-2030/giai-phap",
       "plans/cong-van-xuan-phuc-2025/cong-van"]


def test_every_letter_kehoach_writes_is_checked(letters: dict[str, Path]):
    assert sorted(letters) == sorted(NAMES)


@pytest.fixture(scope=shared("module"), params=NAMES)
def document(request: pytest.FixtureRequest, letters: dict[str, Path]):
    return read(letters[request.param].read_bytes())


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


def test_page_setup_is_a4_portrait_within_the_decrees_margins(document):  # §9.1
    (section,) = document.sections
    assert abs(section.page_width.twips - 11906) <= 10 and abs(section.page_height.twips - 16838) <= 10

    def within(length, low: int, high: int) -> bool:  # mm, to the twip the writer rounds to
        return low - 0.1 <= length.mm <= high + 0.1

    assert within(section.top_margin, 20, 25) and within(section.bottom_margin, 20, 25)
    assert within(section.left_margin, 30, 35) and within(section.right_margin, 15, 20)
    assert section.different_first_page_header_footer  # no number on the first page
    assert "PAGE" not in section.first_page_header._element.xml
    assert "PAGE" in section.header._element.xml


def test_every_run_is_times_new_roman_in_black(document):  # §9.2
    for run in document.element.body.iter(qn("w:r")):
        fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if fonts is not None:
            assert {fonts.get(qn(f"w:{name}")) for name in ("ascii", "hAnsi")} <= {"Times New Roman", None}
        color = run.find(f"{qn('w:rPr')}/{qn('w:color')}")
        assert color is None or color.get(qn("w:val")) in ("000000", "auto")
        assert run.find(f"{qn('w:rPr')}/{qn('w:highlight')}") is None


def test_header_has_the_national_lines_the_issuer_the_number_the_v_v_and_the_date(document):  # §9.3-9.5
    header = document.tables[0]
    right = [p for p in cell_paragraphs(header, 0, 1) if p.text]
    assert [p.text for p in right] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert all(all_bold(p) for p in right)
    issuer = [p for p in cell_paragraphs(header, 0, 0) if p.text]
    assert issuer and all(p.text == p.text.upper() for p in issuer) and all_bold(issuer[-1])
    number, *excerpt = [p for p in cell_paragraphs(header, 1, 0) if p.text]
    assert re.fullmatch(NUMBER_LINE, number.text)
    assert excerpt and excerpt[0].text.startswith("V/v ") and all(size_pt(p) in (12, 13) for p in excerpt)
    (date,) = [p for p in cell_paragraphs(header, 1, 1) if p.text]
    assert re.fullmatch(DATE_LINE, date.text) and all_italic(date)


def test_kinh_gui_then_a_justified_14pt_body_without_a_type_name(document):  # §5.5, §5.8, §9.6-9.8
    lines = texts(document)
    assert "CÔNG VĂN" not in lines and "KẾ HOẠCH" not in lines  # a công văn has no tên loại
    if lines[0] == "Kính gửi:":  # the dashed list, the last ending with "."
        addressed = 1 + next(i for i, line in enumerate(lines[1:], 1) if line.endswith("."))
        assert all(line.startswith("- ") and line.endswith(";") for line in lines[1:addressed - 1])
    else:
        assert lines[0].startswith("Kính gửi: ")
        addressed = 1
    body = [p for p in document.paragraphs if p.text.strip()][addressed:]
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY for p in body if not p.text.isupper())
    assert {size_pt(p) for p in body} == {14}
    assert lines[-1].endswith("./.")  # the text ends the decree's way


def test_nơi_nhận_and_signature_follow_the_decree(document):  # §9.9-9.10
    closing = document.tables[-1]
    label, *entries = [p for p in cell_paragraphs(closing, 0, 0) if p.text]
    if not entries[-1].text.startswith("- "):
        entries = entries[:-1]  # the drafter's initials, ô 12
    assert label.text == "Nơi nhận:" and size_pt(label) == 12 and all_bold(label) and all_italic(label)
    assert all(p.text.startswith("- ") and size_pt(p) == 11 for p in entries)
    assert entries[0].text == "- Như trên;" and re.fullmatch(r"- Lưu: VT(, .+)?\.", entries[-1].text)
    assert all(p.text.endswith(";") for p in entries[:-1])
    *authority, name = [p for p in cell_paragraphs(closing, 0, 1) if p.text]
    assert authority and all(all_bold(p) and p.text == p.text.upper() for p in authority)
    assert all_bold(name) and name.text != name.text.upper()
