"""The shortcuts the performance issue brought give exactly what the plain ways gave:
`xml:space` is set where the regex said; fitted column widths are those of the step-by-step
search as first written; the measured text widths are those of the advance-width table."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.document import style
from generator.writers import ooxml

# --- xml:space --------------------------------------------------------------------------------

NEEDS_PRESERVE = re.compile(r"^\s|\s$|\s\s")  # the test as first written
TEXT = st.text(alphabet=st.sampled_from(list("ab ộ\u00a0\u2003\r\u3000.")), max_size=12)


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_xml_space_is_kept_exactly_where_the_regex_said(text):
    assert ('xml:space="preserve"' in ooxml.run(text, "")) == bool(NEEDS_PRESERVE.search(text))


# --- fitted column widths ---------------------------------------------------------------------


def reference_fit(columns: Sequence[Sequence[str]], header: style.Font, cell: style.Font, total: int,
                  padding: int) -> list[int]:
    """`style.fit_column_widths`'s search as first written: every row of every column, at every
    step (the measuring it starts from is `style.fit_measure`, shared)."""
    norm = style.FIT_NORM
    inner = 2 * padding + style.FIT_SLACK
    measured, lows = style.fit_measure(columns, header, cell, total, inner)
    if sum(lows) >= total:
        return style.column_widths(lows, total)

    def root(total: float) -> float:  # a sum that lost all precision (below 0) is a flat row
        return total ** (1 / norm) if total > 0.0 else 0.0

    def lines(column: int, row: int, width: float) -> float:
        size, loss = measured[column][row]
        return max(1.0, size / max(width - inner - loss, 1.0)) if size else 1.0

    count = len(columns)
    widths: list[float] = list(lows)
    powers = [[lines(c, r, widths[c]) ** norm for c in range(count)] for r in range(len(measured[0]))]
    sums = [sum(row) for row in powers]
    step = max(style.mm(1), (total - sum(lows)) / style.FIT_STEPS)
    while total - sum(widths) >= step:
        best, best_gain = -1, 0.0
        for c in range(count):
            gain = sum(root(total_r) - root(total_r - row[c] + lines(c, r, widths[c] + step) ** norm)
                       for r, (row, total_r) in enumerate(zip(powers, sums)))
            if gain > best_gain:
                best, best_gain = c, gain
        if best < 0:
            break
        widths[best] += step
        for r, row in enumerate(powers):
            sums[r] -= row[best]
            row[best] = lines(best, r, widths[best]) ** norm
            sums[r] += row[best]
    return style.column_widths(widths, total)


WORD = st.text(alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĐỆỘ0123456789-,;()")),
               min_size=1, max_size=14)
CELL = st.lists(WORD, max_size=40).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=7).flatmap(
    lambda count: st.lists(st.lists(CELL, min_size=count, max_size=count), min_size=1, max_size=8)),
    st.sampled_from([style.PORTRAIT.text_width, style.LANDSCAPE.text_width, 3000]),
    st.booleans())
def test_fitted_widths_are_those_of_the_plain_search(rows, total, dense):
    head_role, cell_role = ("table_header_dense", "table_cell_dense") if dense else ("table_header", "table_cell")
    columns = list(zip(*rows))
    arguments = (columns, style.ROLES[head_role].font, style.ROLES[cell_role].font, total,
                 style.TABLE_CELL_MARGIN)
    assert style.fit_column_widths(*arguments) == reference_fit(*arguments)


def test_a_table_of_long_texts_in_narrow_columns_is_still_fitted():
    """A cell of 200 one-letter words in a column two bars wide takes ~200 lines: its power is
    ~1e18, and the rows' running sums, past 2**53, lose so much that one fell below 0 and the
    search crashed on a complex number. It must end with widths."""
    columns = [("||", " ".join(["|"] * 50)), ("a", " ".join(["i"] * 200))]
    arguments = (columns, style.ROLES["table_header"].font, style.ROLES["table_cell"].font,
                 style.PORTRAIT.text_width, style.TABLE_CELL_MARGIN)
    widths = style.fit_column_widths(*arguments)
    assert sum(widths) == style.PORTRAIT.text_width and min(widths) > 0
    assert widths == reference_fit(*arguments)


# --- measured widths --------------------------------------------------------------------------


@given(st.text(max_size=30), st.sampled_from(list(style.ROLES.values())))
def test_text_width_adds_up_the_advance_widths(text, look):
    units = sum(style._ADVANCES[look.font.bold].get(char, style._UNKNOWN_ADVANCE)
                for char in unicodedata.normalize("NFD", text) if not unicodedata.combining(char))
    assert style.text_width(text, look.font) == round(units * look.font.size * 20 / style._UNITS_PER_EM)
