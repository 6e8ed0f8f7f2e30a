"""Tổ chức thực hiện as plans write it (issue 14, item 3): lettered duties with points, a unit
heading apart from the name that addresses the unit, requested units (asked, never assigned),
units without letters, and the warning for a unit that no units block prints.

Each test builds a small plan through the CLI and reads the documents back with `kehoach text`,
as a clerk would; the expected lines are written out by hand from docs/plan-format.md.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from conftest import run_cli

PLAN = """\
year: 2024
document:
  kind: Kế hoạch
  number: null
  symbol: KH-UBND
  place: Xuân Phúc
  date: {year: 2024, month: 3, day: null}
  summary:
    - Tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2024
    - trên địa bàn xã Xuân Phúc
issuer:
  parent: UBND HUYỆN NHƯ THANH
  name: [ỦY BAN NHÂN DÂN, XÃ XUÂN PHÚC]
  text_name: Ủy ban nhân dân xã Xuân Phúc
units:
  - id: van-hoa
    name: Công chức Văn hóa - Xã hội
    heading: Văn hóa - Xã hội
    style: letters
    role: "Chủ trì tuyên truyền về Ngày hội, cụ thể:"
    duties:
      - text: "Tuyên truyền về Ngày hội bằng các hình thức:"
        points:
          - trên hệ thống truyền thanh của xã;
          - tại các buổi sinh hoạt của thôn.
        support: [mat-tran]
      - text: Tổng hợp kết quả, báo cáo Ủy ban nhân dân xã.
  - id: mat-tran
    name: Ủy ban Mặt trận Tổ quốc Việt Nam xã
    heading: Ủy ban Mặt trận Tổ quốc Việt Nam xã và các tổ chức chính trị - xã hội
    requested: true
    style: bullets
    duties:
      - text: "Vận động nhân dân tham gia Ngày hội:"
        points:
          - ở các khu dân cư;
          - trong các hội, đoàn thể.
  - id: doanh-nghiep
    name: Các doanh nghiệp trên địa bàn xã
    requested: true
    letter: false
    duties:
      - text: Hỗ trợ kinh phí tổ chức Ngày hội.
  - id: cac-thon
    name: Các thôn
    duties:
      - text: Tổ chức Ngày hội ở khu dân cư.
assignments:
  appendix: true
sections:
  - title: MỤC ĐÍCH, YÊU CẦU
    content:
      - Phát huy truyền thống đoàn kết, tương thân tương ái của nhân dân trong xã.
  - title: TỔ CHỨC THỰC HIỆN
    content:
      - {units: all}
      - Phân công nhiệm vụ chi tiết tại Phụ lục kèm theo.
recipients:
  - Các thôn
archive: [VT, VP]
signer:
  authority:
    - {prefix: TM., title: ỦY BAN NHÂN DÂN}
    - {title: CHỦ TỊCH}
  name: Nguyễn Văn An
"""

MAT_TRAN = "Ủy ban Mặt trận Tổ quốc Việt Nam xã"


def write_plan(folder: Path, text: str = PLAN) -> Path:
    plan = folder / "ngay-hoi-2024.yaml"
    plan.write_text(text, encoding="utf-8")
    return plan


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Returns the folder of the built plan's documents."""
    folder = tmp_path_factory.mktemp("units")
    result = run_cli("build", write_plan(folder), "-o", folder / "output")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("cảnh báo") == 0, result.stderr  # the plan is clean: no warning
    return folder / "output" / "ngay-hoi-2024"


def text_of(document: Path) -> list[str]:
    """Returns the lines `kehoach text` prints for `document`."""
    result = run_cli("text", document)
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def between(lines: list[str], first: str, last: str) -> list[str]:
    """Returns the lines from the one equal to `first` to the one equal to `last`, both included."""
    start = lines.index(first)
    return lines[start:lines.index(last, start) + 1]


# --- part V of the plan ------------------------------------------------------------------

def test_part_v_prints_headings_lettered_duties_points_and_the_request(output: Path):
    lines = text_of(output / "ke-hoach.docx")
    assert between(lines, "1. Văn hóa - Xã hội", "+ trong các hội, đoàn thể.") == [
        "1. Văn hóa - Xã hội",                          # `heading`, not `name`
        "Chủ trì tuyên truyền về Ngày hội, cụ thể:",    # the role of a lettered unit: no marker
        "a) Tuyên truyền về Ngày hội bằng các hình thức:",
        "- trên hệ thống truyền thanh của xã;",
        "- tại các buổi sinh hoạt của thôn.",
        "b) Tổng hợp kết quả, báo cáo Ủy ban nhân dân xã.",
        "2. Ủy ban Mặt trận Tổ quốc Việt Nam xã và các tổ chức chính trị - xã hội",
        "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã phối hợp thực hiện các nội dung sau:",
        "- Vận động nhân dân tham gia Ngày hội:",     # style bullets: duties "-", points "+"
        "+ ở các khu dân cư;",
        "+ trong các hội, đoàn thể.",
    ]
    assert between(lines, "3. Các doanh nghiệp trên địa bàn xã", "Tổ chức Ngày hội ở khu dân cư.") == [
        "3. Các doanh nghiệp trên địa bàn xã",
        # a name opening with "Các" runs on in lower case after "Đề nghị"
        "Đề nghị các doanh nghiệp trên địa bàn xã phối hợp thực hiện các nội dung sau:",
        "Hỗ trợ kinh phí tổ chức Ngày hội.",
        "4. Các thôn",
        "Tổ chức Ngày hội ở khu dân cư.",
    ]


def test_a_requested_unit_without_duties_of_its_own_is_asked_to_take_part(tmp_path: Path):
    plan = PLAN.replace("""    letter: false
    duties:
      - text: Hỗ trợ kinh phí tổ chức Ngày hội.
""", "    letter: false\n").replace("support: [mat-tran]", "support: [mat-tran, doanh-nghiep]")
    result = run_cli("build", write_plan(tmp_path, plan), "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    lines = text_of(tmp_path / "out" / "ngay-hoi-2024" / "ke-hoach.docx")
    at = lines.index("3. Các doanh nghiệp trên địa bàn xã")
    assert lines[at + 1] == ("Đề nghị các doanh nghiệp trên địa bàn xã phối hợp thực hiện các nội dung "
                             "có liên quan tại Kế hoạch này.")
    assert lines[at + 2] == "4. Các thôn"


def test_the_appendix_of_duties_asks_requested_units_and_runs_points_on(output: Path):
    lines = text_of(output / "ke-hoach.docx")
    # No duty names a product; the plan sets no deadline, so none is printed (issue 16).
    header = "STT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn"
    at = lines.index(header)
    assert lines[at + 1:at + 6] == [
        "1 | Tuyên truyền về Ngày hội bằng các hình thức: - trên hệ thống truyền thanh của xã; - tại "
        "các buổi sinh hoạt của thôn. | Công chức Văn hóa - Xã hội | Đề nghị Ủy ban Mặt trận Tổ quốc "
        "Việt Nam xã | ",
        "2 | Tổng hợp kết quả, báo cáo Ủy ban nhân dân xã. | Công chức Văn hóa - Xã hội |  | ",
        "3 | Vận động nhân dân tham gia Ngày hội: - ở các khu dân cư; - trong các hội, đoàn thể. | "
        "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã |  | ",
        "4 | Hỗ trợ kinh phí tổ chức Ngày hội. | Đề nghị các doanh nghiệp trên địa bàn xã |  | ",
        "5 | Tổ chức Ngày hội ở khu dân cư. | Các thôn |  | ",
    ]


# --- letters and task sheets ---------------------------------------------------------------

def test_a_units_letter_is_addressed_by_its_name_and_lists_the_points(output: Path):
    lines = text_of(output / "giao-nhiem-vu" / "van-hoa.docx")
    assert "Kính gửi: Công chức Văn hóa - Xã hội" in lines
    assert "Văn hóa - Xã hội" not in " ".join(lines).replace("Công chức Văn hóa - Xã hội", "")
    # The plan sets no deadline: the letter prints none (issue 16).
    assert between(lines, "1. Nhiệm vụ chủ trì thực hiện", "- Đơn vị phối hợp: Ủy ban Mặt trận Tổ quốc Việt Nam xã;") == [
        "1. Nhiệm vụ chủ trì thực hiện",
        "a) Tuyên truyền về Ngày hội bằng các hình thức:",
        "- trên hệ thống truyền thanh của xã;",
        "- tại các buổi sinh hoạt của thôn.",
        "- Đơn vị phối hợp: Ủy ban Mặt trận Tổ quốc Việt Nam xã;",
    ]
    assert not [line for line in lines if line.startswith("- Thời hạn hoàn thành")]


def test_a_requested_units_letter_asks_and_never_assigns(output: Path):
    lines = text_of(output / "giao-nhiem-vu" / "mat-tran.docx")
    assert "V/v đề nghị phối hợp thực hiện" in lines
    assert f"Kính gửi: {MAT_TRAN}" in lines
    opening = next(line for line in lines if line.startswith("Thực hiện Kế hoạch số"))
    assert opening.endswith(", Ủy ban nhân dân xã Xuân Phúc đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam "
                            "xã phối hợp thực hiện các nội dung cụ thể như sau:")
    assert between(lines, "1. Nội dung đề nghị chủ trì thực hiện", "Nơi nhận:")[:-1] == [
        "1. Nội dung đề nghị chủ trì thực hiện",
        "a) Vận động nhân dân tham gia Ngày hội:",
        "- ở các khu dân cư;",
        "- trong các hội, đoàn thể.",
        "2. Nội dung đề nghị phối hợp thực hiện",
        "a) Tuyên truyền về Ngày hội bằng các hình thức:",
        "- trên hệ thống truyền thanh của xã;",
        "- tại các buổi sinh hoạt của thôn.",
        "- Đơn vị chủ trì: Công chức Văn hóa - Xã hội;",
        "3. Thông tin kết quả thực hiện",
        "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã gửi kết quả thực hiện các nội dung nêu trên định "
        "kỳ 6 tháng, năm về Ủy ban nhân dân xã Xuân Phúc để tổng hợp; thời hạn gửi: trước ngày "
        "15/12/2024.",
        "Ủy ban nhân dân xã Xuân Phúc trân trọng đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã quan tâm, "
        "phối hợp thực hiện; trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị trao đổi "
        "với Ủy ban nhân dân xã Xuân Phúc để phối hợp giải quyết./.",
    ]


def test_a_requested_units_task_sheet_asks(output: Path):
    lines = text_of(output / "phieu-nhiem-vu" / "mat-tran.docx")
    assert "PHIẾU ĐỀ NGHỊ PHỐI HỢP" in lines
    assert f"Đơn vị: {MAT_TRAN}" in lines
    # No product, no target, no deadline in this plan: those columns go, the deadline cell is empty.
    at = lines.index("STT | Nội dung đề nghị | Vai trò (Chủ trì / Phối hợp) | Đơn vị chủ trì hoặc phối "
                     "hợp | Thời hạn")
    assert lines[at + 1:] == [
        "1 | Vận động nhân dân tham gia Ngày hội: - ở các khu dân cư; - trong các hội, đoàn thể. | "
        "Chủ trì |  | ",
        "2 | Tuyên truyền về Ngày hội bằng các hình thức: - trên hệ thống truyền thanh của xã; - tại "
        "các buổi sinh hoạt của thôn. | Phối hợp | Công chức Văn hóa - Xã hội | ",
    ]


@pytest.mark.parametrize("document", ["giao-nhiem-vu/mat-tran.docx", "phieu-nhiem-vu/mat-tran.docx"])
def test_giao_is_never_written_for_a_requested_unit(output: Path, document: str):
    path = output / document
    assert not [line for line in text_of(path) if "giao" in line.lower()]
    properties = docx.Document(str(path)).core_properties
    assert "giao" not in f"{properties.title} {properties.subject}".lower()


def test_the_appendix_rows_of_requested_units_never_say_giao(output: Path):
    lines = text_of(output / "ke-hoach.docx")
    asked = [line for line in lines if "Đề nghị" in line and " | " in line]
    assert len(asked) == 3  # rows 1 (as supporting unit), 3 and 4
    assert not [line for line in asked if "giao" in line.lower()]


def test_other_units_letters_still_assign(output: Path):
    lines = text_of(output / "giao-nhiem-vu" / "cac-thon.docx")
    assert "V/v giao nhiệm vụ thực hiện" in lines
    assert "3. Chế độ báo cáo" not in lines and "2. Chế độ báo cáo" in lines
    assert "PHIẾU GIAO NHIỆM VỤ" in text_of(output / "phieu-nhiem-vu" / "cac-thon.docx")


# --- units without letters ------------------------------------------------------------------

def test_a_unit_with_letter_false_gets_no_letter_and_no_sheet(output: Path):
    for folder in ("giao-nhiem-vu", "phieu-nhiem-vu"):
        assert sorted(path.name for path in (output / folder).iterdir()) == [
            "cac-thon.docx", "mat-tran.docx", "van-hoa.docx"]


@pytest.mark.parametrize("lang, expected", [
    ("vi", "doanh-nghiep: kế hoạch không tạo công văn và phiếu cho đơn vị này (letter: false); các "
           "đơn vị có công văn và phiếu: van-hoa, mat-tran, cac-thon."),
    ("en", "doanh-nghiep: the plan makes no letter or task sheet for this unit (letter: false); the "
           "units that have them: van-hoa, mat-tran, cac-thon."),
])
def test_build_unit_of_a_unit_without_letters_is_a_usage_error(tmp_path: Path, lang: str, expected: str):
    plan = write_plan(tmp_path)
    result = run_cli("--lang", lang, "build", plan, "-o", tmp_path / "out", "--unit", "doanh-nghiep")
    assert result.exit_code == 2
    assert f"{plan}: {expected}" in " ".join(result.stderr.split())
    assert not (tmp_path / "out").exists()


# --- a unit that no units block prints ------------------------------------------------------

@pytest.mark.parametrize("lang, expected", [
    ("vi", "cảnh báo: đơn vị «Các thôn» có nhiệm vụ nhưng không mục nào của kế hoạch in đơn vị này, "
           "nên kế hoạch không nói đơn vị phải làm gì: thêm dòng «- units: [cac-thon]» (hoặc «- units: "
           "all») vào nội dung của mục Tổ chức thực hiện"),
    ("en", "warning: the unit «Các thôn» has duties, but no units block prints it, so the plan never "
           "says what it must do: add the line «- units: [cac-thon]» (or «- units: all») to the "
           "content of the section Tổ chức thực hiện"),
])
def test_a_unit_with_duties_that_no_units_block_prints_is_a_warning_at_the_unit(
        tmp_path: Path, lang: str, expected: str):
    plan = write_plan(tmp_path, PLAN.replace("{units: all}", "{units: [van-hoa, mat-tran, doanh-nghiep]}"))
    line = PLAN.splitlines().index("  - id: cac-thon") + 1
    result = run_cli("--lang", lang, "validate", plan)
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines() == [f"{plan}:{line}:5: {expected}"]


def test_a_unit_printed_by_a_units_block_is_not_warned_about(tmp_path: Path):
    result = run_cli("validate", write_plan(tmp_path), "--strict")
    assert result.exit_code == 0, result.output


def test_a_unit_that_only_leads_or_supports_a_task_of_the_body_is_warned_about_too(tmp_path: Path):
    plan = PLAN.replace("""  - id: cac-thon
""", """  - id: cong-an
    name: Công an xã
  - id: y-te
    name: Trạm Y tế xã
  - id: cac-thon
""").replace("""      - Phát huy truyền thống đoàn kết, tương thân tương ái của nhân dân trong xã.
""", """      - Phát huy truyền thống đoàn kết, tương thân tương ái của nhân dân trong xã.
      - text: Bảo đảm an ninh, trật tự và y tế trong những ngày diễn ra Ngày hội.
        lead: cong-an
        support: [y-te]
""").replace("{units: all}", "{units: [van-hoa, mat-tran, doanh-nghiep, cac-thon]}")
    path = write_plan(tmp_path, plan)
    lines = plan.splitlines()
    result = run_cli("--lang", "en", "validate", path)
    assert result.exit_code == 0, result.output
    assert [line.split(": warning: ")[0] for line in result.output.strip().splitlines()] == [
        f"{path}:{lines.index('  - id: cong-an') + 1}:5", f"{path}:{lines.index('  - id: y-te') + 1}:5"]
    assert "«Công an xã»" in result.output and "«Trạm Y tế xã»" in result.output


# --- kehoach diff ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang, expected", [
    ("vi", ["~ Đơn vị “Công chức Văn hóa - Xã hội”: tên mục trong kế hoạch: Văn hóa - Xã hội → Văn "
            "hóa - Thông tin",
            "~ Đơn vị “Công chức Văn hóa - Xã hội”: cách trình bày nhiệm vụ trong kế hoạch: đánh a), b), "
            "c) → đoạn văn",
            "~ Đơn vị “Ủy ban Mặt trận Tổ quốc Việt Nam xã”: được đề nghị phối hợp, không giao nhiệm vụ: "
            "có → không",
            "~ Đơn vị “Ủy ban Mặt trận Tổ quốc Việt Nam xã”: các ý của “Vận động nhân dân tham gia Ngày "
            "hội:”:",
            "    - ở các khu dân cư{+, tổ dân phố+}; - trong các hội, đoàn thể.",
            "~ Đơn vị “Các doanh nghiệp trên địa bàn xã”: có công văn và phiếu giao nhiệm vụ: không → có"]),
    ("en", ["~ Unit “Công chức Văn hóa - Xã hội”: heading in the plan: Văn hóa - Xã hội → Văn hóa - "
            "Thông tin",
            "~ Unit “Công chức Văn hóa - Xã hội”: layout of its duties in the plan: lettered a), b), c) → "
            "paragraphs",
            "~ Unit “Ủy ban Mặt trận Tổ quốc Việt Nam xã”: asked to take part, not assigned: yes → no",
            "~ Unit “Ủy ban Mặt trận Tổ quốc Việt Nam xã”: points of “Vận động nhân dân tham gia Ngày "
            "hội:”:",
            "    - ở các khu dân cư{+, tổ dân phố+}; - trong các hội, đoàn thể.",
            "~ Unit “Các doanh nghiệp trên địa bàn xã”: gets a letter and a task sheet: no → yes"]),
])
def test_diff_names_the_changes_of_part_v_in_plan_terms(tmp_path: Path, lang: str, expected: list[str]):
    old = write_plan(tmp_path)
    new = tmp_path / "moi.yaml"
    new.write_text(PLAN.replace("heading: Văn hóa - Xã hội\n    style: letters",
                                "heading: Văn hóa - Thông tin\n    style: paragraphs")
                   .replace("    requested: true\n    style: bullets", "    style: bullets")
                   .replace("- ở các khu dân cư;", "- ở các khu dân cư, tổ dân phố;")
                   .replace("    letter: false\n", ""), encoding="utf-8")
    result = run_cli("--lang", lang, "diff", old, new)
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[2:-1] == expected


@pytest.mark.parametrize("lang, note", [("vi", "(không có công văn và phiếu)"),
                                        ("en", "(no letter or task sheet)")])
def test_units_lists_which_unit_gets_no_letter(tmp_path: Path, lang: str, note: str):
    result = run_cli("--lang", lang, "units", write_plan(tmp_path))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["van-hoa", "mat-tran", "doanh-nghiep", "cac-thon"]
    assert [line.endswith(f"  {note}") for line in lines] == [False, False, True, False]
