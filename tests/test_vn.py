"""Vietnamese numbers, dates and markers: the test vectors of nd30-format.md §5.3, §5.4, §8.4."""

import re
from decimal import Decimal

import pytest

from generator import vn

DATE_LINE = re.compile(r"^[^,]+, ngày(?: (0[1-9]|[12]\d|3[01]) | {3,10})tháng(?: (0[12]|[3-9]|1[0-2]) | {3,10})năm \d{4}$")
NUMBER_LINE = re.compile(r"^Số:(?: (0[1-9]|[1-9]\d+)| {3,10})/[A-ZĐ][A-Za-zĐđ]*(?:-[A-ZĐ0-9][A-Za-zĐđ0-9]*)+$")


@pytest.mark.parametrize(("day", "month", "year", "expected"), [
    (5, 6, 2023, "Xuân Phúc, ngày 05 tháng 6 năm 2023"),
    (28, 2, 2023, "Xuân Phúc, ngày 28 tháng 02 năm 2023"),
    (1, 1, 2024, "Xuân Phúc, ngày 01 tháng 01 năm 2024"),
    (9, 12, 2023, "Xuân Phúc, ngày 09 tháng 12 năm 2023"),
    (10, 3, 2023, "Xuân Phúc, ngày 10 tháng 3 năm 2023"),
    (None, 6, 2023, "Xuân Phúc, ngày     tháng 6 năm 2023"),
    (None, None, 2023, "Xuân Phúc, ngày     tháng     năm 2023"),
])
def test_place_date_pads_days_and_the_first_two_months(day, month, year, expected):
    line = vn.place_date("Xuân Phúc", day, month, year)
    assert line == expected
    assert DATE_LINE.match(line)


@pytest.mark.parametrize(("number", "expected"), [
    (5, "Số: 05/KH-UBND"), (12, "Số: 12/KH-UBND"), (123, "Số: 123/KH-UBND"), (None, "Số:     /KH-UBND"),
])
def test_document_number_pads_below_ten_and_leaves_room_when_unnumbered(number, expected):
    line = vn.document_number(number, "KH-UBND")
    assert line == expected
    assert NUMBER_LINE.match(line)


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (Decimal("4.2"), None, "4,2"), (Decimal("5.0"), None, "5,0"), (1525, None, "1.525"),
    (1234567, None, "1.234.567"), (Decimal("9.25"), 1, "9,3"), (Decimal("-3.9"), None, "-3,9"),
    (0, None, "0"), (12.5, None, "12,5"),
])
def test_number_uses_decimal_comma_and_thousands_dot(value, decimals, expected):
    assert vn.number(value, decimals) == expected


def test_percent_has_no_space_before_the_sign():
    assert vn.percent(Decimal("4.2")) == "4,2%"


def test_letters_follow_the_vietnamese_alphabet():
    assert [vn.letter(i) for i in range(1, 12)] == list("abcd") + ["đ"] + list("eghikl")
    assert not {"f", "j", "w", "z"} & {vn.letter(i) for i in range(1, 24)}


def test_letters_past_y_double():
    """23 letters (a … y without f, j, w, z, with đ); the 24th point is "aa", then "bb" (the
    convention of lettered points past the alphabet, as Word's "aa)")."""
    assert vn.letter(23) == "y"
    assert [vn.letter(i) for i in (24, 25, 28, 46, 47)] == ["aa", "bb", "đđ", "yy", "aaa"]
    assert vn.marker("a)", 24) == "aa)"


@pytest.mark.parametrize(("style", "ordinal", "parent", "expected"), [
    ("I.", 4, "", "IV."), ("1.", 3, "", "3."), ("1.1.", 2, "3", "3.2."), ("a)", 5, "", "đ)"),
    ("(1)", 2, "", "(2)"), ("-", 7, "", "-"), ("+", 1, "", "+"),
])
def test_markers(style, ordinal, parent, expected):
    assert vn.marker(style, ordinal, parent) == expected


def test_roman_and_ordinal_words():
    assert [vn.roman(n) for n in (1, 4, 9, 14, 40, 1990)] == ["I", "IV", "IX", "XIV", "XL", "MCMXC"]
    assert vn.ordinal_word(1) == "nhất" and vn.ordinal_word(4) == "tư" and vn.ordinal_word(11) == "11"


@pytest.mark.parametrize(("text", "expected"), [
    ("quyết định.", "quyết định./."), ("quyết định", "quyết định./."), ("xong./.", "xong./."),
])
def test_end_mark(text, expected):
    assert vn.end_mark(text) == expected


def test_a_rate_prints_at_the_documents_precision_everywhere():
    """One formatter for a rate: the documents, `diff` and `new` print 4,95 as the plan's
    sentence does, 5,0% (half up), never 4,95%."""
    assert vn.rate(Decimal("4.95")) == "5,0%"
    assert vn.rate(Decimal("4.25")) == "4,3%"
    assert vn.rate(Decimal("5")) == "5,0%"
    assert vn.count(1525, "hộ") == "1.525 hộ"
    assert vn.figure(Decimal("4.95"), 1525, "hộ") == "5,0%, 1.525 hộ"
    assert vn.figure(None, 76, "người") == "76 người"
    assert vn.figure(None, None, "hộ") == ""


# Mutation testing (README, "Mutation testing"): the cases below were found missing by mutmut.

@pytest.mark.parametrize(("rate", "expected"), [
    (Decimal("4.95"), "5,0%"), (Decimal("4.94"), "4,9%"), (Decimal("9.25"), "9,3%"), (7, "7,0%"),
])
def test_percent_rounds_half_up_to_the_decimals_asked_for(rate, expected):
    assert vn.percent(rate, 1) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (Decimal("5.0"), "5,0"), (1525, "1.525"), (2.5, "2,5"), ("Thôn Đông", "Thôn Đông"), ("5.0", "5.0"),
])
def test_a_cell_prints_numbers_the_vietnamese_way_and_text_as_written(value, expected):
    assert vn.cell(value) == expected


def test_letters_past_y_double_then_triple():
    # 23 letters (a … y without f, j, w, z, with đ): the 24th is "aa", the 47th "aaa".
    assert [vn.letter(n) for n in (22, 23, 24, 25, 46, 47)] == ["x", "y", "aa", "bb", "yy", "aaa"]


def test_the_tenth_ordinal_is_a_word():
    assert vn.ordinal_word(10) == "mười"


def test_a_second_level_marker_without_a_parent_is_its_own_number():
    assert vn.marker("1.1.", 2) == "2."


def test_wrong_numbering_values_name_what_was_given():
    with pytest.raises(ValueError, match="0"):
        vn.roman(0)
    with pytest.raises(ValueError, match="'A.'"):
        vn.marker("A.", 1)


@pytest.mark.parametrize(("text", "expected"), [
    ("quyết định \n", "quyết định./."), ("xong./. \n", "xong./."), ("xong. ", "xong./."),
])
def test_end_mark_ignores_trailing_space(text, expected):
    assert vn.end_mark(text) == expected


# Worked by hand after the convention of Vietnamese financial documents ("Bằng chữ" on an
# invoice or a budget estimate): every group after the first is read whole.
@pytest.mark.parametrize(("dong", "words"), [
    (0, "Không đồng"),
    (5, "Năm đồng"),
    (15, "Mười lăm đồng"),
    (21, "Hai mươi mốt đồng"),
    (24, "Hai mươi tư đồng"),
    (25, "Hai mươi lăm đồng"),
    (14, "Mười bốn đồng"),
    (105, "Một trăm linh năm đồng"),
    (110, "Một trăm mười đồng"),
    (1_001, "Một nghìn không trăm linh một đồng"),
    (1_000_005, "Một triệu không trăm linh năm đồng"),
    (1_000_015, "Một triệu không trăm mười lăm đồng"),
    (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
    (2_010_000_000, "Hai tỷ không trăm mười triệu đồng"),
    (1_125_500_000, "Một tỷ một trăm hai mươi lăm triệu năm trăm nghìn đồng"),
    (35_500_000, "Ba mươi lăm triệu năm trăm nghìn đồng"),
    (3_000_041_000, "Ba tỷ không trăm bốn mươi mốt nghìn đồng"),
    (2_000_000_000_000, "Hai nghìn tỷ đồng"),
])
def test_amount_in_words_reads_every_group_after_the_first_whole(dong, words):
    assert vn.amount_in_words(dong) == words
