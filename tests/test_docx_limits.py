"""Limits on what `kehoach text` reads (issue 17 part 7): a .docx that would unpack past
`MAX_PART_MB`, or whose XML nests past `MAX_DEPTH`, is refused with a message, in bounded
memory, whatever its zip headers claim."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns='
        '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>')
TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns='
         '"http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
         'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override '
         'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
         'wordprocessingml.document.main+xml"/></Types>')
HEAD = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>'.encode()
TAIL = b"</w:body></w:document>"
MB = 1024 * 1024
BOMB_MB = 400  # past the 64 MB limit, and more than the RSS bound, so reading it all would show
RSS_BOUND_MB = 300


def paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def package(path: Path, chunks: list[bytes] | None = None, *, spaces_mb: int = 0) -> Path:
    """Writes a minimal .docx at `path` whose document is HEAD, `chunks`, `spaces_mb` MB of
    spaces, TAIL; returns `path`."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", TYPES)
        archive.writestr("_rels/.rels", RELS)
        with archive.open("word/document.xml", "w") as document:
            document.write(HEAD)
            for chunk in chunks or []:
                document.write(chunk)
            for _ in range(spaces_mb):
                document.write(b" " * MB)
            document.write(TAIL)
    return path


def claim_size(path: Path, name: str, size: int) -> None:
    """Rewrites the uncompressed size that both zip headers of `name` declare to `size`."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        local, directory = archive.getinfo(name).header_offset, archive.start_dir
    struct.pack_into("<I", data, local + 22, size)  # local file header (APPNOTE 4.3.7)
    while data[directory:directory + 4] == b"PK\x01\x02":  # central directory (APPNOTE 4.3.12)
        name_length, extra, comment = struct.unpack_from("<HHH", data, directory + 28)
        if data[directory + 46:directory + 46 + name_length] == name.encode():
            struct.pack_into("<I", data, directory + 24, size)
        directory += 46 + name_length + extra + comment
    path.write_bytes(bytes(data))


def text_with_peak_memory(path: Path, *options: str) -> tuple[int, str, float]:
    """Returns the exit code, standard error and peak memory (MB) of `kehoach text PATH` run
    as its own process."""
    error = path.with_suffix(".stderr")
    with error.open("wb") as sink:
        process = subprocess.Popen([sys.executable, "-m", "generator", *options, "text", str(path)],
                                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=sink)
        _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, error.read_text(encoding="utf-8"), usage.ru_maxrss / 1024


def test_a_small_minimal_package_is_read(tmp_path):
    # The packages below are refused for their size or depth alone: this one, built the same
    # way, reads.
    path = package(tmp_path / "small.docx", [paragraph("Xin chào").encode()], spaces_mb=1)
    result = run_cli("text", path)
    assert result.exit_code == 0 and result.output == "Xin chào\n"


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A .docx of a few hundred KB whose document unpacks to `BOMB_MB` MB of spaces."""
    path = package(tmp_path_factory.mktemp("bomb") / "bom.docx", spaces_mb=BOMB_MB)
    assert path.stat().st_size < 2 * MB
    return path


def test_a_document_that_unpacks_past_the_limit_is_refused_in_bounded_memory(bomb):
    code, message, peak = text_with_peak_memory(bomb)
    assert code == 1
    assert message == (f"kehoach: không đọc {bomb}: chữ của tệp khi giải nén chiếm hơn 64 MB, lớn "
                       "hơn nhiều so với văn bản của bất kỳ kế hoạch nào (README, mục «Limits on "
                       "what is read»).\n")
    assert peak < RSS_BOUND_MB, peak
    english = run_cli("--lang", "en", "text", bomb)
    assert english.exit_code == 1
    assert english.output == (f"kehoach: {bomb} is not read: its text would take more than 64 MB "
                              "once unpacked, far more than any plan's document (README, "
                              "\"Limits on what is read\").\n")


def test_a_header_that_understates_the_size_does_not_unpack_the_rest(bomb, tmp_path):
    liar = tmp_path / "liar.docx"
    liar.write_bytes(bomb.read_bytes())
    claim_size(liar, "word/document.xml", 1000)  # the 400 MB of spaces claim to be 1000 bytes
    code, message, peak = text_with_peak_memory(liar)
    assert code == 1 and message == f"kehoach: {liar} không phải văn bản Word (.docx).\n"
    assert peak < RSS_BOUND_MB, peak


def nested_tables(levels: int) -> bytes:
    """Returns a table holding a table … `levels` deep, the innermost cell saying "Đáy"."""
    return (b"<w:tbl><w:tr><w:tc>" * levels + paragraph("Đáy").encode()
            + b"</w:tc></w:tr></w:tbl>" * levels)


def test_tables_nested_within_the_limit_are_read(tmp_path):
    # The document, its body, 3 levels a table and the paragraph's 3: 2 + 3 * 31 + 3 = 98.
    result = run_cli("text", package(tmp_path / "deep.docx", [nested_tables(31)]))
    assert result.exit_code == 0 and result.output == "Đáy\n"


@pytest.mark.parametrize("levels", [33, 5000])  # 104 deep; past libxml2's own limit of 256
def test_a_document_nested_past_the_limit_is_refused(tmp_path, levels):
    path = package(tmp_path / "deep.docx", [nested_tables(levels)])
    result = run_cli("text", path)
    assert result.exit_code == 1
    assert result.output == (f"kehoach: không đọc {path}: nội dung của tệp lồng nhau quá 100 tầng "
                             "(bảng trong bảng), nhiều hơn hẳn văn bản của bất kỳ kế hoạch nào "
                             "(README, mục «Limits on what is read»).\n")
    english = run_cli("--lang", "en", "text", path)
    assert english.output == (f"kehoach: {path} is not read: its content is nested more than 100 "
                              "levels deep (tables inside tables), far more than any plan's "
                              "document (README, \"Limits on what is read\").\n")
