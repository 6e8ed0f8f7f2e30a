"""What an assignment letter says (issue 16, items 2 to 4): nothing the plan did not say. Each
case builds the Xuân Phúc sample with one change and reads the letter back with `kehoach text`,
against the hand-written letters of tests/fixtures/xuan-phuc-2023 (tests/fixtures/README.md)."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, SAMPLE, run_cli
from docx_reading import text_lines
from test_expected_xuan_phuc_units import CLOSING, REPORT, built_lines, edited, hand_written, reporting

ISSUER = "Ủy ban nhân dân xã Xuân Phúc"
LDTBXH = "Công chức Lao động - Thương binh và Xã hội"
OFFICE = "UBND xã (qua bộ phận Lao động - Thương binh và Xã hội)"
REPORTING = f"""    reporting:                        # như đoạn cuối mục V
      to: {OFFICE}
      frequency: 6 tháng, năm
      deadline: "2023-12-15"          # in "trước ngày 15/12/2023"
"""


def sample_with_reporting(block: str) -> str:
    """Returns the sample with its letters' `reporting` block replaced by `block`."""
    return edited(REPORTING, block)


def test_without_reports_the_letter_has_no_reporting_part(tmp_path: Path):
    # `reporting: false`: no "Chế độ báo cáo", and the closing sends difficulties to the issuer.
    lines = built_lines(tmp_path, sample_with_reporting("    reporting: false\n"), "giao-nhiem-vu")
    letter = reporting("giao-nhiem-vu")
    assert lines == [line.replace(OFFICE, ISSUER) for line in letter
                     if line not in ("3. Chế độ báo cáo", REPORT)]
    assert not [line for line in lines if "định kỳ" in line]


def test_reporting_true_is_the_default_rule(tmp_path: Path):
    lines = built_lines(tmp_path, sample_with_reporting("    reporting: true\n"), "giao-nhiem-vu")
    assert lines == [line.replace(OFFICE, ISSUER) for line in reporting("giao-nhiem-vu")]


# The collector of the reports: named by id, or as the `to` itself.
COLLECTING = ("Theo dõi, đôn đốc các đơn vị triển khai thực hiện; tổng hợp kết quả thực hiện, báo cáo "
              f"{ISSUER} định kỳ 6 tháng, năm; thời hạn gửi báo cáo: trước ngày 15/12/2023.")
DECIDED = CLOSING.replace(OFFICE, ISSUER)


def test_the_collector_is_told_to_collect_not_to_report_to_itself(tmp_path: Path):
    text = sample_with_reporting(f"    reporting:\n      to: {LDTBXH}\n      deadline: \"2023-12-15\"\n")
    collector = built_lines(tmp_path, text, "giao-nhiem-vu", "ldtbxh")
    at = collector.index("3. Tổng hợp, báo cáo kết quả thực hiện")
    assert collector[at + 1:at + 3] == [COLLECTING, DECIDED]
    assert f"gửi về {LDTBXH}" not in " ".join(collector)
    # Another unit reports to the collector; the closing gives the decision to the issuer.
    other = built_lines(tmp_path, text, "giao-nhiem-vu", "tu-phap")
    at = other.index("2. Chế độ báo cáo")
    assert other[at + 1:at + 3] == [
        f"Báo cáo kết quả thực hiện các nhiệm vụ nêu trên định kỳ 6 tháng, năm, gửi về {LDTBXH} để tổng hợp; "
        "thời hạn gửi báo cáo: trước ngày 15/12/2023.", DECIDED]


def test_the_collector_named_by_id_keeps_the_recipient_for_the_others(tmp_path: Path):
    text = sample_with_reporting(REPORTING + "      collector: ldtbxh\n")
    collector = built_lines(tmp_path, text, "giao-nhiem-vu", "ldtbxh")
    assert collector[collector.index("3. Tổng hợp, báo cáo kết quả thực hiện") + 1] == COLLECTING
    assert built_lines(tmp_path, text, "giao-nhiem-vu", "tu-phap") == hand_written("giao-nhiem-vu", "tu-phap")


def test_a_units_own_recipient_of_reports(tmp_path: Path):
    text = edited("    name: Tư pháp\n", "    name: Tư pháp\n    reports_to: Công chức Văn phòng - Thống kê\n")
    lines = built_lines(tmp_path, text, "giao-nhiem-vu", "tu-phap")
    # It reports there; the closing gives the decision to the issuer, not to that office.
    assert lines == [line.replace(OFFICE, "Công chức Văn phòng - Thống kê" if line.startswith("Báo cáo") else ISSUER)
                     for line in hand_written("giao-nhiem-vu", "tu-phap")]


def test_an_unknown_collector_is_an_error_in_both_languages(tmp_path: Path):
    plan = tmp_path / "xuan-phuc-2023.yaml"
    plan.write_text(sample_with_reporting(REPORTING + "      collector: van-phong\n"), encoding="utf-8")
    line = plan.read_text(encoding="utf-8").splitlines().index("      collector: van-phong") + 1
    vi, en = run_cli("validate", plan), run_cli("--lang", "en", "validate", plan)
    assert vi.exit_code == en.exit_code == 1
    assert f"{plan}:{line}:18: lỗi: " in vi.output and "«van-phong»" in vi.output
    assert f"{plan}:{line}:18: error: no unit has the id «van-phong»" in en.output


# --- who speaks (issue 16 item 3) ---------------------------------------------------------------
# The sample is signed "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH": a deputy signs for the Chairman.
SYMBOL = "    symbol: UBND-CSXH                 # đơn vị soạn thảo như dòng \"Lưu: VT, CSXH\"\n"


def with_speaker(speaker: str) -> str:
    return edited(SYMBOL, f"{SYMBOL}    speaker: {speaker}\n")


def test_the_chairman_speaks_in_the_opening_and_the_closing(tmp_path: Path):
    lines = built_lines(tmp_path, with_speaker("chairman"), "giao-nhiem-vu")
    letter = reporting("giao-nhiem-vu")
    chairman = f"Chủ tịch {ISSUER}"
    assert lines == [line.replace(f", {ISSUER} giao nhiệm vụ", f", {chairman} giao nhiệm vụ")
                     .replace(f"{ISSUER} đề nghị đơn vị", f"{chairman} đề nghị đơn vị") for line in letter]
    assert any(line.endswith(f"(sau đây gọi là Kế hoạch), {chairman} giao nhiệm vụ cụ thể như sau:") for line in lines)
    assert lines[lines.index("Nơi nhận:") - 1].startswith(f"{chairman} đề nghị đơn vị nghiêm túc triển khai thực hiện;")


def _validate(tmp_path: Path, text: str) -> tuple[Path, str, str]:
    plan = tmp_path / "xuan-phuc-2023.yaml"
    plan.write_text(text, encoding="utf-8")
    return plan, run_cli("validate", plan).output, run_cli("--lang", "en", "validate", plan).output


def test_the_body_speaking_over_the_chairmans_signature_is_a_warning_in_both_languages(tmp_path: Path):
    plan, vi, en = _validate(tmp_path, with_speaker("issuer"))
    line = plan.read_text(encoding="utf-8").splitlines().index("    speaker: issuer") + 1
    assert (f"{plan}:{line}:14: cảnh báo: công văn nói với tư cách cơ quan nhưng ký «KT. CHỦ TỊCH» với tư "
            "cách Chủ tịch: để Chủ tịch nói (chairman), hoặc ký TM. thay mặt cơ quan") in vi
    assert (f"{plan}:{line}:14: warning: the letters speak as the body, but are signed «KT. CHỦ TỊCH», as "
            "the Chairman: let the Chairman speak (chairman), or sign TM. for the body") in en


def test_the_chairman_speaking_over_the_bodys_signature_is_a_warning_in_both_languages(tmp_path: Path):
    text = with_speaker("chairman").replace("    - {prefix: KT., title: CHỦ TỊCH}\n    - {title: PHÓ CHỦ TỊCH}\n",
                                            "    - {prefix: TM., title: ỦY BAN NHÂN DÂN}\n    - {title: CHỦ TỊCH}\n")
    plan, vi, en = _validate(tmp_path, text)
    line = plan.read_text(encoding="utf-8").splitlines().index("    speaker: chairman") + 1
    assert f"{plan}:{line}:14: cảnh báo: công văn nói với tư cách Chủ tịch nhưng ký «TM. ỦY BAN NHÂN DÂN»" in vi
    assert f"{plan}:{line}:14: warning: the letters speak as the Chairman, but are signed «TM. ỦY BAN NHÂN DÂN»" in en


def test_a_speaker_that_agrees_with_the_signature_is_no_warning(tmp_path: Path):
    _, vi, _ = _validate(tmp_path, with_speaker("chairman"))
    assert "tư cách" not in vi


# --- number and date once issued (issue 16 item 4) --------------------------------------------

def with_issued(entries: str) -> str:
    return edited(SYMBOL, f"{SYMBOL}    issued:\n{entries}")


def test_an_issued_letter_prints_its_number_and_date(tmp_path: Path):
    text = with_issued('      - {unit: ldtbxh, number: 15, date: "2023-07-03"}\n')
    # nd30-format §5.3 and §5.4: "Số: 15/UBND-CSXH", "ngày 03 tháng 7 năm 2023" (day below 10 padded).
    assert built_lines(tmp_path, text, "giao-nhiem-vu") == [
        {"Số:     /UBND-CSXH": "Số: 15/UBND-CSXH",
         "Xuân Phúc, ngày     tháng     năm 2023": "Xuân Phúc, ngày 03 tháng 7 năm 2023"}.get(line, line)
        for line in reporting("giao-nhiem-vu")]
    # Another unit's letter is still blank for the văn thư.
    assert built_lines(tmp_path, text, "giao-nhiem-vu", "tu-phap") == hand_written("giao-nhiem-vu", "tu-phap")


def test_an_issued_letter_of_an_unknown_unit_is_an_error(tmp_path: Path):
    plan, vi, en = _validate(tmp_path, with_issued('      - {unit: van-phong, number: 15, date: "2023-07-03"}\n'))
    line = plan.read_text(encoding="utf-8").splitlines().index(
        '      - {unit: van-phong, number: 15, date: "2023-07-03"}') + 1
    assert f"{plan}:{line}:" in vi and "«van-phong»" in vi and "lỗi" in vi
    assert "error: no unit has the id «van-phong»" in en


# --- opening and closing sentences from the data (issue 16 item 2) -----------------------------
OPENING = ("Xét đề nghị của công chức Lao động - Thương binh và Xã hội, Chủ tịch Ủy ban nhân dân xã giao "
           "nhiệm vụ cụ thể như sau:")
OWN_CLOSING = "Đề nghị đơn vị triển khai thực hiện nghiêm túc, hiệu quả"


def test_the_plan_gives_the_opening_and_closing_sentences(tmp_path: Path):
    text = edited(SYMBOL, f"{SYMBOL}    opening: \"{OPENING}\"\n    closing: {OWN_CLOSING}\n")
    lines = built_lines(tmp_path, text, "giao-nhiem-vu")
    letter = reporting("giao-nhiem-vu")
    opening = next(line for line in letter if line.startswith("Thực hiện Kế hoạch số"))
    # The closing keeps the "./." the decree puts after the last sentence (nd30-format §5.8).
    assert lines == [{opening: OPENING, CLOSING: f"{OWN_CLOSING}./."}.get(line, line) for line in letter]


def test_a_template_can_still_reword_the_opening(tmp_path: Path):
    folder = tmp_path / "my-templates"
    folder.mkdir()
    builtin = (ROOT / "templates" / "_assignments.xml.j2").read_text(encoding="utf-8")
    default = "cụ thể như sau:\n{%- endif %}"
    assert builtin.count(default) == 1
    (folder / "_assignments.xml.j2").write_text(builtin.replace(default, "như sau:\n{%- endif %}"), encoding="utf-8")
    result = run_cli("build", SAMPLE, "-o", tmp_path / "out", "--unit", "ldtbxh", "--templates", folder)
    assert result.exit_code == 0, result.output
    lines = text_lines(tmp_path / "out" / "xuan-phuc-2023" / "giao-nhiem-vu" / "ldtbxh.docx")
    assert any(line.endswith(f"{ISSUER} giao nhiệm vụ như sau:") for line in lines)
