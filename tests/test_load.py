"""`load`: plan bytes → data and positions, and a located problem for every way a file can fail
to be a readable plan (the corpus under tests/bad_plans/, one file per case)."""

from __future__ import annotations

import datetime
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from generator.errors import PlanInvalid, Position, Problem
from generator.messages import format_problem
from generator.plan import legacy_encoding, load
from generator.plan.load import LoadedPlan, load_bytes, load_plan

ROOT = Path(__file__).resolve().parent.parent
BAD = Path(__file__).resolve().parent / "bad_plans"
PLANS = sorted((ROOT / "plans").glob("*.yaml"))

# Raw parser and validator wording that must never reach a user.
LEAKS = re.compile(r"while parsing|while scanning|expected <|found character|mapping values are|"
                   r"could not find|did not find|could not determine|<unicode string>|"
                   r"is not of type|Additional properties|is a required property|Failed validating|"
                   r"is not valid under|is too (short|long)|is not a '|\\x[0-9a-f]{2}|\ufffd")


def problems_of(path: Path) -> list[Problem]:
    try:
        return load_plan(path).problems
    except PlanInvalid as invalid:
        return invalid.problems


def assert_readable(problem: Problem, vi: str, en: str) -> None:
    """The message a user sees, in both languages: located, with the fragment, no leak."""
    for lang, fragment in (("vi", vi), ("en", en)):
        text = format_problem(problem, lang)
        assert fragment in text, (lang, text)
        assert not LEAKS.search(text), text


# file, code, line, column, a fragment of the Vietnamese and of the English message
CORPUS = [
    ("syntax_error.yaml", "yaml.unexpected_colon", 5, 20, "ngoặc kép", "in quotes"),
    ("tab_indent.yaml", "load.tab_indent", 4, 1, "Tab", "tab"),
    ("duplicate_key.yaml", "load.duplicate_key", 6, 3, "dòng 4", "line 4"),
    ("windows_1258.yaml", "load.not_utf8", 4, 15, "Windows-1258", "Windows-1258"),
    ("control_char.yaml", "load.control_char", 4, 22, "U+0007", "U+0007"),
    ("python_object.yaml", "load.unsafe_tag", 3, 11, "!!python/object/apply:os.system", "refused"),
    ("alias_bomb.yaml", "load.too_many_nodes", None, None, "bí danh", "alias"),
    ("deep_nesting.yaml", "load.too_deep", 3, 57, "50 cấp", "50 levels"),
    ("empty.yaml", "load.empty", 1, 1, "tệp trống", "empty"),
    ("top_list.yaml", "load.not_mapping", 2, 1, "danh sách", "a list"),
    ("top_scalar.yaml", "load.not_mapping", 2, 1, "chứa chữ", "holds text"),
    ("decimal_comma_flow.yaml", "load.decimal_comma", 27, 32, "5.0", "decimal point: 5.0"),
]


@pytest.mark.parametrize(("name", "code", "line", "column", "vi", "en"), CORPUS)
def test_a_bad_file_gets_its_problem_at_its_place(name, code, line, column, vi, en):
    problems = problems_of(BAD / name)
    assert [problem.code for problem in problems] == [code]
    problem = problems[0]
    if line is not None:
        assert (problem.line, problem.column) == (line, column)
    assert problem.file == str(BAD / name)
    assert_readable(problem, vi, en)


def test_the_display_name_is_what_messages_show():
    with pytest.raises(PlanInvalid) as raised:
        load_plan(BAD / "empty.yaml", display_name="plans/x.yaml")
    assert format_problem(raised.value.problems[0], "en").startswith("plans/x.yaml:1:1: error: ")


@pytest.mark.parametrize("name", ["bom.yaml", "nfd.yaml", "minimal.yaml"])
def test_bom_and_nfd_are_read_as_the_same_plan(name):
    loaded = load_plan(BAD / name)
    reference = load_plan(BAD / "minimal.yaml")
    assert loaded.data == reference.data and loaded.problems == []
    assert "year" in loaded.data  # not "\ufeffyear"
    assert loaded.positions[("year",)] == Position(2, 7)


def test_nfd_text_and_keys_come_out_nfc():
    loaded = load_bytes(unicodedata.normalize("NFD", "tên: Nghèo\nđịa_danh: Xuân Phúc\n").encode(), "x")
    assert loaded.data == {"tên": "Nghèo", "địa_danh": "Xuân Phúc"}
    assert all(unicodedata.is_normalized("NFC", key) for key in loaded.data)


def test_the_alias_bomb_and_deep_nesting_stop_within_the_budget(monkeypatch):
    """Counted while building: the bomb stops once the budget is spent, never expanded."""
    built: list[int] = []
    real_count = load._Builder._count

    def count(self, size, at):
        built.append(size)
        real_count(self, size, at)

    monkeypatch.setattr(load._Builder, "_count", count)
    assert problems_of(BAD / "alias_bomb.yaml")[0].code == "load.too_many_nodes"
    assert sum(built[:-1]) <= load.MAX_NODES  # what was expanded before the refusal
    built.clear()
    assert problems_of(BAD / "deep_nesting.yaml")[0].code == "load.too_deep"
    assert len(built) <= load.MAX_DEPTH + 2  # stopped at the 51st "[", not after 1000


def test_nesting_as_deep_as_the_limit_is_read():
    text = "a: " + "[" * (load.MAX_DEPTH - 1) + "]" * (load.MAX_DEPTH - 1) + "\n"
    assert load_bytes(text.encode(), "x").data["a"] is not None


def test_nesting_past_the_parsers_own_limit_is_refused_the_same_way(tmp_path):
    path = tmp_path / "very-deep.yaml"
    path.write_text("year: 2023\nintro: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    (problem,) = problems_of(path)
    assert (problem.code, problem.line) == ("load.too_deep", 2)


def test_deep_nesting_through_aliases_is_refused():
    inner = "[" * 40 + "1" + "]" * 40
    text = f"a: &a {inner}\nb: [[[[[[[[[[[[*a]]]]]]]]]]]]\n"
    with pytest.raises(PlanInvalid) as raised:
        load_bytes(text.encode(), "x")
    assert raised.value.problems[0].code == "load.too_deep"


def test_oversize_file_is_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"year: 2023\n" + b"# padding\n" * (load.MAX_BYTES // 10 + 1))
    (problem,) = problems_of(path)
    assert (problem.code, problem.line) == ("load.too_large", 1)
    assert_readable(problem, "MiB", "MiB")
    assert "2,0 MiB" in format_problem(problem, "vi") and "2.0 MiB" in format_problem(problem, "en")


def test_missing_file_and_folder(tmp_path):
    (missing,) = problems_of(tmp_path / "none.yaml")
    assert missing.code == "load.missing" and missing.line == 0
    assert format_problem(missing, "en") == f"{tmp_path / 'none.yaml'}: error: file not found"
    (folder,) = problems_of(tmp_path)
    assert folder.code == "load.not_a_file"


# More ways to break a file, inline: bytes, code, line, column.
INLINE = [
    (b"a: 'x\nb: 2\n", "yaml.unclosed_quote", 1, 4),
    (b'a: "x\\q"\n', "yaml.bad_escape", 1, None),
    (b"a: [1, 2\nb: 3\n", "yaml.unclosed_bracket", 1, 4),
    (b"a: {x: 1\nb: 3\n", "yaml.unclosed_bracket", 1, 4),
    (b"a:\n  b: 1\n c: 2\n", "yaml.bad_indent", 3, 2),
    (b"a: 1\nb\nc: 2\n", "yaml.missing_colon", 2, 1),
    (b"a: - x\n", "yaml.dash_in_value", 1, 4),
    (b"a: @home\n", "yaml.reserved_char", 1, 4),
    (b"a: * note\n", "yaml.reserved_char", 1, 4),
    (b"a: *nowhere\n", "yaml.unknown_alias", 1, 4),
    (b"a: &x 1\nb: &x 2\n", "yaml.duplicate_anchor", 2, 4),
    (b"a: &x [1, *x]\n", "load.recursive_alias", 1, 11),
    (b"a: 1\n---\nb: 2\n", "load.multiple_documents", 2, 1),
    (b"a: !important x\n", "load.unknown_tag", 1, 4),
    (b"a: !!binary aGk=\n", "load.unknown_tag", 1, 4),
    (b"a: !!set {x}\n", "load.unknown_tag", 1, 4),
    (b"a: !!int x\n", "load.bad_scalar", 1, 4),
    (b"a: .nan\n", "load.not_finite", 1, 4),
    (b"a: -.inf\n", "load.not_finite", 1, 4),
    (b"<<: {a: 1}\n", "load.merge_key", 1, 1),
    (b"? [a]\n: 1\n", "load.complex_key", 1, 3),
    (b'a: "bell\\a"\n', "load.control_char", 1, 4),
    (b"a: x\x7f\n", "load.control_char", 1, 5),
    (b"\xff\xfea\x00:\x00 \x001\x00", "load.not_utf8", 1, 1),
    ("a: 1\nb: 2\n".encode("utf-16-le"), "load.not_utf8", 1, 1),
    (b"# only a comment\n", "load.empty", 1, 1),
    (b"---\n", "load.empty", 1, 1),
    (b"\n\n  \n", "load.empty", 1, 1),
]


@pytest.mark.parametrize(("raw", "code", "line", "column"), INLINE)
def test_each_way_to_break_a_file_has_its_code_and_place(raw, code, line, column):
    with pytest.raises(PlanInvalid) as raised:
        load_bytes(raw, "x.yaml")
    problem = raised.value.problems[0]
    assert problem.code == code
    assert problem.line == line and (column is None or problem.column == column)
    assert_readable(problem, "", "")


def test_every_loader_problem_is_reported_at_once():
    raw = b"a: 1\na: 2\nb: \x01x\nc: !!python/name:os.system x\nd: 010\n"
    with pytest.raises(PlanInvalid) as raised:
        load_bytes(raw, "x")
    found = [(problem.code, problem.line) for problem in raised.value.problems]
    assert found == [("load.duplicate_key", 2), ("load.control_char", 3), ("load.unsafe_tag", 4),
                     ("load.surprising_number", 5)]


def test_tabs_are_reported_on_every_line_that_has_them():
    raw = b"a:\n\tb: 1\n\tc: 2\nd: 3\n"
    with pytest.raises(PlanInvalid) as raised:
        load_bytes(raw, "x")
    assert [(p.code, p.line) for p in raised.value.problems] == [("load.tab_indent", 2), ("load.tab_indent", 3)]


def test_a_tab_after_a_key_is_fine():
    assert load_bytes(b"a:\t1\nb: x\ty\n", "x").data == {"a": 1, "b": "x\ty"}


def test_tcvn3_and_windows_1258_are_told_apart():
    tcvn3 = {char: byte for byte, char in legacy_encoding._TCVN3.items()}
    text = "tên: hộ nghèo giảm mạnh, đời sống người dân được cải thiện\n"
    raw = bytes(tcvn3.get(char, ord(char)) for char in text)
    with pytest.raises(PlanInvalid) as raised:
        load_bytes(raw, "x")
    assert raised.value.problems[0].args == {"encoding": "TCVN3"}
    windows = (BAD / "windows_1258.yaml").read_bytes()
    assert legacy_encoding.guess_encoding(windows) == "Windows-1258"
    assert legacy_encoding.guess_encoding("Grüße aus Köln".encode("latin-1")) is None


def test_a_surprising_number_is_a_warning_and_the_plan_loads():
    loaded = load_bytes(b"a: 010\nb: 1:30\nc: 0x1F\nd: 100\n", "x")
    assert loaded.data == {"a": 8, "b": 90, "c": 31, "d": 100}
    assert [(p.code, p.severity, p.line) for p in loaded.problems] == [
        ("load.surprising_number", "warning", 1), ("load.surprising_number", "warning", 2)]


# --- data and positions -------------------------------------------------------------------


@pytest.mark.parametrize("plan", PLANS, ids=lambda path: path.name)
def test_the_repository_plans_load_as_safe_load_reads_them(plan):
    loaded = load_plan(plan)
    assert loaded.problems == []
    assert loaded.data == _as_json(yaml.safe_load(plan.read_text(encoding="utf-8")))


def _as_json(value):
    """safe_load's data as ours: dates as the ISO text written, keys as text."""
    if isinstance(value, dict):
        return {str(key): _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    return value.isoformat() if isinstance(value, datetime.date) else value


SCALARS = ["1", "-12", "+3", "0", "-0", "1_000", "0x1F", "0o17", "0b101", "1.5", "1e3", "-2.5E-1",
           "6.", "-0.0", "00.5", "+1.5", "1_000.5", "-.5", "12345678901234567890", "!!float 1",
           "!!int '12'", "!!null x",
           "true", "False", "yes", "No", "on", "OFF", "null", "~", "", "9,2", "9.2%", "'9.2'",
           '"1"', "abc", "Thôn Đồng Lách", "'it''s'", '"tab\\there"', "2023-05-18x", "1:30",
           "010", "|\n  two\n  lines", ">-\n  folded\n  text"]


@pytest.mark.parametrize("text", SCALARS)
def test_scalars_resolve_as_safe_load_resolves_them(text):
    source = f"a: {text}\n"
    ours, safe_load = load_bytes(source.encode(), "x").data["a"], yaml.safe_load(source)["a"]
    assert (type(ours), ours) == (type(safe_load), safe_load)  # 1, 1.0 and True are all equal


def test_escapes_in_double_quotes_come_out_nfc():
    # The only text the parser can give that is not NFC: the rest comes from the NFC file.
    loaded = load_bytes(b'"ke\\u0302": "Nghe\\u0300o"\n', "x")
    assert loaded.data == {"kê": "Nghèo"}


@pytest.mark.parametrize("text", ["2023-05-18", "2023-02-31", "2001-12-14 21:59:43.10 -5"])
def test_timestamps_stay_the_text_written(text):
    # JSON Schema's "format": "date" checks the text; safe_load would give a date (or crash).
    assert load_bytes(f"a: {text}\n".encode(), "x").data == {"a": text}


def test_keys_are_the_text_written():
    assert load_bytes(b"2023: a\non: b\nnull: c\n1.5: d\n", "x").data == {
        "2023": "a", "on": "b", "null": "c", "1.5": "d"}


def test_positions_of_values_and_keys():
    text = ("year: 2023\n"
            "document:\n"
            "  kind: Kế hoạch\n"
            "  date: {year: 2023, month: 6}\n"
            "list:\n"
            "  - một\n"
            "  - name: hai\n"
            "    rate: 9.2\n")
    loaded = load_bytes(text.encode(), "x")
    assert loaded.positions[()] == Position(1, 1)
    assert loaded.positions[("year",)] == Position(1, 7)
    assert loaded.key_positions[("year",)] == Position(1, 1)
    assert loaded.positions[("document",)] == Position(3, 3)  # a block mapping starts at its first key
    assert loaded.key_positions[("document",)] == Position(2, 1)
    assert loaded.positions[("document", "kind")] == Position(3, 9)
    assert loaded.positions[("document", "date")] == Position(4, 9)
    assert loaded.positions[("document", "date", "month")] == Position(4, 29)
    assert loaded.key_positions[("document", "date", "month")] == Position(4, 22)
    assert loaded.positions[("list", 0)] == Position(6, 5)
    assert loaded.positions[("list", 1)] == Position(7, 5)
    assert loaded.positions[("list", 1, "rate")] == Position(8, 11)
    assert loaded.key_positions[("list", 1, "rate")] == Position(8, 5)


def test_every_value_and_key_has_a_position():
    loaded = load_plan(PLANS[0])

    def paths(value, path=()):
        yield path
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        for key, item in items:
            yield from paths(item, (*path, key))

    every = set(paths(loaded.data))
    assert every == set(loaded.positions)
    assert {path for path in every if path and isinstance(path[-1], str)} == set(loaded.key_positions)


def test_columns_count_characters_and_crlf_counts_one_line():
    loaded = load_bytes("tên: Đồng Lách\r\nthôn: [Đồng, Lách]\r\n".encode(), "x")
    assert loaded.positions[("thôn", 1)] == Position(2, 14)
    assert loaded.data == {"tên": "Đồng Lách", "thôn": ["Đồng", "Lách"]}


def test_an_alias_inside_an_anchor_repeats_its_positions_too():
    loaded = load_bytes(b"x: &o {p: &i [1, 2], q: *i}\ny: *o\n", "x")
    assert loaded.data["y"] == {"p": [1, 2], "q": [1, 2]}
    assert loaded.positions[("y", "q", 1)] == loaded.positions[("x", "p", 1)] == Position(1, 18)
    assert loaded.key_positions[("y", "q")] == Position(1, 22)


def test_the_quick_looks_miss_no_control_character():
    """The bytes are glanced at before the text is searched, and a double-quoted text is
    searched only when it is not printable: neither glance may miss a forbidden character."""
    forbidden = [chr(code) for code in range(0x10000)
                 if not 0xD800 <= code <= 0xDFFF and load._forbidden().match(chr(code))]
    assert len(forbidden) == 29 + 1 + 32 + 2  # C0 but tab and line breaks, DEL, C1, U+FFFE/F
    assert all(load._may_hold_forbidden(f"a: x{char}y\n".encode()) for char in forbidden)
    assert not load._may_hold_forbidden("tên: Thôn Đồng Lách\t# ghi chú\r\n".encode())
    assert not any(f"x{char}y".isprintable() for char in [*forbidden, "\ud800", "\udfff"])


def test_an_escaped_control_character_in_a_double_quoted_text_is_reported():
    with pytest.raises(PlanInvalid) as raised:
        load_bytes(b'a: "x\\ay"\nb: "\\x9f"\nc: "\\u00e0 \\t"\nd: "\\x1f"\n', "x")
    assert [(p.line, p.code, p.args["char"]) for p in raised.value.problems] == [
        (1, "load.control_char", "U+0007"), (2, "load.control_char", "U+009F"),
        (4, "load.control_char", "U+001F")]  # white space to Python's regexes, not to the schema's


def test_an_alias_repeats_its_anchor_and_its_positions():
    loaded = load_bytes(b"a: &x {b: 1, c: [2]}\nd: *x\n", "x")
    assert loaded.data == {"a": {"b": 1, "c": [2]}, "d": {"b": 1, "c": [2]}}
    assert loaded.positions[("d", "c", 0)] == loaded.positions[("a", "c", 0)] == Position(1, 18)
    assert loaded.key_positions[("d", "b")] == Position(1, 8)


def test_the_loaded_plan_is_frozen():
    loaded = load_bytes(b"a: 1\n", "x")
    assert isinstance(loaded, LoadedPlan)
    with pytest.raises(AttributeError):
        loaded.data = {}  # type: ignore[misc]


def test_the_c_loader_is_used_when_built():
    if getattr(yaml, "__with_libyaml__", False):
        assert load._Loader is yaml.CSafeLoader


def test_only_load_imports_yaml_and_only_schema_errors_imports_jsonschema():
    for module in (ROOT / "generator").rglob("*.py"):
        source, name = module.read_text(encoding="utf-8"), module.relative_to(ROOT / "generator").as_posix()
        if name != "plan/load.py":
            assert not re.search(r"^\s*(import yaml|from yaml)\b", source, re.M), name
        if name != "plan/schema_errors.py":
            assert not re.search(r"^\s*(import|from) jsonschema\b", source, re.M), name
