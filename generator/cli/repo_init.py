"""A clerk's plan repository (`kehoach init`): its folders, files and git settings, each made
where missing and never overwritten; and the `$schema` line that points a plan at the schema
from wherever the plan is (`schema_line`, for `init`'s README and the plans `new` writes)."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .. import resources
from ..save import FileExists, write_new_file

PLANS = "plans"
SCHEMA = f"schemas/{resources.SCHEMA_NAME}"  # the copy of the schema, from the repository's root
GITATTRIBUTES = ("*.docx diff=kehoach-docx",)  # README "Documents in git"
# What stays out of git: the page images of `preview`, made again at will. PDFs are committed
# with the documents: `build --pdf` makes them byte-identical (issue 12, part 8). Were that to
# change, add "*.pdf" here only.
GITIGNORE = ("output/**/preview/",)
TEXTCONV = ("diff.kehoach-docx.textconv", "kehoach text")
VSCODE_SETTINGS = ".vscode/settings.json"
_MODELINE = "# yaml-language-server: $schema="
_TIMEOUT = 60  # seconds, for each git command


@dataclass(frozen=True)
class Step:
    """One thing `init` did or left: `action` names it for the CLI to word ("created",
    "completed", "kept", "kept_differs", "kept_without_schema", "git_init", "git_config",
    "git_config_kept", "git_config_other", "git_missing", "git_failed"); `path` is relative
    to the folder (or the git setting's name); `detail` the lines added, a value, git's words."""

    action: str
    path: str
    detail: str = ""


def schema_reference(plan: Path) -> str:
    """Returns what a plan at `plan` (which need not exist yet) gives as its `$schema`: the
    relative path to `schemas/plan.schema.json` in the nearest folder above the plan that has
    one, looking no higher than the git repository's top; else the installed kehoach's own
    schema as a file URI, which works on this computer only (`kehoach init` makes the copy)."""
    folder = plan.resolve().parent
    for candidate in (folder, *folder.parents):
        schema = candidate / SCHEMA
        if schema.is_file():
            try:
                return Path(os.path.relpath(schema, folder)).as_posix()
            except ValueError:  # another drive on Windows: no relative path
                break
        if (candidate / ".git").exists():  # a folder, or a file in a worktree
            break
    return (resources.schemas_dir() / resources.SCHEMA_NAME).resolve().as_uri()


def schema_line(plan: Path) -> str:
    """Returns the first line of a plan at `plan`: `# yaml-language-server: $schema=…`."""
    return _MODELINE + schema_reference(plan)


def init_repository(folder: Path) -> list[Step]:
    """Makes `folder` a clerk's plan repository and returns what it did, in order.

    Creates what is missing: the folder, `plans/`, the schemas' copies, `.gitattributes`,
    `.gitignore`, the VS Code settings and a README; adds the missing lines to an existing
    `.gitattributes` or `.gitignore`; leaves any other existing file as it is. Runs `git init`
    when `folder` is not in a git repository, and sets `kehoach text` as the textconv of
    .docx files in the repository's configuration. Without git, the files are still made.
    Raises `OSError` when a file cannot be written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    steps = _git_repository(folder)
    plans = folder / PLANS
    steps.append(Step("kept" if plans.is_dir() else "created", f"{PLANS}/"))
    plans.mkdir(exist_ok=True)
    steps += [_schema_copy(folder, name) for name in (resources.SCHEMA_NAME, resources.LETTER_SCHEMA_NAME)]
    steps.append(_lines(folder, ".gitattributes", GITATTRIBUTES))
    steps.append(_lines(folder, ".gitignore", GITIGNORE))
    steps.append(_vscode_settings(folder))
    steps.append(_new_file(folder, "README.md", _readme(folder)))
    if not any(step.action in ("git_missing", "git_failed") for step in steps):
        steps.append(_textconv(folder))
    return steps


def _new_file(folder: Path, name: str, text: str) -> Step:
    try:
        write_new_file(folder / name, text.encode("utf-8"))
    except FileExists:
        return Step("kept", name)
    return Step("created", name)


def _schema_copy(folder: Path, name: str) -> Step:
    """Copies the schema `name` (a plan's, or a standalone letter's, which refers to the plan's
    beside it) into `schemas/`."""
    path, text = f"schemas/{name}", resources.schema_text(name)
    step = _new_file(folder, path, text)
    if step.action == "kept" and (folder / path).read_bytes() != text.encode("utf-8"):
        return Step("kept_differs", path)  # another kehoach version's: the clerk decides
    return step


def _lines(folder: Path, name: str, wanted: tuple[str, ...]) -> Step:
    """Creates `name` with the `wanted` lines, or adds those it lacks at its end (git reads
    these files line by line, so nothing of the clerk's own is changed)."""
    path = folder / name
    if not path.exists():
        return _new_file(folder, name, "\n".join(wanted) + "\n")
    # Bytes that are not UTF-8 (a Windows code page) are written back as they were.
    text = path.read_bytes().decode("utf-8", errors="surrogateescape")
    present = {line.strip() for line in text.splitlines()}
    missing = [line for line in wanted if line not in present]
    if not missing:
        return Step("kept", name)
    separator = "" if text.endswith("\n") or not text else "\n"
    completed = text + separator + "\n".join(missing) + "\n"
    write_new_file(path, completed.encode("utf-8", errors="surrogateescape"), overwrite=True)
    return Step("completed", name, ", ".join(missing))


def _vscode_settings(folder: Path) -> Step:
    import json

    # The YAML extension's `yaml.schemas`: schema (from the workspace's root) → files it checks.
    text = json.dumps({"yaml.schemas": {f"./{SCHEMA}": f"{PLANS}/*.yaml"}}, indent=2) + "\n"
    step = _new_file(folder, VSCODE_SETTINGS, text)
    if step.action == "kept" and resources.SCHEMA_NAME not in (folder / VSCODE_SETTINGS).read_text(
            encoding="utf-8", errors="replace"):
        return Step("kept_without_schema", VSCODE_SETTINGS, f'"./{SCHEMA}": "{PLANS}/*.yaml"')
    return step


def _git_repository(folder: Path) -> list[Step]:
    inside = _git(folder, "rev-parse", "--is-inside-work-tree")
    if inside is None:
        return [Step("git_missing", "")]
    if inside.returncode == 0 and inside.stdout.strip() == "true":
        return []
    made = _git(folder, "init", "--quiet")
    if made is None or made.returncode != 0:
        return [Step("git_failed", "git init", _first_line(made))]
    return [Step("git_init", "")]


def _textconv(folder: Path) -> Step:
    key, value = TEXTCONV
    current = _git(folder, "config", "--local", "--get", key)
    if current is not None and current.returncode == 0:
        found = current.stdout.strip()
        return Step("git_config_kept" if found == value else "git_config_other", key, found)
    done = _git(folder, "config", "--local", key, value)
    if done is None or done.returncode != 0:
        return Step("git_failed", "git config", _first_line(done))
    return Step("git_config", key, value)


def _git(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str] | None:
    """Returns git's outcome in `folder`, or None when git is not installed."""
    try:
        return subprocess.run(["git", "-C", str(folder), *arguments], capture_output=True, text=True,
                              timeout=_TIMEOUT, check=False)
    except FileNotFoundError:
        return None
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(["git", *arguments], 1, "", "timeout")


def _first_line(done: subprocess.CompletedProcess[str] | None) -> str:
    lines = (done.stderr or done.stdout).strip().splitlines() if done is not None else []
    return lines[0] if lines else ""


def _readme(folder: Path) -> str:
    """Returns the clerk's README of the repository, in Vietnamese."""
    line = schema_line(folder / PLANS / "ke-hoach.yaml")
    not_kept = "Ảnh xem trước và bản PDF" if "*.pdf" in GITIGNORE else "Ảnh xem trước"
    return f"""# Kế hoạch của xã

Thư mục này giữ các kế hoạch của xã dưới dạng tệp YAML; `kehoach` kiểm tra chúng và tạo văn bản
Word đúng thể thức Nghị định 30/2020/NĐ-CP.

- `{PLANS}/`: mỗi kế hoạch một tệp, ví dụ `{PLANS}/xuan-phuc-2024.yaml`. Dòng đầu của mỗi tệp là

  ```yaml
  {line}
  ```

  để VS Code (có phần mở rộng YAML) kiểm tra tệp ngay khi gõ.
- `{SCHEMA}`: cấu trúc của tệp kế hoạch, chép từ kehoach.
- `output/`: văn bản Word do `kehoach build` ghi ra.

## Công việc thường làm

```sh
kehoach validate {PLANS}/xuan-phuc-2024.yaml    # kiểm tra: mọi lỗi kèm số dòng
kehoach build {PLANS}/xuan-phuc-2024.yaml       # ghi output/xuan-phuc-2024/ke-hoach.docx
kehoach new --from {PLANS}/xuan-phuc-2024.yaml --year 2025   # kế hoạch năm sau
kehoach diff {PLANS}/xuan-phuc-2024.yaml --rev HEAD           # những gì đã sửa từ lần lưu trước
```

Trước khi làm kế hoạch năm sau, ghi kết quả thực hiện của năm (`actual`) vào kế hoạch năm đó.

## Lưu bằng git

```sh
git add {PLANS} output
git commit -m "Kế hoạch năm 2024"
```

`git diff` hiện chữ của các tệp .docx đã lưu. Trên máy khác, sau khi chép kho về, chạy
`kehoach init` một lần trong thư mục này để git làm được như vậy (không tệp nào bị ghi đè).
{not_kept} không được lưu (xem `.gitignore`): tạo lại được bất cứ lúc nào.
"""
