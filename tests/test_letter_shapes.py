"""Letters to several units (issue 16, item 1): `assignments.letters`, built from the samples with
the key added, and read back as the units would read them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SAMPLE, run_cli, shared
from docx_reading import cell_paragraphs, read, size_pt, twips

from generator.document import style

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
        "  letter:\n    reporting:\n      to: Ủy ban nhân dân xã (qua Phòng Văn hóa - Xã hội)\n"
        "      collector: van-hoa-xa-hoi      # Phòng Văn hóa - Xã hội tổng hợp, không tự báo cáo qua mình\n",
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


@pytest.fixture(scope=shared("module"))
def thon(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Returns the output folder of the Xuân Phúc sample with one letter, to two of its units."""
    folder = tmp_path_factory.mktemp("thon")
    plan = with_letters(SAMPLE, folder, """assignments:
  letters:
    - id: thon
      to: [cac-thon, ldtbxh]
""")
    result = run_cli("build", plan, "-o", folder / "out")
    assert result.exit_code == 0, result.output
    return folder / "out" / "xuan-phuc-2023"


def test_with_letters_a_unit_no_letter_addresses_gets_no_task_sheet(thon: Path):
    """Issue 16, item 6: a task sheet exists only for a unit that gets a letter."""
    assert sorted(p.name for p in (thon / "giao-nhiem-vu").iterdir()) == ["thon.docx"]
    assert sorted(p.name for p in (thon / "phieu-nhiem-vu").iterdir()) == ["cac-thon.docx", "ldtbxh.docx"]


def test_an_addressed_unit_that_collects_the_reports_is_told_to_collect(thon: Path):
    # the sample's reports go to "UBND xã (qua bộ phận …)", and ldtbxh collects them (`collector`)
    lines = lines_of(thon / "giao-nhiem-vu" / "thon.docx")
    assert ("Các đơn vị báo cáo kết quả thực hiện các nhiệm vụ nêu trên định kỳ 6 tháng, năm, gửi về UBND xã "
            "(qua bộ phận Lao động - Thương binh và Xã hội) để tổng hợp; " + LDTBXH + " tổng hợp, báo cáo Ủy "
            "ban nhân dân xã Xuân Phúc; thời hạn gửi báo cáo: trước ngày 15/12/2023.") in lines


# --- letters that choose their topics, issued letters (issue 16, items 1 and 4) ----------------
HOA_THANG = SAMPLES / "hoa-thang-2026-2030.yaml"
BY_TOPIC = """assignments:
  letters:
    - id: to-chuc
      to: all
      topics: [Tổ chức thực hiện]
      issued: {number: 27, date: "2026-03-02"}
    - id: giai-phap
      to: [kinh-te, trung-tam-hanh-chinh, mat-tran]
      topics: ["nhiệm vụ, giải pháp"]
"""


def line_of(plan: Path, text: str, after: str = "  letters:") -> int:
    """Returns the 1-based line of the first line holding `text` after the line `after`."""
    lines = plan.read_text(encoding="utf-8").splitlines()
    start = lines.index(after)
    return next(i for i, line in enumerate(lines[start:], start + 1) if text in line)


def test_letters_choosing_topics_split_the_plan_and_an_issued_one_is_numbered_and_dated(tmp_path: Path):
    plan = with_letters(HOA_THANG, tmp_path, BY_TOPIC)
    assert run_cli("validate", "--strict", plan).exit_code == 0  # every duty goes out in a letter
    result = run_cli("build", plan, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / "hoa-thang-2026-2030"
    # Hòa Thắng's sections with duties: II. NHIỆM VỤ, GIẢI PHÁP (two tasks), then TỔ CHỨC THỰC HIỆN.
    topic = lines_of(folder / "giao-nhiem-vu" / "giai-phap.docx")
    assert [line for line in topic if re.match(r"^\d+\. ", line)] == ["1. NHIỆM VỤ, GIẢI PHÁP", "2. Chế độ báo cáo"]
    assert [line.split(" chủ trì")[0] for line in numbered(topic) if re.match(r"^1\.\d", line)] == [
        "1.1. Giao Phòng Kinh tế", "1.2. Giao Trung tâm Phục vụ hành chính công xã"]
    whole = read((folder / "giao-nhiem-vu" / "to-chuc.docx").read_bytes())
    parts = [line for line in lines_of(folder / "giao-nhiem-vu" / "to-chuc.docx") if re.match(r"^\d+\. ", line)]
    assert parts == ["1. TỔ CHỨC THỰC HIỆN", "2. Chế độ báo cáo"]
    # issued: its number and date (nd30-format §5.3, §5.4); the other letter's stay blank
    header = [p.text for p in cell_paragraphs(whole.tables[0], 1, 0) if p.text]
    assert header[0] == "Số: 27/UBND-VHXH"
    dates = [p.text for p in cell_paragraphs(whole.tables[0], 1, 1) if p.text]
    assert dates[-1] == "Hòa Thắng, ngày 02 tháng 3 năm 2026"
    blank = read((folder / "giao-nhiem-vu" / "giai-phap.docx").read_bytes())
    assert [p.text for p in cell_paragraphs(blank.tables[0], 1, 0) if p.text][0] == "Số:     /UBND-VHXH"
    # A task sheet goes with its letter: dated when every letter to its unit is issued, on one day.
    assert "Hòa Thắng, ngày 02 tháng 3 năm 2026" in text_of(folder / "phieu-nhiem-vu" / "van-hoa-xa-hoi.docx")
    assert "Hòa Thắng, ngày     tháng     năm 2026" in text_of(folder / "phieu-nhiem-vu" / "kinh-te.docx")


def text_of(path: Path) -> str:
    return "\n".join(p.text for table in read(path.read_bytes()).tables
                     for row in table.rows for cell in row.cells for p in cell.paragraphs)


def test_a_duty_no_letter_sends_is_a_warning_at_the_duty(tmp_path: Path):
    plan = with_letters(HOA_THANG, tmp_path, BY_TOPIC.split("    - id: giai-phap")[0])
    result = run_cli("validate", plan)
    assert result.exit_code == 0, result.output  # a warning: the plan still builds
    # The two tasks of NHIỆM VỤ, GIẢI PHÁP go out in no letter: each unit that leads or supports
    # one and gets letters is told where.
    # each at its task, the line "- text: >-" before the task's words
    kinh_te = line_of(plan, "Hoàn thiện hạ tầng số", "sections:") - 1
    trung_tam = line_of(plan, "Phát triển công dân số", "sections:") - 1
    assert f"{plan.name}:{kinh_te}:" in result.output and "«Phòng Kinh tế» có nhiệm vụ này, nhưng không công văn nào giao" in result.output
    for name in ("Trung tâm Phục vụ hành chính công xã", "Ủy ban Mặt trận Tổ quốc Việt Nam xã"):
        assert f"«{name}» có nhiệm vụ này" in result.output
    assert result.output.count(f"{plan.name}:{trung_tam}:") == 2
    assert result.output.count("không công văn nào giao") == 3
    assert run_cli("validate", "--strict", plan).exit_code == 1


def test_an_unknown_topic_and_topics_grouped_by_unit_are_errors_at_their_lines(tmp_path: Path):
    letters = ("assignments:\n  letters:\n    - id: chung\n      to: all\n      topics: [Kinh phí]\n"
               "    - id: rieng\n      to: [kinh-te]\n      topics: [Tổ chức thực hiện]\n      group_by: unit\n")
    plan = with_letters(HOA_THANG, tmp_path, letters)
    result = run_cli("validate", plan)
    assert result.exit_code == 1
    assert (f"{plan.name}:{line_of(plan, 'Kinh phí')}:" in result.output
            and "không có mục nào có nhiệm vụ mang tên «Kinh phí»: ghi tên một trong các mục sau, đúng như "
                "kế hoạch viết: «NHIỆM VỤ, GIẢI PHÁP»; «TỔ CHỨC THỰC HIỆN»" in result.output)
    assert f"{plan.name}:{line_of(plan, 'group_by: unit')}:" in result.output
    assert "nhiệm vụ được nhóm theo mục: bỏ «group_by: unit»" in result.output
    english = run_cli("--lang", "en", "validate", plan).output
    assert "no section of the plan that gives duties is titled «Kinh phí»" in english
    assert "remove «group_by: unit», or remove the topics" in english


def test_a_letter_to_a_unit_without_letters_is_a_warning_and_the_unit_gets_it(tmp_path: Path):
    # Hòa Thắng's doanh-nghiep is `letter: false`; listed in `to`, the list wins.
    plan = with_letters(HOA_THANG, tmp_path, "assignments:\n  letters:\n    - id: vien-thong\n"
                                             "      to: [kinh-te, doanh-nghiep]\n")
    result = run_cli("build", plan, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert f"{plan.name}:{line_of(plan, 'to: [kinh-te, doanh-nghiep]')}:" in result.output
    assert "đơn vị «Các doanh nghiệp viễn thông trên địa bàn xã» ghi «letter: false», nhưng công văn này gửi" in result.output
    folder = tmp_path / "out" / "hoa-thang-2026-2030"
    assert sorted(p.name for p in (folder / "phieu-nhiem-vu").iterdir()) == ["doanh-nghiep.docx", "kinh-te.docx"]


def test_a_units_own_letter_number_unused_with_letters_is_a_warning(tmp_path: Path):
    letters = ("assignments:\n  letters:\n    - id: chung\n      to: all\n  letter:\n    issued:\n"
               "      - {unit: kinh-te, number: 12, date: \"2026-03-02\"}\n")
    plan = with_letters(HOA_THANG, tmp_path, letters)
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("  letter:\n    reporting:", "    reporting:", 1), encoding="utf-8")
    result = run_cli("validate", plan)
    assert result.exit_code == 0, result.output
    assert f"{plan.name}:{line_of(plan, 'unit: kinh-te')}:" in result.output
    assert "có ghi số công văn riêng của «Phòng Kinh tế», nhưng công văn đó không được làm" in result.output


def test_a_sheet_takes_the_date_of_its_units_own_issued_letter(tmp_path: Path):
    text = HOA_THANG.read_text(encoding="utf-8").replace(
        "  letter:\n", "  letter:\n    issued:\n      - {unit: kinh-te, number: 12, date: \"2026-03-02\"}\n", 1)
    plan = tmp_path / HOA_THANG.name
    plan.write_text(text, encoding="utf-8")
    result = run_cli("build", plan, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    sheets = tmp_path / "out" / "hoa-thang-2026-2030" / "phieu-nhiem-vu"
    assert "Hòa Thắng, ngày 02 tháng 3 năm 2026" in text_of(sheets / "kinh-te.docx")
    assert "Hòa Thắng, ngày     tháng     năm 2026" in text_of(sheets / "cac-thon.docx")


def test_topics_are_printed_in_the_letters_order_not_the_plans(tmp_path: Path):
    plan = with_letters(HOA_THANG, tmp_path, "assignments:\n  letters:\n    - id: chung\n      to: all\n"
                                             "      topics: [TỔ CHỨC THỰC HIỆN, \"Nhiệm vụ,  giải pháp\"]\n")
    result = run_cli("build", plan, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    lines = lines_of(tmp_path / "out" / "hoa-thang-2026-2030" / "giao-nhiem-vu" / "chung.docx")
    assert [line for line in lines if re.match(r"^\d+\. ", line)] == [
        "1. TỔ CHỨC THỰC HIỆN", "2. NHIỆM VỤ, GIẢI PHÁP", "3. Chế độ báo cáo"]
    assert [line.split(". ")[0] for line in numbered(lines) if re.match(r"^2\.\d", line)] == ["2.1", "2.2"]


def test_reports_sent_through_a_unit_that_is_not_the_collector_is_a_warning(tmp_path: Path):
    # Hòa Thắng's reports go "qua Phòng Văn hóa - Xã hội"; without `collector` that office's own
    # letter would tell it to send its reports through itself.
    plan = tmp_path / HOA_THANG.name
    text = HOA_THANG.read_text(encoding="utf-8")
    collector = next(line for line in text.splitlines() if line.strip().startswith("collector:"))
    plan.write_text(text.replace(collector + "\n", ""), encoding="utf-8")
    vi, en = run_cli("validate", plan), run_cli("--lang", "en", "validate", plan)
    assert vi.exit_code == 0 and run_cli("validate", "--strict", plan).exit_code == 1
    at = f"{plan.name}:{line_of(plan, 'to: Ủy ban nhân dân xã (qua Phòng Văn hóa - Xã hội)', 'assignments:')}:"
    assert at in vi.output and at in en.output
    assert "qua «Phòng Văn hóa - Xã hội»" in vi.output and "«collector: van-hoa-xa-hoi»" in vi.output
    assert "through «Phòng Văn hóa - Xã hội», one of the plan's units" in en.output
    assert run_cli("validate", "--strict", HOA_THANG).exit_code == 0  # the sample names its collector
