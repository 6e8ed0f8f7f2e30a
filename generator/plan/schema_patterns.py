"""The rules each `pattern` of the plan schema stands for, so that a message names the rule a
text breaks and how to write it, never the regular expression (issue 14, item 7).

Every pattern of schemas/plan.schema.json is a key here, written out as in the schema;
tests/test_pattern_messages.py fails when one is missing, and checks that every text a pattern
refuses breaks one of its rules. Rules are tried in order: the first one broken is reported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any, NamedTuple

Args = dict[str, Any]


class Rule(NamedTuple):
    """One rule of a pattern: its problem code, and a test returning the problem's arguments
    when a text breaks it, else None."""

    code: str
    broken: Callable[[str], Args | None]


class Broken(NamedTuple):
    """The rule a text breaks: its problem code and the arguments of its message."""

    code: str
    args: Args


def _when(code: str, test: Callable[[str], bool]) -> Rule:
    return Rule(code, lambda text: {} if test(text) else None)


def _marker(markers: re.Pattern[str]) -> Rule:
    """Returns the rule "no list marker typed at the start" for the markers `markers` matches."""
    def broken(text: str) -> Args | None:
        found = markers.match(text)
        return {"marker": found.group().strip()} if found else None
    return Rule("schema.list_marker", broken)


def _edge_mark(code: str, marks: str, at: int) -> Rule:
    """Returns a rule forbidding the punctuation `marks` at index `at` (0 the start, -1 the end)."""
    return Rule(code, lambda text: {"mark": text[at]} if text and text[at] in marks else None)


def _inner_mark(marks: str) -> Rule:
    """Returns the rule "none of `marks` inside": entries separated by hand."""
    def broken(text: str) -> Args | None:
        inside = [mark for mark in marks if mark in text]
        return {"mark": inside[0]} if inside else None
    return Rule("schema.separator", broken)


def _suggesting(code: str, suggest: Callable[[str], str]) -> Rule:
    """Returns a rule every text reaching it breaks, suggesting `suggest(text)`."""
    return Rule(code, lambda text: {"suggestion": suggest(text)})


def slug(text: str) -> str:
    """Returns `text` as a slug: "Hộ nghèo" → "ho-ngheo" (a suggestion in a message)."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(char for char in plain if not unicodedata.combining(char)).lower()
    return "-".join(re.findall(r"[a-z0-9]+", plain))


def _symbol(text: str) -> str:
    """Returns the symbol `text` likely meant: "145/KH UBND" → "KH-UBND"."""
    return "-".join(text.rsplit("/", 1)[-1].split()).upper()


# Vietnamese lowercase letters, as the schema's `upper_line` lists them.
_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
_PARAGRAPH_MARKERS = re.compile(r"^([-+•]|\*(?!\*)|[IVXLCD]+\.\s|\d+(?:\.\d+)*[.)]\s|[a-zđ][.)]\s|\(\d+\)\s)")

# The patterns, as written in the schema (JSON unescaped), named by what they shape.
TEXT = r"^(?![-+•]|\*(?!\*)|[IVXLCD]+\.\s|\d+(?:\.\d+)*[.)]\s|[a-zđ][.)]\s|\(\d+\)\s)(?!.*\./\.$)\S(?:.*\S)?$"
LINE = r"^\S(?:.*\S)?$"
TITLE = r"^\S(?:.*[^\s.:;,])?$"  # a heading, a summary, the subject of a cited document
UPPER_LINE = rf"^[^{_LOWER}\s](?:[^{_LOWER}]*[^{_LOWER}\s])?$"
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE = r"^\d{4}-\d{2}-\d{2}$"
SYMBOL = r"^[A-ZĐ][A-Za-zĐđ]*(?:-[A-ZĐ0-9][A-Za-zĐđ0-9]*)+$"
RECIPIENT = r"^(?![-+•]\s?)\S(?:.*[^\s;.,])?$"
LETTER_SUMMARY = r"^(?![Vv]/[Vv]\b)\S(?:.*[^\s.:;,])?$"
ARCHIVE_ENTRY = r"^[^\s,;.](?:[^,;]*[^\s,;.])?$"
INITIALS = r"^[A-ZĐ]+$"  # the drafter's, under the Lưu line
# A cited document's symbol: hyphens optional (QH14), digits and "&" (QĐ-BNN&MT).
CITED_SYMBOL = r"^[A-ZĐ][A-Za-zĐđ0-9]*(?:&[A-Za-zĐđ0-9]+)*(?:-[A-ZĐ0-9][A-Za-zĐđ0-9]*(?:&[A-Za-zĐđ0-9]+)*)*$"
LAW = r"^(?:Luật|Bộ luật|Pháp lệnh|Hiến pháp)(?: |$)"  # under `if`: a law needs no issuer
AS_ABOVE = r"^[Nn]hư trên"  # under `not`: kehoach prints "- Như trên;" itself
ISO_START = r"^\d{4}-"  # under `if`: a deadline written as a date; a condition, never an error

_EMPTY = _when("schema.empty_text", lambda text: not text)
_SPACES = _when("schema.spaces", lambda text: text != text.strip())
_LINE_BREAK = _when("schema.line_break", lambda text: "\n" in text)  # "." stops at a line break
_END_MARK = _when("schema.end_mark", lambda text: text.endswith("./."))
_VV = _when("schema.letter_vv", lambda text: re.match(r"[Vv]/[Vv]\b", text) is not None)
_TITLE_END = _edge_mark("schema.final_mark", ".:;,", -1)

# A text that breaks a pattern breaks one of its rules.
MUST_MATCH: dict[str, tuple[Rule, ...]] = {
    TEXT: (_EMPTY, _SPACES, _LINE_BREAK, _marker(_PARAGRAPH_MARKERS), _END_MARK),
    LINE: (_EMPTY, _SPACES, _LINE_BREAK),
    TITLE: (_EMPTY, _SPACES, _LINE_BREAK, _TITLE_END),
    UPPER_LINE: (_EMPTY, _SPACES, _suggesting("schema.upper_case", str.upper)),
    SLUG: (_EMPTY, _suggesting("schema.slug", slug)),
    DATE: (_EMPTY, _when("schema.date_format", lambda text: True)),
    SYMBOL: (_EMPTY, _SPACES, _suggesting("schema.symbol", _symbol)),
    RECIPIENT: (_EMPTY, _SPACES, _LINE_BREAK, _marker(re.compile(r"^[-+•]")),
                _edge_mark("schema.final_mark", ";.,", -1)),
    LETTER_SUMMARY: (_EMPTY, _SPACES, _LINE_BREAK, _VV, _TITLE_END),
    ARCHIVE_ENTRY: (_EMPTY, _SPACES, _inner_mark(",;"), _edge_mark("schema.first_mark", ".", 0),
                    _edge_mark("schema.final_mark", ".", -1)),
    INITIALS: (_EMPTY, _when("schema.initials", lambda text: True)),
    # schema_errors words every part of a basis document's number itself (`citation.*`), the
    # parts apart when one value holds several: this is the rule it reports.
    CITED_SYMBOL: (_when("citation.symbol", lambda text: True),),
}

# A text that matches a pattern under `not` gets its code.
MUST_NOT_MATCH: dict[str, str] = {AS_ABOVE: "schema.as_above"}

# Patterns under `if`: they choose a branch and are never an error by themselves.
CONDITIONS = frozenset({ISO_START, LAW})


def broken_rule(pattern: str, text: str) -> Broken | None:
    """Returns the first rule of `pattern` that `text` breaks, with the arguments of its
    message; a suggestion only when the pattern accepts it. None for a pattern not listed."""
    for rule in MUST_MATCH.get(pattern, ()):
        args = rule.broken(text)
        if args is not None:
            if args.get("suggestion") is not None and not re.search(pattern, args["suggestion"]):
                args = {**args, "suggestion": None}
            return Broken(rule.code, args)
    return None
