"""No regular expression ever reaches a clerk (issue 14, item 7): every `pattern` of the schema
has worded rules, and a value breaking one gets, through `kehoach validate`, a message in each
language that says what is wrong and how to write it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import resources
from generator.plan import schema_patterns
from generator.plan.schema_patterns import (ARCHIVE_ENTRY, AS_ABOVE, CITED_SYMBOL, DATE, INITIALS,
                                            LETTER_SUMMARY, LINE, RECIPIENT, SLUG, SYMBOL, TEXT, TITLE,
                                            UPPER_LINE)

from conftest import run_cli
from test_load import BAD

MINIMAL = (BAD / "minimal.yaml").read_text(encoding="utf-8")
# What a regular expression is made of, and a plain message never holds.
REGEX = re.compile(r"[\^$\[\]\\]|\(\?|\.\*|\{\d")


def schema_patterns_in(node: Any, role: str = "match", where: str = "#") -> Iterator[tuple[str, str, str]]:
    """Yields (where, pattern, role) for every `pattern` under `node`: its role is "match" (a
    value must match it), "not" (under `not`: must not) or "if" (a condition, never an error)."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from schema_patterns_in(item, role, f"{where}/{index}")
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield where, value, role
                continue
            inner = "if" if role == "if" or key == "if" else {"not": "match", "match": "not"}[role] \
                if key == "not" else role
            yield from schema_patterns_in(value, inner, f"{where}/{key}")


SCHEMA = json.loads(resources.schema_text())
FOUND = list(schema_patterns_in(SCHEMA))


def test_the_walk_finds_patterns_in_each_role():
    roles = {role for _, _, role in FOUND}
    assert roles == {"match", "not", "if"}
    assert len(FOUND) >= 20


@pytest.mark.parametrize(("where", "pattern", "role"), FOUND, ids=[where for where, _, _ in FOUND])
def test_every_pattern_of_the_schema_has_worded_rules(where, pattern, role):
    listed = {"match": schema_patterns.MUST_MATCH, "not": schema_patterns.MUST_NOT_MATCH,
              "if": schema_patterns.CONDITIONS}[role]
    assert pattern in listed, f"{where}: the pattern {pattern} has no words in generator/plan/schema_patterns.py"


def test_every_listed_pattern_is_in_the_schema():
    used = {(pattern, role) for _, pattern, role in FOUND}
    listed = {(p, "match") for p in schema_patterns.MUST_MATCH} | {(p, "not") for p in schema_patterns.MUST_NOT_MATCH} \
        | {(p, "if") for p in schema_patterns.CONDITIONS}
    assert listed == used


# Characters that make or break the patterns' rules, and ordinary letters.
ALPHABET = " \n\t.,;:-/+•*()|VvIXCDaAbBđĐộỘ019"


@pytest.mark.parametrize("pattern", list(schema_patterns.MUST_MATCH), ids=range(len(schema_patterns.MUST_MATCH)))
@given(text=st.text(ALPHABET, max_size=10))
def test_a_text_a_pattern_refuses_breaks_one_of_its_rules(pattern, text):
    if re.search(pattern, text):
        return
    broken = schema_patterns.broken_rule(pattern, text)
    assert broken is not None, f"{text!r} breaks {pattern} but none of its rules"
    suggestion = broken.args.get("suggestion")
    assert suggestion is None or re.search(pattern, suggestion), (text, suggestion)




def letter(entry: str) -> str:
    """Returns an `assignments` block whose letter has `entry`, to append to the minimal plan."""
    return f"assignments:\n  letter:\n    {entry}\n"


# pattern, rule code, text of the minimal plan, its replacement, Vietnamese and English fragments
CASES = [
    (TEXT, "schema.empty_text", "- text: Hướng dẫn các thôn rà soát hộ nghèo.", '- text: ""',
     "Nội dung nhiệm vụ: không được để trống", "`text`: must not be empty"),
    (TEXT, "schema.spaces", "- text: Hướng dẫn các thôn rà soát hộ nghèo.",
     "- text: '  Hướng dẫn các thôn rà soát hộ nghèo.'",
     "bỏ khoảng trắng ở đầu hoặc cuối", "remove the spaces at the start or end"),
    (TEXT, "schema.line_break", "- text: Hướng dẫn các thôn rà soát hộ nghèo.",
     '- text: "Hướng dẫn các thôn\\nrà soát hộ nghèo."', "bị ngắt thành nhiều dòng: hãy viết thành một dòng",
     "cut into several lines: write it as one line"),
    (TEXT, "schema.list_marker", "- text: Hướng dẫn", "- text: a) Hướng dẫn", "không gõ ký hiệu «a)»",
     "do not type the marker «a)»: kehoach numbers"),
    (TEXT, "schema.end_mark", "hộ nghèo.", "hộ nghèo./.", "không gõ dấu kết thúc «./.»: kehoach tự thêm",
     "do not type the end mark «./.»: kehoach adds it"),
    (LINE, "schema.empty_text", "place: Xuân Phúc", 'place: ""', "Địa danh: không được để trống",
     "`place`: must not be empty"),
    (LINE, "schema.spaces", "place: Xuân Phúc", "place: 'Xuân Phúc '", "bỏ khoảng trắng ở đầu hoặc cuối «Xuân Phúc »",
     "remove the spaces at the start or end of «Xuân Phúc »"),
    (LINE, "schema.line_break", "place: Xuân Phúc", 'place: "Xuân\\nPhúc"', "bị ngắt thành nhiều dòng",
     "cut into several lines"),
    (TITLE, "schema.empty_text", "- title: MỤC TIÊU", '- title: ""', "không được để trống", "must not be empty"),
    (TITLE, "schema.spaces", "- title: MỤC TIÊU", "- title: ' MỤC TIÊU'", "bỏ khoảng trắng ở đầu hoặc cuối",
     "remove the spaces"),
    (TITLE, "schema.line_break", "- title: MỤC TIÊU", '- title: "MỤC\\nTIÊU"', "bị ngắt thành nhiều dòng",
     "cut into several lines"),
    (TITLE, "schema.final_mark", "summary: Giảm nghèo năm 2023", "summary: Giảm nghèo năm 2023.",
     "Trích yếu: bỏ dấu chấm «.» ở cuối «Giảm nghèo năm 2023.»: kehoach tự đặt dấu câu",
     "`summary`: remove the full stop «.» at the end of «Giảm nghèo năm 2023.»: kehoach puts in the punctuation"),
    (UPPER_LINE, "schema.empty_text", "parent: UBND HUYỆN NHƯ THANH", 'parent: ""', "không được để trống",
     "must not be empty"),
    (UPPER_LINE, "schema.spaces", "parent: UBND HUYỆN NHƯ THANH", "parent: 'UBND HUYỆN NHƯ THANH '",
     "bỏ khoảng trắng", "remove the spaces"),
    (UPPER_LINE, "schema.upper_case", "parent: UBND HUYỆN NHƯ THANH", "parent: UBND huyện Như Thanh",
     "«UBND huyện Như Thanh» có chữ thường: dòng này in hoa, hãy gõ chữ in hoa, ví dụ «UBND HUYỆN NHƯ THANH»",
     "has lowercase letters: this line is printed in capitals, so type it in capitals, e.g. «UBND HUYỆN NHƯ THANH»"),
    (SLUG, "schema.empty_text", "id: ho-ngheo", 'id: ""', "không được để trống", "must not be empty"),
    (SLUG, "schema.slug", "id: ho-ngheo", "id: Hộ nghèo",
     "«Hộ nghèo» không phải là mã", "«Hộ nghèo» is not an id: an id is written in lowercase letters"),
    (DATE, "schema.empty_text", "date: 2023-05-18", 'date: ""', "không được để trống", "must not be empty"),
    (DATE, "schema.date_format", "date: 2023-05-18", 'date: "18/5/2023"', "năm-tháng-ngày, ví dụ \"2023-05-18\"",
     "is not a date written year-month-day, such as \"2023-05-18\""),
    (SYMBOL, "schema.empty_text", "symbol: KH-UBND\n  place", 'symbol: ""\n  place', "Ký hiệu: không được để trống",
     "`symbol`: must not be empty"),
    (SYMBOL, "schema.spaces", "symbol: KH-UBND\n  place", "symbol: ' KH-UBND'\n  place", "bỏ khoảng trắng",
     "remove the spaces"),
    (SYMBOL, "schema.symbol", "symbol: KH-UBND\n  place", "symbol: 145/KH-UBND\n  place",
     "«145/KH-UBND» không phải ký hiệu văn bản: ký hiệu gồm các chữ viết tắt nối bằng gạch ngang, viết bằng chữ "
     "không dấu (được dùng Đ) và chữ số, bắt đầu bằng chữ in hoa, không có số văn bản và dấu «/»",
     "«145/KH-UBND» is not a document symbol: write abbreviations joined by hyphens, in letters without accents "
     "(Đ is allowed) and digits, starting with a capital letter, without the number or «/»"),
    (RECIPIENT, "schema.empty_text", "- Phòng LĐTBXH huyện (B/c)", '- ""', "không được để trống", "must not be empty"),
    (RECIPIENT, "schema.spaces", "- Phòng LĐTBXH huyện (B/c)", "- ' Phòng LĐTBXH huyện (B/c)'", "bỏ khoảng trắng",
     "remove the spaces"),
    (RECIPIENT, "schema.line_break", "- Phòng LĐTBXH huyện (B/c)", '- "Phòng LĐTBXH\\nhuyện (B/c)"',
     "bị ngắt thành nhiều dòng", "cut into several lines"),
    (RECIPIENT, "schema.list_marker", "- Phòng LĐTBXH huyện (B/c)", '- "+ Phòng LĐTBXH huyện (B/c)"',
     "không gõ ký hiệu «+» ở đầu", "do not type the marker «+»"),
    (RECIPIENT, "schema.final_mark", "- Phòng LĐTBXH huyện (B/c)", "- Phòng LĐTBXH huyện (B/c);",
     "Nơi nhận 1: bỏ dấu chấm phẩy «;» ở cuối", "`recipients` 1: remove the semicolon «;» at the end"),
    (LETTER_SUMMARY, "schema.empty_text", "", letter("summary: ''"),
     "không được để trống", "must not be empty"),
    (LETTER_SUMMARY, "schema.spaces", "", letter("summary: 'giao nhiệm vụ '"),
     "bỏ khoảng trắng", "remove the spaces"),
    (LETTER_SUMMARY, "schema.line_break", "",
     letter('summary: ["giao nhiệm vụ\\nthực hiện"]'), "bị ngắt thành nhiều dòng",
     "cut into several lines"),
    (LETTER_SUMMARY, "schema.letter_vv", "", letter("summary: V/v giao nhiệm vụ"),
     "không gõ «V/v»: kehoach tự in trước trích yếu", "do not type «V/v»: kehoach prints it before the summary"),
    (LETTER_SUMMARY, "schema.final_mark", "", letter("summary: ['giao nhiệm vụ,']"),
     "bỏ dấu phẩy «,» ở cuối", "remove the comma «,» at the end"),
    (ARCHIVE_ENTRY, "schema.empty_text", "archive: [VT, CSXH]", "archive: [VT, '']", "Lưu 2: không được để trống",
     "`archive` 2: must not be empty"),
    (ARCHIVE_ENTRY, "schema.spaces", "archive: [VT, CSXH]", "archive: [VT, 'CSXH ']", "bỏ khoảng trắng",
     "remove the spaces"),
    (ARCHIVE_ENTRY, "schema.separator", "archive: [VT, CSXH]", "archive: [VT, 'CSXH; TP']",
     "«CSXH; TP» có dấu chấm phẩy «;» ở giữa: mỗi mục của danh sách ghi một mã",
     "«CSXH; TP» has the semicolon «;» inside: write one code per entry of the list"),
    (ARCHIVE_ENTRY, "schema.first_mark", "archive: [VT, CSXH]", "archive: [VT, .CSXH]",
     "bỏ dấu chấm «.» ở đầu «.CSXH»", "remove the full stop «.» at the start of «.CSXH»"),
    (ARCHIVE_ENTRY, "schema.final_mark", "archive: [VT, CSXH]", "archive: [VT, CSXH.]",
     "Lưu 2: bỏ dấu chấm «.» ở cuối «CSXH.»: kehoach tự đặt dấu câu theo thể thức",
     "`archive` 2: remove the full stop «.» at the end of «CSXH.»: kehoach puts in the punctuation"),
    (CITED_SYMBOL, "citation.symbol", "    symbol: KH-UBND\n    date", "    symbol: KH UBND\n    date",
     "«KH UBND» không phải là ký hiệu văn bản", "«KH UBND» is not a document's symbol"),
    (INITIALS, "schema.empty_text", "", "drafter: ''", "không được để trống", "must not be empty"),
    (INITIALS, "schema.initials", "", "drafter: N.V.A", "«N.V.A» chưa viết đúng cách ghi ký hiệu",
     "«N.V.A» is not written as initials: the first letters of the drafter's name in capitals"),
    (AS_ABOVE, "schema.as_above", "", letter("recipients: [Như trên]"),
     "không gõ «Như trên»: kehoach tự in «- Như trên;»", "do not type «Như trên»: kehoach prints «- Như trên;»"),
]


def test_every_rule_of_every_pattern_has_a_case():
    rules = {(pattern, rule.code) for pattern, listed in schema_patterns.MUST_MATCH.items() for rule in listed}
    rules |= set(schema_patterns.MUST_NOT_MATCH.items())
    assert {(pattern, code) for pattern, code, *_ in CASES} == rules


def validate(tmp_path: Path, old: str, new: str, lang: str) -> tuple[int, list[dict[str, Any]]]:
    """Returns the line of the changed value and the problems `kehoach validate` reports, in
    `lang`, for the minimal plan with `old` replaced by `new` (appended when `old` is empty)."""
    if old:
        assert MINIMAL.count(old) == 1, old
        text = MINIMAL.replace(old, new)
        line = MINIMAL[: MINIMAL.index(old)].count("\n") + 1
    else:
        text = MINIMAL + new
        line = text.rstrip("\n").count("\n") + 1  # an appended block's value is on its last line
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    result = run_cli("--lang", lang, "validate", "--format", "json", plan)
    assert result.exit_code == 1, result.output
    return line, json.loads(result.output)


@pytest.mark.parametrize(("pattern", "code", "old", "new", "vi", "en"), CASES,
                         ids=[f"{code}:{new.strip()[:30]}" for _, code, _, new, _, _ in CASES])
def test_a_value_breaking_a_rule_gets_its_words_in_both_languages(tmp_path, pattern, code, old, new, vi, en):
    for lang, fragment in (("vi", vi), ("en", en)):
        line, problems = validate(tmp_path, old, new, lang)
        errors = [problem for problem in problems if problem["severity"] == "error"]
        assert [(problem["line"], problem["code"]) for problem in errors] == [(line, code)], problems
        message = errors[0]["message"]
        assert fragment in message, (lang, message)
        assert not REGEX.search(message), message
        assert pattern not in message


def test_the_vietnamese_example_of_the_issue(tmp_path):
    _, problems = validate(tmp_path, "archive: [VT, CSXH]", "archive: [VT, CSXH.]", "vi")
    assert "bỏ dấu chấm «.» ở cuối «CSXH.»: kehoach tự" in problems[0]["message"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_pattern_without_rules_still_says_no_regular_expression(tmp_path, monkeypatch, lang):
    monkeypatch.delitem(schema_patterns.MUST_MATCH, TITLE)
    _, problems = validate(tmp_path, "- title: MỤC TIÊU", "- title: 'MỤC TIÊU:'", lang)
    (problem,) = problems
    assert problem["code"] == "schema.pattern"
    assert {"vi": "«MỤC TIÊU:» chưa viết đúng dạng", "en": "«MỤC TIÊU:» is not written in the expected form"}[lang] \
        in problem["message"]
    assert "không kết thúc bằng dấu chấm, hai chấm" in problem["message"]  # the schema's description says how
    assert not REGEX.search(problem["message"]), problem["message"]
