"""`kehoach build --jobs N`: many plans in worker processes give the same files and the same
output as one after the other; a broken plan is reported and the others still build (exit 1,
the broken one named in the summary); more jobs than plans, and one per CPU, work."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SAMPLE, SECOND, count_libreoffice_runs, run_cli
from generator.writers import pdf

NAMES = ("Xuân Phúc", "XUÂN PHÚC")


def commune(tmp_path: Path, name: str) -> Path:
    """Writes the sample plan made over for the commune `name` (file `<slug>.yaml`)."""
    text = SAMPLE.read_text(encoding="utf-8")
    for old, new in zip(NAMES, (name, name.upper())):
        text = text.replace(old, new)
    path = tmp_path / "plans" / f"{name.lower().replace(' ', '-')}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def plans(tmp_path: Path) -> list[Path]:
    return [SAMPLE, SECOND, commune(tmp_path, "Hoa Binh"), commune(tmp_path, "Tan Loc"),
            commune(tmp_path, "An Phu")]


def files(folder: Path) -> dict[Path, bytes]:
    return {path.relative_to(folder): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_parallel_and_sequential_builds_give_byte_identical_files_in_the_same_order(tmp_path, plans):
    one, two = tmp_path / "one", tmp_path / "two"
    sequential = run_cli("build", *plans, "-o", one)
    parallel = run_cli("build", *plans, "-o", two, "--jobs", "2")
    assert sequential.exit_code == parallel.exit_code == 0, parallel.output
    assert files(one) == files(two)
    assert len(files(one)) == 4 * 17 + 7
    relative = [[Path(line).relative_to(folder) for line in result.stdout.splitlines()]
                for result, folder in ((sequential, one), (parallel, two))]
    assert relative[0] == relative[1], "paths printed in the plans' order, whatever --jobs"


def test_a_broken_plan_is_reported_and_the_others_still_build(tmp_path, plans):
    broken = tmp_path / "plans" / "broken.yaml"
    broken.write_text(SAMPLE.read_text(encoding="utf-8").replace("support: [cac-thon]", "support: [khong-co]"),
                      encoding="utf-8")
    output = tmp_path / "out"
    result = run_cli("build", plans[0], broken, *plans[1:], "-o", output, "--jobs", "2")
    assert result.exit_code == 1
    assert f"{broken}:" in result.stderr and "khong-co" in result.stderr  # located, at its line
    assert not (output / "broken").exists()
    assert sorted(folder.name for folder in output.iterdir()) == sorted(plan.stem for plan in plans)
    summary = result.stderr.splitlines()[-1]
    assert "6" in summary and str(broken) in summary, summary  # plans, and the one not built


def test_more_jobs_than_plans(tmp_path):
    result = run_cli("build", SAMPLE, SECOND, "-o", tmp_path, "--jobs", "8")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 17 + 7


def test_one_job_per_cpu(tmp_path, plans):
    result = run_cli("build", *plans[:3], "-o", tmp_path, "--jobs", "0")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2 * 17 + 7


def test_the_summary_counts_plans_documents_and_time(tmp_path):
    result = run_cli("--lang", "en", "build", SAMPLE, SECOND, "-o", tmp_path)
    summary = result.stderr.splitlines()[-1]
    assert summary.startswith("Plans: 2, documents: 24, time: ") and summary.endswith(" s."), summary
    vietnamese = run_cli("build", SAMPLE, "-o", tmp_path).stderr.splitlines()[-1]
    assert "17" in vietnamese and "giây" in vietnamese, vietnamese


def test_an_unknown_unit_is_a_usage_error_with_jobs_too(tmp_path, plans):
    result = run_cli("build", *plans[:2], "-o", tmp_path, "--unit", "khong-co", "--jobs", "2")
    assert result.exit_code == 2
    assert "khong-co" in result.output


def test_negative_jobs_are_a_usage_error(tmp_path):
    assert run_cli("build", SAMPLE, "-o", tmp_path, "--jobs", "-1").exit_code == 2


@pytest.mark.skipif(pdf.find_soffice() is None, reason="LibreOffice is not installed "
                    "(apt-get install libreoffice-writer-nogui fonts-liberation2)")
def test_pdf_with_jobs_converts_in_one_libreoffice_run_per_job(tmp_path, monkeypatch):
    runs = count_libreoffice_runs(monkeypatch)
    result = run_cli("build", SAMPLE, SECOND, "-o", tmp_path, "--jobs", "2", "--pdf")
    assert result.exit_code == 0, result.output
    documents = sorted(tmp_path.rglob("*.docx"))
    assert len(documents) == 24 and len(runs) == 2
    assert all(document.with_suffix(".pdf").stat().st_size > 1000 for document in documents)


def test_a_converter_output_that_is_no_pdf_is_a_failed_conversion_not_a_pdf(tmp_path, monkeypatch):
    """A converter that writes junk (a broken LibreOffice, a full disk) is told in words, and
    the junk is never written as a PDF."""
    from generator.writers import pdf

    monkeypatch.setattr(pdf, "convert", lambda documents, kind: {document: b"not a pdf" for document in documents})
    result = run_cli("--lang", "en", "build", SAMPLE, "-o", tmp_path, "--pdf")
    assert result.exit_code == 1
    assert f"kehoach: LibreOffice could not convert {tmp_path}/xuan-phuc-2023/ke-hoach.docx" in result.output
    assert "not a PDF" in result.output and "internal error" not in result.output
    assert not list(tmp_path.rglob("*.pdf"))
    assert (tmp_path / "xuan-phuc-2023" / "ke-hoach.docx").is_file()
