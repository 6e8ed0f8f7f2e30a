"""`kehoach upgrade`: a plan written when ids could be longer than 64 characters (a unit's up to
95, other ids any length, before issue 17) is rewritten in place to validate today, its comments
and layout kept, every change printed with its line; a plan already in today's format is left
untouched."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE, run_cli
from docx_reading import text_lines

# Long ids as a clerk may have written them, and the ids upgrade gives them: cut after the last
# whole word within 64 characters.
UNIT = "ban-chi-dao-thuc-hien-cac-chuong-trinh-muc-tieu-quoc-gia-giam-ngheo-ben-vung-xa"  # 79
UNIT_NEW = "ban-chi-dao-thuc-hien-cac-chuong-trinh-muc-tieu-quoc-gia-giam"
INDICATOR = "ho-ngheo-theo-chuan-ngheo-da-chieu-giai-doan-2022-2025-tren-dia-ban-toan-xa"  # 75
INDICATOR_NEW = "ho-ngheo-theo-chuan-ngheo-da-chieu-giai-doan-2022-2025-tren-dia"


def with_ids(text: str, ids: dict[str, str]) -> str:
    """Returns the plan file `text` with each id of `ids` (wherever it stands whole) replaced,
    its schema line pointing at this checkout's schema wherever the file is written."""
    for old, new in ids.items():
        text = re.sub(rf"(?<![a-z0-9-]){re.escape(old)}(?![a-z0-9-])", new, text)
    return text.replace("../schemas/", f"{ROOT.as_uri()}/schemas/")


def upgraded(plan: Path, text: str) -> str:
    """Returns the text of `plan`, written as `text`, once `kehoach upgrade` rewrote it."""
    plan.write_text(text, encoding="utf-8")
    assert run_cli("upgrade", plan).exit_code == 0
    return plan.read_text(encoding="utf-8")


def old_plan(tmp_path: Path, newline: str = "\n") -> Path:
    """Returns a copy of the sample whose unit `ldtbxh` and indicator `ho-ngheo` have long ids,
    everywhere they are used, as a plan of an earlier kehoach could."""
    text = with_ids(SAMPLE.read_text(encoding="utf-8"), {"ldtbxh": UNIT, "ho-ngheo": INDICATOR})
    path = tmp_path / "xuan-phuc-2023.yaml"
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def test_an_old_plan_with_long_ids_is_told_to_upgrade_and_validates_once_upgraded(tmp_path):
    plan = old_plan(tmp_path)
    before = plan.read_text(encoding="utf-8")
    refused = run_cli("validate", plan)
    assert refused.exit_code == 1
    assert "hoặc chạy kehoach upgrade với tệp này: lệnh đó rút ngắn mọi mã quá dài và mọi chỗ dùng mã đó" \
        in refused.output
    result = run_cli("upgrade", plan)
    assert result.exit_code == 0, result.output
    lines = before.splitlines()
    indicator_line = lines.index(f"  - id: {INDICATOR}") + 1
    unit_line = lines.index(f"  - id: {UNIT}") + 1
    assert result.output.splitlines() == [
        f"{plan}:{indicator_line}: mã «{INDICATOR}» (75 ký tự) đổi thành «{INDICATOR_NEW}», mọi chỗ dùng "
        "mã đó cũng đổi theo",
        f"{plan}:{unit_line}: mã «{UNIT}» (79 ký tự) đổi thành «{UNIT_NEW}», mọi chỗ dùng mã đó cũng đổi theo",
        f"Đã ghi lại {plan}; văn bản của đơn vị được đổi mã từ nay mang tên theo mã mới. Kiểm tra lại: "
        f"kehoach validate {plan}",
    ]
    after = plan.read_text(encoding="utf-8")
    # Only the ids changed: every other line, comments and layout included, is as it was (a
    # comment after a shortened id stays in its column).
    expected = before.replace(UNIT, UNIT_NEW).replace(INDICATOR, INDICATOR_NEW)
    assert re.sub(r" +#", " #", after) == re.sub(r" +#", " #", expected)
    assert run_cli("validate", plan).exit_code == 0


def test_the_upgraded_plan_names_the_units_documents_by_the_new_id(tmp_path):
    plan = old_plan(tmp_path)
    assert run_cli("upgrade", plan).exit_code == 0
    result = run_cli("build", plan, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    letter = tmp_path / "out" / plan.stem / "giao-nhiem-vu" / f"{UNIT_NEW}.docx"
    assert "Kính gửi: Công chức Lao động - Thương binh và Xã hội" in text_lines(letter)


def test_a_dry_run_says_the_same_and_writes_nothing(tmp_path):
    plan = old_plan(tmp_path)
    before = plan.read_bytes()
    result = run_cli("upgrade", "--dry-run", plan)
    assert result.exit_code == 0
    assert [line.split(": ", 1)[1][:5] for line in result.output.splitlines()] == ["mã «h", "mã «b"]
    assert plan.read_bytes() == before


def test_a_plan_in_todays_format_is_left_untouched(tmp_path):
    plan = tmp_path / SAMPLE.name
    plan.write_bytes(SAMPLE.read_bytes())
    result = run_cli("upgrade", plan)
    assert result.exit_code == 0
    assert result.output == f"{plan}: đã đúng định dạng của phiên bản kehoach này, giữ nguyên.\n"
    assert plan.read_bytes() == SAMPLE.read_bytes()


def test_ids_that_would_be_cut_alike_are_told_apart(tmp_path):
    twin = UNIT.replace("-xa", "-thon")  # the same first 64 characters as UNIT
    text = with_ids(old_plan(tmp_path).read_text(encoding="utf-8"), {"van-hoa": twin})
    after = upgraded(tmp_path / "twins.yaml", text)
    assert f"- id: {UNIT_NEW}\n" in after and f"- id: {UNIT_NEW}-2\n" in after
    assert run_cli("validate", tmp_path / "twins.yaml").exit_code == 0


def test_a_windows_plan_keeps_its_line_ends(tmp_path):
    plan = old_plan(tmp_path, newline="\r\n")
    assert run_cli("upgrade", plan).exit_code == 0
    written = plan.read_bytes().decode("utf-8")
    assert "\r\r" not in written and written.count("\n") == written.count("\r\n")
    assert f"  - id: {UNIT_NEW}\r\n" in written


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_plan_that_cannot_be_read_is_said_and_the_others_are_still_upgraded(tmp_path, lang):
    broken = tmp_path / "broken.yaml"
    broken.write_text("year: [2023\n", encoding="utf-8")
    plan = old_plan(tmp_path)
    result = run_cli("--lang", lang, "upgrade", broken, plan)
    assert result.exit_code == 1
    assert result.output.startswith(f"{broken}:")
    said = {"vi": f"mã «{UNIT}» (79 ký tự) đổi thành «{UNIT_NEW}»",
            "en": f"the id “{UNIT}” (79 characters) becomes “{UNIT_NEW}”, and so does every use of it"}
    assert said[lang] in result.output
    assert UNIT not in plan.read_text(encoding="utf-8")


def test_a_funding_sources_long_id_is_renamed_in_the_amounts_too(tmp_path):
    source = "ngan-sach-xa-xuan-phuc-tu-nguon-thu-tren-dia-ban-va-nguon-bo-sung-can-doi"  # 73
    plan = tmp_path / "ket-qua.yaml"
    plan.write_text(with_ids((ROOT / "plans" / "xuan-phuc-2023-ket-qua.yaml").read_text(encoding="utf-8"),
                             {"ns-xa": source}), encoding="utf-8")
    assert run_cli("validate", plan).exit_code == 1
    result = run_cli("upgrade", plan)
    assert result.exit_code == 0
    # No unit's id changed: no word of documents renamed.
    assert result.output.splitlines()[-1] == f"Đã ghi lại {plan}. Kiểm tra lại: kehoach validate {plan}"
    after = plan.read_text(encoding="utf-8")
    assert source not in after
    assert "amounts: {ns-tw: 850, ngan-sach-xa-xuan-phuc-tu-nguon-thu-tren-dia-ban-va-nguon-bo: 50}" in after
    assert run_cli("validate", plan).exit_code == 0


def test_an_id_of_64_characters_is_left_as_it_is_and_the_text_given_back_whole():
    from generator.year.upgrade import Upgraded, upgrade

    longest = "to-dan-pho-" + "x" * 53  # 64 characters: allowed
    text = SAMPLE.read_text(encoding="utf-8").replace("  - id: tu-phap\n", f"  - id: {longest}\n")
    assert upgrade(text) == Upgraded(text, ())


def test_an_id_is_cut_at_64_characters_exactly_and_its_twin_numbered_within_them(tmp_path):
    # Worked by hand: 61 a's, then "ab" makes 64 (kept), "one" or "two" would pass it. The
    # second id cut alike is numbered: 62 characters of it, less the hyphen it ends with, "-2".
    ids = {"tu-phap": "a" * 61 + "-ab-one", "cac-thon": "a" * 61 + "-ab-two"}
    after = upgraded(tmp_path / "plan.yaml", with_ids(SAMPLE.read_text(encoding="utf-8"), ids))
    assert f"  - id: {'a' * 61}-ab\n" in after and f"  - id: {'a' * 61}-2\n" in after
    assert run_cli("validate", tmp_path / "plan.yaml").exit_code == 0


def test_a_comment_after_a_renamed_key_stays_on_its_line(tmp_path):
    source = "ngan-sach-xa-xuan-phuc-tu-nguon-thu-tren-dia-ban-va-nguon-bo-sung-can-doi"
    short = "ngan-sach-xa-xuan-phuc-tu-nguon-thu-tren-dia-ban-va-nguon-bo"
    text = (ROOT / "plans" / "xuan-phuc-2023-ket-qua.yaml").read_text(encoding="utf-8")
    flow = "      amounts: {ns-xa: 35.5}\n"
    assert text.count(flow) == 1
    text = text.replace(flow, "      amounts:\n        ns-xa: 35.5  # ngân sách xã cấp\n")
    after = upgraded(tmp_path / "ket-qua.yaml", with_ids(text, {"ns-xa": source}))
    assert re.search(rf"\n        {short}: 35.5 +# ngân sách xã cấp\n", after)
