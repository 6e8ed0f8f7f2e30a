"""`kehoach init [DIR]`: a clerk's plan repository in one command (issue 12, part 6): every file
made where missing and never overwritten, git set up, the same run twice changing nothing; and
the `$schema` line that `new` writes, right for where the plan file is."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE, run_cli

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
MODELINE = "# yaml-language-server: $schema="
# The files a fresh `init` makes (README "Command reference"), beside plans/ and .git.
FILES = ("schemas/plan.schema.json", "schemas/cong-van.schema.json", ".gitattributes", ".gitignore", ".vscode/settings.json", "README.md")


@pytest.fixture(autouse=True)
def no_repository_above(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keeps git from finding a repository above the test's folder, and from the user's settings."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-global-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def git(folder: Path, *arguments: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *arguments], capture_output=True, text=True,
                          check=True).stdout.strip()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Returns every file under `folder` but git's own, by its relative path."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file() and ".git" not in path.relative_to(folder).parts}


@needs_git
def test_a_new_folder_gets_every_file_and_becomes_a_git_repository(tmp_path):
    folder = tmp_path / "ke-hoach-xa"
    result = run_cli("init", folder)
    assert result.exit_code == 0, result.output
    assert (folder / "plans").is_dir() and (folder / ".git").exists()
    assert Path(git(folder, "rev-parse", "--show-toplevel")).resolve() == folder.resolve()
    for name in ("plan.schema.json", "cong-van.schema.json"):  # a letter's schema refers to the plan's beside it
        assert (folder / "schemas" / name).read_bytes() == (ROOT / "schemas" / name).read_bytes()
    assert (folder / ".gitattributes").read_text(encoding="utf-8") == "*.docx diff=kehoach-docx\n"
    assert (folder / ".gitignore").read_text(encoding="utf-8") == "output/**/preview/\n"
    assert json.loads((folder / ".vscode/settings.json").read_text(encoding="utf-8")) == \
        {"yaml.schemas": {"./schemas/plan.schema.json": "plans/*.yaml"}}
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert f"{MODELINE}../schemas/plan.schema.json" in readme
    assert "kehoach validate plans/" in readme and "kehoach build plans/" in readme and "Lưu bằng git" in readme
    assert git(folder, "config", "--local", "--get", "diff.kehoach-docx.textconv") == "kehoach text"
    printed = result.output.splitlines()
    assert printed[0] == "đã tạo kho git cho thư mục (git init)"
    assert [line for line in printed if line.startswith("đã tạo ")][1:] == \
        ["đã tạo plans/", *(f"đã tạo {name}" for name in FILES)]
    assert 'git config diff.kehoach-docx.textconv "kehoach text"' in result.output


@needs_git
def test_git_ignores_previews_and_keeps_the_documents_and_their_pdfs(tmp_path):
    folder = tmp_path / "repo"
    assert run_cli("init", folder).exit_code == 0
    for name in ("output/a/preview/ke-hoach-1.png", "output/a/ke-hoach.pdf", "output/a/ke-hoach.docx"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"x")
    untracked = git(folder, "status", "--porcelain", "--untracked-files=all").splitlines()
    # PDFs are byte-identical from one build to the next (README "PDF, preview and fonts").
    assert "?? output/a/ke-hoach.docx" in untracked and "?? output/a/ke-hoach.pdf" in untracked
    assert not any("preview" in line for line in untracked)


@needs_git
@pytest.mark.parametrize("lang, kept", [("vi", "giữ nguyên {} (đã có)"), ("en", "kept {} as it was")])
def test_a_second_run_changes_nothing_and_says_so(tmp_path, lang, kept):
    folder = tmp_path / "repo"
    assert run_cli("init", folder).exit_code == 0
    before = snapshot(folder)
    again = run_cli("--lang", lang, "init", folder)
    assert again.exit_code == 0, again.output
    assert snapshot(folder) == before
    for name in ("plans/", *FILES):
        assert kept.format(name) in again.output.splitlines()
    assert "git init" not in again.output
    already = {"vi": "git đã được đặt để git diff hiện chữ của các tệp .docx",
               "en": "git already shows the text of .docx files in git diff"}[lang]
    assert already in again.output


@needs_git
def test_existing_files_are_never_overwritten_and_git_files_only_get_the_missing_lines(tmp_path):
    folder = tmp_path / "repo"
    mine = {"README.md": "Kế hoạch của tôi\n", "schemas/plan.schema.json": "{}\n",
            ".vscode/settings.json": '{"editor.tabSize": 2}\n', "plans/xa-2024.yaml": "year: 2024\n"}
    for name, text in mine.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    (folder / ".gitignore").write_text("node_modules/\n*.log", encoding="utf-8")  # no final newline
    (folder / ".gitattributes").write_text("*.png binary\n*.docx diff=kehoach-docx\n", encoding="utf-8")
    result = run_cli("init", folder)
    assert result.exit_code == 0, result.output
    for name, text in mine.items():
        assert (folder / name).read_text(encoding="utf-8") == text, name
    assert (folder / ".gitignore").read_text(encoding="utf-8") == "node_modules/\n*.log\noutput/**/preview/\n"
    assert (folder / ".gitattributes").read_text(encoding="utf-8") == "*.png binary\n*.docx diff=kehoach-docx\n"
    printed = result.output.splitlines()
    assert "đã bổ sung .gitignore: thêm output/**/preview/" in printed
    assert "giữ nguyên .gitattributes (đã có)" in printed and "giữ nguyên README.md (đã có)" in printed
    # A schema copy that is not this kehoach's, settings without the schema: kept, and said how to fix.
    assert any(line.startswith("giữ nguyên schemas/plan.schema.json (đã có), nhưng tệp này khác với schema")
               for line in printed)
    assert any(line.startswith("giữ nguyên .vscode/settings.json (đã có), nhưng tệp chưa gắn")
               and '"./schemas/plan.schema.json": "plans/*.yaml"' in line for line in printed)


def test_a_gitignore_not_in_utf8_keeps_its_bytes(tmp_path):
    folder = tmp_path / "repo"
    folder.mkdir()
    (folder / ".gitignore").write_bytes(b"# ghi ch\xfa (cp1258)\n")
    assert run_cli("init", folder).exit_code == 0
    assert (folder / ".gitignore").read_bytes() == b"# ghi ch\xfa (cp1258)\noutput/**/preview/\n"


@needs_git
def test_a_folder_inside_a_repository_uses_it_and_keeps_a_textconv_of_its_own(tmp_path):
    outer = tmp_path / "huyen"
    outer.mkdir()
    git(outer, "init", "--quiet")
    git(outer, "config", "diff.kehoach-docx.textconv", "python -m generator text")
    result = run_cli("--lang", "en", "init", outer / "xa-tan-an")
    assert result.exit_code == 0, result.output
    assert not (outer / "xa-tan-an" / ".git").exists() and "git init" not in result.output
    assert git(outer, "config", "--get", "diff.kehoach-docx.textconv") == "python -m generator text"
    assert 'kept git\'s setting diff.kehoach-docx.textconv = "python -m generator text"' in result.output


def test_without_git_the_files_are_made_and_the_clerk_is_told(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    folder = tmp_path / "repo"
    result = run_cli("init", folder)
    assert result.exit_code == 0, result.output
    assert all((folder / name).is_file() for name in FILES) and not (folder / ".git").exists()
    assert "cảnh báo: máy chưa cài git: các tệp đã được tạo" in result.stderr
    assert "https://git-scm.com" in result.stderr and "kehoach init" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for git")
def test_when_git_fails_the_files_are_made_and_git_s_words_are_shown(tmp_path, monkeypatch):
    programs = tmp_path / "programs"
    programs.mkdir()
    (programs / "git").write_text("#!/bin/sh\necho 'fatal: không ghi được .git' >&2\nexit 128\n", encoding="utf-8")
    (programs / "git").chmod(0o755)
    monkeypatch.setenv("PATH", str(programs))
    folder = tmp_path / "repo"
    result = run_cli("init", folder)
    assert result.exit_code == 1
    assert all((folder / name).is_file() for name in FILES)
    assert "lỗi: git init không chạy được: fatal: không ghi được .git" in result.stderr


def test_a_file_in_place_of_the_folder_is_a_usage_error(tmp_path):
    (tmp_path / "repo").write_text("", encoding="utf-8")
    result = run_cli("init", tmp_path / "repo")
    assert result.exit_code == 2 and "Traceback" not in result.output


# --- the $schema line ---------------------------------------------------------------------------

def first_line(path: Path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0]


@pytest.mark.parametrize("where, expected", [
    ("plans/xuan-phuc-2024.yaml", "../schemas/plan.schema.json"),
    ("plans/2024/xuan-phuc.yaml", "../../schemas/plan.schema.json"),
    ("xuan-phuc-2024.yaml", "schemas/plan.schema.json"),
])
def test_new_points_at_the_schema_of_the_repository_it_writes_into(tmp_path, where, expected):
    folder = tmp_path / "repo"
    assert run_cli("init", folder).exit_code == 0
    output = folder / where
    result = run_cli("new", "--from", SAMPLE, "--year", 2024, "-o", output)
    assert result.exit_code == 0, result.output
    assert first_line(output) == MODELINE + expected
    assert (output.parent / expected).is_file()
    assert "kehoach init" not in result.output


@pytest.mark.parametrize("lang, advice", [
    ("vi", "trỏ tới tệp cấu trúc (schema) của kehoach cài trên máy này: hãy chạy kehoach init"),
    ("en", "points at the schema of the kehoach installed on this computer: run kehoach init"),
])
def test_outside_a_plan_repository_new_points_at_the_installed_schema(tmp_path, lang, advice):
    from generator import resources

    (tmp_path / "schemas").mkdir()  # above the repository's top: not the plans' own
    (tmp_path / "schemas/plan.schema.json").write_text("{}", encoding="utf-8")
    folder = tmp_path / "repo"
    (folder / ".git").mkdir(parents=True)
    output = folder / "plans/xuan-phuc-2024.yaml"
    result = run_cli("--lang", lang, "new", "--from", SAMPLE, "--year", 2024, "-o", output)
    assert result.exit_code == 0, result.output
    installed = (resources.schemas_dir() / "plan.schema.json").resolve()
    assert first_line(output) == MODELINE + installed.as_uri()
    assert advice in result.output


def test_a_plan_without_a_schema_line_gets_one_and_the_lines_printed_stay_right(tmp_path):
    folder = tmp_path / "repo"
    assert run_cli("init", folder).exit_code == 0
    source = folder / "plans/xuan-phuc-2023.yaml"
    text = SAMPLE.read_text(encoding="utf-8")
    source.write_text(text.split("\n", 1)[1], encoding="utf-8")  # the sample without its first line
    output = folder / "plans/xuan-phuc-2024.yaml"
    result = run_cli("new", "--from", source, "--year", 2024, "-o", output)
    assert result.exit_code == 0, result.output
    lines = output.read_text(encoding="utf-8").splitlines()
    assert lines[0] == MODELINE + "../schemas/plan.schema.json" and lines[1] == "#"
    year_line = [line for line in result.output.splitlines() if line.endswith("năm kế hoạch 2023 → 2024")]
    assert len(year_line) == 1
    assert lines[int(year_line[0].split(":")[1]) - 1] == "year: 2024"
