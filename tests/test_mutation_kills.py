"""Tests that kill the mutants the other tests let live (README, "Mutation testing").

Each asserts what a clerk would see (a printed figure, a saved file, a message), with the
expected value taken from nd30-format.md, plan-format.md or worked by hand.
"""

from __future__ import annotations

import os
import re
import stat
from decimal import Decimal
from pathlib import Path, PurePosixPath

import pytest

from generator import save
from generator.plan import figures

# ---------------------------------------------------------------------------------------------
# save: what ends up on disk.


@pytest.fixture
def umask_022():
    """Runs a test under the common umask 022: a file a user makes is then rw-r--r--."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _listing(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def test_write_files_writes_each_file_in_its_folder_readable_as_any_file(tmp_path: Path, umask_022):
    files = {PurePosixPath("ke-hoach.docx"): b"plan", PurePosixPath("cong-van/ldtbxh.docx"): b"letter"}
    paths = save.write_files(tmp_path / "out", files)
    assert paths == [tmp_path / "out" / "ke-hoach.docx", tmp_path / "out" / "cong-van" / "ldtbxh.docx"]
    assert [path.read_bytes() for path in paths] == [b"plan", b"letter"]
    assert _listing(tmp_path / "out") == ["cong-van", "cong-van/ldtbxh.docx", "ke-hoach.docx"]
    assert {stat.S_IMODE(path.stat().st_mode) for path in paths} == {0o644}


def test_write_files_refuses_an_unsafe_part_before_writing_anything(tmp_path: Path):
    files = {PurePosixPath("a.docx"): b"a", PurePosixPath("../b.docx"): b"b"}
    with pytest.raises(save.UnsafeName) as raised:
        save.write_files(tmp_path / "out", files)
    assert raised.value.name == "../b.docx" and str(raised.value) == "../b.docx"
    assert not (tmp_path / "out").exists()


def test_write_files_renames_nothing_until_every_file_is_written(tmp_path: Path, monkeypatch):
    out = tmp_path / "out"
    save.write_files(out, {PurePosixPath("a.docx"): b"old a", PurePosixPath("b.docx"): b"old b"})
    real = save._temporary_beside
    written: list[Path] = []

    def second_fails(target: Path, content: bytes, mode: int) -> Path:
        if written:
            assert (out / "a.docx").read_bytes() == b"old a", "a.docx renamed before b.docx was written"
            raise OSError("disk full")
        written.append(target)
        return real(target, content, mode)

    monkeypatch.setattr(save, "_temporary_beside", second_fails)
    with pytest.raises(OSError, match="disk full"):
        save.write_files(out, {PurePosixPath("a.docx"): b"new a", PurePosixPath("b.docx"): b"new b"})
    assert (out / "a.docx").read_bytes() == b"old a" and (out / "b.docx").read_bytes() == b"old b"
    assert _listing(out) == ["a.docx", "b.docx"], "no temporary file left"


def test_write_files_removes_the_temporaries_not_yet_renamed(tmp_path: Path, monkeypatch):
    out = tmp_path / "out"
    real = os.replace
    calls: list[str] = []

    def second_rename_fails(source, target):
        calls.append(str(target))
        if len(calls) == 2:
            raise OSError("disk full")
        real(source, target)

    monkeypatch.setattr(save.os, "replace", second_rename_fails)
    with pytest.raises(OSError):
        save.write_files(out, {PurePosixPath(name): name.encode() for name in ("a.docx", "b.docx", "c.docx")})
    assert _listing(out) == ["a.docx"]


@pytest.mark.parametrize("name", ["ke-hoach", "tân-an_2026", "v1.2"])
def test_safe_names(name: str, tmp_path: Path):
    assert save.safe_folder(tmp_path, name) == tmp_path / name


@pytest.mark.parametrize("name", ["..", ".an", "a.", "a..b", "a/b", "", "x" * 101, "CON", "nul.txt", "com1", "LPT9.docx"])
def test_unsafe_names(name: str, tmp_path: Path):
    with pytest.raises(save.UnsafeName) as raised:
        save.safe_folder(tmp_path, name)
    assert raised.value.name == name


def test_write_new_file_makes_its_folders_and_leaves_nothing_else(tmp_path: Path, umask_022):
    target = tmp_path / "a" / "b" / "plan.yaml"
    assert save.write_new_file(target, b"year: 2024\n") == target
    assert target.read_bytes() == b"year: 2024\n"
    assert _listing(tmp_path) == ["a", "a/b", "a/b/plan.yaml"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_write_new_file_in_an_existing_folder(tmp_path: Path):
    assert save.write_new_file(tmp_path / "plan.yaml", b"x").read_bytes() == b"x"
    assert _listing(tmp_path) == ["plan.yaml"]


def test_write_new_file_never_overwrites_unless_asked(tmp_path: Path):
    target = tmp_path / "plan.yaml"
    target.write_bytes(b"old")
    with pytest.raises(save.FileExists) as raised:
        save.write_new_file(target, b"new")
    assert raised.value.path == target and str(raised.value) == str(target)
    assert target.read_bytes() == b"old" and _listing(tmp_path) == ["plan.yaml"]
    assert save.write_new_file(target, b"new", overwrite=True) == target
    assert target.read_bytes() == b"new" and _listing(tmp_path) == ["plan.yaml"]


def test_write_new_file_refuses_a_file_that_appears_while_writing(tmp_path: Path, monkeypatch):
    target = tmp_path / "plan.yaml"
    real = save._temporary_beside

    def appears(path: Path, content: bytes, mode: int) -> Path:
        target.write_bytes(b"someone else's")
        return real(path, content, mode)

    monkeypatch.setattr(save, "_temporary_beside", appears)
    with pytest.raises(save.FileExists) as raised:
        save.write_new_file(target, b"mine")
    assert raised.value.path == target
    assert target.read_bytes() == b"someone else's" and _listing(tmp_path) == ["plan.yaml"]


@pytest.mark.parametrize("appears", [False, True])
def test_write_new_file_without_hard_links(tmp_path: Path, monkeypatch, appears: bool):
    target = tmp_path / "plan.yaml"

    def no_links(source, destination):
        if appears:
            target.write_bytes(b"someone else's")
        raise PermissionError("no hard links here")

    monkeypatch.setattr(save.os, "link", no_links)
    if appears:
        with pytest.raises(save.FileExists) as raised:
            save.write_new_file(target, b"mine")
        assert raised.value.path == target
        assert target.read_bytes() == b"someone else's"
    else:
        assert save.write_new_file(target, b"mine") == target
        assert target.read_bytes() == b"mine"
    assert _listing(tmp_path) == ["plan.yaml"]


def test_a_temporary_that_cannot_be_written_is_removed(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(save.os, "chmod", lambda *args: (_ for _ in ()).throw(OSError("read-only")))
    with pytest.raises(OSError, match="read-only"):
        save.write_new_file(tmp_path / "plan.yaml", b"x")
    assert _listing(tmp_path) == []


# ---------------------------------------------------------------------------------------------
# figures: rates and counts of households (plan-format.md, "Indicator figures"), worked by hand.


@pytest.mark.parametrize(("count", "households", "expected"), [
    (76, 1525, "5.0"),     # 7600 / 1525 = 4,983… → 5,0
    (141, 1525, "9.2"),    # 14100 / 1525 = 9,245… → 9,2
    (1, 8, "12.5"),        # 12,5 exactly
    (1, 16, "6.3"),        # 6,25 → half up → 6,3
    (0, 820, "0.0"),
])
def test_rate_of_rounds_half_up_to_one_decimal(count: int, households: int, expected: str):
    assert figures.rate_of(count, households) == Decimal(expected)
    assert str(figures.rate_of(count, households)) == expected


def test_rate_of_at_a_finer_precision():
    assert figures.rate_of(1, 16, Decimal("0.01")) == Decimal("6.25")


@pytest.mark.parametrize(("rate", "expected"), [
    ("4", "0.1"), ("4.2", "0.1"), ("4.52", "0.01"), ("4.125", "0.001"),
])
def test_a_rate_is_compared_at_its_own_precision_and_at_least_one_decimal(rate: str, expected: str):
    assert figures.precision_of(Decimal(rate)) == Decimal(expected)


@pytest.mark.parametrize(("rate", "households", "expected"), [
    ("5.0", 1525, [76, 77]),       # 75 → 4,918; 76 → 4,984; 77 → 5,049; 78 → 5,115
    ("9.2", 1525, [140, 141]),     # 139 → 9,115; 140 → 9,180; 141 → 9,246; 142 → 9,311
    ("0.1", 1525, [1, 2]),         # 1 → 0,066 → 0,1; 2 → 0,131 → 0,1; 3 → 0,197 → 0,2
    ("9.9", 820, [81]),            # 81 → 9,878 → 9,9; 82 → 10,0; 80 → 9,756 → 9,8
    ("0.0", 820, [0]),             # 0; 1 → 0,12 → 0,1
    ("100", 8, [8]),
    ("100", 3200, [3199, 3200]),   # 3199 → 99,97 → 100,0; never more households than the commune has
    ("12.3", 8, []),               # 1 of 8 is 12,5: no count prints 12,3
    ("6.25", 16, [1]),             # at two decimals: 1 of 16 is 6,25 exactly, 2 of 16 is 12,5
])
def test_counts_printing_a_rate(rate: str, households: int, expected: list[int]):
    assert list(figures.counts_printing(Decimal(rate), households)) == expected


@pytest.mark.parametrize(("rate", "households", "expected"), [
    ("5.0", 1525, 76),     # exact 76,25
    ("9.2", 1525, 140),    # exact 140,3
    ("0.1", 1525, 2),      # exact 1,525: 2 is nearer than 1
    ("0.1", 1500, 2),      # exact 1,5: a tie between 1 and 2, the larger
    ("12.3", 8, None),
])
def test_count_of_a_rate_is_the_nearest_printing_count(rate: str, households: int, expected: int | None):
    assert figures.count_of(Decimal(rate), households) == expected


def test_a_rate_written_with_thirty_decimals_is_worked_out_to_all_of_them():
    # 1 of 3 is 33,33…: 32 digits at 30 decimals, more than the 28 of Decimal's default context.
    assert figures.rate_of(1, 3, Decimal("1e-30")) == Decimal("33." + "3" * 30)


def test_counts_of_more_households_than_decimal_digits_are_exact():
    # 0,1% of 10^40 + 5000 households, worked by hand: counts from 0,05% of them, 5·10^36 + 2,5
    # (up to 5·10^36 + 3), to below 0,15%, 15·10^36 + 7,5; the share itself is 10^37 + 5. Numbers
    # of 41 digits: the default context (28) would round them to 5·10^36, 15·10^36, 10^37.
    households = 10**40 + 5000
    counts = figures.counts_printing(Decimal("0.1"), households)
    assert (counts[0], counts[-1]) == (5 * 10**36 + 3, 15 * 10**36 + 7)
    assert figures.count_of(Decimal("0.1"), households) == 10**37 + 5


# ---------------------------------------------------------------------------------------------
# render: the roles a template writes, read into the document model.

from generator.document.model import (Addressee, AppendixStart, Closing, Column, Heading, Paragraph,  # noqa: E402
                                      Properties, PartHeading, Span, Table, Title)
from generator.errors import TemplateProblem  # noqa: E402
from generator.render.templates import render  # noqa: E402

_FRAME = ('<document kind="{kind}">\n<header><parent>Huyện  A</parent><issuer>UBND\n  XÃ B</issuer>'
          '<number>Số: 05/KH-UBND</number><national>CỘNG HÒA</national><motto>Độc lập</motto>'
          "<place-date>B, ngày 05 tháng 6 năm 2023</place-date></header>\n")


def _fresh(tmp_path: Path) -> Path:
    """Returns a new template folder: the environment of a folder is kept, its templates too."""
    import tempfile

    return Path(tempfile.mkdtemp(dir=tmp_path))


def _render(tmp_path: Path, body: str, kind: str = "plan", **context: object):
    folder = _fresh(tmp_path)
    (folder / "t.xml.j2").write_text(_FRAME.format(kind=kind) + body + "\n</document>", encoding="utf-8")
    return render("t.xml.j2", context, folder)


def test_every_role_is_read_with_what_the_template_wrote(tmp_path: Path):
    document = _render(tmp_path, """
<title kind="KẾ HOẠCH"><line>Thực hiện</line><line>năm 2023</line></title>
<addressee><to>Trường A;</to><to>Trường B.</to></addressee>
<part label="Phần thứ nhất" title="KẾT QUẢ"/>
<heading level="2" marker="1.">Mục đích</heading>
<p marker="a)" level="1" role="basis">Căn cứ</p>
<table fit="true" dense="true"><col width="2.5" align="center">STT</col><col>Nội dung</col>
<row><cell>1</cell><cell>Việc</cell></row></table>
<appendix label="Phụ lục II" title="DANH SÁCH" reference="(Kèm theo)" landscape="true"/>
<closing label="Nơi gửi:"><recipient>- Như trên;</recipient><authority>TM. UBND</authority>
<authority>CHỦ TỊCH</authority><signer>Nguyễn Văn A</signer></closing>""", kind="letter")
    assert document.kind == "letter"
    header = document.header
    assert (header.parent, header.issuer, header.number) == (("Huyện  A",), ("UBND XÃ B",), "Số: 05/KH-UBND")
    assert (header.national, header.motto, header.place_date) == ("CỘNG HÒA", "Độc lập", "B, ngày 05 tháng 6 năm 2023")
    assert document.blocks == (
        Title("KẾ HOẠCH", ("Thực hiện", "năm 2023")),
        Addressee(("Trường A;", "Trường B.")),
        PartHeading("Phần thứ nhất", "KẾT QUẢ"),
        Heading(2, "1.", "Mục đích"),
        Paragraph((Span("Căn cứ"),), "a)", 1, "basis"),
        Table((Column("STT", 2.5, "center"), Column("Nội dung", 1.0, "left")), (("1", "Việc"),), True, True),
        AppendixStart("Phụ lục II", "DANH SÁCH", "(Kèm theo)", True),
        Closing(("- Như trên;",), ("TM. UBND", "CHỦ TỊCH"), "Nguyễn Văn A", "Nơi gửi:"),
    )


def test_attributes_left_out_take_their_documented_defaults(tmp_path: Path):
    document = _render(tmp_path, """<title><line>Dòng</line></title><heading>Mục</heading><p>Văn bản</p><part/><appendix/>
<table><col>A</col><row><cell>x</cell></row></table><p>Cuối</p>
<closing><signer>A</signer></closing>""")
    assert document.blocks == (
        Title("", ("Dòng",)), Heading(1, "", "Mục"), Paragraph((Span("Văn bản"),)), PartHeading("", ""),
        AppendixStart("", "", "", False), Table((Column("A"),), (("x",),), False, False),
        Paragraph((Span("Cuối./."),)), Closing((), (), "A", "Nơi nhận:"))


def test_a_line_break_in_a_template_is_one_space_and_spaces_are_kept(tmp_path: Path):
    document = _render(tmp_path, "<p>  Số:     /KH-UBND\n   và <b> đậm\n  chữ </b>\n <i>nghiêng</i>  </p>")
    assert document.blocks == (Paragraph((Span("Số:     /KH-UBND và "), Span(" đậm chữ ", bold=True),
                                          Span(" "), Span("nghiêng./.", italic=True))),)


def test_the_end_mark_goes_after_the_last_paragraph_with_text_before_the_closing(tmp_path: Path):
    document = _render(tmp_path, "<p>Một.</p><p>Hai</p><p></p><closing><signer>A</signer></closing><p>Sau</p>")
    texts = [block.spans for block in document.blocks if isinstance(block, Paragraph)]
    assert texts == [(Span("Một."),), (Span("Hai./."),), (), (Span("Sau"),)]


def test_a_body_ending_in_a_table_gets_no_end_mark(tmp_path: Path):
    document = _render(tmp_path, "<p>Trước</p><table><col>A</col><row><cell>x</cell></row></table>")
    assert document.blocks[0] == Paragraph((Span("Trước"),))


def test_a_missing_template_is_reported_by_its_name(tmp_path: Path):
    with pytest.raises(TemplateProblem) as raised:
        render("missing.xml.j2", {}, tmp_path)
    problem = raised.value.problem
    assert (problem.file, problem.line, problem.code) == ("missing.xml.j2", 1, "template.error")


@pytest.mark.parametrize(("expression", "expected"), [
    ("rate|percent", "5,0%"),
    ("1525|number", "1.525"),
    ("'Triển khai việc'|lower_first", "triển khai việc"),
    ("'UBND xã'|lower_first", "UBND xã"),
    ("'T'|lower_first", "T"),
    ("'kế hoạch'|upper_first", "Kế hoạch"),
    ("'đơn vị'|upper_first", "Đơn vị"),
    ("day|long_date", "ngày 05 tháng 02 năm 2026"),
    ("'2026-06-30'|deadline", "30/6/2026"),
    ("'a)'|marker_of(24)", "aa)"),
    ("4|ordinal_word", "tư"),
    ("'2026-06-30' is iso_date", "True"),
    ("'Quý III/2026' is iso_date", "False"),
])
def test_filters_print_as_the_decree_writes(tmp_path: Path, expression: str, expected: str):
    import datetime

    document = _render(tmp_path, f"<p>{{{{ {expression} }}}}</p><closing><signer>A</signer></closing>",
                       rate=Decimal("4.95"), day=datetime.date(2026, 2, 5))
    assert "".join(span.text for span in document.blocks[0].spans) == f"{expected}./."


def test_a_file_is_written_as_a_hidden_temporary_beside_it_then_renamed(tmp_path: Path, monkeypatch):
    """What a clerk finds in the folder after a power cut mid-write: ".ke-hoach.docx.….tmp"
    beside the document, never a half-written ke-hoach.docx (and a rename in one folder is atomic)."""
    real = os.replace
    seen: list[list[str]] = []

    def replace(source, target):
        seen.append(sorted(path.name for path in Path(target).parent.iterdir()))
        real(source, target)

    monkeypatch.setattr(save.os, "replace", replace)
    save.write_files(tmp_path, {PurePosixPath("ke-hoach.docx"): b"plan"})
    save.write_new_file(tmp_path / "plan.yaml", b"x", overwrite=True)
    assert len(seen[0]) == 1 and re.fullmatch(r"\.ke-hoach\.docx\.\w+\.tmp", seen[0][0])
    assert len(seen[1]) == 2 and seen[1][1] == "ke-hoach.docx"
    assert re.fullmatch(r"\.plan\.yaml\.\w+\.tmp", seen[1][0])


def _render_raw(tmp_path: Path, text: str):
    folder = _fresh(tmp_path)
    (folder / "raw.xml.j2").write_text(text, encoding="utf-8")
    return render("raw.xml.j2", {}, folder)


def test_the_document_properties_are_those_the_template_sets(tmp_path: Path):
    document = _render_raw(tmp_path, '<document kind="sheet" title="Kế hoạch" subject="Giảm nghèo" '
                                     'author="UBND xã B" created="2023-06-05T00:00:00Z">'
                                     "<header><national>N</national><motto>M</motto></header></document>")
    assert document.kind == "sheet"
    assert document.properties == Properties("Kế hoạch", "Giảm nghèo", "UBND xã B", "2023-06-05T00:00:00Z")


def test_a_bare_document_is_a_plan_with_an_empty_header(tmp_path: Path):
    document = _render_raw(tmp_path, "<document><header><issuer>UBND</issuer><national>N</national>"
                                     "<motto>M</motto></header></document>")
    assert document.kind == "plan" and document.properties == Properties("")
    assert (document.header.number, document.header.place_date) == ("", "")


def test_marked_up_text_in_a_one_line_role_keeps_all_its_words(tmp_path: Path):
    document = _render(tmp_path, "<heading>Mục <b>đậm</b> cuối</heading><p>a <b>b <i>c</i> d</b></p>"
                                 "<closing><signer>A</signer></closing>")
    assert document.blocks[:2] == (Heading(1, "", "Mục đậm cuối"),
                                   Paragraph((Span("a "), Span("b ", bold=True), Span("c", bold=True, italic=True),
                                              Span(" d./.", bold=True))))


def test_a_two_letter_phrase_is_lowered_too(tmp_path: Path):
    document = _render(tmp_path, "<p>{{ 'Xã'|lower_first }}</p><closing><signer>A</signer></closing>")
    assert document.blocks[0].spans == (Span("xã./."),)


def test_an_unknown_role_names_the_template_output(tmp_path: Path):
    with pytest.raises(TemplateProblem) as raised:
        _render(tmp_path, "<para>x</para>")
    problem = raised.value.problem
    assert (problem.file, problem.line, problem.column) == ("<template output>", 4, 1)  # the header takes lines 2-3


def test_broken_templates_are_reported_at_file_line_and_column_one(tmp_path: Path):
    with pytest.raises(TemplateProblem) as raised:
        _render_raw(tmp_path, "<document>\n{% if %}\n</document>")
    problem = raised.value.problem
    assert Path(problem.file).name == "raw.xml.j2" and Path(problem.file).is_absolute()
    assert (problem.line, problem.column, problem.code) == (2, 1, "template.syntax")
    assert "expression" in problem.args["detail"]
    with pytest.raises(TemplateProblem) as raised:
        _render_raw(tmp_path, "<document>\n\n{{ no_such_name }}</document>")
    problem = raised.value.problem
    assert (problem.line, problem.column, problem.code) == (3, 1, "template.error")
    with pytest.raises(TemplateProblem) as raised:
        _render_raw(tmp_path, "<document>\n<p>x</b>\n</document>")
    problem = raised.value.problem
    assert (problem.file, problem.line, problem.column, problem.code) == ("raw.xml.j2", 2, 1, "template.output")
    assert "mismatched tag" in problem.args["detail"]


@pytest.mark.parametrize(("month", "day", "expected"), [
    (None, None, "2023-01-01T00:00:00Z"), (6, None, "2023-06-01T00:00:00Z"), (6, 5, "2023-06-05T00:00:00Z"),
])
def test_the_created_date_of_a_document_not_yet_dated(tmp_path: Path, month, day, expected: str):
    import types

    info = types.SimpleNamespace(year=2023, month=month, day=day)
    document = _render(tmp_path, "<p>{{ info|iso_date }}</p>", info=info)
    assert document.blocks[0].spans == (Span(f"{expected}./."),)


def test_the_end_mark_never_goes_after_the_closing_and_keeps_the_role(tmp_path: Path):
    document = _render(tmp_path, "<closing><signer>A</signer></closing><p>Sau</p>")
    assert document.blocks[1] == Paragraph((Span("Sau"),))
    document = _render(tmp_path, '<p role="note">Ghi chú</p>')
    assert document.blocks[0] == Paragraph((Span("Ghi chú./."),), "", 0, "note")


# ---------------------------------------------------------------------------------------------
# model and checks: a plan as the clerk writes it, built or validated through the CLI.

from docx import Document as DocxFile  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402

from conftest import SAMPLE, SECOND, run_cli  # noqa: E402
from docx_reading import column_widths, expected_lines, text_lines  # noqa: E402

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
SECOND_TEXT = SECOND.read_text(encoding="utf-8")


def _plan(tmp_path: Path, text: str, *changes: tuple[str, str]) -> tuple[Path, str]:
    """Returns a plan file made of `text` with each (old, new) of `changes` made once."""
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def _line(text: str, start: str) -> int:
    """Returns the number of the one line of `text` that starts (indent aside) with `start`."""
    numbers = [n for n, line in enumerate(text.splitlines(), 1) if line.strip().startswith(start)]
    assert len(numbers) == 1, (start, numbers)
    return numbers[0]


def _built(tmp_path: Path, plan: Path) -> Path:
    """Returns the folder of `plan`'s documents, built by `kehoach build`."""
    result = run_cli("build", plan, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    return tmp_path / "out" / plan.stem


def _errors(plan: Path) -> list[str]:
    """Returns the error lines of `kehoach --lang en validate PLAN`, which must fail (exit 1)."""
    code, lines = _validated(plan)
    assert code == 1, lines
    return [row for row in lines if ": error: " in row]


def _validated(plan: Path, *options: str) -> tuple[int, list[str]]:
    """Returns the exit code of `kehoach --lang en validate` and the lines it prints."""
    result = run_cli("--lang", "en", "validate", *options, plan)
    return result.exit_code, result.output.splitlines()


def test_table_columns_as_titles_or_mappings_take_the_documented_width_and_alignment(tmp_path: Path):
    # plan-format "table": a column is a title or {title, width, align}; width 1 and align left
    # by default, widths relative to each other: shares 1, 3, 1, 2 of the text width.
    plan, _ = _plan(tmp_path, SECOND_TEXT, (
        "                - {title: STT, width: 0.6, align: center}\n"
        "                - {title: Chỉ tiêu, width: 3}\n"
        "                - {title: Kế hoạch năm 2025, width: 1.4, align: right}\n"
        "                - {title: Thực hiện năm 2025, width: 1.4, align: right}\n",
        "                - STT\n"
        "                - {title: Chỉ tiêu, width: 3}\n"
        "                - {title: Kế hoạch năm 2025, align: right}\n"
        "                - {title: Thực hiện năm 2025, width: 2, align: right}\n"))
    table = next(t for t in DocxFile(str(_built(tmp_path, plan) / "ke-hoach.docx")).tables
                 if t.cell(0, 2).text == "Kế hoạch năm 2025")
    assert [table.cell(0, i).text for i in range(4)] == ["STT", "Chỉ tiêu", "Kế hoạch năm 2025", "Thực hiện năm 2025"]
    widths = column_widths(table)
    unit = sum(widths) / 7
    assert [round(width / unit, 2) for width in widths] == [1, 3, 1, 2]
    aligned = [table.cell(1, i).paragraphs[0].alignment for i in range(4)]
    assert aligned[0] in (None, WD_ALIGN_PARAGRAPH.LEFT) and aligned[1] in (None, WD_ALIGN_PARAGRAPH.LEFT)
    assert aligned[2:] == [WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.RIGHT]
    assert [table.cell(1, i).text for i in range(4)] == ["1", "Tỷ lệ hộ nghèo (%)", "5,0", "4,5"]


def test_the_default_letter_symbol_is_all_of_the_plans_symbol_after_its_kind(tmp_path: Path):
    # plan-format "letter": "the part of the plan's symbol after its kind, then the second entry
    # of archive": KH-UBND-BCĐ and [VT, CSXH] give UBND-BCĐ-CSXH.
    plan, _ = _plan(tmp_path, SAMPLE_TEXT, ("  symbol: KH-UBND\n  place:", "  symbol: KH-UBND-BCĐ\n  place:"),
                    ("    symbol: UBND-CSXH                 # đơn vị soạn thảo như dòng \"Lưu: VT, CSXH\"\n", ""))
    letter = _built(tmp_path, plan) / "giao-nhiem-vu" / "tu-phap.docx"
    assert "Số:     /UBND-BCĐ-CSXH" in text_lines(letter)


def test_village_figures_written_as_counts_only_print_the_rates_of_the_villages_households(tmp_path: Path):
    # Thôn Tân Lập, 820 households: 45 → 45 × 100 / 820 = 5,49 → 5,5%; 35 → 4,27 → 4,3%.
    plan, _ = _plan(tmp_path, SECOND_TEXT, ("baseline: {rate: 5.5, count: 45}", "baseline: {count: 45}"),
                    ("target: {rate: 4.3, count: 35}", "target: {count: 35}"))
    assert "1 | Thôn Tân Lập | 5,5% | 45 | 4,3% | 35" in text_lines(_built(tmp_path, plan) / "ke-hoach.docx")


def test_a_village_target_or_result_that_disagrees_with_its_households_is_refused_at_its_rate(tmp_path: Path):
    # Tân Lập, 820 households: 35 is 4,27 → 4,3%, not 4,9%; a result of 40 is 4,88 → 4,9%, not 9,9%.
    plan, text = _plan(tmp_path, SECOND_TEXT, (
        "        target: {rate: 4.3, count: 35}",
        "        target: {rate: 4.9, count: 35}\n        actual: {rate: 9.9, count: 40}"))
    code, lines = _validated(plan)
    target, actual = _line(text, "target: {rate: 4.9"), _line(text, "actual: {rate: 9.9")
    assert code == 1
    assert [line for line in lines if "Tân Lập" in line] == [
        f"{plan}:{target}:24: error: the rate 4.9% of «hộ nghèo» in «Thôn Tân Lập» does not agree with "
        "its count: 35 of the village's 820 households is 4.3%",
        f"{plan}:{actual}:24: error: the rate 9.9% of «hộ nghèo» in «Thôn Tân Lập» does not agree with "
        "its count: 40 of the village's 820 households is 4.9%"]


def test_a_rate_no_count_prints_names_the_counts_around_it_at_its_own_precision(tmp_path: Path):
    # 3,31% of 1.525 households is 50,48 households: 50 gives 3,28%, 51 gives 3,34% (at 0,1 both
    # would print 3,3%, which does not show why 3,31% is unreachable).
    plan, text = _plan(tmp_path, SAMPLE_TEXT, ("target: {year: 2023, rate: 5.0, count: 76}", "target: {year: 2023, rate: 3.31}"),
                       ("    reduction: {rate: 4.2, count: 65}", "   "))
    code, lines = _validated(plan)
    assert code == 1
    assert f"{plan}:{_line(text, 'target: {year: 2023, rate: 3.31}')}:32: error: «hộ nghèo», target (end of 2023): " \
           "no number of households out of 1,525 gives 3.31% (50 gives 3.28%, 51 gives 3.34%): check the rate, " \
           "or write the count (`count`)" in lines


def test_a_duplicated_id_names_the_line_of_its_first_use(tmp_path: Path):
    # The first unit is written name first: the line named is that of its id, not of the unit.
    plan, text = _plan(tmp_path, SAMPLE_TEXT, ("    name: Văn hóa - Thông tin\n", ""),
                       ("  - id: van-hoa\n", "  - name: Văn hóa - Thông tin\n    id: van-hoa\n"),
                       ("  - id: tu-phap\n", "  - id: van-hoa\n"))
    first, second = (n for n, line in enumerate(text.splitlines(), 1) if line.endswith("id: van-hoa"))
    code, lines = _validated(plan)
    assert code == 1
    assert f"{plan}:{second}:9: error: the id «van-hoa» is already used on line {first}" in lines


def test_an_appendix_pointed_to_from_the_introduction_alone_is_referenced(tmp_path: Path):
    # nd30-format §5.12: the text must point to its appendices; the introduction is text too,
    # though every section comes after it.
    plan, _ = _plan(tmp_path, SAMPLE_TEXT, ("  appendix: false", "  appendix: true"),
                    ("với những nội dung sau:", "với những nội dung sau (phân công chi tiết tại Phụ lục kèm theo):"))
    code, lines = _validated(plan)
    assert code == 0 and not [line for line in lines if "never points to it" in line], lines


def test_diff_of_a_plan_with_itself_says_nothing_changed():
    result = run_cli("--lang", "en", "diff", SAMPLE, SAMPLE)
    assert (result.exit_code, result.output) == (0, "")


def test_a_stated_reduction_beside_a_baseline_missing_its_rate_is_a_located_error_not_a_crash(tmp_path: Path):
    # Without the commune's households no rate can be computed from 141: the clerk is told where
    # the rate is missing; the reduction cannot be compared with a rate that is not there.
    plan, text = _plan(tmp_path, SAMPLE_TEXT, ("households: 1525\n", ""),
                       ("baseline: {year: 2022, rate: 9.2, count: 141}", "baseline: {year: 2022, count: 141}"))
    code, lines = _validated(plan)
    located = [line for line in lines if line.startswith(f"{plan}:{_line(text, 'baseline: {year: 2022, count: 141}')}:")]
    assert code == 1 and len(located) == 1, lines
    assert "error: «hộ nghèo», baseline (end of 2022): only the count is written" in located[0]


def test_a_basis_with_only_a_kind_prints_alone_and_its_review_is_asked_at_its_line(tmp_path: Path):
    # plan-format "basis": number, date, issuer and subject may be left out ("not printed");
    # `review: true` warns until checked.
    plan, text = _plan(tmp_path, SAMPLE_TEXT, ("basis:\n", "basis:\n  - lead: Căn cứ\n"
                                                           "    kind: Luật Tổ chức chính quyền địa phương\n"
                                                           "    review: true\n"))
    code, lines = _validated(plan)
    assert code == 0
    assert f"{plan}:{_line(text, 'review: true')}:13: warning: check that Luật Tổ chức chính quyền địa " \
           "phương is still a basis of the plan for 2023" in lines
    paragraphs = [p.text for p in DocxFile(str(_built(tmp_path, plan) / "ke-hoach.docx")).paragraphs]
    assert paragraphs[paragraphs.index("Căn cứ Luật Tổ chức chính quyền địa phương;") + 1].startswith(
        "Thực hiện kế hoạch số 145/KH-UBND ngày 18 tháng 5 năm 2023 của UBND huyện Như Thanh về việc")


def test_figures_written_as_counts_only_print_as_the_expected_text_says(tmp_path: Path):
    # Of 2.480 households: 112 → 4,52 → 4,5% (baseline); 62 → 2,50 → 2,5% (milestone 2027):
    # the plan prints what the hand-written expected text of the sample says.
    plan, _ = _plan(tmp_path, SECOND_TEXT, ("baseline: {year: 2025, rate: 4.5, count: 112}", "baseline: {year: 2025, count: 112}"),
                    ("- {year: 2027, rate: 2.5, count: 62}", "- {year: 2027, count: 62}"))
    expected = expected_lines(Path(__file__).parent / "fixtures" / "tan-an-2026" / "ke-hoach.expected.txt")
    assert text_lines(_built(tmp_path, plan) / "ke-hoach.docx") == expected


def test_diff_shows_results_written_as_counts_only_with_their_rates(tmp_path: Path):
    # 80 of the commune's 2.480 households is 3,23 → 3,2%; 33 of Tân Lập's 820 is 4,02 → 4,0%.
    plan, _ = _plan(tmp_path, SECOND_TEXT, (
        "    reduction: {rate: 1.0, count: 25}", "    reduction: {rate: 1.0, count: 25}\n    actual: {year: 2026, count: 80}"),
        ("        target: {rate: 4.3, count: 35}", "        target: {rate: 4.3, count: 35}\n        actual: {count: 33}"))
    result = run_cli("--lang", "en", "diff", SECOND, plan)
    assert result.exit_code == 1
    assert result.output.splitlines()[2:] == [
        "+ Indicator “hộ nghèo”: actual result (not printed): 3,2%, 80 hộ (end of 2026)",
        "+ Indicator “hộ nghèo”, Thôn Tân Lập: actual result (not printed): 4,0%, 33 hộ (end of 2026)",
        "2 change(s)."]


def test_a_result_that_disagrees_with_its_households_is_refused_at_its_rate(tmp_path: Path):
    # 80 of 2.480 households is 3,2%, not 9,9%
    plan, text = _plan(tmp_path, SECOND_TEXT, (
        "    reduction: {rate: 1.0, count: 25}", "    reduction: {rate: 1.0, count: 25}\n    actual: {year: 2026, rate: 9.9, count: 80}"))
    assert _errors(plan) == [
        f"{plan}:{_line(text, 'actual: {year: 2026')}:32: error: the rate 9.9% of «hộ nghèo» in 2026 does not agree "
        "with its count: 80 of 2,480 households is 3.2%"]


def test_a_baseline_or_milestone_that_disagrees_with_the_households_is_refused_at_its_rate(tmp_path: Path):
    # Of 2.480 households: 112 is 4,52 → 4,5%, not 5,5%; 62 is 2,50 → 2,5%, not 3,5%.
    plan, text = _plan(tmp_path, SECOND_TEXT, ("baseline: {year: 2025, rate: 4.5, count: 112}", "baseline: {year: 2025, rate: 5.5, count: 112}"),
                       ("reduction: {rate: 1.0, count: 25}", "reduction: {rate: 2.0, count: 25}"),
                       ("- {year: 2027, rate: 2.5, count: 62}", "- {year: 2027, rate: 3.5, count: 62}"))
    assert _errors(plan) == [
        f"{plan}:{_line(text, 'baseline: {year: 2025, rate: 5.5')}:34: error: the rate 5.5% of «hộ nghèo» in 2025 "
        "does not agree with its count: 112 of 2,480 households is 4.5%",
        f"{plan}:{_line(text, '- {year: 2027, rate: 3.5')}:28: error: the rate 3.5% of «hộ nghèo» in 2027 "
        "does not agree with its count: 62 of 2,480 households is 2.5%"]


def test_a_village_target_as_a_count_without_the_villages_households_is_located(tmp_path: Path):
    plan, text = _plan(tmp_path, SECOND_TEXT, ("        households: 820\n", ""),
                       ("target: {rate: 4.3, count: 35}", "target: {count: 35}"))
    assert _errors(plan) == [
        f"{plan}:{_line(text, 'target: {count: 35}')}:17: error: «hộ nghèo», Thôn Tân Lập, target: only the "
        "count is written, and the village table prints the rate too: write `rate`, or the village's number "
        "of households (`households`) for kehoach to compute it"]


def test_a_stated_reduction_that_disagrees_names_both_figures_at_each_field(tmp_path: Path):
    # 9,2% − 5,0% = 4,2%, not 4,3%; 141 − 76 = 65 households, not 66.
    plan, text = _plan(tmp_path, SAMPLE_TEXT, ("reduction: {rate: 4.2, count: 65}", "reduction: {rate: 4.3, count: 66}"))
    line = _line(text, "reduction: {rate: 4.3, count: 66}")
    assert _errors(plan) == [
        f"{plan}:{line}:23: error: the stated reduction of the rate of «hộ nghèo» is 4.3% but baseline 9.2% − "
        "target 5.0% gives 4.2%",
        f"{plan}:{line}:35: error: the stated reduction of «hộ nghèo» is 66 but baseline 141 − target 76 gives 65"]


def test_counts_that_go_the_wrong_way_are_refused_even_without_rates(tmp_path: Path):
    # No households, no rates: the counts alone must go down, and 141 → 150 goes up.
    plan, text = _plan(tmp_path, SAMPLE_TEXT, ("households: 1525\n", ""),
                       ("baseline: {year: 2022, rate: 9.2, count: 141}", "baseline: {year: 2022, count: 141}"),
                       ("target: {year: 2023, rate: 5.0, count: 76}", "target: {year: 2023, count: 150}"),
                       ("    reduction: {rate: 4.2, count: 65}", "   "))
    baseline, target = _line(text, "baseline: {year: 2022, count: 141}"), _line(text, "target: {year: 2023, count: 150}")
    missing = ("only the count is written, and the document prints the rate too: write `rate`, or the commune's "
               "number of households (`households`, at the top of the plan) for kehoach to compute it")
    assert _errors(plan) == [
        f"{plan}:{baseline}:15: error: «hộ nghèo», baseline (end of 2022): {missing}",
        f"{plan}:{target}:13: error: «hộ nghèo», target (end of 2023): {missing}",
        f"{plan}:{target}:33: error: «hộ nghèo» is to go down, but the target 150 is not below the baseline 141"]


def test_an_impossible_date_is_located_at_its_day(tmp_path: Path):
    plan, text = _plan(tmp_path, SAMPLE_TEXT, ("date: {year: 2023, month: 6, day: null}", "date: {year: 2023, month: 2, day: 29}"))
    assert _errors(plan) == [
        f"{plan}:{_line(text, 'date: {year: 2023, month: 2, day: 29}')}:37: error: 29/02/2023 is not a real date"]


def test_targets_not_filled_in_yet_are_located_at_the_target(tmp_path: Path):
    # What `kehoach new` leaves: a target without rate or count, for the commune and a village.
    plan, text = _plan(tmp_path, SECOND_TEXT, ("target: {year: 2026, rate: 89.5, count: 2220}", "target: {year: 2026, rate: null, count: null}"),
                       ("target: {rate: 4.3, count: 35}", "target: {rate: null, count: null}"))
    assert _errors(plan) == [
        f"{plan}:{_line(text, 'target: {rate: null')}:17: error: the target of «hộ nghèo» in Thôn Tân Lập for 2026 "
        "is not filled in yet",
        f"{plan}:{_line(text, 'target: {year: 2026, rate: null')}:13: error: the target of «hộ sử dụng nước sinh "
        "hoạt hợp vệ sinh» for 2026 is not filled in yet"]


def test_a_target_equal_to_its_baseline_does_not_go_the_planned_way(tmp_path: Path):
    plan, text = _plan(tmp_path, SAMPLE_TEXT, ("target: {year: 2023, rate: 5.0, count: 76}", "target: {year: 2023, rate: 9.2, count: 141}"),
                       ("    reduction: {rate: 4.2, count: 65}", "   "))
    line = _line(text, "target: {year: 2023, rate: 9.2, count: 141}")
    assert _errors(plan) == [
        f"{plan}:{line}:32: error: «hộ nghèo» is to go down, but the target 9.2% is not below the baseline 9.2%",
        f"{plan}:{line}:44: error: «hộ nghèo» is to go down, but the target 141 is not below the baseline 141"]
    plan, text = _plan(tmp_path, SECOND_TEXT, ("target: {year: 2026, rate: 89.5, count: 2220}", "target: {year: 2026, rate: 85.0, count: 2108}"))
    line = _line(text, "target: {year: 2026, rate: 85.0, count: 2108}")
    assert _errors(plan) == [
        f"{plan}:{line}:32: error: «hộ sử dụng nước sinh hoạt hợp vệ sinh» is to go up, but the target 85.0% is not above the baseline 85.0%",
        f"{plan}:{line}:45: error: «hộ sử dụng nước sinh hoạt hợp vệ sinh» is to go up, but the target 2,108 is not above the baseline 2,108"]


def test_a_rate_with_two_decimals_is_compared_at_two_decimals(tmp_path: Path):
    # 141 of 1.525 households is 9,246 → 9,25% at two decimals (9,2% at one): it agrees; the
    # document prints 9,3% (half up), which the clerk is warned of.
    plan, text = _plan(tmp_path, SAMPLE_TEXT, ("rate: 9.2, count: 141}", "rate: 9.25, count: 141}"),
                       ("reduction: {rate: 4.2, count: 65}", "reduction: {rate: 4.25, count: 65}"))
    code, lines = _validated(plan)
    assert code == 0 and not [row for row in lines if ": error: " in row], lines
    assert f"{plan}:{_line(text, 'baseline: {year: 2022, rate: 9.25')}:34: warning: the rate 9.25 has more " \
           "decimals than the document prints (9.3)" in lines, lines


def test_a_computed_count_names_the_first_and_last_of_the_counts_that_print_its_rate(tmp_path: Path):
    # 3,5% of 2.480 households: 86 (3,47), 87 (3,51) and 88 (3,55 → 3,548) all print 3,5%; 85 is
    # 3,43 and 89 is 3,59. The nearest to 86,8 is 87.
    plan, text = _plan(tmp_path, SECOND_TEXT, ("target: {year: 2026, rate: 3.5, count: 87}", "target: {year: 2026, rate: 3.5}"))
    code, lines = _validated(plan)
    assert code == 0
    assert f"{plan}:{_line(text, 'target: {year: 2026, rate: 3.5}')}:32: warning: «hộ nghèo», target (end of " \
           "2026): the count is computed as 87 (3.5% of 2,480 households), but every count from 86 to 88 prints " \
           "as 3.5%: write the count (`count`) if it is another" in lines, lines


def test_unknown_references_self_support_and_a_unit_without_duties_are_each_located(tmp_path: Path):
    plan, text = _plan(tmp_path, SAMPLE_TEXT, ("support: [cac-thon]", "support: [xyz, ldtbxh]"),
                       ("        indicators: [ho-ngheo]\n", "        indicators: [ho-ngheo, zzz]\n"),
                       ("  - id: cac-thon\n", "  - id: ban-moi\n    name: Ban mới\n  - id: cac-thon\n"))
    support, indicators = _line(text, "support: [xyz, ldtbxh]"), _line(text, "indicators: [ho-ngheo, zzz]")
    assert _errors(plan) == [
        f"{plan}:{support}:18: error: the unit «ldtbxh» is listed among its own supporting units",
        f"{plan}:{support}:19: error: no unit has the id «xyz» (known: ban-moi, cac-thon, ldtbxh, mat-tran, "
        "nganh-doan-the, nong-nghiep, truong-hoc, tu-phap, van-hoa)",
        f"{plan}:{_line(text, '- id: ban-moi')}:5: error: the unit «ban-moi» has no duty",
        f"{plan}:{indicators}:32: error: no indicator has the id «zzz» (known: ho-can-ngheo, ho-ngheo)"]


def test_unknown_ids_in_the_blocks_of_the_body_are_each_located(tmp_path: Path):
    plan, text = _plan(tmp_path, SECOND_TEXT, ("- {indicators: [ho-ngheo, ho-can-ngheo]}", "- {indicators: [ho-ngheo, zzz]}"),
                       ("- {indicator_table: ho-ngheo}", "- {indicator_table: yyy}"),
                       ("- {units: all}", "- {units: [kinh-te, xxx]}"))
    known_indicators, known_units = "ho-can-ngheo, ho-ngheo, ho-nuoc-sach", "cac-thon, kinh-te, van-hoa-xa-hoi"
    assert _errors(plan) == [
        f"{plan}:{_line(text, '- {indicators: [ho-ngheo, zzz]}')}:37: error: no indicator has the id «zzz» (known: {known_indicators})",
        f"{plan}:{_line(text, '- {indicator_table: yyy}')}:31: error: no indicator has the id «yyy» (known: {known_indicators})",
        f"{plan}:{_line(text, '- {units: [kinh-te, xxx]}')}:31: error: no unit has the id «xxx» (known: {known_units})"]


def test_the_units_of_a_task_are_checked_at_their_lines(tmp_path: Path):
    plan, text = _plan(tmp_path, SECOND_TEXT, (
        "            lead: kinh-te\n            support: [cac-thon]", "            lead: zzz\n            support: [cac-thon, www]"), (
        "            lead: van-hoa-xa-hoi\n            support: [cac-thon]",
        "            lead: van-hoa-xa-hoi\n            support: [cac-thon, van-hoa-xa-hoi]"), (
        "hộ nghèo, hộ cận nghèo theo quy định.\n            lead: van-hoa-xa-hoi",
        "hộ nghèo, hộ cận nghèo theo quy định.\n            support: [kinh-te]"))
    assert _errors(plan) == [
        f"{plan}:{_line(text, 'support: [cac-thon, van-hoa-xa-hoi]')}:22: error: the unit «van-hoa-xa-hoi» is "
        "listed among its own supporting units",
        f"{plan}:{_line(text, 'lead: zzz')}:19: error: no unit has the id «zzz» (known: cac-thon, kinh-te, van-hoa-xa-hoi)",
        f"{plan}:{_line(text, 'support: [cac-thon, www]')}:33: error: no unit has the id «www» (known: cac-thon, "
        "kinh-te, van-hoa-xa-hoi)",
        f"{plan}:{_line(text, 'support: [kinh-te]')}:22: error: supporting units (kinh-te) are given but no lead "
        "unit: add `lead`"]


def test_deadlines_outside_the_plans_year_are_located_at_the_deadline(tmp_path: Path):
    plan, text = _plan(tmp_path, SAMPLE_TEXT, ("default_deadline: Năm 2023", "default_deadline: Năm 2022"),
                       ("        indicators: [ho-ngheo]\n", "        indicators: [ho-ngheo]\n        deadline: Quý II/2024\n"))
    code, lines = _validated(plan)
    assert code == 1
    assert f"{plan}:{_line(text, 'deadline: Quý II/2024')}:19: error: the deadline «Quý II/2024» is after the " \
           "plan's year, 2023" in lines, lines
    assert f"{plan}:{_line(text, 'default_deadline: Năm 2022')}:21: warning: the deadline «Năm 2022» is before " \
           "the plan's year, 2023: is it last year's?" in lines, lines


def test_a_basis_to_review_is_named_by_its_number_and_a_summary_without_the_year_is_located(tmp_path: Path):
    plan, text = _plan(tmp_path, SAMPLE_TEXT, ("    issuer: UBND huyện Như Thanh\n", "    issuer: UBND huyện Như Thanh\n    review: true\n"),
                       ("nhanh bền vững năm 2023 trên địa bàn xã Xuân Phúc\n", "nhanh bền vững trên địa bàn xã Xuân Phúc\n"))
    code, lines = _validated(plan)
    assert code == 0
    # (the sample's standing warnings aside: its abbreviated issuer, its lowercase "kế hoạch", UBND)
    assert [row for row in lines if ": warning: " in row and "abbreviated" not in row
            and "capital letter" not in row and "written out" not in row] == [
        f"{plan}:{_line(text, '- Triển khai thực hiện')}:5: warning: the summary line does not say the plan's year, 2023",
        f"{plan}:{_line(text, 'review: true')}:13: warning: check that kế hoạch 145/KH-UBND is still a basis of "
        "the plan for 2023"]


def test_an_issuer_abbreviated_over_two_lines_and_a_district_on_the_reform_day_are_warned_of(tmp_path: Path):
    # nd30-format §5.2: the issuer's full name; §7: no districts from 1 July 2025, that day included.
    plan, text = _plan(tmp_path, SAMPLE_TEXT, ("  name: UBND XÃ XUÂN PHÚC", "  name: [UBND XÃ, XUÂN PHÚC]"),
                       ("date: {year: 2023, month: 6, day: null}", "date: {year: 2025, month: 7, day: 1}"))
    code, lines = _validated(plan)
    assert code == 0
    assert [row for row in lines if ": warning: " in row and "capital letter" not in row
            and "written out" not in row] == [
        f"{plan}:{_line(text, 'parent: UBND HUYỆN NHƯ THANH')}:11: warning: the parent body «UBND HUYỆN NHƯ THANH» "
        "is a district, but districts no longer exist from 01/7/2025",
        f"{plan}:{_line(text, 'name: [UBND XÃ, XUÂN PHÚC]')}:9: warning: the issuing body is abbreviated («UBND XÃ "
        "XUÂN PHÚC»); Decree 30 asks for its full name, e.g. «ỦY BAN NHÂN DÂN XÃ XUÂN PHÚC»"]


def test_an_appendix_never_pointed_to_is_warned_of_where_it_is_asked_for(tmp_path: Path):
    # nd30-format §5.12. The assignments' appendix: at `appendix: true`; the plan's own: at its list.
    plan, text = _plan(tmp_path, SAMPLE_TEXT, ("  appendix: false", "  appendix: true"))
    code, lines = _validated(plan)
    warning = ("warning: the plan has an appendix but its text never points to it; Decree 30 asks for a "
               "sentence such as «… chi tiết tại Phụ lục kèm theo»")
    assert code == 0 and f"{plan}:{_line(text, 'appendix: true')}:13: {warning}" in lines, lines
    plan, text = _plan(tmp_path, SECOND_TEXT, ("chi tiết tại Phụ lục I kèm theo.", "chi tiết kèm theo."),
                       ("được phân công tại Phụ lục II kèm theo;", "được phân công;"))
    code, lines = _validated(plan)
    assert code == 0 and [row for row in lines if ": warning: " in row] == [
        f"{plan}:{_line(text, '- title: KINH PHÍ THỰC HIỆN KẾ HOẠCH NĂM 2026')}:3: {warning}"]


def test_a_plan_without_units_builds_the_plan_alone(tmp_path: Path):
    # plan-format: `units` is optional; without units there is no letter and no task sheet.
    # The sample without its units and their assignments (from "units:" to "sections:").
    without = SAMPLE_TEXT[:SAMPLE_TEXT.index("\nunits:\n") + 1] + SAMPLE_TEXT[SAMPLE_TEXT.index("\nsections:\n") + 1:]
    plan, _ = _plan(tmp_path, without, ("      - {units: all}\n", "      - Các ban, ngành thực hiện.\n"))
    folder = _built(tmp_path, plan)
    assert sorted(path.name for path in folder.iterdir()) == ["ke-hoach.docx"]


def test_an_error_in_a_plan_of_sections_without_parts_is_located_in_its_section(tmp_path: Path):
    plan, text = _plan(tmp_path, SAMPLE_TEXT, ("      - {units: all}\n", "      - {units: [ldtbxh, zzz]}\n"))
    assert _errors(plan) == [
        f"{plan}:{_line(text, '- {units: [ldtbxh, zzz]}')}:26: error: no unit has the id «zzz» (known: cac-thon, ldtbxh, "
        "mat-tran, nganh-doan-the, nong-nghiep, truong-hoc, tu-phap, van-hoa)"]


def test_an_empty_bold_in_a_paragraph_prints_no_words(tmp_path: Path):
    document = _render(tmp_path, "<p><b></b></p><closing><signer>A</signer></closing>")
    assert document.blocks[0] == Paragraph(())


# ---------------------------------------------------------------------------------------------
# model: what the typed plan decides (the survivors of `mutmut run "generator.plan.model.*"`).


def _sections_orientation(document: Path) -> list[str]:
    """Returns each section's page orientation, "portrait" or "landscape", as Word prints it."""
    from docx.enum.section import WD_ORIENT

    sections = DocxFile(str(document)).sections
    assert all((s.orientation == WD_ORIENT.LANDSCAPE) == (s.page_width > s.page_height) for s in sections)
    return ["landscape" if s.orientation == WD_ORIENT.LANDSCAPE else "portrait" for s in sections]


def test_each_appendix_is_printed_on_the_pages_it_asks_for(tmp_path: Path):
    # plan-format: `landscape` is optional, portrait by default. The Tân An plan: its body, then
    # Phụ lục I (kinh phí, no `landscape`), then Phụ lục II of the duties (always landscape).
    plan, _ = _plan(tmp_path, SECOND_TEXT)
    assert _sections_orientation(_built(tmp_path, plan) / "ke-hoach.docx") == ["portrait", "portrait", "landscape"]
    plan, _ = _plan(tmp_path, SECOND_TEXT, ("  - title: KINH PHÍ THỰC HIỆN KẾ HOẠCH NĂM 2026\n",
                                            "  - title: KINH PHÍ THỰC HIỆN KẾ HOẠCH NĂM 2026\n    landscape: true\n"))
    assert _sections_orientation(_built(tmp_path / "2", plan) / "ke-hoach.docx") == ["portrait", "landscape", "landscape"]


def test_an_appendix_without_a_title_prints_its_label_then_its_reference(tmp_path: Path):
    plan, _ = _plan(tmp_path, SECOND_TEXT, ("  - title: KINH PHÍ THỰC HIỆN KẾ HOẠCH NĂM 2026\n    content:\n", "  - content:\n"))
    lines = text_lines(_built(tmp_path, plan) / "ke-hoach.docx")
    at = lines.index("Phụ lục I")
    assert lines[at + 1:at + 3] == [
        "(Kèm theo Kế hoạch số 12/KH-UBND ngày 05 tháng 02 năm 2026 của Ủy ban nhân dân xã Tân An)",
        "(Đơn vị tính: triệu đồng)"]


NOTHING_PRINTED = "Other details of the plan changed, which the documents do not print"


def test_defaults_written_out_change_nothing_the_documents_print(tmp_path: Path):
    # plan-format: a unit's `style` is "paragraphs", `assignments.appendix` false, a basis's
    # `review` false and an appendix's `landscape` false when left out: writing them out changes
    # the file, not a document, and `diff` says so.
    plan, _ = _plan(tmp_path, SAMPLE_TEXT,
                    ("  - id: nong-nghiep\n    name: Ban Nông nghiệp và Phát triển nông thôn\n    style: paragraphs\n",
                     "  - id: nong-nghiep\n    name: Ban Nông nghiệp và Phát triển nông thôn\n"),
                    ("  appendix: false\n", ""),
                    ("    issuer: UBND huyện Như Thanh\n", "    issuer: UBND huyện Như Thanh\n    review: false\n"))
    for old, new in ((SAMPLE, plan), (plan, SAMPLE)):
        assert run_cli("--lang", "en", "diff", old, new).output.splitlines() == [
            f"--- {old}", f"+++ {new}", f"~ {NOTHING_PRINTED}", "1 change(s)."]
    plan, _ = _plan(tmp_path, SECOND_TEXT, ("  - title: KINH PHÍ THỰC HIỆN KẾ HOẠCH NĂM 2026\n",
                                            "  - title: KINH PHÍ THỰC HIỆN KẾ HOẠCH NĂM 2026\n    landscape: false\n"))
    assert run_cli("--lang", "en", "diff", SECOND, plan).output.splitlines() == [
        f"--- {SECOND}", f"+++ {plan}", f"~ {NOTHING_PRINTED}", "1 change(s)."]


def test_a_plan_that_does_not_ask_for_the_appendix_of_duties_has_none(tmp_path: Path, built: Path):
    # plan-format: `assignments.appendix` is false when left out: the plan prints as the sample,
    # which writes `appendix: false`, with no "Phụ lục" after the signature.
    plan, _ = _plan(tmp_path, SAMPLE_TEXT, ("  appendix: false\n", ""))
    lines = text_lines(_built(tmp_path, plan) / "ke-hoach.docx")
    assert lines == text_lines(built / "xuan-phuc-2023" / "ke-hoach.docx")
    assert not [line for line in lines if line.startswith("Phụ lục")]


def test_a_task_of_the_body_is_its_lead_units_duty_by_its_title_and_text(tmp_path: Path):
    # plan-format: the title and text of a task with `lead` make the duty's text, joined by a
    # space; a task with only a title loses the colon that announced its content.
    plan, _ = _plan(tmp_path, SECOND_TEXT, (
        "          - text: >-\n              Rà soát, cập nhật",
        "          - title: \"Rà soát hộ nghèo:\"\n            text: >-\n              Rà soát, cập nhật"), (
        "          - text: >-\n              Thực hiện đầy đủ chính sách bảo hiểm y tế, miễn, giảm học phí, hỗ trợ tiền điện cho\n"
        "              hộ nghèo, hộ cận nghèo theo quy định.\n",
        "          - title: \"Tuyên truyền Nghị quyết Đại hội Đảng bộ xã lần thứ XX:\"\n"))
    lines = text_lines(_built(tmp_path, plan) / "ke-hoach.docx")
    rows = lines[lines.index("PHÂN CÔNG NHIỆM VỤ"):]
    # (the section's three tasks with a lead head the appendix, numbered 1 to 3: plan-format)
    assert ("1 | Rà soát hộ nghèo: Rà soát, cập nhật danh sách hộ nghèo, hộ cận nghèo; xây dựng phương án hỗ trợ "
            "cho từng hộ theo nguyên nhân nghèo. | Phòng Văn hóa - Xã hội | Các thôn | 30/11/2026 |") in rows
    assert "3 | Tuyên truyền Nghị quyết Đại hội Đảng bộ xã lần thứ XX | Phòng Văn hóa - Xã hội |  | 30/11/2026 |" in rows


def test_an_unknown_id_in_an_appendix_is_located_at_its_line(tmp_path: Path):
    plan, text = _plan(tmp_path, SECOND_TEXT, ("      - \"(Đơn vị tính: triệu đồng)\"\n",
                                               "      - \"(Đơn vị tính: triệu đồng)\"\n      - {indicators: [ho-ngheo, zzz]}\n"))
    assert _errors(plan) == [
        f"{plan}:{_line(text, '- {indicators: [ho-ngheo, zzz]}')}:33: error: no indicator has the id «zzz» (known: "
        "ho-can-ngheo, ho-ngheo, ho-nuoc-sach)"]


def test_items_of_an_appendix_are_numbered_as_the_items_of_a_section_and_units_all_lists_every_unit(tmp_path: Path):
    # nd30-format §5.6: below a section (I., II.) items are 1., 2.; an appendix's items are
    # numbered as there. `{units: all}` in an appendix prints every unit as such an item.
    plan, _ = _plan(tmp_path, SECOND_TEXT, ("      - \"(Đơn vị tính: triệu đồng)\"\n",
                                            "      - title: Đơn vị thực hiện\n      - {units: all}\n"
                                            "      - title: Kinh phí\n        content:\n"
                                            "          - \"(Đơn vị tính: triệu đồng)\"\n"))
    lines = text_lines(_built(tmp_path, plan) / "ke-hoach.docx")
    appendix = lines[lines.index("Phụ lục I"):lines.index("Phụ lục II")]
    assert [line for line in appendix if re.match(r"\d+\. ", line)] == [
        "1. Đơn vị thực hiện", "2. Phòng Văn hóa - Xã hội", "3. Phòng Kinh tế", "4. Các thôn", "5. Kinh phí"]


def test_units_all_in_an_item_below_a_section_lists_every_unit_lettered(tmp_path: Path):
    # nd30-format §5.6: below a numbered item (1., 2.) items are a), b).
    plan, _ = _plan(tmp_path, SECOND_TEXT, ("          - {units: all}\n",
                                            "          - title: Các đơn vị\n            content:\n"
                                            "              - {units: all}\n"))
    lines = text_lines(_built(tmp_path, plan) / "ke-hoach.docx")
    assert [line for line in lines[lines.index("III. TỔ CHỨC THỰC HIỆN"):] if re.match(r"(\d+\.|[a-z]\)) ", line)] == [
        "1. Kinh phí thực hiện", "2. Các đơn vị", "a) Phòng Văn hóa - Xã hội", "b) Phòng Kinh tế", "c) Các thôn",
        "3. Chế độ báo cáo"]


def test_items_nested_past_the_last_marker_keep_the_last_marker(tmp_path: Path):
    # plan-format, `numbering`: by depth 1. under a section, then a), then -, then +, the last,
    # which deeper items keep.
    nested = "".join(f"{'  ' * depth}          - title: Mức {depth + 2}\n{'  ' * depth}            content:\n"
                     for depth in range(5))
    plan, _ = _plan(tmp_path, SECOND_TEXT, ("          - {units: all}\n",
                                            f"          - {{units: all}}\n{nested}{'  ' * 5}          - Mức 7.\n"))
    lines = text_lines(_built(tmp_path, plan) / "ke-hoach.docx")
    at = lines.index("5. Mức 2")  # after the units 2. to 4.
    assert lines[at:at + 6] == ["5. Mức 2", "a) Mức 3", "- Mức 4", "+ Mức 5", "+ Mức 6", "Mức 7."]


@pytest.mark.parametrize(("text", "at", "quoted"), [
    # Short: the whole text.
    ("ab **cd", 3, "ab **cd"),
    # The marker at 25; 20 characters each side: from index 5 ("bbbb", whole) to 47 (the space
    # after "iiii"): every word wholly inside is quoted.
    ("aaaa bbbb cccc dddd eeee **ffff gggg hhhh iiii jjjj kkkk", 25, "…bbbb cccc dddd eeee **ffff gggg hhhh iiii…"),
    # The window (index 6 to 48) starts right after "aaaaaa" and ends inside "jjjj": both left out.
    ("aaaaaa bbbb cccc dddd eee **ffff gggg hhhh iii jjjj kkkk", 26, "…bbbb cccc dddd eee **ffff gggg hhhh iii…"),
    # A word ending just before the window's end, a space at the end: kept.
    ("**" + "x" * 10 + " " + "y" * 9 + " zz", 0, "**" + "x" * 10 + " " + "y" * 9 + "…"),
    # One long word after the marker, longer than the window: cut where the window ends.
    ("**" + "x" * 30, 0, "**" + "x" * 20 + "…"),
    # One long word before it: cut where the window starts.
    ("x" * 30 + "**a", 30, "…" + "x" * 20 + "**a"),
    # ... even when a space follows the marker: the quote never starts after the marker.
    ("x" * 30 + "**a b", 30, "…" + "x" * 20 + "**a b"),
    # A space before the window (index 2) is not where the quote starts: the first word wholly
    # inside it is "cccccccccc" (the window starts at 5, inside "bbbbbbbbbb").
    ("aa " + "b" * 10 + " " + "c" * 10 + " **x", 25, "…" + "c" * 10 + " **x"),
    # A long word after the marker and a space only before it: the quote never ends before it.
    ("a **" + "x" * 30, 2, "a **" + "x" * 20 + "…"),
    # A space right after the marker: the quote ends there, before the word the window cuts.
    ("** " + "x" * 30, 0, "**…"),
])
def test_a_markup_message_quotes_the_whole_words_around_the_marker(text: str, at: int, quoted: str):
    from generator.plan.checks import _excerpt

    assert _excerpt(text, at) == quoted


# ---------------------------------------------------------------------------------------------
# docx_writer and style: the package and the page setup, read back from the bytes.

import io  # noqa: E402
import zipfile  # noqa: E402

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from lxml import etree  # noqa: E402

from docx_reading import (LETTER_HEADER, SAMPLE_CLOSING, SAMPLE_HEADER, SAMPLE_TITLE, body, find,  # noqa: E402
                          following, is_rule, read, sample_plan, twips)
from generator.document import style  # noqa: E402
from generator.document.model import Document, Header  # noqa: E402
from generator.writers.docx import write_docx  # noqa: E402

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RECIPIENTS = ("- Phòng Lao động - Thương binh và Xã hội huyện;", "- Ban Chỉ đạo giảm nghèo huyện.")


def _doc(*blocks: object, header: Header = SAMPLE_HEADER) -> Document:
    return Document(kind="plan", header=header, blocks=tuple(blocks))  # type: ignore[arg-type]


def _letter() -> Document:
    """A letter with every kind of block the plan lacks: several addressees, a heading without a
    number, a table right after a paragraph, two appendices (one without a title)."""
    table = Table((Column("TT", 1, "center"), Column("Nội dung", 4), Column("Ghi chú", 2)),
                  (("1", "Rà soát hộ nghèo", ""), ("2", "Tập huấn", "Quý II")))
    return _doc(Addressee(_RECIPIENTS), Heading(1, "", "KẾT QUẢ"), body("Kết quả như sau:"), table,
                body("Đề nghị các đơn vị phối hợp./."), SAMPLE_CLOSING,
                AppendixStart("Phụ lục I", "", "(Kèm theo Công văn số     /UBND-CSXH)"), table,
                AppendixStart("Phụ lục II", "BIỂU TỔNG HỢP", "(Kèm theo Công văn số     /UBND-CSXH)",
                              landscape=True), table, header=LETTER_HEADER)


# Attributes of WordprocessingML whose values are whole twips, eighths of a point or half-points
# (ST_TwipsMeasure, ST_SignedTwipsMeasure, ST_EighthPointMeasure …), and a cell's vertical
# alignments (ST_VerticalJc).
_WHOLE_NUMBER = {f"{_W}{name}" for name in ("w", "before", "after", "line", "left", "right", "hanging",
                                             "firstLine", "sz", "space", "top", "bottom", "header",
                                             "footer", "gutter", "h", "start")}
_V_ALIGN = {"top", "center", "bottom"}


@pytest.mark.parametrize("document", [sample_plan(), _letter()], ids=["plan", "letter"])
def test_word_finds_nothing_to_repair_in_the_text_part(document: Document):
    # Word reports a file as corrupt for text outside w:t (or a field's w:instrText) and for a
    # measure that is not a whole number or an alignment it does not know.
    package = zipfile.ZipFile(io.BytesIO(write_docx(document)))
    root = etree.fromstring(package.read("word/document.xml"))
    for element in root.iter():
        if element.tag not in (f"{_W}t", f"{_W}instrText"):
            assert not element.text, (element.tag, element.text)
        assert not element.tail, (element.tag, element.tail)
        for name, value in element.attrib.items():
            if name in _WHOLE_NUMBER:
                assert re.fullmatch(r"-?\d+", value), (element.tag, name, value)
        if element.tag == f"{_W}vAlign":
            assert element.get(f"{_W}val") in _V_ALIGN


def test_the_zip_entries_unzip_as_plain_files_dated_1980_and_only_the_text_is_compressed():
    # Same input, same bytes: no clock and no platform in the package (README, "Documents in git").
    # `unzip -Z` shows each entry as -rw-r--r--, made on Unix, dated 1980-01-01 00:00; the text
    # is deflated, the small fixed parts stored.
    for info in zipfile.ZipFile(io.BytesIO(write_docx(sample_plan()))).infolist():
        assert info.date_time == (1980, 1, 1, 0, 0, 0), info.filename
        assert (info.create_system, info.external_attr) == (3, 0o644 << 16), info.filename
        expected = zipfile.ZIP_DEFLATED if info.filename == "word/document.xml" else zipfile.ZIP_STORED
        assert info.compress_type == expected, info.filename


def test_the_rules_have_the_spacing_and_length_of_the_spec():
    document = read(write_docx(sample_plan()))
    # §5.5: 6 pt after the line under the trích yếu [Conv].
    (rule,) = following(document, find(document, SAMPLE_TITLE.summary[-1]), 1)
    assert is_rule(rule) and twips(rule.paragraph_format.space_after) == 120
    # §5.12: a short solid line under the appendix heading, 30 mm as in Mẫu 2.1, centred on the
    # landscape page (297 − 30 − 15 = 252 mm of text: (14287 − 1701) / 2 = 6293 on each side),
    # with air before the table under it.
    reference = next(p for p in document.paragraphs if p.text.startswith("(Kèm theo"))
    (rule,) = following(document, reference, 1)
    fmt = rule.paragraph_format
    assert is_rule(rule) and (twips(fmt.left_indent), twips(fmt.right_indent)) == (6293, 6293)
    assert twips(fmt.space_after) > 0
    # §4 "Lines": the rules of the header table are drawn with no spacing.
    header = document.tables[0]
    rules = [p for row in header.rows for cell in row.cells for p in cell.paragraphs if is_rule(p)]
    assert len(rules) == 2
    assert all(twips(p.paragraph_format.space_before) == twips(p.paragraph_format.space_after) == 0 for p in rules)


def test_an_appendix_without_a_title_has_its_reference_right_under_its_label():
    document = read(write_docx(_letter()))
    label = find(document, "Phụ lục I")
    reference, rule = following(document, label, 2)
    assert reference.text == "(Kèm theo Công văn số     /UBND-CSXH)" and is_rule(rule)


def test_every_appendix_restarts_its_page_numbers_and_the_letter_does_not():
    sections = read(write_docx(_letter())).sections
    starts = [section._sectPr.find(qn("w:pgNumType")) for section in sections]
    assert [start is not None and start.get(qn("w:start")) for start in starts] == [False, "1", "1"]


def test_the_last_paragraph_keeps_with_a_closing_that_ends_the_document():
    # §3.2: the signature block never starts a page on its own.
    document = read(write_docx(_doc(body("Trên đây là Kế hoạch./."), SAMPLE_CLOSING)))
    assert find(document, "Trên đây là Kế hoạch./.").paragraph_format.keep_with_next


def test_a_table_right_after_a_paragraph_follows_it_with_nothing_in_between():
    document = read(write_docx(_letter()))
    body_ = list(document.element.body)
    lead = find(document, "Kết quả như sau:")._p
    assert body_[body_.index(lead) + 1].tag == qn("w:tbl")


def test_a_heading_without_a_number_starts_with_its_text():
    assert "KẾT QUẢ" in [p.text for p in read(write_docx(_letter())).paragraphs]


def test_a_marker_takes_the_italic_of_the_text_it_introduces_and_stands_alone_in_an_empty_item():
    item = Paragraph((Span("Lưu ý", italic=True), Span(": nộp báo cáo đúng hạn.")), marker="-")
    empty = Paragraph((), marker="-")
    document = read(write_docx(_doc(item, empty)))
    written = find(document, "- Lưu ý: nộp báo cáo đúng hạn.")
    assert [(run.text, bool(run.font.italic)) for run in written.runs] == [
        ("- ", True), ("Lưu ý", True), (": nộp báo cáo đúng hạn.", False)]
    assert "- " in [p.text for p in document.paragraphs]


def test_a_body_tables_cells_have_their_columns_widths_centred_headers_and_words_padding():
    table = read(write_docx(_letter())).tables[1]
    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iterchildren(qn("w:gridCol"))]
    for row in table.rows:
        assert [int(cell._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for cell in row.cells] == grid
    assert {cell.vertical_alignment for cell in table.rows[0].cells} == {WD_CELL_VERTICAL_ALIGNMENT.CENTER}
    margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
    # §5.7 [Conv]: Word's own cell padding, 0.19 cm = 108 twips on the left and right.
    assert [int(margins.find(qn(f"w:{side}")).get(qn("w:w"))) for side in ("left", "right")] == [108, 108]


def test_the_header_and_closing_tables_are_borderless_with_text_flush_with_their_cells():
    # §3.1, §5.11: no lines around the header blocks or the closing; "sát lề trái", so no
    # padding; the header's first lines at the top of the text area.
    document = read(write_docx(sample_plan()))
    header, closing = document.tables[0], document.tables[2]
    for table in (header, closing):
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}
        margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
        assert [int(margins.find(qn(f"w:{side}")).get(qn("w:w"))) for side in ("left", "right", "bottom")] == [0, 0, 0]
    assert int(header._tbl.tblPr.find(f"{qn('w:tblCellMar')}/{qn('w:top')}").get(qn("w:w"))) == 0


def test_addressees_line_up_after_kinh_gui_at_the_body_spacing():
    # §5.8: "Kính gửi:" 3.5 cm from the margin (1984 tw), the recipients after "Kính gửi: ":
    # its width in Times New Roman 14 pt, K í n h ␣ g ử i : ␣ = 1479 + 569 + 1024 + 1024 + 512 +
    # 1024 + 1024 + 569 + 569 + 512 = 8306 of 2048 per em, × 280 tw = 1136 tw (20 mm).
    document = read(write_docx(_doc(Addressee(_RECIPIENTS), header=LETTER_HEADER)))
    label = find(document, "Kính gửi:")
    items = following(document, label, 2)
    assert [item.text for item in items] == list(_RECIPIENTS)
    fmt = label.paragraph_format
    assert (twips(fmt.left_indent), twips(fmt.first_line_indent)) == (1984 + 1136, -1136)
    assert {twips(item.paragraph_format.left_indent) for item in items} == {1984 + 1136}
    # Body text spacing (§5.6: line 1.15), with space above the label.
    assert [p.paragraph_format.line_spacing for p in (label, *items)] == pytest.approx([1.15] * 3)
    assert twips(fmt.space_before) > 0


def test_column_widths_of_shares_as_large_as_a_float_can_be():
    # A plan may give any positive widths; two near the largest float must not overflow. Two
    # halves of 9355: the edge at 4677,5 rounds to the even 4678.
    assert style.column_widths([1.5e308, 1.5e308], 9355) == [4678, 4677]


def test_only_the_spacer_before_the_closing_keeps_with_what_follows():
    # A spacer kept with a table that starts a new page would go with it, and the table would
    # start below the top margin (§1); before the closing it keeps the signature with the text.
    table = Table((Column("TT"), Column("Thôn")), (("1", "Thôn 1"),))
    document = read(write_docx(_doc(table, table, SAMPLE_CLOSING)))
    kinds = [child.tag.split("}")[1] for child in document.element.body]
    assert kinds == ["tbl", "p", "tbl", "p", "tbl", "p", "tbl", "p", "sectPr"]
    spacers = [child for child in document.element.body if child.tag == qn("w:p")]
    kept = [child.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for child in spacers]
    assert kept == [False, False, True, False]
