"""Problems → text through gettext catalogues: Vietnamese by default, English on request.

Message ids are English (the `en` catalogue is empty: gettext falls back to the id); the
Vietnamese catalogue is `locale/vi/LC_MESSAGES/kehoach.po`, compiled to `.mo` and shipped in
the package (`locale/README.md` says how to extract, update and compile with Babel). Each
problem code has one message here, filled from the problem's `args`; numbers computed by
kehoach are printed the language's way (9,2 and 1.525 in Vietnamese), values quoted from
the plan as the clerk wrote them.
"""

from __future__ import annotations

import functools
import os
import unicodedata
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, NamedTuple

from .errors import Problem

# gettext, json, difflib and `resources` (importlib.resources) are imported where they are used:
# `kehoach --help` and a valid plan's `validate` never need them (start-up time, performance issue).

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
QUOTE_LENGTH = 60  # a quoted value longer than this is cut with "…"


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "translated later"
    """Marks `message` for extraction; it is translated where it is used."""
    return message


class Translator(NamedTuple):
    """The `gettext` and `ngettext` of one language: `_ = translator(lang).gettext`."""

    gettext: Callable[[str], str]
    ngettext: Callable[[str, str, int], str]


def choose_language(option: str | None = None) -> str:
    """Returns "en" or "vi": the `--lang` option when given, else "en" when the first set of
    LANGUAGE, LC_ALL, LC_MESSAGES, LANG (gettext's order) starts with "en", else "vi"."""
    if option:
        return "en" if option.strip().lower().startswith("en") else DEFAULT_LANGUAGE
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "").split(":")[0].strip()
        if value:
            return "en" if value.lower().startswith("en") else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


@functools.cache
def translator(lang: str) -> Translator:
    """Returns the translation functions of `lang`, read once per process."""
    import gettext
    import io

    from . import resources

    data = resources.catalogue(lang)
    catalogue = gettext.GNUTranslations(io.BytesIO(data)) if data else gettext.NullTranslations()
    return Translator(catalogue.gettext, catalogue.ngettext)


def format_problem(problem: Problem, lang: str = DEFAULT_LANGUAGE) -> str:
    """Returns `FILE:LINE:COLUMN: lỗi: message` (`error:`/`warning:` in English); a file that
    could not be read has no line: `FILE: lỗi: message`."""
    _ = translator(lang).gettext
    severity = _("error") if problem.severity == "error" else _("warning")
    where = f"{problem.file}:{problem.line}:{problem.column}" if problem.line > 0 else problem.file
    return f"{where}: {severity}: {message(problem, lang)}"


def problems_json(problems: Iterable[Problem], lang: str = DEFAULT_LANGUAGE) -> str:
    """Returns the problems as a JSON list of {file, line, column, severity, code, message}."""
    import json

    return json.dumps([{"file": problem.file, "line": problem.line, "column": problem.column,
                        "severity": problem.severity, "code": problem.code,
                        "message": message(problem, lang)} for problem in problems],
                      ensure_ascii=False, indent=2)


def message(problem: Problem, lang: str = DEFAULT_LANGUAGE) -> str:
    """Returns the message of `problem` in `lang`, without its place."""
    words = _Words(lang, problem.args)
    wording = MESSAGES.get(problem.code)
    if wording is None:  # a code without a message is a bug, but the user still sees something
        return words._("problem {code}").format(code=problem.code) + _details(problem.args)
    text = wording(words) if callable(wording) else words.fill(wording)
    return words.with_note(text)


def _details(args: dict[str, Any]) -> str:
    return f" ({', '.join(f'{key}={value}' for key, value in sorted(args.items()))})" if args else ""


# --- filling a message ---------------------------------------------------------------------

# Arguments that are figures kehoach computed or compares: printed the language's way.
FIGURES = frozenset({"households", "count", "stated", "computed", "baseline", "target", "rate",
                     "computed_rate", "size", "printed", "first", "last", "below", "above", "cells", "columns", "sum",
                     "seconds", "characters", "spent", "planned"})

# Arguments that are paths of files.
PATHS = frozenset({"path"})


class _Words:
    """One message being filled: the language, its gettext, and the problem's arguments."""

    def __init__(self, lang: str, args: dict[str, Any]) -> None:
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        self._, self.n_ = translator(self.lang)
        self.args = args

    def fill(self, msgid: str, **extra: Any) -> str:
        """Returns `msgid` translated and filled with the arguments, each shown for reading."""
        return self.format(self._(msgid), **extra)

    def format(self, translated: str, **extra: Any) -> str:
        """Returns the `translated` text filled with the arguments (and `extra` ones)."""
        values = {name: self.show(name, value) for name, value in {**self.args, **extra}.items()}
        return translated.format_map(_Blank(values))

    def show(self, name: str, value: Any) -> str:
        if name == "field":
            return self.field(value)
        if name in ("expected", "found") and _kind_names(value):
            return self.kinds(value)
        if isinstance(value, (list, tuple)):
            return ", ".join(self.show(name, item) for item in value)
        if name in FIGURES:
            return self.number(value)
        if name in PATHS:  # shown whole: a path cut short would name another file
            return _visible(value, limit=4096)
        return _visible(value)

    def number(self, value: Any) -> str:
        """Returns a figure with the decimal comma and dot thousands in Vietnamese (9,2; 1.525)."""
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
            return _visible(value)
        text = f"{Decimal(str(value)):,f}" if isinstance(value, float) else f"{value:,f}" \
            if isinstance(value, Decimal) else f"{value:,d}"
        if self.lang == "vi":
            text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
        return text

    def percent(self, value: Any) -> str:
        return f"{self.number(value)}%"

    def kinds(self, names: Any) -> str:
        names = names if isinstance(names, (list, tuple)) else [names]
        return self._(" or ").join(self._(KIND_NAMES.get(name, name)) for name in names)

    def field(self, segments: Any) -> str:
        """Returns the name of a field: the schema's titles in Vietnamese, the keys in English."""
        if isinstance(segments, str):
            return segments
        if not segments:
            return self._("the plan")
        names = []
        entry = self._("entry")  # a list entry whose list has no title
        for segment in segments:
            label = segment.get("title") if self.lang == "vi" else None
            label = label or (f"`{segment['key']}`" if segment.get("key") else "")
            if segment.get("index") is not None:
                ordinal = f"«{segment['name']}»" if segment.get("name") else f"{segment['index'] + 1}"
                label = f"{label or entry} {ordinal}"
            names.append(label)
        return " › ".join(names)

    def with_note(self, text: str) -> str:
        note = self.args.get("note")
        return f"{text} ({_visible(note, limit=200).rstrip('.')})" if note else text

    def suggest(self, text: str) -> str:
        suggestion = self.args.get("suggestion")
        if not suggestion:
            return text
        return text + self.fill(N_("; did you mean «{suggestion}»?"), suggestion=suggestion)


class _Blank(dict):
    """Arguments for `str.format_map`; one missing shows as "?" rather than failing."""

    def __missing__(self, key: str) -> str:
        return "?"


def _kind_names(value: Any) -> bool:
    names = value if isinstance(value, (list, tuple)) else [value]
    return bool(names) and all(isinstance(name, str) and name in KIND_NAMES for name in names)


def _visible(value: Any, limit: int = QUOTE_LENGTH) -> str:
    """Returns `value` as text to quote: invisible characters named (U+200B), long text cut."""
    text = "" if value is None else str(value)
    text = "".join(f"<U+{ord(char):04X}>" if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")
                   and char not in "\t" else char for char in text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


KIND_NAMES = {
    "string": N_("text"),
    "integer": N_("a whole number"),
    "number": N_("a number"),
    "boolean": N_("true or false"),
    "null": N_("nothing"),
    "array": N_("a list"),
    "object": N_("a group of keys"),
}


# --- the messages --------------------------------------------------------------------------


def _not_utf8(w: _Words) -> str:
    encoding = w.args.get("encoding")
    if encoding == "UTF-16":
        return w.fill(N_("the file is saved as UTF-16; save it again as UTF-8 (in Notepad: "
                         "Save As, Encoding: UTF-8)"))
    if encoding:
        return w.fill(N_("the file is not saved as UTF-8: it looks like {encoding}, an old "
                         "Vietnamese encoding. Convert it to Unicode (Unikey: Ctrl+Shift+F6) and save "
                         "it as UTF-8"))
    return w.fill(N_("the file is not saved as UTF-8 (the text cannot be read from here on); "
                     "save it again as UTF-8"))


def _unreadable(w: _Words) -> str:
    error = OSError(w.args.get("errno"), w.args["reason"])
    return w.fill(N_("the file cannot be read ({reason})"), reason=os_reason(error, w.lang))


def _too_large(w: _Words) -> str:
    return w.fill(N_("the file is {size} MiB, more than the {limit} MiB a plan may have; is it "
                     "the right file?"), size=w.number(_mebibytes(w.args["size"])),
                  limit=w.number(_mebibytes(w.args["limit"])))


def _mebibytes(size: int) -> Decimal:
    return (Decimal(size) / (1024 * 1024)).quantize(Decimal("0.1"))


def _unclosed_bracket(w: _Words) -> str:
    closing = {"[": "]", "{": "}"}.get(w.args.get("bracket", ""), "?")
    return w.fill(N_("the «{bracket}» opened here is not closed: «,» or «{closing}» was expected "
                     "by line {line}"), closing=closing)


def _type(w: _Words) -> str:
    found, value = w.args.get("found"), w.args.get("value")
    if found == "string":
        text = w.fill(N_("{field}: {expected} is expected, not the text «{value}»"))
    elif found in ("integer", "number"):
        text = w.fill(N_("{field}: {expected} is expected, not the number {value}"))
    else:
        text = w.fill(N_("{field}: {expected} is expected, not {found}"))
    if found == "boolean" and "string" in (w.args.get("expected") or ()):
        text += w.fill(N_(" (yes, no, on, off, true and false are read as true or false: put "
                          "the text in quotes)"), value=value)
    return text


def _number_as_text(w: _Words) -> str:
    value = str(w.args.get("value", ""))
    if "," in value or "." in value or "%" in value:
        return w.fill(N_("{field}: «{value}» is text, a number is expected: write {suggestion}, "
                         "with a decimal point, without quotes or «%» (the document prints it "
                         "with a decimal comma)"))
    return w.fill(N_("{field}: «{value}» is text, a number is expected: write {suggestion} "
                     "without quotes"))


def _basis_review(w: _Words) -> str:
    if w.args.get("number"):
        return w.fill(N_("check that {kind} {number} is still a basis of the plan for {year}"))
    return w.fill(N_("check that {kind} is still a basis of the plan for {year}"))


def _required(w: _Words) -> str:
    if w.args.get("key_title"):
        return w.fill(N_("{field}: the key `{key}` ({key_title}) is missing"))
    return w.fill(N_("{field}: the key `{key}` is missing"))


def _unknown_key(w: _Words) -> str:
    text = w.fill(N_("{field}: unknown key `{key}`"))
    if w.args.get("suggestion"):
        return text + w.fill(N_("; did you mean `{suggestion}`?"))
    return text + w.fill(N_("; the keys allowed here are: {allowed}"))


def _enum(w: _Words) -> str:
    return w.suggest(w.fill(N_("{field}: «{value}» is not one of {allowed}")))


def _slug(w: _Words) -> str:
    text = w.fill(N_("{field}: «{value}» is not an id: an id is written in lowercase letters "
                     "without accents, digits and dashes"))
    if w.args.get("suggestion"):
        text += w.fill(N_(", e.g. «{suggestion}»"))
    return text


def _pattern(w: _Words) -> str:  # the schema's description, as the note, says what is expected
    return w.fill(N_("{field}: «{value}» is not written in the expected form"))


# Punctuation a text must not start or end with, named in a message.
MARK_NAMES = {".": N_("the full stop «.»"), ",": N_("the comma «,»"), ";": N_("the semicolon «;»"),
              ":": N_("the colon «:»")}


def _mark(w: _Words, msgid: str) -> str:
    mark = w.args.get("mark", "")
    return w.fill(msgid, mark=w._(MARK_NAMES[mark]) if mark in MARK_NAMES else f"«{mark}»")


def _final_mark(w: _Words) -> str:
    return _mark(w, N_("{field}: remove {mark} at the end of «{value}»: kehoach puts in the "
                       "punctuation the document needs"))


def _first_mark(w: _Words) -> str:
    return _mark(w, N_("{field}: remove {mark} at the start of «{value}»"))


def _separator(w: _Words) -> str:
    return _mark(w, N_("{field}: «{value}» has {mark} inside: write one code per entry of the "
                       "list, such as «VT», «CSXH»; kehoach joins them with commas"))


def _upper_case(w: _Words) -> str:
    text = w.fill(N_("{field}: «{value}» has lowercase letters: this line is printed in capitals, "
                     "so type it in capitals"))
    return (text + w.fill(N_(", e.g. «{suggestion}»"))) if w.args.get("suggestion") else text


def _symbol(w: _Words) -> str:
    return w.suggest(w.fill(N_("{field}: «{value}» is not a document symbol: write abbreviations joined "
                               "by hyphens, in letters without accents (Đ is allowed) and digits, "
                               "starting with a capital letter, without the number or «/», e.g. "
                               "«KH-UBND», «QĐ-TTg», «UBND-CSXH»")))


def _min_items(w: _Words) -> str:
    count = w.args.get("limit", 0)
    return w.format(w.n_("{field}: has {count} entries, at least {limit} is needed",
                       "{field}: has {count} entries, at least {limit} are needed", count))


def _max_items(w: _Words) -> str:
    count = w.args.get("limit", 0)
    return w.format(w.n_("{field}: has {count} entries, at most {limit} is allowed",
                       "{field}: has {count} entries, at most {limit} are allowed", count))


def _min_length(w: _Words) -> str:
    count = w.args.get("limit", 0)
    return w.format(w.n_("{field}: must be at least {limit} character long",
                       "{field}: must be at least {limit} characters long", count))


def _reduction(w: _Words) -> str:
    if w.args.get("field") == "rate":  # figures are percentages: "4,2%" (no "%" in a msgid: it
        figures = {name: w.percent(w.args.get(name)) for name in ("stated", "computed", "baseline", "target")}
        if w.args.get("baseline") is None or w.args.get("target") is None:  # reads as %-format)
            return w.fill(N_("the stated reduction of the rate of «{indicator}» is {stated} but the "
                             "figures give {computed}"), **figures)
        return w.fill(N_("the stated reduction of the rate of «{indicator}» is {stated} but "
                         "baseline {baseline} − target {target} gives {computed}"), **figures)
    if w.args.get("baseline") is None or w.args.get("target") is None:
        return w.fill(N_("the stated reduction of «{indicator}» is {stated} but the figures give "
                         "{computed}"))
    return w.fill(N_("the stated reduction of «{indicator}» is {stated} but baseline {baseline} − "
                     "target {target} gives {computed}"))


# `which` figure of an indicator, and the fields of a figure
FIGURE_NAMES = {"baseline": N_("baseline"), "target": N_("target"), "milestone": N_("milestone"),
                "actual": N_("result")}
FIELD_NAMES = {"rate": N_("rate"), "count": N_("count")}


def _rate_count(w: _Words) -> str:
    rates = {name: w.percent(w.args.get(name)) for name in ("rate", "computed_rate")}
    which = w.args.get("which")
    if which is not None:
        return w.fill(N_("the {which} rate {rate} of «{indicator}» does not agree with its count: "
                         "{count} of {households} households is {computed_rate}"),
                      which=w._(FIGURE_NAMES.get(which, which)), **rates)
    if w.args.get("village") is not None:
        return w.fill(N_("the rate {rate} of «{indicator}» in «{village}» does not agree with its "
                         "count: {count} of the village's {households} households is {computed_rate}"),
                      **rates)
    if w.args.get("year") is not None:
        return w.fill(N_("the rate {rate} of «{indicator}» in {year} does not agree with its "
                         "count: {count} of {households} households is {computed_rate}"), **rates)
    return w.fill(N_("the rate {rate} of «{indicator}» does not agree with its count: {count} "
                     "of {households} households is {computed_rate}"), **rates)


def _figure_place(w: _Words) -> str:
    """Returns which figure of which indicator a problem is about: «hộ nghèo», target 2024."""
    which = w._(FIGURE_NAMES.get(w.args.get("which"), w.args.get("which")))
    if w.args.get("village") is not None:
        return w.fill(N_("«{indicator}», {village}, {which}"), which=which)
    return w.fill(N_("«{indicator}», {which} (end of {year})"), which=which)


def _incomplete(w: _Words) -> str:
    missing = w.args.get("missing", "count")
    names = {"missing": w._(FIELD_NAMES[missing]),
             "given": w._(FIELD_NAMES["rate" if missing == "count" else "count"]),
             "key": missing, "place": _figure_place(w)}
    if w.args.get("village") is not None:
        return w.fill(N_("{place}: only the {given} is written, and the village table prints the "
                         "{missing} too: write `{key}`, or the village's number of households "
                         "(`households`) for kehoach to compute it"), **names)
    if w.args.get("which") == "milestone":
        return w.fill(N_("{place}: only the {given} is written, and the document prints a "
                         "milestone's {missing}: write `{key}`, or the commune's number of "
                         "households (`households`, at the top of the plan) for kehoach to "
                         "compute it"), **names)
    return w.fill(N_("{place}: only the {given} is written, and the document prints the "
                     "{missing} too: write `{key}`, or the commune's number of households "
                     "(`households`, at the top of the plan) for kehoach to compute it"), **names)


def _rate_unreachable(w: _Words) -> str:
    rates = {name: w.percent(w.args.get(name)) for name in ("rate", "below_rate", "above_rate")}
    return w.fill(N_("{place}: no number of households out of {households} gives {rate} ({below} "
                     "gives {below_rate}, {above} gives {above_rate}): check the rate, or write "
                     "the count (`count`)"), place=_figure_place(w), **rates)


def _count_ambiguous(w: _Words) -> str:
    return w.fill(N_("{place}: the count is computed as {count} ({rate} of {households} "
                     "households), but every count from {first} to {last} prints as {rate}: write the "
                     "count (`count`) if it is another"), place=_figure_place(w), rate=w.percent(w.args.get("rate")))


def _village_counts(w: _Words) -> str:
    which = w._(FIGURE_NAMES.get(w.args.get("which"), w.args.get("which")))
    return w.fill(N_("the {villages} villages of «{indicator}» add up to {sum} at the {which}, but the "
                     "commune's count is {count}: is a village missing, or a count wrong?"), which=which)


def _count_above_households(w: _Words) -> str:
    return w.fill(N_("{place}: the count {count} is more than the {households} households it is a "
                     "share of, so its rate would be {rate}: check the count, or the number of "
                     "households (`households`)"), place=_figure_place(w), rate=w.percent(w.args.get("rate")))


def _row_cells(w: _Words) -> str:
    return w.format(w.n_("this row has {cells} cell but the table has {columns} columns: write one "
                         "value per column, in order (\"\" for an empty cell)",
                         "this row has {cells} cells but the table has {columns} columns: write one "
                         "value per column, in order (\"\" for an empty cell)", w.args.get("cells", 0)))


def _word_breaks(w: _Words) -> str:
    words = w.args.get("words") or []
    quoted = [f"«{word}»" for word in words]  # each cut on its own when long, never the list
    if not w.args.get("fitted"):
        return w.format(w.n_(
            "{quoted} is wider than its column and would break in the middle of the word: give the "
            "column a larger width, or leave out the widths of all the columns so that they are "
            "fitted to their texts",
            "{quoted} are wider than their columns and would break in the middle of the word: give "
            "those columns larger widths, or leave out the widths of all the columns so that they "
            "are fitted to their texts", len(words)), quoted=quoted)
    where = w.args.get("where")
    if where == "landscape":
        return w.fill(N_("the table is too wide even for a landscape page: with its columns fitted "
                         "to their texts, {quoted} would still break in the middle of the word; use "
                         "fewer columns or shorter words"), quoted=quoted)
    if where == "appendix":
        return w.fill(N_("the table is too wide for a portrait page: with its columns fitted to "
                         "their texts, {quoted} would still break in the middle of the word; print "
                         "the appendix on landscape pages (`landscape: true`), or use fewer columns "
                         "or shorter words"), quoted=quoted)
    return w.fill(N_("the table is too wide for a portrait page: with its columns fitted to their "
                     "texts, {quoted} would still break in the middle of the word; move the table "
                     "into an appendix printed on landscape pages (`landscape: true`), or use fewer "
                     "columns or shorter words"), quoted=quoted)


def _row_columns(w: _Words) -> str:
    told = w.format(w.n_("the cells of this row cover {cells} column, spans counted, but the table has "
                         "{columns} columns to write: write one value per column, in order (\"\" for "
                         "an empty cell; a cell with span covers that many columns)",
                         "the cells of this row cover {cells} columns, spans counted, but the table has "
                         "{columns} columns to write: write one value per column, in order (\"\" for "
                         "an empty cell; a cell with span covers that many columns)", w.args.get("cells", 0)))
    if w.args.get("numbered"):
        told += w.fill(N_("; leave out «{numbered}»: kehoach numbers it"))
    return told


def _direction(w: _Words) -> str:
    # rates with their per cent sign ("9,2%"), counts as they are
    figures = ({name: w.percent(w.args.get(name)) for name in ("baseline", "target")}
               if w.args.get("field") == "rate" else {})
    if w.args.get("direction") == "increase":
        return w.fill(N_("«{indicator}» is to go up, but the target {target} is not above the "
                         "baseline {baseline}"), **figures)
    return w.fill(N_("«{indicator}» is to go down, but the target {target} is not below the "
                     "baseline {baseline}"), **figures)


def _ladder_direction(w: _Words) -> str:
    rates = {name: w.percent(w.args.get(name)) for name in ("rate", "previous_rate")}
    if w.args.get("direction") == "increase":
        return w.fill(N_("«{indicator}» is to go up, but its step for {year}, {rate}, is below the "
                         "one for {previous}, {previous_rate}: is a figure mistyped?"), **rates)
    return w.fill(N_("«{indicator}» is to go down, but its step for {year}, {rate}, is above the "
                     "one for {previous}, {previous_rate}: is a figure mistyped?"), **rates)


def _unknown_reference(kind_message: str) -> Callable[[_Words], str]:
    def wording(w: _Words) -> str:
        import difflib

        close = difflib.get_close_matches(str(w.args.get("id", "")), list(w.args.get("known") or ()), n=1)
        text = w.fill(kind_message)
        if close:
            return text + w.fill(N_("; did you mean «{suggestion}»?"), suggestion=close[0])
        if w.args.get("known"):
            return text + w.fill(N_(" (known: {known})"))
        return text
    return wording


def _unknown_topic(w: _Words) -> str:
    known = w.args.get("known") or ()
    if not known:
        return w.fill(N_("no section of the plan is titled «{topic}», and no section gives duties: "
                         "remove the topics"))
    return w.fill(N_("no section of the plan that gives duties is titled «{topic}»: write the title "
                     "of one of them as the plan writes it: {titles}"),
                  titles="; ".join(f"«{title}»" for title in known))


def _duplicate_id(w: _Words) -> str:
    if w.args.get("first_line"):
        return w.fill(N_("the id «{id}» is already used on line {first_line}"))
    return w.fill(N_("the id «{id}» is already used above"))


def _line_too_long(w: _Words) -> str:
    place = w.args.get("place")
    if place == "summary":
        where = w._("the width of the page")
    elif place == "authority":
        where = w._("the signature column")
    else:
        where = w._("the left column of the header")
    return w.fill(N_("«{line}» is longer than one line of {where}: its last words would fall onto "
                     "a line of their own; break it into lines yourself, between phrases (a list, "
                     "one line per entry)"), where=where)


# Every code kehoach emits. A string is filled as it is; a function chooses among wordings.
def _emphasis(bold: str, italic: str) -> Callable[[_Words], str]:
    """Returns the wording of a markup problem, one message for bold (**) and one for italic (__)."""
    return lambda w: w.fill(bold if w.args.get("marker") == "**" else italic)


MESSAGES: dict[str, str | Callable[[_Words], str]] = {
    # load: reading the file
    "load.missing": N_("file not found"),
    "load.not_a_file": N_("this is a folder, not a plan file"),
    "load.permission": N_("the file cannot be read: permission denied"),
    "load.not_regular": N_("this is not a plan file but a pipe, a socket or a device; give the "
                           "path of a .yaml file"),
    "load.unreadable": _unreadable,
    "load.too_large": _too_large,
    "load.empty": N_("the file is empty: a plan starts with `year:`, `document:` …"),
    "load.not_utf8": _not_utf8,
    "load.control_char": N_("an invisible control character ({char}) is here, often pasted from "
                            "another program; delete it"),
    "load.tab_indent": N_("this line is indented with a tab; YAML allows only spaces: replace the "
                          "tab with spaces"),
    "load.duplicate_key": N_("the key `{key}` is written twice here (first on line {first_line}); "
                             "keep only one"),
    "load.unsafe_tag": N_("the tag {tag} is refused: a plan holds only text, numbers, lists and keys"),
    "load.unknown_tag": N_("unknown tag {tag}; remove it (a text starting with «!» goes in quotes)"),
    "load.bad_scalar": N_("«{value}» cannot be read as {tag}"),
    "load.not_finite": N_("«{value}» is not a usable number"),
    "load.surprising_number": N_("«{value}» is read as the number {result} (in YAML 1.1 a leading 0 "
                                 "means base 8 and «:» base 60); put it in quotes if it is text"),
    "load.decimal_comma": N_("«{value}» between «{{ }}» reads as two values; write the number with "
                             "a decimal point: {suggestion}"),
    "load.merge_key": N_("`<<` (merging keys) is not supported in a plan; write the keys out"),
    "load.complex_key": N_("a key must be a word (`key: value`), not a list or a group of keys"),
    "load.recursive_alias": N_("the alias *{name} is used inside its own anchor &{name}"),
    "load.too_deep": N_("nested more than {limit} levels deep; a plan never needs that many"),
    "load.too_many_nodes": N_("the file expands to more than {limit} values (each alias repeats "
                              "its anchor); not read further"),
    "load.not_mapping": N_("a plan is a group of keys (`year:`, `document:` …) at the top, but "
                           "this file holds {found}"),
    "load.multiple_documents": N_("a second YAML document starts here (`---`); a file holds one plan"),
    # yaml: the parser stopped (its wording is never shown)
    "yaml.unexpected_colon": N_("unexpected «:» here: a text containing «: » must be put in quotes, "
                                "or this line is indented too far"),
    "yaml.dash_in_value": N_("«- » cannot start a value on the line of its key: remove the dash "
                             "(kehoach writes the markers) or start the list on the next line"),
    "yaml.missing_colon": N_("this line is not `key: value` nor `- entry`: a «:» is missing, or a "
                             "long text goes on without being indented more than its key"),
    "yaml.unclosed_quote": N_("the quote {quote} opened here is never closed"),
    "yaml.bad_escape": N_("inside double quotes «\\» starts an escape: write «\\\\», or use single "
                          "quotes"),
    "yaml.unclosed_bracket": _unclosed_bracket,
    "yaml.reserved_char": N_("a value cannot start with «{char}»: put the text in quotes"),
    "yaml.bad_indent": N_("this line does not line up with the lines above it (the block starts on "
                          "line {start_line}); check its indentation"),
    "yaml.syntax": N_("the YAML is broken here: check the quotes, «:» and indentation of this line "
                      "and the one above"),
    "yaml.unknown_alias": N_("*{name} refers to no anchor &{name} above"),
    "yaml.duplicate_anchor": N_("the anchor &{name} is already defined on line {first_line}"),
    # schema: the shape of the plan
    "schema.type": _type,
    "schema.no_value": N_("{field}: has no value; write {expected} after the «:»"),
    "schema.number_as_text": _number_as_text,
    "schema.required": _required,
    "schema.unknown_key": _unknown_key,
    "schema.enum": _enum,
    "schema.const": N_("{field}: must be «{expected}», not «{value}»"),
    "schema.date_impossible": N_("{field}: {value} is not a real date (that month has no such day)"),
    "schema.date_format": N_("{field}: «{value}» is not a date written year-month-day, such as "
                             "\"2023-05-18\""),
    "schema.format": N_("{field}: «{value}» is not a valid {format}"),
    "schema.spaces": N_("{field}: remove the spaces at the start or end of «{value}»"),
    "schema.list_marker": N_("{field}: do not type the marker «{marker}»: kehoach numbers and marks "
                             "the lines itself"),
    "schema.end_mark": N_("{field}: do not type the end mark «./.»: kehoach adds it"),
    "schema.slug": _slug,
    "schema.line_break": N_("{field}: the text is cut into several lines: write it as one line (in "
                            "the plan a long text may go on, indented, on the next lines, without «|»)"),
    "schema.final_mark": _final_mark,
    "schema.first_mark": _first_mark,
    "schema.separator": _separator,
    "schema.upper_case": _upper_case,
    "schema.symbol": _symbol,
    "schema.letter_vv": N_("{field}: do not type «V/v»: kehoach prints it before the summary"),
    "schema.as_above": N_("{field}: do not type «Như trên»: kehoach prints «- Như trên;» first in "
                          "the recipients of every letter"),
    "schema.pattern": _pattern,
    "schema.initials": N_("{field}: «{value}» is not written as initials: the first letters of the "
                          "drafter's name in capitals, run together, without spaces, dots or tone "
                          "marks (Đ stays Đ), such as NVA for Nguyễn Văn An"),
    "schema.minimum": N_("{field}: {value} is less than the minimum, {limit}"),
    "schema.maximum": N_("{field}: {value} is more than the maximum, {limit}"),
    "schema.exclusive_minimum": N_("{field}: must be more than {limit}, not {value}"),
    "schema.exclusive_maximum": N_("{field}: must be less than {limit}, not {value}"),
    "schema.empty_text": N_("{field}: must not be empty"),
    "schema.min_length": _min_length,
    "schema.max_length": N_("{field}: too long, {length} characters where {limit} at most are allowed"),
    "schema.long_id": N_("{field}: too long, {length} characters where {limit} at most are allowed: "
                         "an id names the unit's files (giao-nhiem-vu/<id>.docx), and Windows cannot "
                         "open a path much longer; shorten it, e.g. to initials, or run kehoach upgrade "
                         "on this file, which shortens every id longer than that and each use of it"),
    "schema.empty_list": N_("{field}: the list is empty; write at least one entry or remove the key"),
    "schema.min_items": _min_items,
    "schema.max_items": _max_items,
    "schema.duplicate_item": N_("{field}: «{value}» is already entry {first} of this list"),
    "schema.empty_mapping": N_("{field}: is empty; write at least one of {keys}"),
    "schema.forbidden": N_("{field}: not allowed here"),
    "schema.ambiguous": N_("{field}: fits more than one form; make it clearer"),
    "schema.invalid": N_("{field}: does not follow the plan format (rule «{keyword}»)"),
    # a basis document's number, year and symbol (schema_errors: which part, how to write it)
    "citation.parts": N_("{field}: «{value}» holds several parts of the document's number; write "
                         "each part under its own key: {parts}"),
    "citation.number": N_("{field}: «{value}» is not a document's number: write its digits only, "
                          "such as 38 for «Nghị định số 38/2023/NĐ-CP»; the year and the symbol "
                          "go under year and symbol"),
    "citation.year": N_("{field}: «{value}» is not the year in a document's number: write its "
                        "four digits, such as 2023 for «Nghị định số 38/2023/NĐ-CP»; leave it out "
                        "when the number has no year, as in «Quyết định số 1719/QĐ-TTg»"),
    "citation.symbol": N_("{field}: «{value}» is not a document's symbol: write the letters (Đ "
                          "included), digits and «&» that follow the number and the year, parts "
                          "joined by «-», without spaces or «/», such as NĐ-CP, TT-BLĐTBXH, "
                          "QĐ-BNN&MT or QH14"),
    # meaning checks (checks.py)
    "figures.reduction": _reduction,
    "figures.rate_count": _rate_count,
    "figures.direction": _direction,
    "lint.ladder_direction": _ladder_direction,
    "lint.deadline_form": N_("«{deadline}» is not a form of deadline that plans write; write a "
                             "date (\"2026-06-30\", printed 30/6/2026) or one of: Năm 2026, Quý "
                             "III/2026, Tháng 12/2026, 6 tháng đầu năm 2026, Trước ngày 15/12/2026, "
                             "Trước ngày 15/12 hằng năm, Hằng năm, Hằng quý, Hằng tháng, Thường "
                             "xuyên, Giai đoạn 2026 - 2030"),
    "lint.ladder_order": N_("this step is for {year}, not after {previous}, the year before it: "
                            "write the steps from the earliest year to the latest, after the "
                            "target's"),
    "figures.incomplete": _incomplete,
    "figures.rate_unreachable": _rate_unreachable,
    "figures.count_ambiguous": _count_ambiguous,
    "figures.count_above_households": _count_above_households,
    "table.row_cells": _row_cells,
    "table.word_breaks": _word_breaks,
    "table.row_columns": _row_columns,
    "table.total_not_number": N_("the column «{column}» is totalled, but this cell holds «{value}», "
                                 "not a number: write the figure alone, as 1125.5 (printed 1.125,5), "
                                 "or \"\" for an empty cell"),
    "table.total_differs": N_("this «Tổng cộng» row gives «{stated}» in the column «{column}», but "
                              "the rows add up to {computed}: write {computed}, or delete the row and "
                              "kehoach writes the total"),
    "table.label_number": N_("YAML reads {written} as a number, printed «{shown}» in the column "
                             "«{column}»: if it is a label, put it in quotes (\"{written}\"); if it "
                             "is a figure, align the column right (align: right)"),
    "lint.village_counts": _village_counts,
    "lint.village_households": N_("the {villages} villages of «{indicator}» have {sum} households in "
                                  "all, but the commune has {households}: is a village missing, or a "
                                  "number of households out of date?"),
    "ref.unknown_unit": _unknown_reference(N_("no unit has the id «{id}»")),
    "ref.unknown_indicator": _unknown_reference(N_("no indicator has the id «{id}»")),
    "ref.duplicate_id": _duplicate_id,
    "ref.unknown_source": _unknown_reference(N_("no funding source has the id «{id}»")),
    "funding.no_data": N_("this block prints the plan's funding, but the plan states none: write "
                          "the funding (its unit, sources and activities with their amounts), or "
                          "delete the block"),
    "funding.total_differs": N_("this total is {stated} {unit}, but the amounts add up to {computed} "
                                "{unit}: write {computed}, or delete the total and kehoach computes it"),
    "funding.overspent": N_("«{activity}» spent {spent} {unit} from «{source}», more than the "
                            "{planned} {unit} planned: check the figure, or record why in the report"),
    "results.actual_year": N_("this result of «{indicator}» is for {year}, but the plan is for "
                              "{plan_year}: write the result at the end of {plan_year}; next year's "
                              "figures go in next year's plan"),
    "results.missing_actual": N_("no result recorded yet for {names}: the report prints «chưa có số "
                                 "liệu» in its place; write the actual figures at the end of the year"),
    "results.missing_status": N_("{count} duty(ies) of «{unit}» have no result recorded yet: the "
                                 "report prints «chưa có số liệu» for them; write each duty's status "
                                 "(done, in_progress or not_done)"),
    "results.missing_spent": N_("no spending recorded yet for {activities}: the report prints «chưa "
                                "có số liệu» in its place; write what each activity spent"),
    "ref.table_without_figure": N_("the table by village of «{indicator}» prints its baseline and "
                                   "its target, but it has no `{key}`: give it one, or name the "
                                   "indicator in an indicators block instead"),
    "ref.self_support": N_("the unit «{id}» is listed among its own supporting units"),
    "ref.support_without_lead": N_("supporting units ({support}) are given but no lead unit: add `lead`"),
    "date.invalid": N_("{value} is not a real date"),
    "letter.deadline_before_date": N_(
        "the deadline «{deadline}» is before the letter's date, {date}: correct the deadline or "
        "the letter's date"),
    "letter.not_a_plan": N_(
        "this file is a standalone letter (kind: cong-van), not a plan: «kehoach {command}» works on "
        "plans only; check the letter with «kehoach validate» and make it with «kehoach build»"),
    "unit.no_duties": N_("the unit «{id}» has no duty"),
    "lint.speaker_chairman_signed_for_body": N_(
        "the letters speak as the Chairman, but are signed «{signature}», for the body: let the "
        "body speak (issuer), or sign as the Chairman (KT., or the Chairman himself)"),
    "lint.speaker_body_signed_by_chairman": N_(
        "the letters speak as the body, but are signed «{signature}», as the Chairman: let the "
        "Chairman speak (chairman), or sign TM. for the body"),
    "lint.deadline_before_year": N_("the deadline «{deadline}» is before the plan's year, {year}: "
                                    "is it last year's?"),
    "duty.deadline_after_year": N_("the deadline «{deadline}» is after the plan's year, {year}"),
    "lint.deadline_before_term": N_("the deadline «{deadline}» is before the plan's period, {year}: "
                                    "is it from an earlier plan?"),
    "duty.deadline_after_term": N_("the deadline «{deadline}» is after the plan's period, {year}: "
                                   "write a date within it"),
    "term.period_order": N_("the period ends in {end_year}, not after it starts ({start_year}): "
                            "write the first year under from and a later last year under to, such "
                            "as «from: 2026» and «to: 2030»; a plan for one year writes «year: 2026» "
                            "instead"),
    "term.campaign_order": N_("the campaign ends on {end}, before it starts ({start}): write its "
                              "first day under start and its last day, the same or later, under "
                              "end, such as «start: \"2026-03-01\"» and «end: \"2026-06-30\"»"),
    "indicator.target_missing": N_("the target of «{indicator}» for {year} is not filled in yet"),
    "indicator.village_target_missing": N_("the target of «{indicator}» in {village} for {year} is "
                                           "not filled in yet"),
    "basis.review": _basis_review,
    # bold and italic inside a text (emphasis.py)
    "emphasis.unclosed": _emphasis(
        N_("the bold opened by «**» in «{excerpt}» is never closed: put «**» after the last bold "
           "word, **like this**; to print an asterisk, write «\\*»"),
        N_("the italic opened by «__» in «{excerpt}» is never closed: put «__» after the last italic "
           "word, __like this__; to print an underscore, write «\\_»")),
    "emphasis.crossed": N_("bold and italic cross in «{excerpt}»: close first what was opened last, "
                           "**bold __bold and italic__ bold**; to print «{marker}», write «{escaped}»"),
    "emphasis.empty": N_("«{marker}{marker}» in «{excerpt}» marks no words: put the words between the "
                         "markers; to print the characters themselves, write «{escaped}{escaped}»"),
    "emphasis.not_here": N_("«{marker}» in «{excerpt}»: bold and italic cannot be chosen in titles, "
                            "summaries, names and citations, which print as Decree 30 sets them; "
                            "remove the markers"),
    "lint.cited_type_lowercase": N_("«{kind}» cites a specific document: Decree 30 (Phụ lục II) "
                                    "writes its type with a capital letter, «{capitalised}»"),
    "lint.citation_year": N_("the number {number} holds the year {year}, but the document is "
                             "dated {dated}: is the year or the date mistyped?"),
    "lint.summary_year": N_("the summary line does not say the plan's year, {year}"),
    "lint.abbreviation_not_defined": N_("«{abbreviation}» is used before it is written out: "
                                        "Decree 30 writes the words in full the first time, with "
                                        "«({abbreviation})» right after them"),
    "page.line_too_long": _line_too_long,
    "page.summary_capitals": N_("«{line}» is typed in capitals: Decree 30 prints the summary in "
                                "bold, in normal case, as «{normal}»"),
    "lint.rate_precision": N_("the rate {rate} has more decimals than the document prints ({printed})"),
    "lint.issuer_abbreviated": N_("the issuing body is abbreviated («{name}»); Decree 30 asks for "
                                  "its full name, e.g. «{full}»"),
    "lint.appendix_not_referenced": N_("the plan has an appendix but its text never points to it; "
                                       "Decree 30 asks for a sentence such as «… chi tiết tại Phụ "
                                       "lục kèm theo»"),
    "lint.unit_not_printed": N_("the unit «{name}» has duties, but no units block prints it, so the "
                                "plan never says what it must do: add the line «- units: [{id}]» "
                                "(or «- units: all») to the content of the section Tổ chức thực "
                                "hiện"),
    "lint.collector_unnamed": N_("the reports go to «{to}», through «{name}», one of the plan's "
                                 "units: its own letter would tell it to report through itself. Add "
                                 "«collector: {id}» under reporting, and its letter tells it to "
                                 "collect the reports and report them"),
    "lint.letterless_addressed": N_("the unit «{name}» is marked «letter: false», but this letter "
                                    "is addressed to it, so it gets the letter: remove it from the "
                                    "list, or remove «letter: false»"),
    "lint.issued_without_letter": N_("the number of «{name}»'s own letter is recorded, but that "
                                     "letter is never made (the unit gets a letter to several units, "
                                     "or none): record the number under «issued» of the letter it "
                                     "gets, or remove this line"),
    "lint.topic_without_duties": N_("the section «{topic}» gives no duty to the units this letter "
                                    "is addressed to: remove it from the topics, or address the "
                                    "letter to the units that have duties there"),
    "lint.duty_not_sent": N_("«{name}» has this duty, but no letter sends it: add its section to "
                             "the topics of a letter addressed to «{name}»"),
    "letter.unknown_topic": _unknown_topic,
    "letter.topics_by_unit": N_("this letter names its topics, so its duties are grouped by "
                                "section: remove «group_by: unit», or remove the topics to group "
                                "the duties by unit"),
    "lint.district_after_reform": N_("the parent body «{parent}» is a district, but districts no "
                                     "longer exist from 01/7/2025"),
    # building and saving
    "template.syntax": N_("template syntax error: {detail}"),
    "template.error": N_("template error: {detail}"),
    "template.output": N_("the template wrote malformed output: {detail}"),
    "template.unknown_role": N_("the template used an unknown document role «{role}»"),
    "template.forbidden": N_("the template reaches for «{name}», which templates may not use: a "
                             "template reads the plan's values and uses kehoach's filters, but may "
                             "not open internal names (those starting with «_») nor change a list "
                             "or a mapping"),
    "template.forbidden_call": N_("the template calls something templates may not call: a template "
                                  "reads the plan's values and uses kehoach's filters, but may not "
                                  "call anything else"),
    "template.division_by_zero": N_("division by zero: test that the divisor is not 0 before "
                                    "dividing"),
    "template.recursion": N_("a macro calls itself, or a template includes or imports itself, "
                             "without end"),
    "template.budget_time": N_("the template ran for more than {seconds} seconds, the limit for "
                               "one document: does a loop never end?"),
    "template.budget_size": N_("the template writes more than {characters} characters, the limit "
                               "for one document: does a loop or a repetition («*») make the "
                               "text too long?"),
    "template.budget_range": N_("range() counts at most {count} numbers in a template"),
    "template.encoding": N_("the template is not saved as UTF-8 (the byte {byte} here cannot be "
                            "read); save it again as UTF-8"),
    "template.unreadable": N_("the template cannot be read: {reason}"),
    "template.not_a_file": N_("the template is not a regular file: put the template's text file "
                              "here"),
    "template.outside": N_("the template is a link to «{path}», outside its templates folder, "
                           "and is not read: copy the file into the folder instead"),
    "path.unsafe_name": N_("«{name}» cannot be used as the name of an output folder: rename the file "
                           "with letters, digits, «-» and «_» (dots only inside, no spaces), at most "
                           "{limit} characters, for example «{suggestion}.yaml»"),
    "layout.sheet_pages": N_("the task sheet of «{unit}» will print on {pages} pages, not one: "
                             "shorter duty texts would fit it on one page"),
}


# The system's reasons a file cannot be written or read, by errno: the common ones in the clerk's
# words; any other falls back to the system's own text (`os.strerror`, in English).
_OS_REASONS = {
    "EACCES": N_("permission denied"),
    "EPERM": N_("the operation is not permitted"),
    "ENOSPC": N_("the disk is full"),
    "EDQUOT": N_("the disk quota is used up"),
    "EROFS": N_("the disk is read-only"),
    "EISDIR": N_("a folder stands where a file goes"),
    "ENOTDIR": N_("a file stands where a folder goes"),
    "ENAMETOOLONG": N_("the name is too long"),
    "EEXIST": N_("the file exists already"),
    "ENOENT": N_("no such file or folder"),
    "EBUSY": N_("the file is in use"),
    "EMFILE": N_("too many open files"),
    "EIO": N_("an input/output error of the disk"),
    "EXDEV": N_("the folders are on different disks"),
    "ELOOP": N_("a symbolic link stands where a folder goes, and kehoach does not write through "
                "links"),
}


def os_reason(error: OSError, lang: str = DEFAULT_LANGUAGE) -> str:
    """Returns why the system refused (`error`), as the clerk reads it in `lang`."""
    import errno

    name = errno.errorcode.get(error.errno or 0)
    if name in _OS_REASONS:
        return translator(lang).gettext(_OS_REASONS[name])
    if error.strerror:
        return error.strerror
    return os.strerror(error.errno) if error.errno else str(error) or type(error).__name__
