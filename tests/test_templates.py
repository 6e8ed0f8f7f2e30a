"""`--templates`: a clerk's folder of templates replaces the built-in ones of the same name;
a broken one is reported at its file and line, and nothing is written. What a template writes
is read back with every value escaped exactly once."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE, run_cli
from docx_reading import read

from generator.document.model import Document, Span
from generator.errors import TemplateProblem
from generator.render import sandbox
from generator.render.templates import render

BUILTIN = ROOT / "templates" / "_blocks.xml.j2"


def override(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "my-templates"
    folder.mkdir()
    (folder / "_blocks.xml.j2").write_text(text, encoding="utf-8")
    return folder


def plan_text(output: Path) -> str:
    document = read((output / "xuan-phuc-2023" / "ke-hoach.docx").read_bytes())
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def test_an_override_rewords_the_document_and_leaves_the_rest(tmp_path: Path):
    builtin = BUILTIN.read_text(encoding="utf-8")
    assert builtin.count("Chỉ tiêu thiếu hụt về") == 1
    folder = override(tmp_path, builtin.replace("Chỉ tiêu thiếu hụt về", "Chỉ số thiếu hụt về"))
    result = run_cli("build", SAMPLE, "-o", tmp_path / "out", "--templates", folder)
    assert result.exit_code == 0, result.output
    text = plan_text(tmp_path / "out")
    assert text.count("Chỉ số thiếu hụt về") == 6 and "Chỉ tiêu thiếu hụt về" not in text
    assert "KẾ HOẠCH" in text, "templates not overridden still come from the built-in folder"
    assert run_cli("build", SAMPLE, "-o", tmp_path / "plain").exit_code == 0
    assert plan_text(tmp_path / "plain").count("Chỉ tiêu thiếu hụt về") == 6


def test_a_template_syntax_error_is_reported_at_its_line(tmp_path: Path):
    lines = BUILTIN.read_text(encoding="utf-8").splitlines()
    lines[9] = "{% if %}"
    folder = override(tmp_path, "\n".join(lines))
    result = run_cli("build", SAMPLE, "-o", tmp_path / "out", "--templates", folder)
    assert result.exit_code == 1
    assert f"{folder / '_blocks.xml.j2'}:10:" in result.output, result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_an_unknown_name_in_a_template_is_reported_at_its_line(tmp_path: Path):
    builtin = BUILTIN.read_text(encoding="utf-8")
    marker = "Chỉ tiêu thiếu hụt về {{ services[bullet.service] }}"
    assert marker in builtin
    folder = override(tmp_path, builtin.replace(marker, "Chỉ tiêu thiếu hụt về {{ dich_vu }}"))
    line = builtin[: builtin.index(marker)].count("\n") + 1
    result = run_cli("build", SAMPLE, "-o", tmp_path / "out", "--templates", folder)
    assert result.exit_code == 1
    assert f"_blocks.xml.j2:{line}:" in result.output and "dich_vu" in result.output, result.output
    assert not (tmp_path / "out").exists()


# --- the roles XML: values escaped once, errors at their line --------------------------------

TRICKY = "Chi phí <dự kiến> & \"thực tế\"  'tạm tính'"
FRAME = ('<document kind="plan">\n<header><issuer>{{ text }}</issuer><number/><national/><motto/>'
         "<place-date/></header>\n")


def render_text(tmp_path: Path, body: str, **context: object) -> Document:
    (tmp_path / "t.xml.j2").write_text(FRAME + body + "\n</document>", encoding="utf-8")
    return render("t.xml.j2", {"text": TRICKY, **context}, tmp_path)


def test_values_are_escaped_once_and_macro_output_and_safe_markup_not_at_all(tmp_path: Path):
    document = render_text(tmp_path, "{% macro em(x) %}<b>{{ x }}</b>{% endmacro %}"
                                     '<p marker="{{ text }}">{{ text }} {{ em(text) }} {{ "<i>"|safe }}'
                                     "{{ n }}</i></p>", n=3)
    assert document.header.issuer == (TRICKY,)
    (paragraph,) = document.blocks
    assert paragraph.marker == TRICKY
    assert paragraph.spans == (Span(f"{TRICKY} "), Span(TRICKY, bold=True), Span(" "),
                               Span("3./.", italic=True))


def test_autoescape_can_still_be_turned_off_inside_a_template(tmp_path: Path):
    document = render_text(tmp_path, "<p>{% autoescape false %}{{ raw }}{% endautoescape %}</p>", raw="<b>x</b>")
    assert document.blocks[0].spans == (Span("x./.", bold=True),)


def test_an_unknown_role_is_reported_at_its_line_in_the_output(tmp_path: Path):
    with pytest.raises(TemplateProblem) as raised:
        render_text(tmp_path, "<!-- a comment -->\n<p>{{ text }}</p>\n\n<para>{{ text }}</para>")
    assert (raised.value.problem.code, raised.value.problem.line) == ("template.unknown_role", 6)
    assert raised.value.problem.args == {"role": "para"}


def test_malformed_output_is_reported_at_its_line(tmp_path: Path):
    with pytest.raises(TemplateProblem) as raised:
        render_text(tmp_path, "<p>{{ text }}\n<b>x</p>")
    assert (raised.value.problem.code, raised.value.problem.line) == ("template.output", 4)


def test_properties_a_template_leaves_out_keep_their_defaults(tmp_path: Path):
    properties = render_text(tmp_path, "<p>{{ text }}</p>").properties
    assert (properties.title, properties.author, properties.created) == ("", "", "2000-01-01T00:00:00Z")


# --- compiled templates cached between processes (Jinja's bytecode cache) --------------------

@pytest.fixture
def fresh_environments():
    """Each render below builds its Jinja environment anew, as a new process would."""
    from generator.render import templates

    templates._environment.cache_clear()
    yield templates
    templates._environment.cache_clear()


def test_an_edited_template_is_compiled_anew_not_read_from_the_cache(tmp_path: Path, fresh_environments):
    assert sandbox._bytecode_cache() is not None
    assert render_text(tmp_path, "<p>trước</p>").blocks[0].spans == (Span("trước./."),)
    fresh_environments._environment.cache_clear()
    assert render_text(tmp_path, "<p>sau</p>").blocks[0].spans == (Span("sau./."),)


def test_a_cache_that_cannot_be_written_is_no_cache(tmp_path: Path, fresh_environments, monkeypatch):
    gone = sandbox._BytecodeCache(str(tmp_path / "gone"))  # a folder that does not exist
    monkeypatch.setattr(sandbox, "_bytecode_cache", lambda: gone)
    (tmp_path / "templates").mkdir()
    assert render_text(tmp_path / "templates", "<p>{{ text }}</p>").blocks[0].spans == (Span(f"{TRICKY}./."),)
    assert not (tmp_path / "gone").exists()


def test_a_template_read_from_the_cache_still_reports_errors_at_their_line(tmp_path: Path, fresh_environments):
    for _ in range(2):  # compiled, then read back from the cache by a new environment
        fresh_environments._environment.cache_clear()
        with pytest.raises(TemplateProblem) as raised:
            render_text(tmp_path, "<p>{{ text }}</p>\n<p>{{ dich_vu }}</p>")
        assert (raised.value.problem.file, raised.value.problem.line) == (str(tmp_path / "t.xml.j2"), 4)
