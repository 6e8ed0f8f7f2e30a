"""Letters to several units (issue 16, item 1): `assignments.letters`, built from the samples with
the key added, and read back as the units would read them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SAMPLE, run_cli, shared
from docx_reading import cell_paragraphs, read, size_pt, twips

from generator import style

SAMPLES = Path(__file__).resolve().parent.parent / "plans"
LDTBXH = "Công chức Lao động - Thương binh và Xã hội"
MAT_TRAN = "Ủy ban Mặt trận Tổ quốc xã và các tổ chức thành viên"
XUAN_PHUC_UNITS = [LDTBXH, "Ban Nông nghiệp và Phát triển nông thôn", "Văn hóa - Thông tin", "Các trường",
                   "Tư pháp", "Các thôn", "Các ngành, đoàn thể cấp xã", MAT_TRAN]
LETTERS = """assignments:
  letters:
    - id: chung
      to: all
    - id: theo-muc
      to: [cac-thon, ldtbxh]
      summary: phối hợp hỗ trợ hộ nghèo tại các thôn
      group_by: topic
"""


def with_letters(source: Path, folder: Path, letters: str = LETTERS) -> Path:
    """Writes a copy of the plan `source` whose `assignments` starts with `letters`."""
    text = source.read_text(encoding="utf-8")
    assert "\nassignments:\n" in text
    path = folder / source.name
    path.write_text(text.replace("\nassignments:\n", "\n" + letters, 1), encoding="utf-8")
    return path


@pytest.fixture(scope=shared("module"))
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("shapes")
    result = run_cli("build", with_letters(SAMPLE, folder), "-o", folder / "out")
    assert result.exit_code == 0, result.output
    return folder / "out" / "xuan-phuc-2023"


def lines_of(path: Path) -> list[str]:
    return [p.text for p in read(path.read_bytes()).paragraphs if p.text.strip()]


def numbered(lines: list[str]) -> list[str]:
    return [line for line in lines if re.match(r"^\d+\.(\d+\.)? ", line)]


def test_the_letters_replace_the_per_unit_letters_and_the_sheets_stay(out: Path):
    assert sorted(p.name for p in (out / "giao-nhiem-vu").iterdir()) == ["chung.docx", "theo-muc.docx"]
    assert len(list((out / "phieu-nhiem-vu").iterdir())) == 8


def test_kinh_gui_is_the_dashed_list_of_every_unit_in_order(out: Path):
    document = read((out / "giao-nhiem-vu" / "chung.docx").read_bytes())
    lines = [p.text for p in document.paragraphs if p.text.strip()]
    expected = [f"- {name};" for name in XUAN_PHUC_UNITS[:-1]] + [f"- {MAT_TRAN}."]
    assert lines[:9] == ["Kính gửi:", *expected]
    label, *listed = [p for p in document.paragraphs if p.text.strip()][:9]
    # §5.8: the label 3.5 cm from the margin, the units lined up after it, 14 pt
    assert twips(label.paragraph_format.left_indent) + twips(label.paragraph_format.first_line_indent) == style.mm(35)
    assert {twips(p.paragraph_format.left_indent) for p in listed} == {twips(label.paragraph_format.left_indent)}
    assert {size_pt(p) for p in [label, *listed]} == {14}


def test_by_unit_each_unit_is_a_part_and_its_duties_are_numbered_under_it(out: Path):
    lines = lines_of(out / "giao-nhiem-vu" / "chung.docx")
    parts = [line for line in lines if re.match(r"^\d+\. ", line)]
    assert parts == [f"{i}. {name}" for i, name in enumerate(XUAN_PHUC_UNITS, 1)] + ["9. Chế độ báo cáo"]
    items = numbered(lines)
    first = items.index(f"1. {LDTBXH}")
    # ldtbxh leads three duties: the first with Các thôn, the second alone, the third with two units.
    assert items[first + 1].startswith(f"1.1. Giao {LDTBXH} chủ trì, phối hợp với các thôn hướng dẫn, "
                                       "chỉ đạo thôn, các đơn vị có liên quan")
    assert items[first + 2].startswith(f"1.2. Giao {LDTBXH} tham mưu tổ chức tổng điều tra")
    assert items[first + 3].startswith(f"1.3. Giao {LDTBXH} chủ trì, phối hợp với các ngành, đoàn thể cấp "
                                       f"xã, {MAT_TRAN} phối hợp với các ban, ngành")
    assert "6.1. Giao các thôn xây dựng kế hoạch triển khai" in " ".join(items)
    # a supported duty whose lead is in the letter is given once, to its lead
    assert sum("nắm chắc tình hình đời sống nhân dân" in line for line in lines) == 1
    at = lines.index(items[first + 2])
    assert lines[at + 1] == "- Thời hạn hoàn thành: Năm 2023."


def test_the_letter_cites_the_plan_and_has_the_letters_frame(out: Path):
    document = read((out / "giao-nhiem-vu" / "chung.docx").read_bytes())
    lines = [p.text for p in document.paragraphs if p.text.strip()]
    assert lines[9].startswith("Thực hiện Kế hoạch số      /KH-UBND ngày     tháng 6 năm 2023 của Ủy ban "
                               "nhân dân xã Xuân Phúc")
    assert lines[9].endswith("Ủy ban nhân dân xã Xuân Phúc giao nhiệm vụ cụ thể như sau:")
    assert "KẾ HOẠCH" not in lines  # a công văn has no tên loại (§5.5)
    left = [p.text for p in cell_paragraphs(document.tables[0], 1, 0) if p.text]
    assert left == ["Số:     /UBND-CSXH", "V/v giao nhiệm vụ thực hiện", "Kế hoạch giảm nghèo năm 2023"]
    closing = [p.text for p in cell_paragraphs(document.tables[-1], 0, 0) if p.text]
    assert closing == ["Nơi nhận:", "- Như trên;", "- Chủ tịch UBND xã (để b/c);", "- Lưu: VT, CSXH."]


def test_by_topic_the_parts_are_the_plans_sections_and_supporters_get_the_lead_named(out: Path):
    document = read((out / "giao-nhiem-vu" / "theo-muc.docx").read_bytes())
    lines = [p.text for p in document.paragraphs if p.text.strip()]
    assert lines[:3] == ["Kính gửi:", "- Các thôn;", f"- {LDTBXH}."]
    left = [p.text for p in cell_paragraphs(document.tables[0], 1, 0) if p.text]
    assert left[1] == "V/v phối hợp hỗ trợ hộ nghèo tại các thôn"
    parts = [line for line in lines if re.match(r"^\d+\. ", line)]
    assert parts == ["1. TỔ CHỨC THỰC HIỆN", "2. Chế độ báo cáo"]  # Xuân Phúc's duties are all in part V
    items = [line for line in lines if re.match(r"^1\.\d+\. ", line)]
    # in reading order: ldtbxh's three duties, then the villages' three; none of the others'
    assert [item.split(". ", 1)[0] for item in items] == [f"1.{i}" for i in range(1, 7)]
    assert items[0].startswith(f"1.1. Giao {LDTBXH} chủ trì, phối hợp với các thôn")
    assert items[3].startswith("1.4. Giao các thôn xây dựng kế hoạch")


def test_requested_units_are_asked_and_a_supporter_is_told_its_lead(tmp_path: Path):
    # Hòa Thắng: mat-tran and doanh-nghiep are requested units; the letter addresses them and
    # not the units that lead the duties they support.
    letters = "assignments:\n  letters:\n    - id: de-nghi\n      to: [mat-tran, doanh-nghiep]\n"
    plan = with_letters(SAMPLES / "hoa-thang-2026-2030.yaml", tmp_path, letters)
    result = run_cli("build", plan, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    lines = lines_of(tmp_path / "out" / "hoa-thang-2026-2030" / "giao-nhiem-vu" / "de-nghi.docx")
    items = numbered(lines)
    assert items and not any(" Giao " in f" {line}" for line in items)
    assert all(re.match(r"^\d+\.\d+\. Đề nghị ", line) for line in items if re.match(r"^\d+\.\d+\.", line))
    assert any(line.startswith("1.1. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã ") for line in items)
    assert any(re.match(r"^2\.\d+\. Đề nghị các doanh nghiệp viễn thông trên địa bàn xã phối hợp với ", line)
               for line in items)
    assert "giao nhiệm vụ và đề nghị phối hợp thực hiện cụ thể như sau:" in lines[3]


def test_unit_option_writes_only_the_letters_that_reach_the_unit(out: Path, tmp_path: Path):
    plan = with_letters(SAMPLE, tmp_path)
    result = run_cli("build", plan, "-o", tmp_path / "out", "--unit", "tu-phap")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / "xuan-phuc-2023"
    assert [p.name for p in (folder / "giao-nhiem-vu").iterdir()] == ["chung.docx"]
    assert [p.name for p in (folder / "phieu-nhiem-vu").iterdir()] == ["tu-phap.docx"]
    assert not (folder / "ke-hoach.docx").exists()


def test_an_unknown_unit_or_a_repeated_letter_id_is_an_error_at_its_line(tmp_path: Path):
    letters = ("assignments:\n  letters:\n    - id: chung\n      to: [ldtbxh, khong-co]\n"
               "    - id: chung\n      to: all\n")
    plan = with_letters(SAMPLE, tmp_path, letters)
    start = plan.read_text(encoding="utf-8").splitlines().index("  letters:") + 1  # 1-based line
    result = run_cli("validate", plan)
    assert result.exit_code == 1
    assert f"xuan-phuc-2023.yaml:{start + 2}:" in result.output and "khong-co" in result.output
    assert f"xuan-phuc-2023.yaml:{start + 3}:" in result.output and "«chung»" in result.output


def test_a_letter_to_several_units_says_nothing_the_plan_did_not_say(tmp_path: Path):
    """Issue 16, item 2 in a shared letter: no deadline line for a duty without one, no reports
    section when the plan asks for none, the Chairman speaking when the plan says so."""
    plan = with_letters(SAMPLES / "hoa-thang-2026-2030.yaml", tmp_path, """assignments:
  letters:
    - id: chung
      to: [kinh-te, cac-thon]
""")
    text = plan.read_text(encoding="utf-8").replace(
        "  letter:\n    reporting:\n      to: Ủy ban nhân dân xã (qua Phòng Văn hóa - Xã hội)\n",
        "  letter:\n    speaker: chairman\n    reporting: false\n")
    plan.write_text(text.replace("    - {prefix: TM., title: ỦY BAN NHÂN DÂN}\n    - {title: CHỦ TỊCH}\n",
                                 "    - {title: CHỦ TỊCH}\n"), encoding="utf-8")
    result = run_cli("build", plan, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    lines = lines_of(tmp_path / "out" / plan.stem / "giao-nhiem-vu" / "chung.docx")
    # Five duties: Kinh tế's two (the cable due 31/12/2028, the body's task without a deadline),
    # then Các thôn's own and the two it supports (the campaign "Hằng năm", the data cleaning
    # without one): a deadline line for the two that have one, no invented ones.
    assert len(numbered(lines)) == 2 + 5
    assert [line for line in lines if line.startswith("- Thời hạn hoàn thành")] == [
        "- Thời hạn hoàn thành: 31/12/2028.", "- Thời hạn hoàn thành: Hằng năm."]
    assert not any("Chế độ báo cáo" in line or "báo cáo kết quả" in line for line in lines)
    assert any(line.startswith("Thực hiện Kế hoạch số 08/KH-UBND") and
               "Chủ tịch Ủy ban nhân dân xã Hòa Thắng giao nhiệm vụ cụ thể như sau:" in line for line in lines)
    # The Chairman speaks; difficulties go to the issuing body, as in a unit's own letter.
    assert any(line.startswith("Chủ tịch Ủy ban nhân dân xã Hòa Thắng đề nghị các đơn vị") and
               "kịp thời báo cáo về Ủy ban nhân dân xã Hòa Thắng để xem xét, giải quyết" in line
               for line in lines)


def test_with_letters_a_unit_no_letter_addresses_gets_no_task_sheet(tmp_path: Path):
    """Issue 16, item 6: a task sheet exists only for a unit that gets a letter."""
    plan = with_letters(SAMPLE, tmp_path, """assignments:
  letters:
    - id: thon
      to: [cac-thon, ldtbxh]
""")
    result = run_cli("build", plan, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / "xuan-phuc-2023"
    assert sorted(p.name for p in (folder / "giao-nhiem-vu").iterdir()) == ["thon.docx"]
    assert sorted(p.name for p in (folder / "phieu-nhiem-vu").iterdir()) == ["cac-thon.docx", "ldtbxh.docx"]


def test_an_addressed_unit_that_collects_the_reports_is_told_to_collect(tmp_path: Path):
    plan = with_letters(SAMPLE, tmp_path, """assignments:
  letters:
    - id: thon
      to: [cac-thon, ldtbxh]
""")
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("    reporting:                        # như đoạn cuối mục V\n",
                                 "    reporting:\n      collector: ldtbxh\n", 1), encoding="utf-8")
    result = run_cli("build", plan, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    lines = lines_of(tmp_path / "out" / "xuan-phuc-2023" / "giao-nhiem-vu" / "thon.docx")
    assert ("Các đơn vị báo cáo kết quả thực hiện các nhiệm vụ nêu trên định kỳ 6 tháng, năm, gửi về UBND xã "
            "(qua bộ phận Lao động - Thương binh và Xã hội) để tổng hợp; " + LDTBXH + " tổng hợp, báo cáo Ủy "
            "ban nhân dân xã Xuân Phúc; thời hạn gửi báo cáo: trước ngày 15/12/2023.") in lines
