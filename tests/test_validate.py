"""`validate`: every schema error becomes one located problem, worded by keyword and naming the
field by the schema's titles; never jsonschema's own words."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from generator import resources
from generator.errors import PlanInvalid, Position, Problem
from generator.messages import format_problem, problems_json
from generator.plan import schema_errors, validate
from generator.plan.load import LoadedPlan, load_bytes, load_plan
from generator.plan.standalone import is_letter
from generator.plan.validate import schema_problems

from test_load import BAD, LEAKS, PLANS, assert_readable

MINIMAL = (BAD / "minimal.yaml").read_text(encoding="utf-8")


def check(text: str) -> list[Problem]:
    return schema_problems(load_bytes(text.encode("utf-8"), "plan.yaml"))


def changed(old: str, new: str) -> tuple[list[Problem], int]:
    """Returns the schema problems of the minimal plan with `old` replaced by `new`, and the
    line where `new` starts."""
    assert MINIMAL.count(old) == 1, old
    return check(MINIMAL.replace(old, new)), MINIMAL[: MINIMAL.index(old)].count("\n") + 1


def test_the_schema_is_a_valid_2020_12_schema():
    schema = json.loads(resources.schema_text())
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_validators_are_built_once():
    assert validate.is_valid() is validate.is_valid()
    assert schema_errors.plan_validator() is schema_errors.plan_validator()


@pytest.mark.parametrize("plan", [*PLANS, BAD / "minimal.yaml", BAD / "bom.yaml", BAD / "nfd.yaml"],
                         ids=lambda path: path.name)
def test_valid_plans_have_no_schema_problem(plan):
    assert schema_problems(load_plan(plan)) == []


# file, code, line, column, Vietnamese and English fragments
CORPUS = [
    ("string_for_number.yaml", "schema.type", 14, 13, "Tổng số hộ: cần một số nguyên, không phải chữ «khoảng 1525 hộ»",
     "`households`: a whole number is expected, not the text «khoảng 1525 hộ»"),
    ("decimal_comma.yaml", "schema.number_as_text", 26, 34, "Chỉ tiêu «hộ nghèo» › Năm gốc › Tỷ lệ (%): «9,2» là chữ",
     "write 9.2, with a decimal point"),
    ("misspelt_key.yaml", "schema.unknown_key", 27, 5, "Chỉ tiêu «hộ nghèo»: khóa `targte`",
     "did you mean `target`?"),
    ("missing_required.yaml", "schema.required", 43, 1, "Người ký: thiếu khóa `name` (Họ và tên)",
     "`signer`: the key `name` (Họ và tên) is missing"),
    ("impossible_date.yaml", "schema.date_impossible", 20, 11, "Văn bản căn cứ 1 › Ngày ban hành: ngày 2023-02-31 không có thật",
     "2023-02-31 is not a real date"),
]


@pytest.mark.parametrize(("name", "code", "line", "column", "vi", "en"), CORPUS)
def test_a_bad_plan_gets_one_problem_at_its_value(name, code, line, column, vi, en):
    problems = schema_problems(load_plan(BAD / name))
    assert [(p.code, p.line, p.column) for p in problems] == [(code, line, column)]
    assert_readable(problems[0], vi, en)


def test_a_misspelt_key_points_at_the_key_and_is_not_also_a_missing_key():
    problems, line = changed("    target: {year: 2023", "    targte: {year: 2023")
    assert [(p.code, p.line, p.column) for p in problems] == [("schema.unknown_key", line, 5)]
    assert problems[0].args["suggestion"] == "target"


def test_an_unknown_key_far_from_any_lists_the_allowed_ones():
    problems, line = changed("  name: Nguyễn Quang Phương\n", "  name: Nguyễn Quang Phương\n  zzz: 1\n")
    (problem,) = problems
    assert (problem.code, problem.line, problem.args["suggestion"]) == ("schema.unknown_key", line + 1, None)
    assert_readable(problem, "các khóa được dùng ở đây: authority, name", "allowed here are: authority, name")


@pytest.mark.parametrize(("old", "new", "code", "vi", "en"), [
    ("kind: Kế hoạch", "kind: Ke hoach", "schema.enum", "có phải là «Kế hoạch»?", "did you mean «Kế hoạch»?"),
    ("archive: [VT, CSXH]", "archive: [CSXH, VT]", "schema.const", "phải là «VT», không phải «CSXH»",
     "must be «VT», not «CSXH»"),
    ("rate: 9.2", "rate: 109.2", "schema.maximum", "109.2 lớn hơn mức tối đa là 100", "109.2 is more than the maximum, 100"),
    ("year: 2023\n", "year: 1999\n", "schema.minimum", "Năm kế hoạch: 1999 nhỏ hơn mức tối thiểu là 2000",
     "1999 is less than the minimum, 2000"),
    ("id: ho-ngheo", "id: Hộ nghèo", "schema.slug", "ví dụ «ho-ngheo»", "e.g. «ho-ngheo»"),
    ("- text: Hướng dẫn", "- text: 1. Hướng dẫn", "schema.list_marker", "không gõ ký hiệu «1.»", "do not type the marker «1.»"),
    ("text: Hướng dẫn các thôn rà soát hộ nghèo.", "text: ' Hướng dẫn các thôn rà soát hộ nghèo.'", "schema.spaces",
     "bỏ khoảng trắng ở đầu hoặc cuối « Hướng", "remove the spaces"),
    ("hộ nghèo.", "hộ nghèo./.", "schema.end_mark", "«./.»", "end mark «./.»"),
    ("archive: [VT, CSXH]", "archive: [VT, CSXH, CSXH]", "schema.duplicate_item", "đã có ở mục thứ 2",
     "already entry 2"),
    ("recipients:\n  - Phòng LĐTBXH huyện (B/c)", "recipients: []", "schema.empty_list", "danh sách đang trống",
     "the list is empty"),
    ("name: hộ nghèo", "name:", "schema.no_value", "Chỉ tiêu «ho-ngheo» › Tên chỉ tiêu: chưa có giá trị; hãy ghi chữ",
     "has no value; write text after"),
    ("name: hộ nghèo", "name: [hộ nghèo]", "schema.type", "cần chữ, không phải một danh sách", "text is expected, not a list"),
    ("date: 2023-05-18", "date: 18/5/2023", "schema.date_format", "năm-tháng-ngày", "year-month-day"),
    ("summary: Giảm nghèo năm 2023", "summary: yes", "schema.type", "đặt chữ trong ngoặc kép", "put the text in quotes"),
])
def test_each_keyword_has_its_own_words(old, new, code, vi, en):
    problems, line = changed(old, new)
    assert [p.code for p in problems] == [code], problems
    assert problems[0].line == line
    assert_readable(problems[0], vi, en)


def test_a_conditional_rule_says_why():
    problems, line = changed("date: {year: 2023, month: 6, day: null}", "date: {year: 2023, month: null, day: 3}")
    (problem,) = problems
    assert (problem.code, problem.line) == ("schema.no_value", line)
    assert_readable(problem, "Đã ghi ngày thì phải ghi tháng", "Đã ghi ngày thì phải ghi tháng")


def test_a_missing_top_level_key_is_at_the_top_and_explained():
    problems, _ = changed("sections:\n", "chapters:\n")
    required = next(p for p in problems if p.code == "schema.required")
    assert (required.line, required.column, required.args["key"]) == (1, 1, "sections")
    assert_readable(required, "kế hoạch: thiếu khóa `sections` (Các mục)", "the plan: the key `sections`")
    assert "parts" in format_problem(required, "vi")  # the rule's note: sections or parts


def test_sections_and_parts_together_point_at_sections():
    text = MINIMAL.replace("sections:\n", "parts:\n  - title: PHẦN MỘT\n    sections:\n      - title: MỤC\nsections:\n")
    problems = check(text)
    (problem,) = problems
    line = text[: text.index("\nsections:")].count("\n") + 2
    assert (problem.code, problem.line, problem.column) == ("schema.forbidden", line, 1)
    assert_readable(problem, "Các mục: không được dùng ở đây", "`sections`: not allowed here")


def test_an_empty_mapping_lists_what_it_may_hold():
    problems, line = changed("    target: {year: 2023, rate: 5.0, count: 76}",
                             "    target: {year: 2023, rate: 5.0, count: 76}\n    reduction: {}")
    (problem,) = problems
    assert (problem.code, problem.line) == ("schema.empty_mapping", line + 1)
    assert_readable(problem, "count, rate", "count, rate")


def test_list_entries_are_named_by_name_title_or_id_else_number():
    problems, _ = changed("  - title: TỔ CHỨC THỰC HIỆN\n    content:\n      - {units: all}",
                          "  - title: TỔ CHỨC THỰC HIỆN\n    content:\n      - {units: alll}")
    (problem,) = problems
    vi, en = format_problem(problem, "vi"), format_problem(problem, "en")
    assert "Mục La Mã «TỔ CHỨC THỰC HIỆN» › Khối nội dung 1 › Các đơn vị: phải là «all»" in vi
    assert "`sections` «TỔ CHỨC THỰC HIỆN» › `content` 1 › `units`: must be «all»" in en


def test_problems_are_sorted_and_every_one_is_readable():
    text = (MINIMAL.replace("year: 2023\n", "year: '2023'\n").replace("kind: Kế hoạch", "kind: kế hoạch")
            .replace("rate: 5.0", "rate: -1").replace("  name: Nguyễn Quang Phương\n", ""))
    problems = check(text)
    assert [p.code for p in problems] == ["schema.number_as_text", "schema.enum", "schema.minimum",
                                          "schema.required"]
    assert problems == sorted(problems, key=lambda p: p.sort_key)
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1
        assert_readable(problem, "", "")
    assert not LEAKS.search(problems_json(problems, "en"))


# --- anyOf / oneOf: the branch the value most likely meant --------------------------------

BRANCHING = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "cell": {
            "title": "Ô",
            "oneOf": [
                {"type": "string", "minLength": 1},
                {"type": "object", "additionalProperties": False, "required": ["text"],
                 "properties": {"text": {"type": "string"}, "width": {"type": "number"}}},
            ],
        },
    },
}


@pytest.mark.parametrize(("text", "codes"), [
    ("cell: {text: a, widht: 2}\n", ["schema.unknown_key"]),
    ("cell: {text: a, width: wide}\n", ["schema.type"]),
    ("cell: ''\n", ["schema.empty_text"]),
    ("cell: 12\n", ["schema.type"]),
])
def test_one_of_descends_into_the_branch_of_the_values_type(text, codes):
    loaded = load_bytes(text.encode(), "x.yaml")
    validator = Draft202012Validator(BRANCHING, format_checker=Draft202012Validator.FORMAT_CHECKER)
    mapper = schema_errors._Mapper(loaded, validator)
    problems = [problem for error in validator.iter_errors(loaded.data) for problem in mapper.problems(error)]
    assert [p.code for p in problems] == codes
    if text == "cell: 12\n":
        assert problems[0].args["expected"] == ["object", "string"]
        assert_readable(problems[0], "Ô: cần một nhóm khóa hoặc chữ, không phải số 12",
                        "a group of keys or text is expected, not the number 12")


# --- property: whatever the clerk types, a PlanInvalid or located problems ----------------

EDITS = st.lists(st.tuples(st.integers(0, len(MINIMAL)), st.integers(0, 6),
                           st.sampled_from(["", ":", " ", "\t", "-", "{", "[", "]", "'", '"', "\n", "  ",
                                            "#", "&a", "*a", "!x", "9,2", "null", "\x07", "é", "\u0301",
                                            "xyz", "- ", ": ", "---\n"])),
                 min_size=1, max_size=4)


def mutate(text: str, edits: list[tuple[int, int, str]]) -> str:
    for at, length, insert in edits:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + length:]
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EDITS)
def test_a_mutated_plan_never_breaks_the_loader_or_the_validator(edits):
    raw = mutate(MINIMAL, edits).encode("utf-8")
    try:
        loaded = load_bytes(raw, "plan.yaml")
    except PlanInvalid as invalid:
        problems = invalid.problems
        assert problems and all(p.line >= 1 and p.column >= 1 for p in problems)
    else:
        assert isinstance(loaded, LoadedPlan)
        problems = schema_problems(loaded)
        assert all(isinstance(p, Problem) and p.line >= 1 and p.column >= 1 for p in problems)
    for problem in problems:
        for lang in ("vi", "en"):
            text = format_problem(problem, lang)
            assert not LEAKS.search(text) and "problem " not in text and "vấn đề " not in text, text


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_a_plan_or_problems(raw):
    try:
        load_bytes(raw, "plan.yaml")
    except PlanInvalid as invalid:
        assert invalid.problems


# Values that sit on the schema's edges: dates, list markers, spaces, slugs, non-ASCII digits
# (`\d` is Unicode in Python's re), numbers as text, limits.
# Texts as the loader hands them on: it refuses control characters and noncharacters, among
# which Python's `\s` and ECMA-262's disagree (U+001C to U+001F are white space only to Python).
LOADED_TEXT = st.text(st.characters(exclude_categories=("Cc", "Cs", "Cn")), max_size=8)
EDGE_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.integers(-10**20, 10**20),
    st.floats(allow_nan=False, allow_infinity=False), LOADED_TEXT,
    st.sampled_from(["", " ", "x ", " x", "- x", "+ x", "• x", "1. x", "1) x", "a) x", "(1) x", "II. x",
                     "x./.", "x.", "ho-ngheo", "Hộ nghèo", "HO-NGHEO", "UBND XÃ", "Ubnd", "V/v x", "Như trên",
                     "9,2", "9.2%", "2023-05-18", "2023-02-30", "2023-5-18", "٢٠٢٣-٠٥-١٨", "２０２３-05-18",
                     "2023-05-18x", "QĐ-UBND", "KH-UBND", "Qđ-ubnd", "x\u00a0", "x\ny", "lead", "support",
                     "ordinal", "bullets"]),
    st.lists(st.integers(0, 3), max_size=2), st.just({}), st.just([]))


def _slots(value, path=()):
    """Yields the path of every value inside `value` (the root excluded)."""
    entries = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in entries:
        yield (*path, key)
        yield from _slots(child, (*path, key))


def _near(value):
    """Returns values just beside `value`, where a schema rule is likeliest to flip."""
    if isinstance(value, bool):
        return [not value, int(value)]
    if isinstance(value, (int, float)):
        return [value - 1, value + 1, -value, 0, value + 0.5, str(value).replace(".", ",")]
    if isinstance(value, str):
        date_like = _ISO_DAY.sub("-02-30", value) if _ISO_DAY.search(value) else value + "-01"
        return [value + " ", " " + value, "- " + value, "1. " + value, value + "./.", value.upper(),
                value.lower(), date_like, value.replace("-", "_"), value[:1]]
    return [value, None]


_ISO_DAY = re.compile(r"-\d\d-\d\d$")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_what_the_fast_verdict_passes_jsonschema_passes(data):
    """jsonschema-rs decides that a plan is valid, jsonschema explains why one is not: what the
    first lets through, the second must accept, or a plan would pass that jsonschema rejects.
    (The other way round they may differ: see the next test.) Each example changes, drops or
    adds a value somewhere in a real plan."""
    plan = load_plan(data.draw(st.sampled_from(PLANS))).data
    slots = list(_slots(plan))
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(slots))
        owner = functools.reduce(lambda value, key: value[key], path[:-1], plan)
        action = data.draw(st.sampled_from(["replace", "drop", "add"]))
        if action == "replace" or not isinstance(owner, dict):
            owner[path[-1]] = data.draw(st.one_of(EDGE_VALUES, st.sampled_from(_near(owner[path[-1]]))))
        elif action == "drop":
            owner.pop(path[-1], None)
        else:
            owner[data.draw(st.sampled_from(["note", "id", "rate", "deadline", "date", "x"]))] = data.draw(EDGE_VALUES)
        slots = list(_slots(plan))
        if not slots:
            break
    if validate.is_valid()(plan):
        assert schema_errors.plan_validator().is_valid(plan)


def test_a_text_ending_in_a_line_break_is_valid_as_jsonschema_reads_the_schema():
    """Python's `$` also matches before a final line break, ECMA-262's (jsonschema-rs) does not:
    a `|` block's text ("Xuân Phúc\n") fails the fast verdict, and jsonschema, the reference,
    finds nothing wrong, so the plan is valid, as it was before the fast verdict (the text is
    printed stripped). It is only slower to check."""
    text = MINIMAL.replace("  place: Xuân Phúc\n", "  place: |\n    Xuân Phúc\n")
    assert text != MINIMAL
    loaded = load_bytes(text.encode("utf-8"), "plan.yaml")
    assert loaded.data["document"]["place"] == "Xuân Phúc\n"
    assert not validate.is_valid()(loaded.data)
    assert schema_problems(loaded) == []


@pytest.mark.parametrize("plan", PLANS, ids=lambda path: path.name)
def test_no_value_beside_a_valid_one_passes_the_fast_check_alone(plan):
    """Every kind of field of a real plan (one of each path, list indexes aside) set to each
    value beside its own: what jsonschema-rs lets through, jsonschema must accept too (the
    other way round costs only time: jsonschema then finds nothing and the plan is valid)."""
    data = load_plan(plan).data
    kinds = {tuple("*" if isinstance(key, int) else key for key in path): path for path in _slots(data)}
    # a standalone letter (`kind`) is judged by its own schema, fast and reference alike
    fast, reference = ((validate.is_valid_letter(), schema_errors.letter_validator()) if is_letter(data)
                       else (validate.is_valid(), schema_errors.plan_validator()))
    passed = 0
    for path in kinds.values():
        owner = functools.reduce(lambda value, key: value[key], path[:-1], data)
        kept = owner[path[-1]]
        for value in [*_near(kept), None, "", [], {}]:
            owner[path[-1]] = value
            if fast(data):
                passed += 1
                assert reference.is_valid(data), (path, value)
        owner[path[-1]] = kept
    assert passed >= 50  # the sweep does reach valid plans, not only broken ones


def test_the_fast_verdict_agrees_on_the_bad_plans():
    checked = 0
    for path in sorted(BAD.glob("*.yaml")):
        try:
            plan = load_plan(path).data
        except PlanInvalid:
            continue
        assert validate.is_valid()(plan) == schema_errors.plan_validator().is_valid(plan), path.name
        checked += 1
    assert checked >= 5


def test_a_valid_plan_never_reaches_jsonschema():
    import subprocess
    import sys

    code = ("import sys, pathlib, generator.plan.validate as v, generator.plan.load as l;"
            "assert v.schema_problems(l.load_plan(pathlib.Path('plans/xuan-phuc-2023.yaml'))) == [];"
            "print('jsonschema' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parent.parent)
    assert result.stdout.strip() == "False"


def test_positions_of_problems_come_from_the_loaded_plan():
    problems, line = changed("households: 1525", "households: 0")
    assert problems[0].path == ("households",)
    assert Position(problems[0].line, problems[0].column) == Position(line, 13)


def test_validate_does_not_import_the_document_side():
    import subprocess
    import sys

    code = ("import sys, generator.plan.validate, generator.messages, generator.plan.load;"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'jinja2', 'lxml', 'babel')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parent.parent)
    assert result.stdout.strip() == "[]"


def test_the_validate_command_imports_only_what_checking_needs():
    """`kehoach validate` of the sample, as a command: none of the document side, nor the
    commands of cli/year.py, nor json and dataclasses (start-up time, performance issue)."""
    import subprocess
    import sys

    code = ("import runpy, sys; sys.argv = ['kehoach', 'validate', 'plans/xuan-phuc-2023.yaml']\n"
            "try: runpy.run_module('generator', run_name='__main__')\n"
            "except SystemExit as done: print(done.code, file=sys.stderr)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'jinja2', 'lxml',"
            " 'babel', 'jsonschema', 'json', 'dataclasses') or m in ('generator.cli.year', 'generator.cli.repo_init',"
            " 'generator.render.templates', 'generator.writers.docx', 'generator.plan.schema_errors')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parent.parent)
    assert result.stderr.splitlines()[-1] == "0", result.stderr  # the sample validates
    assert result.stdout.strip() == "[]"


def test_one_of_valid_under_two_branches_is_ambiguous():
    schema = {"properties": {"a": {"oneOf": [{"type": "integer"}, {"type": "number"}, {"type": "string"}]}}}
    loaded = load_bytes(b"a: 3\n", "x.yaml")
    validator = Draft202012Validator(schema)
    mapper = schema_errors._Mapper(loaded, validator)
    (problem,) = [p for error in validator.iter_errors(loaded.data) for p in mapper.problems(error)]
    assert (problem.code, problem.line, problem.column) == ("schema.ambiguous", 1, 4)
    assert_readable(problem, "khớp với nhiều dạng", "fits more than one form")
