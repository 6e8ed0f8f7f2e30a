"""`kehoach diff`: what changed between two versions of a plan, in plan terms — a changed target
with both figures, an added duty, a reworded sentence word by word — exit 0 when nothing
changed and 1 when something did, and --rev to compare with a git revision."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from copy import deepcopy
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, SAMPLE, SECOND, run_cli
from generator.cli.year import _change_text
from generator.messages import translator
from generator.plan.load import load_bytes
from generator.plan.model import build_plan
from generator.plan.validate import is_valid
from generator.year.plan_diff import plan_changes, word_diff

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
NEW_DUTY = "Tổ chức tập huấn nghiệp vụ giảm nghèo cho cán bộ các thôn trong quý II."
OLD_SENTENCE = "Tăng cường kiểm tra, giám sát, đánh giá kết quả thực hiện công tác giảm nghèo ở cơ sở."
NEW_SENTENCE = "Tăng cường kiểm tra, giám sát định kỳ kết quả thực hiện công tác giảm nghèo ở thôn."


def edited(text: str) -> str:
    """Returns the sample with a changed target, one more duty and a reworded sentence."""
    for old, new in [
        ("target: {year: 2023, rate: 5.0, count: 76}", "target: {year: 2023, rate: 4.5, count: 69}"),
        ("        support: [nganh-doan-the, mat-tran]\n",
         f"        support: [nganh-doan-the, mat-tran]\n      - text: {NEW_DUTY}\n"),
        (OLD_SENTENCE, NEW_SENTENCE),
    ]:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(SAMPLE_TEXT, encoding="utf-8")
    new.write_text(edited(SAMPLE_TEXT), encoding="utf-8")
    return old, new


def test_the_same_plan_twice_has_no_change_and_exits_0(tmp_path):
    copy = tmp_path / "copy.yaml"
    copy.write_text(SAMPLE_TEXT, encoding="utf-8")
    result = run_cli("diff", SAMPLE, copy)
    assert result.exit_code == 0 and result.output == ""


def test_a_changed_target_an_added_duty_and_a_reworded_sentence_are_listed(versions):
    result = run_cli("diff", *versions)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    # The indicator sentence's figures: 9,2 − 4,5 = 4,7 and 141 − 69 = 72.
    assert [line for line in lines if line.startswith("~ Chỉ tiêu")] == [
        "~ Chỉ tiêu “hộ nghèo”: tỷ lệ giảm 4,2% → 4,7% (từ 9,2% cuối năm 2022, xuống còn 5,0% → 4,5% "
        "cuối năm 2023)",
        "~ Chỉ tiêu “hộ nghèo”: số hộ nghèo giảm 65 hộ → 72 hộ (từ 141 hộ cuối năm 2022, xuống còn "
        "76 hộ → 69 hộ cuối năm 2023)"]
    at = lines.index("+ Đơn vị “Công chức Lao động - Thương binh và Xã hội”: thêm nhiệm vụ:")
    assert lines[at + 1] == f"    {NEW_DUTY}"
    at = lines.index("~ Mục III.7: sửa đoạn:")
    assert lines[at + 1] == ("    Tăng cường kiểm tra, giám sát[-, đánh giá-]{+ định kỳ+} kết quả thực hiện "
                             "công tác giảm nghèo ở [-cơ sở-]{+thôn+}.")
    assert lines[-1] == "4 thay đổi."


def test_a_village_result_recorded_at_year_end_is_a_change(tmp_path):
    target = "        target: {rate: 4.3, count: 35}             # 35 × 100 / 820 = 4,27\n"
    text = SECOND.read_text(encoding="utf-8")
    assert text.count(target) == 1
    recorded = tmp_path / "recorded.yaml"
    recorded.write_text(text.replace(target, target + "        actual: {rate: 4.1, count: 34}\n"),
                        encoding="utf-8")
    result = run_cli("diff", SECOND, recorded)
    assert result.exit_code == 1
    assert result.output.splitlines()[2:] == [
        "+ Chỉ tiêu “hộ nghèo”, Thôn Tân Lập: kết quả thực hiện (không in): 4,1%, 34 hộ (cuối năm 2026)",
        "1 thay đổi."]


def test_english_with_lang_en(versions):
    result = run_cli("--lang", "en", "diff", *versions)
    assert result.exit_code == 1
    assert ("~ Indicator “hộ nghèo”: rate down by 4,2% → 4,7% (from 9,2% at the end of 2022, "
            "to 5,0% → 4,5% at the end of 2023)") in result.output
    assert ("~ Indicator “hộ nghèo”: number of hộ nghèo down by 65 hộ → 72 hộ (from 141 hộ at the end "
            "of 2022, to 76 hộ → 69 hộ at the end of 2023)") in result.output
    assert "duty added" in result.output and "4 change(s)." in result.output


def test_json_for_scripts(versions):
    result = run_cli("diff", "--format", "json", *versions)
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["changed"] is True
    kinds = [change["what"] for change in report["changes"]]
    assert kinds == ["indicator.rate", "indicator.count", "paragraph.reworded", "duty.added"]  # document order
    rate = report["changes"][0]
    assert rate["where"] == {"id": "ho-ngheo", "name": "hộ nghèo", "direction": "decrease"}
    assert rate["old"] == {"change": "4,2%", "baseline": "9,2%", "target": "5,0%",
                           "baseline_year": 2022, "target_year": 2023}
    assert rate["new"] == {**rate["old"], "change": "4,7%", "target": "4,5%"}
    same = json.loads(run_cli("diff", "--format", "json", SAMPLE, SAMPLE).output)
    assert same == {"old": str(SAMPLE), "new": str(SAMPLE), "changed": False, "changes": []}


def test_next_years_plan_against_this_years(tmp_path):
    new = tmp_path / "xuan-phuc-2024.yaml"
    assert run_cli("new", "--from", SAMPLE, "--year", 2024, "-o", new).exit_code == 0
    result = run_cli("diff", SAMPLE, new)
    assert result.exit_code == 1
    assert "~ Năm kế hoạch: 2023 → 2024" in result.output
    # No actual result recorded: last year's target became the baseline; the target is empty.
    assert ("~ Chỉ tiêu “hộ nghèo”: tỷ lệ giảm 4,2% → (trống) (từ 9,2% cuối năm 2022 → 5,0% cuối năm "
            "2023, xuống còn 5,0% cuối năm 2023 → (trống) cuối năm 2024)") in result.output
    assert "- Chỉ tiêu “hộ nghèo”: mức giảm ghi để đối chiếu (không in): 4,2%, 65 hộ" in result.output
    assert "năm [-2023-]{+2024+}" in result.output


def test_a_basis_marked_for_checking_and_then_checked_is_named(tmp_path):
    line = "    issuer: UBND huyện Như Thanh\n"
    assert SAMPLE_TEXT.count(line) == 1
    marked = tmp_path / "marked.yaml"
    marked.write_text(SAMPLE_TEXT.replace(line, line + "    review: true\n"), encoding="utf-8")
    basis = "Thực hiện kế hoạch số 145/KH-UBND ngày 18 …"
    result = run_cli("diff", SAMPLE, marked)
    assert result.exit_code == 1
    assert f"~ Căn cứ “{basis}”: đánh dấu cần kiểm tra lại (review)" in result.output, result.output
    assert "chi tiết khác" not in result.output
    result = run_cli("--lang", "en", "diff", marked, SAMPLE)
    assert f"~ Basis “{basis}”: checked (its mark taken off)" in result.output, result.output


def test_a_plan_that_cannot_be_read_exits_2(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(SAMPLE_TEXT.replace("year: 2023\n", "year: hai nghìn\n", 1), encoding="utf-8")
    result = run_cli("diff", SAMPLE, broken)
    assert result.exit_code == 2 and str(broken) in result.output
    assert run_cli("diff", SAMPLE, tmp_path / "missing.yaml").exit_code == 2


def test_wrong_arguments_are_a_usage_error():
    assert run_cli("diff", SAMPLE).exit_code == 2
    assert run_cli("diff", SAMPLE, SAMPLE, "--rev", "HEAD").exit_code == 2


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), "-c", "user.name=Test", "-c", "user.email=t@example.org",
                    *args], check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_rev_compares_with_the_committed_version(tmp_path):
    git(tmp_path, "init", "-q")
    plan = tmp_path / "plans" / "xuan-phuc-2023.yaml"
    plan.parent.mkdir()
    plan.write_text(SAMPLE_TEXT, encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "plan")
    assert run_cli("diff", plan, "--rev", "HEAD").exit_code == 0
    plan.write_text(edited(SAMPLE_TEXT), encoding="utf-8")
    result = run_cli("diff", plan, "--rev", "HEAD")
    assert result.exit_code == 1
    assert result.output.startswith(f"--- {plan}@HEAD\n+++ {plan}\n")
    assert "5,0% → 4,5% cuối năm 2023" in result.output
    unknown = run_cli("diff", plan, "--rev", "khong-co")
    assert unknown.exit_code == 2 and "khong-co" in unknown.output
    git(tmp_path, "mv", "plans/xuan-phuc-2023.yaml", "plans/renamed.yaml")
    missing = run_cli("diff", tmp_path / "plans" / "renamed.yaml", "--rev", "HEAD")
    assert missing.exit_code == 2 and "HEAD" in missing.output


def test_rev_outside_a_repository_is_explained(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(SAMPLE_TEXT, encoding="utf-8")
    result = run_cli("diff", plan, "--rev", "HEAD")
    assert result.exit_code == 2 and "git" in result.output


def test_word_diff_marks_removed_and_added_words_and_cuts_long_unchanged_runs():
    assert word_diff("a b c", "a x c") == "a [-b-]{+x+} c"
    assert word_diff("a b", "a b c d") == "a b {+c d+}"
    long = " ".join(f"w{i}" for i in range(30))
    assert word_diff(long, long.replace("w15", "X")) == \
        "… w9 w10 w11 w12 w13 w14 [-w15-]{+X+} w16 w17 w18 w19 w20 w21 …"


def test_a_change_of_numbering_is_named_with_the_markers_printed(tmp_path):
    renumbered = tmp_path / "renumbered.yaml"
    renumbered.write_text(SAMPLE_TEXT.replace('numbering: "1.1."', 'numbering: "a)"', 1), encoding="utf-8")
    result = run_cli("diff", SAMPLE, renumbered)
    assert result.exit_code == 1
    assert result.output.splitlines()[2:] == ["~ Mục II.3: cách đánh số các mục con: 3.1. → a)", "1 thay đổi."]


def test_a_change_the_documents_do_not_print_is_still_a_change(tmp_path):
    line = "        households: 820\n"
    text = SECOND.read_text(encoding="utf-8")
    assert text.count(line) == 1
    changed = tmp_path / "changed.yaml"
    changed.write_text(text.replace(line, "        households: 821\n"), encoding="utf-8")
    result = run_cli("diff", SECOND, changed)
    assert result.exit_code == 1
    assert result.output.splitlines()[2:] == [
        "~ Các chi tiết khác của kế hoạch đã đổi (không in trong văn bản)", "1 thay đổi."]


def with_targets(text: str, *targets: str) -> str:
    """Returns `text` with its empty 2024 targets (left by `kehoach new`) filled in order."""
    for target in targets:
        text = re.sub(r"target: \{year: 2024[^}]*null[^}]*\}", f"target: {{year: 2024, {target}}}", text, count=1)
    return text


def test_a_recorded_result_that_became_the_baseline_is_named_so(tmp_path):
    """The clerk's year (issue 12): record `actual`, `kehoach new`, fill the targets, `diff`."""
    old, new = tmp_path / "xuan-phuc-2023.yaml", tmp_path / "xuan-phuc-2024.yaml"
    target = "    target: {year: 2023, rate: 5.0, count: 76}\n"
    assert SAMPLE_TEXT.count(target) == 1
    old.write_text(SAMPLE_TEXT.replace(target, target + "    actual: {year: 2023, rate: 5.1, count: 78}\n"),
                   encoding="utf-8")
    assert run_cli("new", "--from", old, "--year", 2024, "-o", new).exit_code == 0
    new.write_text(with_targets(new.read_text(encoding="utf-8"), "rate: 3.8, count: 58", "rate: 2.0, count: 30"),
                   encoding="utf-8")
    result = run_cli("diff", old, new)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    # 5,1 − 3,8 = 1,3 and 78 − 58 = 20; 2,7 − 2,0 = 0,7 and 41 − 30 = 11 (the target became the baseline).
    assert [line for line in lines if line.startswith(("~ Chỉ tiêu", "- Chỉ tiêu"))] == [
        "~ Chỉ tiêu “hộ nghèo”: kết quả thực hiện năm 2023 (5,1%, 78 hộ) thành năm gốc",
        "~ Chỉ tiêu “hộ nghèo”: tỷ lệ giảm 4,2% → 1,3% (từ 9,2% cuối năm 2022 → 5,1% cuối năm 2023, "
        "xuống còn 5,0% cuối năm 2023 → 3,8% cuối năm 2024)",
        "~ Chỉ tiêu “hộ nghèo”: số hộ nghèo giảm 65 hộ → 20 hộ (từ 141 hộ cuối năm 2022 → 78 hộ cuối năm "
        "2023, xuống còn 76 hộ cuối năm 2023 → 58 hộ cuối năm 2024)",
        "- Chỉ tiêu “hộ nghèo”: mức giảm ghi để đối chiếu (không in): 4,2%, 65 hộ",
        "~ Chỉ tiêu “hộ cận nghèo”: tỷ lệ giảm 3,9% → 0,7% (từ 6,6% cuối năm 2022 → 2,7% cuối năm 2023, "
        "xuống còn 2,7% cuối năm 2023 → 2,0% cuối năm 2024)",
        "~ Chỉ tiêu “hộ cận nghèo”: số hộ cận nghèo giảm 60 hộ → 11 hộ (từ 101 hộ cuối năm 2022 → 41 hộ "
        "cuối năm 2023, xuống còn 41 hộ cuối năm 2023 → 30 hộ cuối năm 2024)",
        "- Chỉ tiêu “hộ cận nghèo”: mức giảm ghi để đối chiếu (không in): 3,9%, 60 hộ"]
    # Deadlines as the letters print them ("Thời hạn hoàn thành: Năm 2024", "trước ngày 15/12/2024").
    assert "~ Nhiệm vụ không ghi thời hạn riêng: thời hạn hoàn thành: Năm 2023 → Năm 2024" in lines
    assert "~ Công văn giao nhiệm vụ: thời hạn gửi báo cáo: 15/12/2023 → 15/12/2024" in lines
    at = lines.index("~ Công văn giao nhiệm vụ: trích yếu (V/v):")
    assert lines[at + 1] == "    giao nhiệm vụ thực hiện Kế hoạch giảm nghèo năm [-2023-]{+2024+}"
    assert not re.search(r"›|\d{4}-\d{2}-\d{2}|assignments|deadline", result.output)
    english = run_cli("--lang", "en", "diff", old, new).output.splitlines()
    assert "~ Indicator “hộ nghèo”: the actual result of 2023 (5,1%, 78 hộ) became the baseline" in english
    assert "~ Assignment letters: reporting deadline: 15/12/2023 → 15/12/2024" in english
    assert "~ Duties without a deadline of their own: deadline: Năm 2023 → Năm 2024" in english


def test_rates_are_shown_at_the_documents_precision(tmp_path):
    changed = tmp_path / "changed.yaml"
    changed.write_text(edited_once(SAMPLE_TEXT, "target: {year: 2023, rate: 5.0, count: 76}",
                                   "target: {year: 2023, rate: 4.95, count: 76}"), encoding="utf-8")
    result = run_cli("diff", SAMPLE, changed)
    # The plan prints 4,95 as 5,0% and 9,2 − 4,95 = 4,25 as 4,3% (one decimal, half up).
    assert result.output.splitlines()[2:] == [
        "~ Chỉ tiêu “hộ nghèo”: tỷ lệ giảm 4,2% → 4,3% (từ 9,2% cuối năm 2022, xuống còn 5,0% cuối năm 2023)",
        "1 thay đổi."]


def edited_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_the_letters_settings_and_the_blocks_made_from_ids_are_named_in_plan_terms(tmp_path):
    text = SECOND.read_text(encoding="utf-8")
    for old, new in [("  appendix: true ", "  appendix: false "),
                     ("- {indicators: [ho-ngheo, ho-can-ngheo]}", "- {indicators: [ho-ngheo]}")]:
        text = edited_once(text, old, new)
    changed = tmp_path / "changed.yaml"
    changed.write_text(text, encoding="utf-8")
    result = run_cli("diff", SECOND, changed)
    assert result.output.splitlines()[2:] == [
        "~ Phần 2, mục I: các chỉ tiêu trong câu chỉ tiêu: hộ nghèo; hộ cận nghèo → hộ nghèo",
        "~ Kế hoạch: phụ lục phân công nhiệm vụ: có → không",
        "2 thay đổi."]


# --- every leaf of the plans, changed one at a time -----------------------------------------

SCHEMA = json.loads((ROOT / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
# Raw things a clerk must never read in the text output: a key path, an ISO date, a key of the
# plan file written the programmer's way (default_deadline, text_name).
RAW = re.compile(r"›|\b\d{4}-\d{2}-\d{2}\b|\b[a-z]+_[a-z_]+\b")
# The one key the typed plan does not keep (model.Village): its change is "other details".
NOT_IN_THE_MODEL = "households"


def schema_values(node: Any, key: str) -> set[Any]:
    """Returns every value that `key` ("enum", "properties") holds somewhere in `node`."""
    found: set[Any] = set()
    if isinstance(node, dict):
        if key == "enum" and isinstance(node.get("enum"), list):
            found.update(value for value in node["enum"] if isinstance(value, str))
        if key == "properties" and isinstance(node.get("properties"), dict):
            found.update(node["properties"])
        for child in node.values():
            found |= schema_values(child, key)
    elif isinstance(node, list):
        for child in node:
            found |= schema_values(child, key)
    return found


CHOICES = sorted(schema_values(SCHEMA, "enum"))


def leaves(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(node, dict):
        for key, child in node.items():
            yield from leaves(child, (*path, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from leaves(child, (*path, index))
    else:
        yield path, node


def candidates(value: Any) -> list[Any]:
    """Returns values to put in place of `value`, the likeliest to keep the plan valid first."""
    if isinstance(value, bool):
        return [not value]
    if isinstance(value, int):
        return [value + 1, value - 1]
    if isinstance(value, float):
        return [round(value + 0.3, 1), round(value - 0.3, 1)]
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return [(dt.date.fromisoformat(value) + dt.timedelta(days=1)).isoformat()]
    if isinstance(value, str):
        return [f"{value} X", f"{value}X", f"{value}-x", *(choice for choice in CHOICES if choice != value)]
    return [1, "X"]


def changed(data: dict[str, Any], path: tuple[Any, ...]) -> dict[str, Any] | None:
    """Returns a copy of `data` with the leaf at `path` changed and the plan still valid."""
    for value in candidates(leaf_at(data, path)):
        copy = deepcopy(data)
        *parents, last = path
        node = copy
        for key in parents:
            node = node[key]
        node[last] = value
        if is_valid()(copy):
            return copy
    return None


def leaf_at(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def sample_data() -> list[dict[str, Any]]:
    """Returns both sample plans' data, the second with the keys neither has: a recorded
    result (indicator and village), a basis marked for review with a year in its number, the
    citations' options, a landscape appendix, the drafter's initials and the copies issued, bound
    figures, and part V's options: a unit's heading, a requested unit without letters, a duty's
    points, its own recipient of reports, and the collector of the reports; and the second again as a period plan and as a campaign."""
    first, second = (load_bytes(plan.read_bytes(), str(plan)).data for plan in (SAMPLE, SECOND))
    second["indicators"][0]["actual"] = {"year": 2026, "rate": 3.4, "count": 85}
    second["indicators"][0]["villages"][0]["actual"] = {"rate": 4.1, "count": 34}
    second["basis"][1]["review"] = True
    second["basis"][1]["year"] = 2025
    second["citations"] = {"dates": "short", "style": "upright"}
    second["appendices"][0]["landscape"] = True
    second.update(drafter="NVA", copies=300)
    second["units"][0].update(heading="Văn hóa - Xã hội", requested=False, letter=True,
                              reports_to="Công chức Văn phòng - Thống kê")
    second["assignments"]["letter"]["reporting"]["collector"] = second["units"][1]["id"]
    second["assignments"]["letter"]["speaker"] = "issuer"
    second["assignments"]["letter"]["opening"] = "Ủy ban nhân dân xã giao nhiệm vụ như sau:"
    second["assignments"]["letter"]["closing"] = "Đề nghị các đơn vị triển khai thực hiện"
    second["assignments"]["letter"]["issued"] = [{"unit": second["units"][0]["id"], "number": 15,
                                                  "date": "2026-03-02"}]
    second["units"][0]["duties"][0]["points"] = ["trên hệ thống truyền thanh;", "tại các thôn."]
    second["indicators"][2]["target"]["bound"] = True
    second["assignments"]["letters"] = [{"id": "chung", "to": "all", "group_by": "topic",
                                         "topics": ["TỔ CHỨC THỰC HIỆN"],
                                         "issued": {"number": 27, "date": "2026-03-02"}}]
    second["indicators"][2]["milestones"][0]["bound"] = True
    # Funding and the year's results (issue 18): amounts, spending, typed totals, the report.
    second["units"][1]["duties"][0].update(status="done", note="15 hộ được hỗ trợ bò sinh sản")
    second["funding"] = {
        "unit": "triệu đồng", "in_words": True, "total": 1125.5,
        "sources": [{"id": "ns-tw", "name": "Ngân sách trung ương", "total": 850},
                    {"id": "ns-xa", "name": "Ngân sách xã"}],
        "activities": [{"name": "Hỗ trợ phát triển sản xuất", "unit": "kinh-te", "amounts": {"ns-tw": 850},
                        "spent": {"ns-tw": 800}, "total": 850},
                       {"name": "Truyền thông về giảm nghèo", "amounts": {"ns-xa": 275.5}}]}
    second["parts"][1]["sections"][2]["content"][0]["content"].append({"funding": "table"})
    second["results"] = {
        "report": {"number": 40, "symbol": "BC-UBND", "date": {"year": 2026, "month": 12, "day": 18},
                   "summary": ["Kết quả thực hiện Kế hoạch giảm nghèo năm 2026"],
                   "to": ["Ủy ban nhân dân tỉnh Lâm Đồng"], "recipients": ["TT Đảng ủy, HĐND xã"],
                   "signer": {"authority": [{"prefix": "TM.", "title": "ỦY BAN NHÂN DÂN"},
                                            {"title": "CHỦ TỊCH"}], "name": "Trần Văn Bình"}},
        **{key: [f"Đoạn {key} của báo cáo."] for key in
           ("achievements", "shortcomings", "causes", "direction", "proposals")}}
    period, campaign = (copy.deepcopy(second) for _ in range(2))
    for data, term in ((period, {"period": {"from": 2026, "to": 2030}}),
                       (campaign, {"campaign": {"start": "2026-01-05", "end": "2026-12-31"}})):
        del data["year"]
        data.update(term)
    return [first, second, period, campaign]


def test_every_key_of_the_schema_is_in_the_plans_walked():
    """The walk below reaches every key of the schema, so none can print as a key path."""
    keys = {key for data in sample_data() for path, _ in leaves(data) for key in path if isinstance(key, str)}
    assert schema_values(SCHEMA, "properties") - keys == set()


def test_every_leaf_changed_is_named_in_plan_terms_in_both_languages():
    vi, en = (translator(lang).gettext for lang in ("vi", "en"))
    walked, fixed = 0, []
    for data in sample_data():
        plan = build_plan(data)
        for path, _ in leaves(data):
            mutant = changed(data, path)
            if mutant is None:  # a constant: nothing valid to change it to
                fixed.append(path)
                continue
            walked += 1
            changes = plan_changes(plan, build_plan(mutant), data, mutant)
            assert changes, path
            for words in (vi, en):
                text = "\n".join(_change_text(change, words) for change in changes)
                assert not RAW.search(text), (path, text)
            if path[-1] != NOT_IN_THE_MODEL:
                assert all(change.what != "other.details" for change in changes), (path, changes)
    assert walked > 350
    # Only the schema's constants stay: "VT" opening the archive line, `units: all`, a letter's `to: all`.
    assert sorted((path[0], path[-1]) for path in fixed) == [
        *[("archive", 0)] * 4, *[("assignments", "to")] * 3, *[("parts", "units")] * 3, ("sections", "units")]


@pytest.mark.parametrize("every, reworded", [(3, 51), (1, 153)])
def test_ten_times_the_duties_align_as_they_were_changed(tmp_path, every, reworded):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import province

    old, new = province.more_duties(10, tmp_path, reword_every=every)
    result = run_cli("diff", old, new, "--format", "json")
    assert result.exit_code == 1
    changes = json.loads(result.output)["changes"]
    kinds = [change["what"] for change in changes]
    # The sample's units have 3, 1, 2, 2, 1, 3, 2 and 3 duties: 30, 10, 20 … 30 with 10 copies.
    # Duty n (from 0 in each unit) is removed when n % 10 == 3: 3 of 30, 2 of 20, 1 of 10, 17 in
    # all; a new one follows n = 5 and n = 22: 2 in a unit of 30, else 1, 11 in all. Reworded:
    # every third: n = 0, 3 … 27 less n = 3, so 9 of 30, 6 of 20, 3 of 10, 51 in all; every
    # one: the 170 less the 17 removed.
    assert kinds.count("duty.removed") == 17 and kinds.count("duty.added") == 11
    assert kinds.count("duty.reworded") == reworded and len(kinds) == 17 + 11 + reworded
    assert all(change["new"] == change["old"] + " trong năm"
               for change in changes if change["what"] == "duty.reworded")
