"""`messages`: every problem code worded in Vietnamese and English through the gettext
catalogues, which are up to date; numbers printed each language's way."""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from generator import messages, resources
from generator.errors import Problem
from generator.messages import MESSAGES, choose_language, format_problem, problems_json, translator

from test_load import LEAKS

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "generator" / "locale"


def problem(code: str, severity: str = "error", **args) -> Problem:
    return Problem(file="plans/x.yaml", line=12, column=5, code=code, args=args, severity=severity)


def say(code: str, lang: str, **args) -> str:
    return messages.message(problem(code, **args), lang)


# --- the catalogues ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_compiled_catalogue_is_up_to_date_with_its_po(lang):
    """`pybabel compile` (Babel's write_mo) of the .po gives exactly the committed .mo."""
    folder = LOCALE / lang / "LC_MESSAGES"
    with (folder / "kehoach.po").open("rb") as po:
        catalog = read_po(po)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    assert compiled.getvalue() == (folder / "kehoach.mo").read_bytes(), \
        f"run: pybabel compile -d generator/locale -D kehoach (see {LOCALE / 'README.md'})"


def test_every_message_of_messages_py_has_a_vietnamese_translation():
    with (LOCALE / "vi" / "LC_MESSAGES" / "kehoach.po").open("rb") as po:
        catalog = read_po(po)
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "n_": (1, 2)}
    found = [message for _, message, _, _ in extract_from_file("python", ROOT / "generator" / "messages.py",
                                                                keywords=keywords)]
    assert len(found) > 100
    untranslated = [msgid for msgid in found
                    if catalog.get(msgid[0] if isinstance(msgid, tuple) else msgid) is None
                    or not catalog.get(msgid[0] if isinstance(msgid, tuple) else msgid).string]
    assert untranslated == [], "translate them in generator/locale/vi/LC_MESSAGES/kehoach.po"


def test_no_msgid_has_a_percent_sign_babel_would_read_as_printf():
    with (LOCALE / "kehoach.pot").open("rb") as pot:
        catalog = read_po(pot)
    assert [m.id for m in catalog if m.id and "python-format" in m.flags] == []


def test_the_catalogues_are_package_data():
    assert resources.catalogue("vi") == (LOCALE / "vi" / "LC_MESSAGES" / "kehoach.mo").read_bytes()
    assert resources.catalogue("xx") is None


def test_translator_is_cached_and_gives_gettext_and_ngettext():
    assert translator("vi") is translator("vi")
    _, ngettext = translator("vi")
    assert _("error") == "lỗi" and translator("en").gettext("error") == "error"
    assert ngettext("{count} duty", "{count} duties", 2) == "{count} nhiệm vụ"
    assert translator("en").ngettext("{count} duty", "{count} duties", 2) == "{count} duties"


# --- every code has words ------------------------------------------------------------------

CHECK_CODES = ["figures.reduction", "figures.rate_count", "figures.direction", "ref.unknown_unit",
               "ref.unknown_indicator", "ref.duplicate_id", "date.invalid", "ref.self_support",
               "unit.no_duties"]


def emitted_codes() -> set[str]:
    """Returns the codes `load`, `schema_errors` and `schema_patterns` can emit, read from their source."""
    codes = set()
    for name in ("plan/load.py", "plan/schema_errors.py", "plan/schema_patterns.py"):
        source = (ROOT / "generator" / name).read_text(encoding="utf-8")
        codes |= set(re.findall(r'"((?:load|yaml|schema)\.[a-z_0-9]+)"', source))
    return codes


def test_every_code_has_a_message():
    codes = emitted_codes()
    assert len(codes) > 40
    assert sorted(codes - set(MESSAGES)) == []
    assert sorted(set(CHECK_CODES) - set(MESSAGES)) == []


ARGS = {"field": [{"key": "indicators", "index": 0, "title": "Chỉ tiêu", "name": "hộ nghèo"}],
        "key": "k", "value": "v", "limit": 3, "count": 1, "length": 9, "expected": ["string"],
        "found": "integer", "allowed": ["a", "b"], "keys": ["a"], "suggestion": None, "tag": "!x",
        "char": "U+0007", "name": "a", "first_line": 2, "start_line": 1, "line": 3, "bracket": "[",
        "quote": "'", "size": 3_000_000, "reason": "I/O error", "encoding": None, "first": 1,
        "keyword": "x", "format": "email", "mark": ".", "marker": "-", "result": 8, "key_title": None,
        "note": None, "indicator": "hộ nghèo", "stated": Decimal("4.3"), "computed": Decimal("4.2"),
        "baseline": Decimal("9.2"), "target": Decimal("5.0"), "households": 1525, "rate": Decimal("5.0"),
        "computed_rate": Decimal("5.0"), "id": "x", "known": ["y"], "support": ["a"], "deadline": "2024",
        "year": 2023, "village": "Thôn A", "kind": "kế hoạch", "number": "145/KH-UBND", "detail": "d", "role": "r",
        "direction": "decrease", "parent": "UBND HUYỆN X", "full": "ỦY BAN NHÂN DÂN XÃ X",
        "printed": Decimal("9.3"), "unit": "Công chức Tư pháp - Hộ tịch", "pages": 2,
        "which": "target", "missing": "count", "last": 3, "below": 57, "above": 58,
        "below_rate": Decimal("3.7"), "above_rate": Decimal("3.8"), "cells": 1, "columns": 4,
        "villages": 3, "sum": 113, "parts": "number: 38, year: 2023, symbol: NĐ-CP",
        "capitalised": "Kế hoạch", "dated": 2024,
        "abbreviation": "UBND", "normal": "Kế hoạch giảm nghèo",
        "excerpt": "**Trước ngày 15/3", "escaped": "\\*\\*",
        "start": "2026-03-01", "end": "2026-02-01", "start_year": 2026, "end_year": 2025,
        "previous": 2027, "previous_rate": Decimal("2.5"),
        "column": "Kinh phí", "written": "5.1", "shown": "5,1", "numbered": ["STT"],
        "signature": "KT. CHỦ TỊCH", "topic": "Kinh phí", "to": "UBND xã (qua Văn phòng)",
        "seconds": 10, "characters": 50_000_000, "byte": "E9", "path": "/tmp/mau/_frame.xml.j2",
        "command": "new", "date": "12/3/2025",
        "activity": "Hỗ trợ nhà ở", "source": "Ngân sách xã", "spent": Decimal("42"),
        "planned": Decimal("30"), "plan_year": 2023, "names": ["hộ nghèo", "Thôn A"],
        "activities": ["Hỗ trợ nhà ở"]}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_fills_in_both_languages_without_leaks(code, monkeypatch):
    def missing(self, key):
        raise AssertionError(f"{code}: no argument {key!r}")

    monkeypatch.setattr(messages._Blank, "__missing__", missing)
    vi, en = say(code, "vi", **ARGS), say(code, "en", **ARGS)
    for text in (vi, en):
        assert "{" not in text.replace("«{ }»", ""), text
        assert not LEAKS.search(text), text
    if code not in ("template.syntax", "template.error"):  # "lỗi mẫu văn bản: d"
        assert vi != en


def test_a_code_without_a_message_still_says_something():
    assert say("no.such", "en", a=1) == "problem no.such (a=1)"


# --- the line a user reads -----------------------------------------------------------------


def test_format_is_file_line_column_severity_message():
    error = problem("load.tab_indent")
    warning = problem("load.surprising_number", severity="warning", value="010", result=8)
    assert format_problem(error, "vi").startswith("plans/x.yaml:12:5: lỗi: dòng này thụt lề bằng phím Tab")
    assert format_problem(error, "en").startswith("plans/x.yaml:12:5: error: this line is indented with a tab")
    assert format_problem(warning, "vi").startswith("plans/x.yaml:12:5: cảnh báo: «010» được đọc thành số 8")
    assert format_problem(warning, "en").startswith("plans/x.yaml:12:5: warning: «010» is read as the number 8")


def test_a_file_without_a_line_has_no_numbers():
    missing = Problem(file="plans/none.yaml", line=0, column=0, code="load.missing")
    assert format_problem(missing, "vi") == "plans/none.yaml: lỗi: không tìm thấy tệp"


def test_problems_json():
    found = [problem("schema.required", field=[], key="year", key_title="Năm kế hoạch", note=None),
             problem("unit.no_duties", severity="warning", id="tu-phap")]
    data = json.loads(problems_json(found, "vi"))
    assert data == [
        {"file": "plans/x.yaml", "line": 12, "column": 5, "severity": "error", "code": "schema.required",
         "message": "kế hoạch: thiếu khóa `year` (Năm kế hoạch)"},
        {"file": "plans/x.yaml", "line": 12, "column": 5, "severity": "warning", "code": "unit.no_duties",
         "message": "đơn vị «tu-phap» chưa được giao nhiệm vụ nào"},
    ]
    assert "kế hoạch" in problems_json(found, "vi")  # not \u escapes
    assert json.loads(problems_json([], "en")) == []


@pytest.mark.parametrize(("option", "environment", "expected"), [
    (None, {}, "vi"),
    ("en", {"LANG": "vi_VN.UTF-8"}, "en"),
    ("vi", {"LANG": "en_US.UTF-8"}, "vi"),
    (None, {"LANG": "en_US.UTF-8"}, "en"),
    (None, {"LANG": "C.UTF-8"}, "vi"),
    (None, {"LANGUAGE": "en_GB:vi", "LANG": "vi_VN.UTF-8"}, "en"),
    (None, {"LC_ALL": "vi_VN.UTF-8", "LANG": "en_US.UTF-8"}, "vi"),
    (None, {"LC_MESSAGES": "en_US.UTF-8"}, "en"),
    (None, {"LANGUAGE": "", "LC_ALL": "", "LANG": "en"}, "en"),
])
def test_choose_language(monkeypatch, option, environment, expected):
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    assert choose_language(option) == expected


# --- figures, names and quotes ------------------------------------------------------------


def test_the_stated_reduction_names_both_figures_in_each_languages_numbers():
    args = {"indicator": "hộ nghèo", "field": "rate", "stated": Decimal("4.3"), "computed": Decimal("4.2"),
            "baseline": Decimal("9.2"), "target": Decimal("5.0")}
    assert say("figures.reduction", "vi", **args) == \
        "mức giảm tỷ lệ «hộ nghèo» ghi là 4,3% nhưng năm gốc 9,2% − mục tiêu 5,0% = 4,2%"
    assert say("figures.reduction", "en", **args) == \
        "the stated reduction of the rate of «hộ nghèo» is 4.3% but baseline 9.2% − target 5.0% gives 4.2%"
    counts = {**args, "field": "count", "stated": 66, "computed": 65, "baseline": 141, "target": 76}
    assert say("figures.reduction", "vi", **counts) == \
        "mức giảm số «hộ nghèo» ghi là 66 nhưng năm gốc 141 − mục tiêu 76 = 65"
    assert say("figures.reduction", "en", indicator="hộ nghèo", field="rate", stated=Decimal("4.3"),
               computed=Decimal("4.2")) == "the stated reduction of the rate of «hộ nghèo» is 4.3% but the figures give 4.2%"


def test_rates_and_counts_group_thousands_but_years_do_not():
    args = {"indicator": "hộ nghèo", "year": 2023, "rate": Decimal("5.0"), "count": 77, "households": 1525,
            "computed_rate": Decimal("5.0")}
    assert say("figures.rate_count", "vi", **args) == \
        "tỷ lệ 5,0% «hộ nghèo» năm 2023 không khớp với số lượng: 77 trên 1.525 hộ là 5,0%"
    assert say("figures.rate_count", "en", **args) == \
        "the rate 5.0% of «hộ nghèo» in 2023 does not agree with its count: 77 of 1,525 households is 5.0%"
    assert "12.500 hộ" in say("figures.rate_count", "vi", **{**args, "households": 12500})


def test_direction_and_references():
    assert say("figures.direction", "vi", indicator="hộ nghèo", field="rate", baseline=Decimal("9.2"),
               target=Decimal("9.5")) == "«hộ nghèo» phải giảm, nhưng mục tiêu 9,5% không thấp hơn năm gốc 9,2%"
    assert say("figures.direction", "vi", indicator="hộ nghèo", field="count", baseline=141, target=150) \
        == "«hộ nghèo» phải giảm, nhưng mục tiêu 150 không thấp hơn năm gốc 141"
    assert "phải tăng" in say("figures.direction", "vi", indicator="x", direction="increase", baseline=1, target=1)
    assert say("ref.unknown_unit", "vi", id="cac-thonn", known=["cac-thon", "ldtbxh"]) == \
        "không có đơn vị nào mang mã «cac-thonn»; có phải là «cac-thon»?"
    assert say("ref.unknown_indicator", "en", id="zzz", known=["ho-ngheo"]) == \
        "no indicator has the id «zzz» (known: ho-ngheo)"
    assert say("ref.duplicate_id", "vi", id="ldtbxh", first_line=40) == "mã «ldtbxh» đã được dùng ở dòng 40"
    assert say("date.invalid", "vi", value="31/02/2023") == "ngày 31/02/2023 không có thật"
    assert say("ref.self_support", "en", id="ldtbxh") == "the unit «ldtbxh» is listed among its own supporting units"
    assert say("unit.no_duties", "vi", id="tu-phap") == "đơn vị «tu-phap» chưa được giao nhiệm vụ nào"


def test_field_names_titles_in_vietnamese_keys_in_english():
    field = [{"key": "indicators", "index": 0, "title": "Chỉ tiêu", "name": "hộ nghèo"},
             {"key": "target", "index": None, "title": "Mục tiêu", "name": None},
             {"key": "rate", "index": None, "title": "Tỷ lệ (%)", "name": None}]
    args = {"field": field, "value": "9,2", "suggestion": "9.2"}
    assert say("schema.number_as_text", "vi", **args).startswith("Chỉ tiêu «hộ nghèo» › Mục tiêu › Tỷ lệ (%): ")
    assert say("schema.number_as_text", "en", **args).startswith("`indicators` «hộ nghèo» › `target` › `rate`: ")
    numbered = [{"key": "basis", "index": 1, "title": None, "name": None}, {"key": None, "index": 2, "title": None,
                                                                           "name": None}]
    assert say("schema.empty_text", "vi", field=numbered) == "`basis` 2 › mục 3: không được để trống"


def test_quoted_values_show_invisible_characters_and_are_cut():
    text = say("schema.enum", "en", field=[], value="ye\u200bar", allowed=["year"], suggestion=None)
    assert "«ye<U+200B>ar»" in text
    long = say("schema.spaces", "vi", field=[], value=" " + "x" * 200)
    assert "…" in long and len(long) < 150


def test_the_note_of_a_rule_is_added():
    text = say("schema.required", "vi", field=[], key="sections", key_title="Các mục",
               note="Kế hoạch phải có sections hoặc parts.")
    assert text == "kế hoạch: thiếu khóa `sections` (Các mục) (Kế hoạch phải có sections hoặc parts)"
