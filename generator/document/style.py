"""Every Decree 30 formatting rule as data: the only module that knows a font, a size or a twip.

Sections cited (§) are those of `docs/nd30-format.md` (the shared format spec). Sizes follow
profile A (§2), the project default. Lengths are twips (1 mm = 56.69 tw, 1 pt = 20 tw).
"""

# Annotations are evaluated, not postponed: NamedTuple would compile each one (see `document`).
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Literal, NamedTuple

Align = Literal["left", "center", "right", "justify"]


def mm(value: float) -> int:
    """Returns `value` millimetres in twips."""
    return round(value * 1440 / 25.4)


def pt(value: float) -> int:
    """Returns `value` points in twips."""
    return round(value * 20)


# §2: Times New Roman for every element, black text; Vietnamese text.
FONT_NAME = "Times New Roman"
COLOR = "000000"
LANGUAGE = "vi-VN"


class Font(NamedTuple):
    """How a run looks: size in points and weight/slant."""

    size: float
    bold: bool = False
    italic: bool = False


class Para(NamedTuple):
    """How a paragraph is laid out; spacing and indents in twips, `line` in 240ths of a line
    (with `line_exact`, an exact height in twips)."""

    align: Align = "left"
    before: int = 0
    after: int = 0
    line: int = 240
    first_line: int = 0
    left: int = 0
    right: int = 0
    hanging: int = 0
    keep_next: bool = False
    border_bottom: int = 0  # eighths of a point; 0 = no border
    line_exact: bool = False


class Role(NamedTuple):
    """A paragraph role: its layout and the look of its runs."""

    para: Para
    font: Font


class Page(NamedTuple):
    """Page size, margins and header distance of one section (§1)."""

    width: int
    height: int
    top: int
    bottom: int
    left: int
    right: int
    header: int
    footer: int
    landscape: bool = False

    @property
    def text_width(self) -> int:
        return self.width - self.left - self.right

    @property
    def text_height(self) -> int:
        return self.height - self.top - self.bottom


# §1: A4 portrait, margins 20/20/30/15 mm, header 10 mm [Conv]; an appendix may be landscape.
PORTRAIT = Page(width=11906, height=16838, top=mm(20), bottom=mm(20), left=mm(30), right=mm(15),
                header=mm(10), footer=mm(10))
LANDSCAPE = PORTRAIT._replace(width=PORTRAIT.height, height=PORTRAIT.width, landscape=True)

# §5.6: body 14 pt, justified, first-line indent 1 cm, 6 pt before, line 1.15 (276 auto).
BODY_FONT = Font(14)
BODY = Para(align="justify", before=pt(6), line=276, first_line=567)
# §3.1: single spacing and no space inside the header blocks.
HEADER_LINE = Para(align="center")
CENTERED = Para(align="center")

ROLES: dict[str, Role] = {
    # §4 rows 4-5, §5.2: parent regular, issuer bold, both 12 pt uppercase, centred.
    "parent": Role(HEADER_LINE, Font(12)),
    "issuer": Role(HEADER_LINE, Font(12, bold=True)),
    # §4 rows 1-2, §5.1: quốc hiệu 12 pt bold, tiêu ngữ 13 pt bold (size pairing §2).
    "national": Role(HEADER_LINE, Font(12, bold=True)),
    "motto": Role(HEADER_LINE, Font(13, bold=True)),
    # §4 rows 7 and 9: "Số" 13 pt and place-date 13 pt italic share row 2, with the same
    # space above them so they stay level [Inferred: 6 pt under the rules].
    "number": Role(HEADER_LINE._replace(before=pt(6)), Font(13)),
    "place_date": Role(HEADER_LINE._replace(before=pt(6)), Font(13, italic=True)),
    # §4 row 8, §5.5: công văn V/v 12 pt regular, 6 pt before (first line only).
    "excerpt": Role(HEADER_LINE._replace(before=pt(6)), Font(12)),
    "excerpt_next": Role(HEADER_LINE, Font(12)),
    # §5.5: tên loại 14 bold, 12 pt before [Conv]; trích yếu 14 bold under it.
    "kind": Role(CENTERED._replace(before=pt(12), keep_next=True), Font(14, bold=True)),
    "summary": Role(CENTERED._replace(keep_next=True), Font(14, bold=True)),
    # §5.6, §4 rows 13-14: body; căn cứ italic body; a centred line; a smaller note.
    "body": Role(BODY, BODY_FONT),
    "basis": Role(BODY, Font(14, italic=True)),
    "center": Role(BODY._replace(align="center", first_line=0), BODY_FONT),
    "note": Role(BODY, Font(12)),
    # §4 rows 19-20, §5.6: "I. MỤC …" and "1. Mục đích" bold, justified, body indent; kept
    # with what follows so a heading never ends a page.
    "heading": Role(BODY._replace(keep_next=True), Font(14, bold=True)),
    # §4 rows 15-16: "Phần thứ nhất" and its uppercase title, bold, centred.
    "part_label": Role(CENTERED._replace(before=pt(12), line=276, keep_next=True),
                       Font(14, bold=True)),
    "part_title": Role(CENTERED._replace(line=276, keep_next=True), Font(14, bold=True)),
    # §5.11: "Nơi nhận:" 12 bold italic; list 11 regular, flush left, no indent.
    "recipients_label": Role(Para(), Font(12, bold=True, italic=True)),
    "recipient": Role(Para(), Font(11)),
    # §4 row 31 (ô 12): the drafter's initials and copies issued, under the list, 11 upright.
    "drafter": Role(Para(), Font(11)),
    # §5.9: authority lines and name bold 14 centred; the gap is empty 14 pt lines.
    "authority": Role(CENTERED, Font(14, bold=True)),
    "signature_gap": Role(CENTERED, Font(14)),
    "signer": Role(CENTERED, Font(14, bold=True)),
    # §4 rows 33-35, §5.12: "Phụ lục I" 14 bold, title bold, "(Kèm theo …)" italic, centred.
    "appendix_label": Role(CENTERED._replace(keep_next=True), Font(14, bold=True)),
    "appendix_title": Role(CENTERED._replace(keep_next=True), Font(14, bold=True)),
    "appendix_reference": Role(CENTERED._replace(keep_next=True), Font(14, italic=True)),
    # §5.7 [Conv]: table text 13 pt, header row bold centred; a little air inside cells.
    "table_header": Role(Para(align="center", before=pt(2), after=pt(2)), Font(13, bold=True)),
    "table_cell": Role(Para(before=pt(2), after=pt(2)), Font(13)),
    # §5.7 [Conv]: "11 pt for dense tables", single line spacing: a task sheet's long duties
    # fit one page.
    "table_header_dense": Role(Para(align="center", before=pt(1), after=pt(1)), Font(11, bold=True)),
    "table_cell_dense": Role(Para(before=pt(1), after=pt(1)), Font(11)),
    # §1: page number 14 pt upright, centred in the header.
    "page_number": Role(CENTERED, Font(14)),
    # An empty paragraph that only ends a section, ends the body after the signature table or
    # separates two tables: 1 pt font, exactly 0.1 pt high. A document whose signature table
    # ends within 1 pt of the bottom margin printed a blank last page with the 1 pt high spacer
    # of before (LibreOffice 7.4); Word takes an exact height from 0 pt.
    "spacer": Role(Para(line=pt(0.1), line_exact=True), Font(1)),
}

# §4 "Lines": a rule is an empty paragraph with a single bottom border of 0.75 pt (sz 6),
# tiny font and no spacing, indented on both sides so it is L long and centred.
RULE_BORDER = 6
RULE_BORDER_SPACE = 1  # points between the (empty) text and the line
RULE = Role(Para(align="center", border_bottom=RULE_BORDER), Font(2))
RULE_AFTER_SUMMARY = pt(6)  # §5.5: 6 pt after the trích yếu line [Conv]
RULE_AFTER_APPENDIX = pt(12)  # air between the heading and the table that follows [Inferred]
ISSUER_RULE_RATIO = 0.42  # §5.2: 1/3-1/2 of the issuer's longest line
MOTTO_RULE_RATIO = 1.0  # §5.1: as long as the tiêu ngữ text
SUMMARY_RULE_RATIO = 0.40  # §5.5: 1/3-1/2 of the longest trích yếu line
APPENDIX_RULE = mm(30)  # §5.12: "a short solid line" as in Mẫu 2.1 [Inferred length]

# §3.1: header table 65 / 100 mm; §3.2: closing table 60 / 105 mm; both fill the text width.
HEADER_COLUMNS = (mm(65), PORTRAIT.text_width - mm(65))
CLOSING_COLUMNS = (mm(60), PORTRAIT.text_width - mm(60))
LAYOUT_CELL_MARGIN = 0  # borderless layout tables: text flush with the margin (§5.11 "sát lề trái")
CLOSING_GAP = pt(12)  # space above "Nơi nhận:" and the authority lines alike, so they stay level
SIGNATURE_GAP_LINES = 4  # §5.9: four empty 14 pt lines for signature and seal [Conv]

# §5.7 [Conv]: body tables span the text width, single 0.5 pt borders, Word's cell padding.
TABLE_BORDER = 4
TABLE_CELL_MARGIN = 108

# §5.7 says nothing of page breaks [Inferred]: a row taller than this share of the text height
# may break across pages (kept whole, it would leave that much of a page empty); shorter rows
# never break.
SPLIT_ROW_SHARE = 1 / 3

# Word's own defaults, written out so that nothing depends on the application's settings.
DEFAULT_FONT = BODY_FONT
DEFAULT_TAB_STOP = 720

# What Decree 30 allows around the defaults above, for `kehoach check` (generator/readers/docx_check.py)
# to read documents typed elsewhere. Every default above lies in its range (tests/test_check.py).
# §1: margins, as (least, most) twips.
MARGIN_RANGES = {"top": (mm(20), mm(25)), "bottom": (mm(20), mm(25)),
                 "left": (mm(30), mm(35)), "right": (mm(15), mm(20))}
PAGE_TOLERANCE = 20  # twips: Word stores A4 as 11906 x 16838 or 11907 x 16839
# §2 profiles A and B: the sizes each header element may take; the size pairing is checked apart.
ROLE_SIZES: dict[str, tuple[float, ...]] = {
    "parent": (12, 13), "issuer": (12, 13), "national": (12, 13), "motto": (13, 14),
    "number": (13,), "place_date": (13, 14), "excerpt": (12, 13), "kind": (13, 14),
    "summary": (13, 14), "body": (13, 14), "recipients_label": (12,), "recipient": (11,),
    "authority": (13, 14), "signer": (13, 14),
}
# §5.6: body paragraphs: a first-line indent of 1 cm or 1.27 cm, at least 6 pt between
# paragraphs, line spacing from single to 1.5 lines.
BODY_INDENTS = (mm(10), mm(12.7))
INDENT_TOLERANCE = 5
BODY_MIN_SPACING = pt(6)
BODY_LINE_RANGE = (240, 360)
# §5.9: at least this many empty lines of the signature's size leave room to sign and seal.
SIGNATURE_MIN_LINES = 3
# §4 row 22: the letters of điểm, in the Vietnamese alphabet (no f, j, w, z; đ after d).
POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"

# §5.8: "Kính gửi:" starts 3.5 cm from the margin; recipients hang after the label.
ADDRESSEE_LEFT = mm(35)
ADDRESSEE_BEFORE = pt(12)
ADDRESSEE_FONT = BODY_FONT

# Advance widths of Liberation Serif (metric-compatible with Times New Roman, §11), units of
# 1/2048 em, for U+0020-U+007E then Đ, đ; computed once from the TTF files. Vietnamese letters
# are measured by their base letter: their precomposed glyphs have the base letter's advance.
_MEASURED = "".join(map(chr, range(0x20, 0x7F))) + "Đđ"
_UNITS_PER_EM = 2048
_REGULAR_ADVANCES = (
    512, 682, 836, 1024, 1024, 1706, 1593, 369, 682, 682, 1024, 1155, 512, 682, 512, 569, 1024,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 569, 569, 1155, 1155, 1155, 909, 1886,
    1479, 1366, 1366, 1479, 1251, 1139, 1479, 1479, 682, 797, 1479, 1251, 1821, 1479, 1479,
    1139, 1479, 1366, 1139, 1251, 1479, 1479, 1933, 1479, 1479, 1251, 682, 569, 682, 961, 1024,
    682, 909, 1024, 909, 1024, 909, 682, 1024, 1024, 569, 569, 1024, 569, 1593, 1024, 1024,
    1024, 1024, 682, 797, 569, 1024, 1024, 1479, 1024, 1024, 909, 983, 410, 983, 1108, 1479,
    1024,
)
_BOLD_ADVANCES = (
    512, 682, 1137, 1024, 1024, 2048, 1706, 569, 682, 682, 1024, 1167, 512, 682, 512, 569, 1024,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 682, 682, 1167, 1167, 1167, 1024,
    1905, 1479, 1366, 1479, 1479, 1366, 1251, 1593, 1593, 797, 1024, 1593, 1366, 1933, 1479,
    1593, 1251, 1593, 1479, 1139, 1366, 1479, 1479, 2048, 1479, 1479, 1366, 682, 569, 682, 1190,
    1024, 682, 1024, 1139, 909, 1139, 909, 682, 1024, 1139, 569, 682, 1139, 569, 1706, 1139,
    1024, 1139, 1139, 909, 797, 682, 1139, 1024, 1479, 1024, 1024, 909, 807, 451, 807, 1065,
    1479, 1139,
)
_ADVANCES = {False: dict(zip(_MEASURED, _REGULAR_ADVANCES)),
             True: dict(zip(_MEASURED, _BOLD_ADVANCES))}
_UNKNOWN_ADVANCE = 1024  # half an em: a fair guess for a letter outside the table


def text_width(text: str, font: Font) -> int:
    """Returns the printed width of `text` in twips, from the advance-width table above."""
    return _width(text, font.bold, font.size)


@lru_cache(maxsize=16384)  # tables measure word by word, and words repeat (a bounded cache)
def _width(text: str, bold: bool, size: float) -> int:
    advances = _ADVANCES[bold]
    units = 0
    for char in unicodedata.normalize("NFD", text):
        if not unicodedata.combining(char):
            units += advances.get(char, _UNKNOWN_ADVANCE)
    return round(units * size * 20 / _UNITS_PER_EM)


# A line of Times New Roman (Liberation Serif) at single spacing, as a multiple of the font size:
# the fonts' ascent, descent and line gap, (1825 + 443 + 87) / 2048.
LINE_HEIGHT = 2355 / 2048


@lru_cache(maxsize=4096)  # a table's header row, in the same widths, in every table of its kind
def wrapped_lines(text: str, font: Font, width: float) -> int:
    """Returns the lines `text` takes in `width` twips, broken at spaces as Word and LibreOffice
    break them (no hyphenation); a line break in the text starts a line."""
    if "\n" not in text and _cell_measure(text, font.bold, font.size)[0] <= width:
        return 1  # most texts of a table or a header: their one-line width is measured already
    space = _width(" ", font.bold, font.size)
    lines = 0
    for piece in text.split("\n"):
        lines, used = lines + 1, 0
        for advance in _word_widths(piece, font.bold, font.size):
            if used and used + space + advance > width:
                lines, used = lines + 1, advance
            else:
                used += space + advance if used else advance
    return lines


def line_pitch(para: Para, font: Font) -> float:
    """Returns the height in twips of one line of a paragraph laid out as `para` in `font`."""
    return para.line if para.line_exact else font.size * 20 * LINE_HEIGHT * para.line / 240


def rule_length(lines: Iterable[str], font: Font, ratio: float, available: int) -> int:
    """Returns the length of a rule: `ratio` of the longest of `lines`, as printed within `available`."""
    longest = max((text_width(line, font) for line in lines), default=0)
    return round(ratio * min(longest, available))


def rule_para(length: int, available: int, after: int = 0) -> Para:
    """Returns the layout of a rule `length` long, centred in `available` (§4 "Lines")."""
    side = max(0, (available - length) // 2)
    return RULE.para._replace(left=side, right=side, after=after)


def column_widths(shares: Sequence[float], total: int) -> list[int]:
    """Returns column widths proportional to `shares` that add up to exactly `total` twips."""
    # Shares as fractions of the largest: a plan's widths may be any positive numbers, and two
    # near the largest float would add up to infinity (a crash the property test found, issue 12).
    largest = max(shares)
    fractions = [share / largest for share in shares]
    whole = sum(fractions)
    edges = [0]
    running = 0.0
    for share in fractions:
        running += share
        edges.append(round(total * running / whole))
    return [right - left for left, right in zip(edges, edges[1:])]


# Fitted tables (§5.7 gives no widths): the width left over the longest words goes, a step at a
# time, where it shortens the table most; the slack covers the width estimate's error.
FIT_SLACK = pt(2)
FIT_HEADER_LINES = 3  # a column is at least a third of its header: headers wrap into ~3 lines
FIT_STEPS = 60  # at most this many steps, however wide the table: linear in its rows
FIT_NORM = 8
FIT_SNUG = 2
# A tall cell, as its row sees it (`fit_column_widths`): its column's gain terms, the index of its
# own term in them, and its column's powers now and a step wider.
_FitCell = tuple[list[float], int, list[float], list[float]]


@lru_cache(maxsize=4096)  # a table's cells are measured for its widths, then for its lines
def _word_widths(text: str, bold: bool, size: float) -> tuple[int, ...]:
    """Returns the width of each word of `text` in the font of that weight and size (italics
    are measured as upright, so they are not part of the key)."""
    return tuple(_width(word, bold, size) for word in text.split())


@lru_cache(maxsize=4096)  # headers repeat in every table of their kind, and cells often
def _cell_measure(text: str, bold: bool, size: float) -> tuple[float, float, float]:
    """Returns a cell's text width on one line, the room lost at each line's end (half a word and
    a space) and its longest word, in the font of that weight and size."""
    words = _word_widths(text, bold, size)
    if not words:
        return 0.0, 0.0, 0
    space = _width(" ", bold, size)
    return sum(words) + space * (len(words) - 1), (sum(words) / len(words) + space) / 2, max(words)


# The column fitting below (fit_measure … fit_column_widths) is not mutated: it is no page
# setup but a search for good widths, checked against a plain search (docs/mutation.md).
def fit_measure(columns: Sequence[Sequence[str]], header: Font, cell: Font, total: int,
                inner: float) -> tuple[list[list[tuple[float, float]]], list[float]]:  # pragma: no mutate block
    """Returns what `fit_column_widths` starts from: per column and row, the text's width and
    the room lost at each line's end; and each column's least width (its longest word, a third
    of its header, or its one line where that is at most twice as wide and the table has room).
    `inner` is a cell's padding on both sides plus slack."""
    measured: list[list[tuple[float, float]]] = []
    lows: list[float] = []
    one_lines: list[float] = []
    cell_bold, cell_size = cell.bold, cell.size
    for title, *cells in columns:
        measures = [_cell_measure(title, header.bold, header.size)]
        measures += [_cell_measure(text, cell_bold, cell_size) for text in cells]
        sizes, losses, widests = zip(*measures)
        measured.append(list(zip(sizes, losses)))
        lows.append(max(max(0.0, *widests), sizes[0] / FIT_HEADER_LINES) + inner)
        one_lines.append(max(sizes) + inner)
    if sum(lows) >= total:
        return measured, lows
    snug = [max(low, one_line) if one_line <= FIT_SNUG * low else low
            for low, one_line in zip(lows, one_lines)]
    return measured, snug if sum(snug) < total else lows


def _fit_power(size: float, loss: float, room: float) -> float:  # pragma: no mutate block
    """Returns a cell's lines in a column with `room` inside, to the power FIT_NORM: its text's
    width over the room left after the loss at each line's end, and at least one line."""
    free = room - loss
    lines = size / (free if free > 1.0 else 1.0)
    return lines ** FIT_NORM if lines > 1.0 else 1.0


_ROOT = 1 / FIT_NORM


def _root(total: float) -> float:  # pragma: no mutate block
    """Returns a row's smoothed height from its sum of powers. The sums are kept up to date by
    adding and taking off powers as large as 1e18, so past 2**53 they lose precision and can
    even fall below 0 (where `**` would give a complex number): such a row counts as flat."""
    return total ** _ROOT if total > 0.0 else 0.0


def fit_column_widths(columns: Sequence[Sequence[str]], header: Font, cell: Font, total: int,
                      padding: int) -> list[int]:  # pragma: no mutate block
    """Returns widths that add up to `total` twips for `columns`, each (header, *cells).

    Each column is at least as wide as its longest word, so no word breaks, and as a third of
    its header, so the header row stays low (it repeats on every page); a column of short texts
    ("Năm 2023", "Chủ trì") that fits on one line in twice that gets its one line. The rest is given
    out a step at a time to the column where it lowers the estimated height of the table most;
    a row is as tall as its tallest cell, and a cell takes its text's width over the room in
    the column, less half a word lost at each line's end.

    A step changes only the stepped column's cells and the sums of their rows, so each cell's
    share of its column's gain is kept, and worked out again only where one of those changed:
    the same floating-point operations, in the same order, as computing every gain each step.
    """
    inner = 2 * padding + FIT_SLACK
    measured, lows = fit_measure(columns, header, cell, total, inner)
    if sum(lows) >= total:
        return column_widths(lows, total)

    def powers_at(column: int, width: float) -> list[float]:
        """Returns the lines of each cell of `column` at `width`, to the power FIT_NORM."""
        room = width - inner
        return [_fit_power(size, loss, room) for size, loss in measured[column]]

    count, rows = len(columns), range(len(measured[0]))
    widths: list[float] = list(lows)
    # A row's height is the largest of its cells' lines, smoothed (a p-norm) so that widening
    # one of two equally tall cells counts as progress.
    powers = [powers_at(c, widths[c]) for c in range(count)]
    sums = [sum(row) for row in zip(*powers)]
    step = max(mm(1), (total - sum(lows)) / FIT_STEPS)
    # What one more step would make of each column's cells, and which of its cells take more
    # than one line: a one-line cell stays one line when widened, and its row gains exactly 0.
    wider = [powers_at(c, widths[c] + step) for c in range(count)]
    tall = [[r for r in rows if powers[c][r] != 1.0] for c in range(count)]
    one_line = [[r for r in rows if powers[c][r] == 1.0] for c in range(count)]
    roots = [_root(total_r) for total_r in sums]

    def terms_of(c: int) -> list[float]:
        """Returns what a step on column `c` takes off each of its tall rows: its gain's terms."""
        now, widened = powers[c], wider[c]
        return [roots[r] - _root(sums[r] - now[r] + widened[r]) for r in tall[c]]

    def cells_by_row() -> list[list[_FitCell]]:
        """Returns the tall cells of each row."""
        cells: list[list[_FitCell]] = [[] for _ in rows]
        for c, column_terms in enumerate(terms):
            for place, r in enumerate(tall[c]):
                cells[r].append((column_terms, place, powers[c], wider[c]))
        return cells

    terms = [terms_of(c) for c in range(count)]
    row_cells = cells_by_row()
    gains = list(map(sum, terms))
    while total - sum(widths) >= step:
        best_gain = max(gains)
        if not best_gain > 0.0:
            break  # every row is as short as it gets: share what is left in proportion
        best = gains.index(best_gain)  # the first of equals
        widths[best] += step
        column, widened, sizes = powers[best], wider[best], measured[best]
        changed = list(tall[best])  # the rows whose terms are worked out again
        for r in one_line[best]:  # 1.0 out, 1.0 in, as first written: past 2**53 that moves s
            before = sums[r]
            sums[r] -= 1.0
            sums[r] += 1.0
            if sums[r] != before:
                changed.append(r)
        room, dropped = widths[best] + step - inner, False
        for r in tall[best]:  # `powers_at`, for the cells that can still change
            sums[r] -= column[r]
            column[r] = now = widened[r]
            sums[r] += now
            widened[r] = _fit_power(*sizes[r], room)
            dropped = dropped or now == 1.0
        for r in changed:
            total_r = sums[r]
            root_r = roots[r] = _root(total_r)
            for column_terms, place, now_c, widened_c in row_cells[r]:
                column_terms[place] = root_r - _root(total_r - now_c[r] + widened_c[r])
        if dropped:  # a cell of the stepped column came down to one line: it gains 0 from now on
            tall[best] = [r for r in tall[best] if column[r] != 1.0]
            one_line[best] = [r for r in rows if column[r] == 1.0]
            terms[best] = terms_of(best)
            row_cells = cells_by_row()
        gains = list(map(sum, terms))
    return column_widths(widths, total)


def addressee_paras(label: str) -> tuple[Para, Para]:
    """Returns the layouts of the "Kính gửi:" line and of each listed recipient (§5.8).

    The first line starts at 3.5 cm and hangs by the label's width, so a single recipient
    that wraps continues under its own start; listed recipients line up at the same place.
    """
    hang = text_width(label + " ", ADDRESSEE_FONT)
    first = Para(before=ADDRESSEE_BEFORE, line=BODY.line, left=ADDRESSEE_LEFT + hang, hanging=hang)
    return first, Para(line=BODY.line, left=ADDRESSEE_LEFT + hang)
