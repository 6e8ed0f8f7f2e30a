"""`--templates`: a clerk's folder of templates replaces the built-in ones of the same name;
a broken one is reported at its file and line, and nothing is written."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, SAMPLE, run_cli
from docx_reading import read

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
