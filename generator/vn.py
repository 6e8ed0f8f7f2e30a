"""Vietnamese numbers, dates, document numbers and list markers, as Decree 30 writes them.

Pure functions; `nd30-format.md` §5.3, §5.4, §5.6 and §6 are the rules cited below.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

# Rates are written with one decimal, as the plans do ("9,2%", "5,0%"); the rate checks
# compare at the same precision.
RATE_DECIMALS = 1

BLANK = " " * 5  # room left for a number or day filled in by hand (§5.3, §5.4)

# Điểm letters follow the Vietnamese alphabet: no f, j, w, z; đ after d (§5.6).
LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]

_ORDINAL_WORDS = ["nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười"]


def number(value: Decimal | int | float, decimals: int | None = None) -> str:
    """Returns `value` with a thousands dot and a decimal comma: 1525 → "1.525", 4.2 → "4,2".

    `decimals` fixes the digits after the comma (rounding half up); None keeps what the
    value has, so a plan's 5.0 prints "5,0" as written.
    """
    amount = value if isinstance(value, Decimal) else Decimal(str(value))
    if decimals is not None:
        amount = amount.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    whole, _, fraction = f"{abs(amount):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def percent(value: Decimal | int | float, decimals: int | None = None) -> str:
    """Returns a percentage with no space before the sign: 4.2 → "4,2%" (§6)."""
    return f"{number(value, decimals)}%"


def rate(value: Decimal | int | float) -> str:
    """Returns a rate as every document prints it, and `diff` and `new` show it: one decimal,
    rounded half up, 4.95 → "5,0%" (the plans write rates so; the checks compare so)."""
    return percent(value, RATE_DECIMALS)


def count(value: int, unit: str) -> str:
    """Returns a count with its unit as the documents print it: "1.525 hộ"."""
    return f"{number(value)} {unit}"


def figure(rate_: Decimal | int | float | None, count_: int | None, unit: str) -> str:
    """Returns a figure as the documents print it: "5,0%, 76 hộ" ("" when it has neither)."""
    parts = []
    if rate_ is not None:
        parts.append(rate(rate_))
    if count_ is not None:
        parts.append(count(count_, unit))
    return ", ".join(parts)


def cell(value: object) -> str:
    """Returns a table cell's value as printed: numbers the Vietnamese way, text as it is."""
    if isinstance(value, (Decimal, float)) or (isinstance(value, int) and not isinstance(value, bool)):
        return number(value)
    return str(value)


def two_digits_below_ten(value: int) -> str:
    """Returns 5 → "05", 12 → "12": numbers and days below 10 are zero-padded (§5.3, §5.4)."""
    return f"{value:02d}"


def month_text(month: int) -> str:
    """Returns a month as the decree writes it: only January and February are padded (§5.4)."""
    return f"{month:02d}" if month in (1, 2) else str(month)


def long_date(day: int | None, month: int | None, year: int, blank: str = BLANK) -> str:
    """Returns "ngày 05 tháng 6 năm 2023"; a missing day or month becomes room to fill by hand."""
    day_part = f" {two_digits_below_ten(day)} " if day is not None else blank
    month_part = f" {month_text(month)} " if month is not None else blank
    return f"ngày{day_part}tháng{month_part}năm {year}"


def short_date(day: int, month: int, year: int) -> str:
    """Returns the short form of a date in running text and tables: "05/6/2023", "28/02/2023",
    padded as the long form is (§6, §5.4)."""
    return f"{two_digits_below_ten(day)}/{month_text(month)}/{year}"


def deadline(text: str) -> str:
    """Returns a deadline as printed: an ISO date "2026-06-30" becomes "30/6/2026" (§6); any
    other text ("Quý III/2023", "Thường xuyên") is printed as written."""
    match = _ISO_DATE.match(text)
    if match is None:
        return text
    year, month, day = (int(part) for part in match.groups())
    return short_date(day, month, year)


def place_date(place: str, day: int | None, month: int | None, year: int) -> str:
    """Returns the ô 4 line: "Xuân Phúc, ngày     tháng 6 năm 2023" (§5.4)."""
    return f"{place}, {long_date(day, month, year)}"


def reference(num: int | None, symbol: str, blank: str = BLANK) -> str:
    """Returns "05/KH-UBND", or "     /KH-UBND" while the document has no number."""
    return f"{two_digits_below_ten(num) if num is not None else blank}/{symbol}"


def document_number(num: int | None, symbol: str) -> str:
    """Returns the ô 3 line: "Số: 05/KH-UBND", or "Số:     /KH-UBND" before signing (§5.3)."""
    return f"Số: {reference(num, symbol)}" if num is not None else f"Số:{reference(None, symbol)}"


def drafter_mark(initials: str | None, copies: int | None) -> str:
    """Returns the ô 12 line under "Lưu": the drafter's initials and the number of copies
    issued, as the decree's example "PL.(300)"; either part alone, "NVA" or "(300)"; "" for
    neither (nd30-format §4 row 31)."""
    count = f"({copies})" if copies is not None else ""
    return f"{initials}.{count}" if initials and count else initials or count


def roman(value: int) -> str:
    """Returns the Roman numeral of a positive integer: 4 → "IV"."""
    if value < 1:
        raise ValueError(f"no Roman numeral for {value}")
    digits = []
    for amount, symbol in _ROMAN:
        count, value = divmod(value, amount)
        digits.append(symbol * count)
    return "".join(digits)


def letter(value: int) -> str:
    """Returns the điểm letter of the 1-based `value`: 5 → "đ"; past "y" the letters double."""
    count = len(LETTERS)
    return LETTERS[(value - 1) % count] * ((value - 1) // count + 1)


def ordinal_word(value: int) -> str:
    """Returns "nhất", "hai", … for "Phần thứ nhất"; past ten, the numeral."""
    return _ORDINAL_WORDS[value - 1] if 1 <= value <= len(_ORDINAL_WORDS) else str(value)


def marker(style: str, ordinal: int, parent_label: str = "") -> str:
    """Returns a list marker: style "I." → "II.", "1." → "2.", "1.1." → "3.2." (with parent "3"),
    "a)" → "b)", "(1)" → "(2)", "-" and "+" as they are."""
    match style:
        case "I.":
            return f"{roman(ordinal)}."
        case "1.":
            return f"{ordinal}."
        case "1.1.":
            return f"{parent_label}.{ordinal}." if parent_label else f"{ordinal}."
        case "a)":
            return f"{letter(ordinal)})"
        case "(1)":
            return f"({ordinal})"
        case "-" | "+":
            return style
    raise ValueError(f"unknown numbering style {style!r}")


def end_mark(text: str) -> str:
    """Returns `text` ending with the end-of-text mark "./." (nd30-format §4 row 39)."""
    stripped = text.rstrip()
    if stripped.endswith("./."):
        return stripped
    return f"{stripped}/." if stripped.endswith(".") else f"{stripped}./."


_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_GROUPS = ["", " nghìn", " triệu"]  # past a thousand million, "tỷ" starts the groups again
_BILLION = 10**9


def amount_in_words(dong: int) -> str:
    """Returns an amount of đồng in words, as financial documents write "Bằng chữ":
    1000005 → "Một triệu không trăm linh năm đồng", 2010000000 → "Hai tỷ không trăm mười triệu
    đồng". A group of three digits after the first is read whole ("không trăm", "linh"), so no
    digit can be lost in reading; "mươi" after two to nine tens, "mốt", "tư", "lăm" for the units
    after it (num2words' Vietnamese drops "không trăm" and says "lẻ": issue 18)."""
    if dong < 0:
        raise ValueError(f"no words for a negative amount {dong}")
    words = _number_words(dong, leading=True) if dong else "không"
    return f"{words[0].upper()}{words[1:]} đồng"


def _number_words(value: int, leading: bool) -> str:
    """Returns the words of `value` > 0; `leading` when nothing is read before it (its first
    group then drops "không trăm" and "linh")."""
    high, low = divmod(value, _BILLION)
    words = []
    if high:
        words.append(f"{_number_words(high, leading)} tỷ")
        leading = False
    groups = [(low // 1000**power) % 1000 for power in range(2, -1, -1)]
    for power, group in zip(range(2, -1, -1), groups):
        if group:
            words.append(_hundreds(group, leading) + _GROUPS[power])
            leading = False
    return " ".join(words)


def _hundreds(group: int, leading: bool) -> str:
    """Returns the words of a group 1–999; read whole ("không trăm linh năm") unless `leading`."""
    hundreds, tens, units = group // 100, group // 10 % 10, group % 10
    words = []
    if hundreds or not leading:
        words.append(f"{_DIGITS[hundreds]} trăm")
    if tens == 0 and units:
        words.append(f"linh {_DIGITS[units]}" if words else _DIGITS[units])
    elif tens == 1:
        words.append("mười" + (f" {_unit_after_ten(units)}" if units else ""))
    elif tens > 1:
        words.append(f"{_DIGITS[tens]} mươi" + (f" {_unit_after_tens(units)}" if units else ""))
    return " ".join(words)


def _unit_after_ten(units: int) -> str:
    return "lăm" if units == 5 else _DIGITS[units]  # "mười lăm", "mười một", "mười bốn"


def _unit_after_tens(units: int) -> str:
    return {1: "mốt", 4: "tư", 5: "lăm"}.get(units, _DIGITS[units])  # "hai mươi mốt, tư, lăm"
