"""`kehoach import`: a plan made in Word, not by kehoach, read back into a plan file.

The document's blocks (`docx_reader`) are taken apart in the order a Decree 30 plan has them:
the header (issuer, Số, place and date), tên loại and trích yếu, the basis sentences (parsed into
their fields when kehoach would print them back word for word, else kept as text), the intro,
the parts, sections and items by their markers, tables, then Nơi nhận, Lưu, the signature and
the appendices. What kehoach generates itself (the list markers, the basis punctuation, "./.",
an appendix's "Kèm theo" line) is left out so that it is not printed twice.

What is uncertain is marked (`Imported.notes`): `writers.plan_file` writes each as a `# kiểm tra:`
comment that quotes the source paragraph above the value it concerns.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .docx_reader import Line, Read, Table, read_document

KINDS = ("Kế hoạch", "Chương trình", "Phương án", "Đề án", "Dự án", "Báo cáo", "Hướng dẫn",
         "Thông báo", "Quyết định", "Nghị quyết", "Chỉ thị", "Quy chế", "Quy định", "Tờ trình")
_KIND_OF = {kind.upper(): kind for kind in KINDS}
_NUMBER = re.compile(r"Số\s*:?\s*(?P<number>\d*)\s*/\s*(?P<symbol>[A-ZĐ][A-Za-zĐđ0-9&-]*)\s*$")
_DATE = re.compile(r"(?P<place>[^,\t]+?),\s*ngày\s*(?P<day>\d*)\s*tháng\s*(?P<month>\d*)\s*năm\s*(?P<year>\d{4})\s*$")
_NATIONAL = re.compile(r"CỘNG\s+HÒA|CỘNG\s+HOÀ|ĐỘC\s+LẬP", re.IGNORECASE)
_LONG_DATE = r"\d{1,2} tháng \d{1,2} năm \d{4}"
_SHORT_DATE = r"\d{1,2}/\d{1,2}/\d{4}"
_BASIS = re.compile(
    r"(?P<lead>Căn cứ|Thực hiện|Xét)\s+(?P<kind>.+?)"
    r"(?:\s+số\s+(?P<number>\d+)(?:/(?P<year>\d{4}))?/(?P<symbol>[A-ZĐ][A-Za-zĐđ0-9&-]*))?"
    rf"(?:\s+ngày\s+(?P<date>{_LONG_DATE}|{_SHORT_DATE}))?"
    r"(?:\s+của\s+(?P<issuer>.+?))?"
    r"(?:\s+(?P<subject>(?:về|quy định|ban hành|hướng dẫn|sửa đổi|phê duyệt|triển khai)\b.*?))?\s*[;.]?$")
_PART = re.compile(r"(Phần|PHẦN)\s+(thứ|THỨ)?\s*\S+$")
# Markers, in the order a plan nests them by default (model: `numbering` by depth).
_MARKERS = (
    ("I.", re.compile(r"([IVXLC]+)\.\s+(?P<rest>.*)")),
    ("1.1.", re.compile(r"(\d+)\.(\d+)\.?\s+(?P<rest>.*)")),
    ("1.", re.compile(r"(\d+)\.\s+(?P<rest>.*)")),
    ("a)", re.compile(r"([a-zđ])\)\s*(?P<rest>.*)")),
    ("(1)", re.compile(r"\((\d+)\)\s*(?P<rest>.*)")),
    ("-", re.compile(r"[-–]\s*(?P<rest>.*)")),
    ("+", re.compile(r"\+\s*(?P<rest>.*)")),
)
_DEFAULT_CHILD = {0: "1.", 1: "a)", 2: "-", 3: "+"}  # a section's items, then deeper
_AUTHORITY = re.compile(r"(?P<prefix>TM\.|KT\.|TL\.|TUQ\.|Q\.)?\s*(?P<title>.+)")
_DRAFTER = re.compile(r"(?P<initials>[A-ZĐ]{1,8})?(?:\.?\((?P<copies>\d+)\))?$")
_APPENDIX = re.compile(r"Phụ lục(\s+[IVXLC]+)?$")
_REFERENCE_ISSUER = re.compile(r"\(Kèm theo .* của (?P<issuer>[^()]+)\)$")
_END_MARK = "./."
_SLUG_LENGTH = 48  # an id is at most 64 characters (schema): room for a "-2" suffix


class NotAPlan(Exception):
    """The document has no tên loại of a plan kehoach knows: nothing to import."""


@dataclass
class Imported:
    """A plan read from Word: its data, and for some of its values (by their path of keys and
    indices) the source paragraph to check."""

    data: dict[str, Any]
    notes: dict[tuple[object, ...], str] = field(default_factory=dict)


def read_source(path: Path) -> Read:
    """Returns the blocks of a .docx, or of a .doc through LibreOffice (as `--pdf` runs it)."""
    if path.suffix.lower() != ".doc":
        return read_document(path)
    from ..writers import pdf

    converted = pdf.convert([path], "docx:MS Word 2007 XML")[path]
    with tempfile.TemporaryDirectory(prefix="kehoach-import-") as work:
        copy = Path(work) / f"{path.stem}.docx"
        copy.write_bytes(converted)
        return read_document(copy)


def import_plan(path: Path) -> Imported:
    """Returns the plan in the Word document at `path`; raises `NotAPlan`, `docx_text.NotADocument`,
    or `pdf.ToolMissing`/`pdf.ConversionFailed` for a .doc."""
    return _Importer(read_source(path).blocks).run()


class _Importer:
    def __init__(self, blocks: list[Line | Table]) -> None:
        self.blocks = blocks
        self.notes: dict[tuple[object, ...], str] = {}
        self.indicators: list[dict[str, Any]] = []
        self.year: int | None = None

    def indicators_block(self, text: str) -> dict[str, list[str]] | None:
        """Returns `{indicators: [ids]}` for a sentence of targets in the form kehoach writes,
        adding the indicators it states; None for any other text (kept as it is)."""
        found = _indicator_sentence(text)
        if found is None or self.year is None:
            return None
        taken = {indicator["id"] for indicator in self.indicators}
        for indicator in found:
            base, number = indicator["id"], 2
            while indicator["id"] in taken:
                indicator["id"], number = f"{base}-{number}", number + 1
            taken.add(indicator["id"])
        if not _prints_as(found, text, self.year):
            return None
        for indicator in found:  # the baseline's count is worked out from the change
            self.note(("indicators", len(self.indicators), "baseline"), text)
            self.indicators.append(indicator)
        return {"indicators": [indicator["id"] for indicator in found]}

    def note(self, path: tuple[object, ...], source: str) -> None:
        self.notes.setdefault(path, source)

    def run(self) -> Imported:
        kind_at = next((i for i, block in enumerate(self.blocks[:60]) if isinstance(block, Line)
                        and _clean(block.text).upper() in _KIND_OF), None)
        if kind_at is None:
            raise NotAPlan()
        closing = next((i for i, block in enumerate(self.blocks) if isinstance(block, Line)
                        and block.text.startswith("Nơi nhận")), len(self.blocks))
        data: dict[str, Any] = {}
        header = self.header(self.blocks[:kind_at])
        summary_end = self.summary(kind_at, header)
        body_start = self.basis(summary_end, closing, data)
        appendices, text_name = self.appendices(self.closing(closing, data), data)
        self.issuer_text_name(header, text_name)
        self.year = header["document"]["date"]["year"]
        plan: dict[str, Any] = {**_term(header["document"]["summary"], self.year), **header}
        plan.update(data)
        self.body(body_start, closing, plan)
        units = self.units(plan)
        body = {key: plan.pop(key) for key in ("parts", "sections") if key in plan}
        if self.indicators:  # before the body, where the samples write them
            plan["indicators"] = self.indicators
        if units:
            plan["units"] = units
        plan.update(body)
        for key in ("recipients", "archive", "drafter", "copies", "signer"):
            if key in data:
                plan[key] = plan.pop(key)
        if appendices:
            plan["appendices"] = plan.pop("appendices")
        return Imported(plan, self.notes)

    # -- header --

    def header(self, blocks: list[Line | Table]) -> dict[str, Any]:
        """Returns `document` (without kind and summary) and `issuer` from the header's lines;
        a header typed with tabs gives its two columns as pieces of the same line."""
        document: dict[str, Any] = {"kind": None, "number": None, "symbol": "KH-UBND", "place": "",
                                    "date": {"year": None, "month": None, "day": None}}
        parents: list[str] = []
        names: list[str] = []
        for block in blocks:
            if not isinstance(block, Line):
                continue
            start = 0
            for piece in block.text.split("\t"):
                bold = block.bold >= start + len(piece)
                start += len(piece) + 1
                piece = _clean(piece)
                if not piece or _NATIONAL.search(piece):
                    continue
                if (number := _NUMBER.match(piece)) is not None:
                    document["number"] = int(number["number"]) if number["number"] else None
                    document["symbol"] = number["symbol"]
                elif (date := _DATE.match(piece)) is not None:
                    document["place"] = date["place"].strip()
                    document["date"] = {"year": int(date["year"]),
                                        "month": int(date["month"]) if date["month"] else None,
                                        "day": int(date["day"]) if date["day"] else None}
                elif piece == piece.upper():
                    (names if bold or names else parents).append(piece)
        if not names:  # no line bold: the last line is the issuer, those above it its parent
            names, parents = parents[-1:], parents[:-1]
            if parents:
                self.note(("issuer", "parent"), " / ".join(parents))
        issuer: dict[str, Any] = {}
        if parents:
            issuer["parent"] = parents[0] if len(parents) == 1 else parents
        issuer["name"] = names[0] if len(names) == 1 else names
        return {"document": document, "issuer": issuer}

    def summary(self, kind_at: int, header: dict[str, Any]) -> int:
        """Reads tên loại and trích yếu; returns where what follows them starts."""
        document = header["document"]
        document["kind"] = _KIND_OF[_clean(self.blocks[kind_at].text).upper()]  # type: ignore[union-attr]
        lines: list[str] = []
        index = kind_at + 1
        while index < len(self.blocks):
            block = self.blocks[index]
            if not isinstance(block, Line) or block.align != "center" or _is_marker(block.text):
                break
            lines.append(_clean(block.text))
            index += 1
        document["summary"] = lines[0] if len(lines) == 1 else lines or ""
        if not lines:
            self.note(("document", "summary"), _clean(self.blocks[kind_at].text))  # type: ignore[union-attr]
        ordered = {key: document[key] for key in ("kind", "number", "symbol", "place", "date", "summary")}
        document.clear()
        document.update(ordered)
        if document["date"]["year"] is None:
            raise NotAPlan()
        return index

    def issuer_text_name(self, header: dict[str, Any], from_appendix: str | None) -> None:
        """Sets the issuer's name in running text: from an appendix's "Kèm theo" line, else made
        from its name ("UBND XÃ TÂN AN" → "Ủy ban nhân dân xã Tân An"), to check."""
        issuer = header["issuer"]
        if from_appendix:
            issuer["text_name"] = from_appendix
            return
        name = issuer["name"] if isinstance(issuer["name"], str) else " ".join(issuer["name"])
        issuer["text_name"] = _running_name(name)
        self.note(("issuer", "text_name"), name)

    # -- basis and intro --

    def basis(self, start: int, closing: int, data: dict[str, Any]) -> int:
        """Reads the basis sentences and the intro; returns where the parts or sections start."""
        entries: list[dict[str, Any]] = []
        intro: list[str] = []
        italics: list[bool] = []
        short = False
        index = start
        while index < closing:
            block = self.blocks[index]
            if not isinstance(block, Line) or _is_marker(block.text) or _PART.match(_clean(block.text)):
                break
            text = _clean(block.text)
            entry = None if intro else _basis(text)
            if entry is not None:
                entries.append(entry[0])
                italics.append(block.italic)
                short = short or entry[1]
            elif _basis_lead(text) and not intro:
                intro.append(text)
                self.note(("intro", len(intro) - 1), text)
            else:
                intro.append(text)
            index += 1
        if entries:
            data["basis"] = entries
            citations = _citations(entries, italics, short)
            if citations:
                data["citations"] = citations
        if intro:
            data["intro"] = intro
        return index

    # -- parts, sections, items --

    def body(self, start: int, closing: int, plan: dict[str, Any]) -> None:
        blocks = self.blocks[start:closing]
        if blocks and isinstance(blocks[-1], Line) and blocks[-1].text.rstrip().endswith(_END_MARK):
            last = blocks[-1]
            blocks[-1] = Line(last.text.rstrip()[:-len(_END_MARK)], last.bold, last.italic, last.align)
        parts: list[dict[str, Any]] = []
        sections: list[dict[str, Any]] = []
        index = 0
        while index < len(blocks):
            block = blocks[index]
            if isinstance(block, Line) and _PART.match(_clean(block.text)) and block.align == "center":
                title = _clean(blocks[index + 1].text) if index + 1 < len(blocks) and \
                    isinstance(blocks[index + 1], Line) else ""
                sections = []
                parts.append({"title": _heading(title), "sections": sections})
                index += 2
                continue
            if isinstance(block, Line) and _marker_of(block.text)[0] == "I.":
                sections.append({"title": _heading(_marker_of(block.text)[1])})
            elif not sections:
                sections.append({"title": "NỘI DUNG"})
                path = ("parts", len(parts) - 1, "sections", 0) if parts else ("sections", 0)
                self.note((*path, "title"), block.text if isinstance(block, Line) else "")
                _Items(sections[-1], self, path).add(block)
            else:
                path = ("parts", len(parts) - 1, "sections", len(sections) - 1) if parts \
                    else ("sections", len(sections) - 1)
                _Items.of(sections[-1], self, path).add(block)
            index += 1
        if parts:
            plan["parts"] = parts
        else:
            plan["sections"] = sections or [{"title": "NỘI DUNG", "content": [""]}]
        _Items.finish_all(plan.get("parts") or [{"sections": plan["sections"]}])

    # -- units (Tổ chức thực hiện) --

    def units(self, plan: dict[str, Any]) -> list[dict[str, Any]]:
        """Turns the items of "Tổ chức thực hiện" that name a unit and list its duties into
        `units` and a `{units: [ids]}` block, where kehoach prints them back as they read: each
        unit then gets its letter and task sheet. Returns the units."""
        units: list[dict[str, Any]] = []
        for part in plan.get("parts") or [{"sections": plan.get("sections", [])}]:
            for section in part["sections"]:
                if "TỔ CHỨC THỰC HIỆN" in section.get("title", "").upper():
                    section["content"] = self.unit_blocks(section.get("content", []), units,
                                                          section.get("numbering", "1."))
        return units

    def unit_blocks(self, content: list[Any], units: list[dict[str, Any]], numbering: str) -> list[Any]:
        """Returns `content` with each run of unit items replaced by one units block."""
        result: list[Any] = []
        run: list[dict[str, Any]] = []
        for block in [*content, None]:
            unit = _as_unit(block) if numbering == "1." else None
            if unit is not None:
                run.append(unit)
                continue
            if run:
                taken = {existing["id"] for existing in units}
                for candidate in run:
                    base, number = candidate["id"], 2
                    while candidate["id"] in taken:
                        candidate["id"], number = f"{base}-{number}", number + 1
                    taken.add(candidate["id"])
                if _units_print_as(run, self.year or 2000):
                    for candidate in run:
                        if _REQUESTED.search(candidate["name"]):  # not under the issuer: asked, not assigned
                            self.note(("units", len(units), "name"), candidate["name"])
                        units.append(candidate)
                    result.append({"units": [candidate["id"] for candidate in run]})
                else:
                    result.extend(candidate.pop("_item") for candidate in run)
                for candidate in run:
                    candidate.pop("_item", None)
                run = []
            if block is not None:
                result.append(block)
        return result

    # -- closing and appendices --

    def closing(self, index: int, data: dict[str, Any]) -> int:
        """Reads Nơi nhận, Lưu, drafter and copies, and the signature; returns where the
        appendices start."""
        recipients: list[str] = []
        archive: list[str] = []
        lines = []
        index += 1
        while index < len(self.blocks) and isinstance(self.blocks[index], Line):
            text = _clean(self.blocks[index].text)  # type: ignore[union-attr]
            if _APPENDIX.match(text):
                break
            lines.append(text)
            index += 1
        authority: list[dict[str, str]] = []
        name = ""
        for text in lines:
            if text.startswith(("-", "–")) and not archive:
                entry = text.lstrip("-– ").rstrip(";.").strip()
                if entry.startswith("Lưu"):
                    archive = [part.strip() for part in entry.partition(":")[2].split(",") if part.strip()]
                else:
                    recipients.append(entry)
            elif archive and not authority and (drafter := _DRAFTER.match(text)) and \
                    (drafter["initials"] or drafter["copies"]):
                if drafter["initials"]:
                    data["drafter"] = drafter["initials"]
                if drafter["copies"]:
                    data["copies"] = int(drafter["copies"])
            elif text == text.upper() and not name:
                line = _AUTHORITY.match(text)
                assert line is not None  # the pattern matches any text
                authority.append({"prefix": line["prefix"], "title": line["title"]} if line["prefix"]
                                 else {"title": line["title"]})
            elif not name:
                name = text
        data["recipients"] = recipients or ["Như trên"]
        if not recipients:
            self.note(("recipients",), "Nơi nhận")
        data["archive"] = archive or ["VT"]
        if not archive:
            self.note(("archive",), "Lưu")
        data["signer"] = {"authority": authority[:4] or [{"title": "CHỦ TỊCH"}], "name": name or "?"}
        if not authority or not name:
            self.note(("signer",), " / ".join(lines[-3:]))
        return index

    def appendices(self, start: int, data: dict[str, Any]) -> tuple[list[dict[str, Any]], str | None]:
        """Reads the appendices after the signature; returns them and the issuer's name in running
        text as their "Kèm theo" line gives it."""
        appendices: list[dict[str, Any]] = []
        text_name = None
        index = start
        while index < len(self.blocks):
            block = self.blocks[index]
            text = _clean(block.text) if isinstance(block, Line) else ""
            if isinstance(block, Line) and _APPENDIX.match(text):
                appendices.append({"content": []})
            elif not appendices:
                pass
            elif isinstance(block, Line) and (reference := _REFERENCE_ISSUER.match(text)):
                text_name = text_name or reference["issuer"].strip()
            elif isinstance(block, Line) and "title" not in appendices[-1] and not appendices[-1]["content"] \
                    and text == text.upper():
                appendices[-1]["title"] = _heading(text)
            else:
                appendices[-1]["content"].append({"table": _table(block)} if isinstance(block, Table) else text)
                if block.landscape:
                    appendices[-1]["landscape"] = True
            index += 1
        for position, appendix in enumerate(appendices):
            if not appendix["content"]:
                appendix["content"] = [""]
                self.note(("appendices", position, "content"), appendix.get("title", "Phụ lục"))
            ordered = {key: appendix[key] for key in ("title", "landscape", "content") if key in appendix}
            appendix.clear()
            appendix.update(ordered)
        if appendices:
            data["appendices"] = appendices
        return appendices, text_name


class _Items:
    """Nests the items of one section by their markers: a marker not seen yet starts a level
    under the last item, one seen already closes the levels under it."""

    def __init__(self, section: dict[str, Any], importer: _Importer, path: tuple[object, ...]) -> None:
        self.section = section
        self.importer = importer
        self.path = path
        self.stack: list[tuple[str, dict[str, Any], tuple[object, ...]]] = [("I.", section, path)]
        section["_items"] = self

    @classmethod
    def of(cls, section: dict[str, Any], importer: _Importer, path: tuple[object, ...]) -> _Items:
        return section.get("_items") or cls(section, importer, path)

    def add(self, block: Line | Table) -> None:
        if isinstance(block, Table):
            self.append(self.stack[-1], {"table": _table(block)})
            return
        kind, rest = _marker_of(block.text)
        if kind is None or kind == "I.":
            text = _clean(block.text)
            self.append(self.stack[-1], self.importer.indicators_block(text) or text)
            return
        kinds = [level[0] for level in self.stack]
        if kind in kinds[1:]:
            del self.stack[kinds.index(kind):]
        parent = self.stack[-1]
        item = _item(block, rest)
        path = self.append(parent, item)
        depth = len(self.stack) - 1
        if kind != _DEFAULT_CHILD.get(depth, "+"):
            parent[1].setdefault("numbering", kind)
        self.stack.append((kind, item, path))

    def append(self, parent: tuple[str, dict[str, Any], tuple[object, ...]], block: object) -> tuple[object, ...]:
        content = parent[1].setdefault("content", [])
        content.append(block)
        return (*parent[2], "content", len(content) - 1)

    @staticmethod
    def finish_all(parts: list[dict[str, Any]]) -> None:
        """Drops the nesting state and orders each item's keys as the samples write them."""
        def tidy(node: dict[str, Any]) -> None:
            node.pop("_items", None)
            for block in node.get("content", []):
                if isinstance(block, dict) and not {"table", "indicators"} & set(block):
                    tidy(block)
            ordered = {key: node[key] for key in ("title", "text", "numbering", "content") if key in node}
            node.clear()
            node.update(ordered)
            if not node.get("title") and not node.get("text"):
                node["text"] = ""

        for part in parts:
            for section in part["sections"]:
                tidy(section)
                if "content" not in section:
                    section.pop("numbering", None)


def _item(block: Line, rest: str) -> dict[str, Any]:
    """Returns an item from its paragraph: the bold words after the marker are its title."""
    marker_length = len(block.text) - len(rest)
    bold = block.bold - marker_length
    rest_clean = rest.strip()
    if block.bold and bold >= len(rest_clean) > 0:
        return {"title": _clean(rest_clean)}
    if block.bold and 0 < bold < len(rest_clean):
        title, text = rest[:bold].strip(), rest[bold:].strip()
        if title and text:
            return {"title": _clean(title), "text": _clean(text)}
    return {"text": _clean(rest_clean)}


def _table(table: Table) -> dict[str, Any]:
    """Returns a plain table: its first row the columns, a row of one cell across them a group,
    a merged cell a cell with its span."""
    width = max(sum(spans) for spans in table.spans)
    columns = table.rows[0] + [""] * (width - len(table.rows[0]))
    rows: list[Any] = []
    for row, spans in zip(table.rows[1:], table.spans[1:]):
        if len(row) == 1 and width > 1:
            rows.append({"group": row[0] or "-"})
            continue
        cells: list[Any] = [{"text": text, "span": span} if span > 1 else text for text, span in zip(row, spans)]
        rows.append(cells + [""] * (width - sum(spans)))
    titles: list[Any] = [column or "-" for column in columns]
    if any(span > 1 for spans in table.spans[1:] for span in spans) and len(table.widths) == width \
            and all(table.widths):
        # The source's widths: a fitted table with a merged cell in a row of its own crashes
        # the column fitting on main (style.fit_column_widths), and they keep its look.
        titles = [{"title": title, "width": round(share / 100) / 10 or 0.1}
                  for title, share in zip(titles, table.widths)]
    return {"columns": titles, "rows": rows or [[""] * width]}


def _marker_of(text: str) -> tuple[str | None, str]:
    text = text.strip()
    for kind, pattern in _MARKERS:
        match = pattern.match(text)
        if match:
            return kind, match["rest"]
    return None, text


def _is_marker(text: str) -> bool:
    return _marker_of(text)[0] is not None


def _basis_lead(text: str) -> bool:
    return text.startswith(("Căn cứ", "Thực hiện", "Xét "))


def _basis(text: str) -> tuple[dict[str, Any], bool] | None:
    """Returns the fields of a basis sentence, and whether its date is short, when kehoach
    would print them back as the sentence reads; else None (kept as text, to check)."""
    from ..plan.model import basis_entry

    match = _BASIS.match(text)
    if match is None:
        return None
    entry: dict[str, Any] = {"lead": match["lead"], "kind": match["kind"]}
    if match["number"]:
        entry["number"] = int(match["number"])
        if match["year"]:
            entry["year"] = int(match["year"])
        entry["symbol"] = match["symbol"]
    short = False
    if match["date"]:
        numbers = [int(part) for part in re.findall(r"\d+", match["date"])]
        day, month, year = numbers
        short = "/" in match["date"]
        entry["date"] = f"{year:04d}-{month:02d}-{day:02d}"
    if match["issuer"]:
        entry["issuer"] = match["issuer"]
    if match["subject"]:
        entry["subject"] = match["subject"]
    try:
        printed = basis_entry(entry, ()).citation(short)
    except ValueError:  # a date that is no date
        return None
    return (entry, short) if printed == text.rstrip(";.").rstrip() else None


def _citations(entries: list[dict[str, Any]], italics: list[bool], short: bool) -> dict[str, str]:
    """Returns `citations` when the basis is printed otherwise than by default."""
    citations = {"dates": "short"} if short else {}
    default = [entry["lead"] == "Căn cứ" for entry in entries]
    if italics != default:
        if all(italics):
            citations["style"] = "italic"
        elif not any(italics):
            citations["style"] = "upright"
    return citations


_FIGURE = r"\d{1,3}(?:\.\d{3})*(?:,\d+)?"
_CLAUSE = re.compile(
    rf"tỷ lệ (?P<name>.+?) (?P<change>giảm|tăng) (?P<rate>{_FIGURE})%, tương ứng (?P=change) "
    rf"(?P<count>{_FIGURE}) (?P=name) \(từ (?P<base>{_FIGURE})% cuối năm (?P<base_year>\d{{4}}), "
    rf"(?:xuống còn|lên) (?P<target>{_FIGURE})% cuối năm (?P<year>\d{{4}}), số (?P=name) dự kiến "
    rf"cuối năm (?P=year) (?:còn|đạt) (?P<target_count>{_FIGURE}) (?P<unit>[^()]+)\)$")


def _indicator_sentence(text: str) -> list[dict[str, Any]] | None:
    """Returns the indicators a sentence of targets states ("Năm 2026, tỷ lệ hộ nghèo giảm 1,0%,
    tương ứng giảm 25 hộ nghèo (từ 4,5% cuối năm 2025, xuống còn 3,5% …)"), None if it is not one."""
    opening = re.match(r"Năm (\d{4}), t(?=ỷ lệ )", text)
    if opening is None or not text.endswith("."):
        return None
    indicators = []
    for clause in re.split(r"; t(?=ỷ lệ )", text[opening.end():-1]):
        match = _CLAUSE.match("t" + clause)
        if match is None:
            return None
        decrease = match["change"] == "giảm"
        count, target_count = _figure(match["count"]), _figure(match["target_count"])
        indicators.append({
            "id": _slug(match["name"]), "name": match["name"], "unit": match["unit"],
            "direction": "decrease" if decrease else "increase",
            "baseline": {"year": int(match["base_year"]), "rate": _figure(match["base"]),
                         "count": target_count + count if decrease else target_count - count},
            "target": {"year": int(match["year"]), "rate": _figure(match["target"]), "count": target_count},
        })
    return indicators


def _prints_as(indicators: list[dict[str, Any]], text: str, year: int) -> bool:
    """Whether kehoach prints `indicators` as exactly `text`: a plan of them alone is built."""
    content = [{"indicators": [item["id"] for item in indicators]}, "A"]  # "A": no end mark on it
    lines = _printed(year, {"indicators": indicators}, content)
    return lines is not None and text in lines


_REQUESTED = re.compile(r"Mặt trận|MTTQ|Hội |Đoàn |[Dd]oanh nghiệp|Ngân hàng|Bưu điện|Công an|Quân sự")
_UNIT_NAME = re.compile(
    r"(Phòng|Ban|Công chức|Các|Văn phòng|Trạm|Trường|Hội|Đoàn|Ủy ban|UBMTTQ|Mặt trận|Công an|"
    r"Quân sự|Tư pháp|Văn hóa|Tài chính|Địa chính|Bộ phận|Trung tâm|Đài|Cán bộ|Thôn|Tổ|Chi hội|"
    r"Chi bộ|Y tế|Trạm Y tế|Giáo dục|Kế toán|Tài nguyên)\b")


def _as_unit(block: Any) -> dict[str, Any] | None:
    """Returns a unit made of an item of "Tổ chức thực hiện": its title a unit's name, under
    it only paragraphs or "-" lines (the role, ending with ":", then the duties); else None."""
    if not isinstance(block, dict) or set(block) - {"title", "numbering", "content"} or \
            not _UNIT_NAME.match(block.get("title", "")):
        return None
    style = "bullets" if block.get("numbering") == "-" else "paragraphs"
    texts: list[str] = []
    for child in block.get("content", []):
        if style == "paragraphs" and isinstance(child, str):
            texts.append(child)
        elif style == "bullets" and isinstance(child, dict) and set(child) == {"text"}:
            texts.append(child["text"])
        else:
            return None
    if not texts or block.get("numbering", "a)") not in {"a)", "-"}:
        return None
    unit: dict[str, Any] = {"id": _slug(block["title"]), "name": block["title"], "style": style}
    if len(texts) > 1 and texts[0].endswith(":"):
        unit["role"] = texts.pop(0)
    unit["duties"] = [{"text": text} for text in texts]
    unit["_item"] = block
    return unit


def _units_print_as(units: list[dict[str, Any]], year: int) -> bool:
    """Whether kehoach prints `units` in part V as their items read: a plan of them alone is built."""
    bare = [{key: value for key, value in unit.items() if key != "_item"} for unit in units]
    expected = []
    for number, unit in enumerate(units, start=1):
        expected.append(f"{number}. {unit['name']}")
        sign = "- " if unit["style"] == "bullets" else ""
        expected += [f"{sign}{text}" for text in ([unit["role"]] if "role" in unit else [])]
        expected += [f"{sign}{duty['text']}" for duty in unit["duties"]]
    content = [{"units": [unit["id"] for unit in units]}, "A"]
    lines = _printed(year, {"units": bare}, content)
    return lines is not None and expected == lines[lines.index("I. A") + 1:][:len(expected)]


def _printed(year: int, keys: dict[str, Any], content: list[Any]) -> list[str] | None:
    """Returns the lines of the plan document of a plan with only `keys` and one section of
    `content` (None when it has errors): how kehoach prints them."""
    import json

    plan = {"year": year, **keys,
            "document": {"kind": "Kế hoạch", "symbol": "KH-UBND", "place": "A", "date": {"year": year},
                         "summary": "A"},
            "issuer": {"name": "ỦY BAN NHÂN DÂN XÃ A", "text_name": "Ủy ban nhân dân xã A"},
            "sections": [{"title": "A", "content": content}],
            "recipients": ["A"], "archive": ["VT"], "signer": {"authority": [{"title": "A"}], "name": "A"}}
    return _printed_plan(json.dumps(plan, ensure_ascii=False))


@lru_cache(maxsize=256)  # a long plan repeats its sentences of targets
def _printed_plan(text: str) -> list[str] | None:
    """Returns the lines of the plan document of the plan file `text`, rendered as `build`
    renders it (no package written), or None when the plan has errors."""
    from .. import resources
    from ..document.model import plain_text
    from ..plan.read import check_plan
    from ..render.templates import render

    with tempfile.TemporaryDirectory(prefix="kehoach-import-") as work:
        source = Path(work) / "plan.yaml"
        source.write_text(text, encoding="utf-8")
        plan = check_plan(source).plan
    if plan is None:
        return None
    return plain_text(render("ke-hoach.xml.j2", {"plan": plan}, resources.templates_dir(), None))


def _figure(text: str) -> int | float:
    value = text.replace(".", "").replace(",", ".")
    return float(value) if "." in value else int(value)


def _slug(name: str) -> str:
    """Returns an id made of `name`: "hộ cận nghèo" → "ho-can-ngheo"."""
    letters = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_name = "".join(char for char in letters if not unicodedata.combining(char)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:_SLUG_LENGTH].strip("-")
    return slug or "chi-tieu"


def _term(summary: str | list[str], year: int) -> dict[str, Any]:
    """Returns the plan's term: a period when the summary names one ("giai đoạn 2026 - 2030"),
    else the year of its date."""
    text = summary if isinstance(summary, str) else " ".join(summary)
    period = re.search(r"giai đoạn (\d{4})\s*[-–]\s*(\d{4})", text)
    if period and int(period[1]) < int(period[2]):
        return {"period": {"from": int(period[1]), "to": int(period[2])}}
    return {"year": year}


def _heading(text: str) -> str:
    """Returns a heading without the final punctuation the plan format leaves out."""
    return text.rstrip(" .:;") or text


def _running_name(name: str) -> str:
    """Returns an issuer's name as running text writes it: "UBND XÃ TÂN AN" → "Ủy ban nhân dân xã Tân An"."""
    words = name.replace("UBND", "ỦY BAN NHÂN DÂN").lower().split()
    for position, word in enumerate(words):
        if position == 0 or words[position - 1] in {"xã", "phường", "trấn"} or \
                (position > 1 and words[position - 2] in {"xã", "phường", "trấn"}):
            words[position] = word[:1].upper() + word[1:]
    return " ".join(words)


def _clean(text: str) -> str:
    """Returns `text` in NFC with its spaces as kehoach writes them (tabs become spaces)."""
    return re.sub(r"[ \t]+", " ", unicodedata.normalize("NFC", text)).strip()
