"""kehoach's speed, side by side with docxtpl and the zip floor: one command, one table.

    python benchmarks/run.py            # the full run (about a minute): the figures in the README
    python benchmarks/run.py --quick    # a few repetitions, 6 plans: that it runs (CI, ~10 s)

Sections, each a table of medians over repeated runs, with the ratios to quote (these machines
are noisy; ratios measured in the same run are steadier than times):

1. warm, in one process: the sample plan from its file to .docx bytes (loaded, validated,
   checked, rendered, written); a task sheet and a letter of it (the plan checked once, as in
   a build); docxtpl filling an equivalent template with the same content; the floor, the final
   XML parts of the same document zipped with `zipfile` (ZIP_DEFLATED, default level);
2. batch: a synthetic province (`province.py`: N plans, 17 documents each) built by
   `kehoach build --jobs 1` and `--jobs 2` in fresh processes, documents per second, peak
   memory for a quarter of the plans and for all of them; in rounds, docxtpl making the
   sample's 17 documents in each, the ratios being taken within a round;
3. cold start: `kehoach --help`, `validate` and `build` of the sample, each a fresh process,
   beside importing the five dependencies and starting python alone;
4. PDF: the sample's documents converted by LibreOffice in one run, seconds per document;
5. growth: a plan with ten times the sample's units and body sections, built in one process;
6. diff at scale: `diff` of two plans with 10 times the sample's duties (100 times in the full
   run), every third duty reworded or every one (`province.more_duties`);
7. serve: `kehoach serve`'s answer to an edit of the sample (checked, the plan's preview as
   HTML), over HTTP on 127.0.0.1, warm; and a first page through LibreOffice on request;
8. import and check: `kehoach import` and `kehoach check` of the sample's plan document and of
   one twice as long (8 and 14 pages), warm, without LibreOffice (issue 19: under 0.5 s).

docxtpl comes with the `bench` extra (`pip install -e ".[bench]"`); without it its column is
left out, saying so. LibreOffice missing: the PDF section says so.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

import province  # noqa: E402 - benchmarks/ is not a package

from generator import resources  # noqa: E402
from generator.plan.read import check_plan  # noqa: E402
from generator.render.templates import render  # noqa: E402
from generator.writers.docx import write_docx  # noqa: E402

SAMPLE = ROOT / "plans" / "xuan-phuc-2023.yaml"
DEPENDENCIES = "import docx, jinja2, yaml, jsonschema, click"


def median_ms(work: Callable[[], Any], repeat: int, warmup: int = 2) -> float:
    """Returns the median time of `work` in milliseconds over `repeat` runs, after `warmup`."""
    for _ in range(warmup):
        work()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def floor(docx: bytes) -> Callable[[], bytes]:
    """Returns the floor's work for `docx`: its parts, as they are, zipped by `zipfile`."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        parts = [(info.filename, package.read(info)) for info in package.infolist()]

    def zipped() -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
            for name, data in parts:
                out.writestr(name, data)
        return buffer.getvalue()
    return zipped


def table(title: str, header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Prints a Markdown table (so it can go into the README as it is)."""
    print(f"\n### {title}\n")
    cells = [header, *[tuple(_cell(value) for value in row) for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for index, row in enumerate(cells):
        print("| " + " | ".join(text.ljust(width) for text, width in zip(row, widths)) + " |")
        if index == 0:
            print("| " + " | ".join("-" * width for width in widths) + " |")
    sys.stdout.flush()


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}" if value < 100 else f"{value:.0f}"
    return str(value)


def ratio(part: float | None, whole: float | None) -> str:
    return f"{part / whole:.2f}" if part and whole else "–"


# --- 1. warm, in one process -----------------------------------------------------------------

def plan_docx(path: Path) -> Callable[[], bytes]:
    """Returns the work of making the plan at `path` from its file into .docx bytes."""
    templates = resources.templates_dir()
    return lambda: write_docx(render("ke-hoach.xml.j2", {"plan": check_plan(path).plan}, templates))


def sample_models() -> dict[str, list[Any]]:
    """Returns the sample's document models by kind: the plan, each unit's task sheet and letter."""
    plan = check_plan(SAMPLE).plan
    assert plan is not None, "the sample plan has errors"
    templates = resources.templates_dir()
    return {"plan": [render("ke-hoach.xml.j2", {"plan": plan}, templates)],
            **{kind: [render(template, {"plan": plan, "share": plan.unit_duties(unit.id)}, templates)
                      for unit in plan.units]
               for kind, template in (("sheet", "phieu-nhiem-vu.xml.j2"), ("letter", "cong-van.xml.j2"))}}


def has_docxtpl() -> bool:
    try:
        import docxtpl  # noqa: F401
    except ImportError:
        return False
    return True


def warm(repeat: int) -> dict[str, float]:
    plan = check_plan(SAMPLE).plan
    assert plan is not None, "the sample plan has errors"
    templates = resources.templates_dir()
    share = plan.unit_duties(plan.units[0].id)

    def unit_document(template: str) -> Callable[[], bytes]:
        return lambda: write_docx(render(template, {"plan": plan, "share": share}, templates))

    works = {"plan": plan_docx(SAMPLE), "sheet": unit_document("phieu-nhiem-vu.xml.j2"),
             "letter": unit_document("cong-van.xml.j2")}
    results: dict[str, float] = {}
    for kind, work in works.items():
        results[f"kehoach {kind}"] = median_ms(work, repeat)
        results[f"floor {kind}"] = median_ms(floor(work()), repeat)
    if not has_docxtpl():
        print("\n(docxtpl is not installed, so its column is left out: pip install -e \".[bench]\")")
    else:
        import docxtpl_template

        for kind, documents in sample_models().items():  # the plan, the first unit's sheet and letter
            document = documents[0]
            made = docxtpl_template.template(docxtpl_template.columns_of(document))
            results[f"docxtpl {kind}"] = median_ms(lambda: docxtpl_template.render(made, document),
                                                   max(3, repeat // 3), warmup=1)
    rows = []
    for kind, label in (("plan", "sample plan: file → .docx"), ("sheet", "task sheet (plan checked)"),
                        ("letter", "letter (plan checked)")):
        ours, theirs, zipped = (results.get(f"{who} {kind}") for who in ("kehoach", "docxtpl", "floor"))
        rows.append((label, ours, theirs if theirs else "–", zipped, ratio(ours, theirs), ratio(ours, zipped)))
    table("1. Warm, in one process (ms, medians)",
          ("document", "kehoach", "docxtpl", "floor (zip)", "kehoach / docxtpl", "kehoach / floor"), rows)
    return results


# --- 2. batch ----------------------------------------------------------------------------------

def kehoach_command(*args: object) -> list[str]:
    return [sys.executable, "-m", "generator", *map(str, args)]


def environment() -> dict[str, str]:
    """Returns the environment of the measured processes: bytecode caches allowed, as a user's
    install has them (the first run writes them), and messages in English."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "LANG": "C.UTF-8", "LANGUAGE": "en"}


# Every measured process is started by a small launcher process, not by this one: on Linux a
# child's peak memory (ru_maxrss) counts the image it was forked from, and this process holds
# docxtpl, python-docx and the pipeline.
_LAUNCHER = r"""
import json, os, subprocess, sys, tempfile, time
for line in sys.stdin:
    command, env, cwd = json.loads(line)
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, env=env, cwd=cwd)
        lines = len(process.stdout.read().splitlines())
        _, status, usage = os.wait4(process.pid, 0) if hasattr(os, "wait4") else (0, 0, None)
        elapsed = time.perf_counter() - start
        errors.seek(0)
        tail = errors.read()[-2000:].decode(errors="replace")
    code = os.waitstatus_to_exitcode(status) if usage is not None else process.wait()
    print(json.dumps([elapsed, lines, usage.ru_maxrss if usage is not None else 0, code, tail]), flush=True)
"""


class Launcher:
    """Runs commands for measurement from a small separate process; see `_LAUNCHER`."""

    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", _LAUNCHER], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)

    def run(self, command: list[object]) -> tuple[float, int, float]:
        """Returns the wall time (s), the lines printed and the peak memory (MiB; 0 where
        unknown) of `command`, which must succeed. Peak memory is the largest of the process
        and its workers (Linux: KiB in ru_maxrss)."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps([list(map(str, command)), environment(), str(ROOT)]) + "\n")
        self.process.stdin.flush()
        elapsed, lines, peak, code, errors = json.loads(self.process.stdout.readline())
        if code != 0:
            raise SystemExit(f"{' '.join(map(str, command[:6]))} … failed ({code}):\n{errors}")
        return elapsed, lines, peak / 1024

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


def docxtpl_documents() -> Callable[[], float] | None:
    """Returns the work of docxtpl making the sample's documents (the plan, each unit's task
    sheet and letter), each once from a template made for it beforehand, which gives its
    milliseconds per document; None without docxtpl."""
    if not has_docxtpl():
        return None
    import docxtpl_template

    made = [(docxtpl_template.template(docxtpl_template.columns_of(document)), document)
            for documents in sample_models().values() for document in documents]

    def per_document_ms() -> float:
        start = time.perf_counter()
        for template_bytes, document in made:
            docxtpl_template.render(template_bytes, document)
        return (time.perf_counter() - start) * 1000 / len(made)
    return per_document_ms


def batch(launcher: Launcher, count: int, repeat: int, work: Path,
          docxtpl_ms: Callable[[], float] | None) -> dict[str, float]:
    """Builds the province with --jobs 1 and --jobs 2 in rounds, docxtpl making the sample's
    documents in each round too: a ratio is taken within a round, so that the machine's pace,
    which drifts over a run, cancels out; the medians of the rounds are reported."""
    plans = province.province(count, work / "plans")

    def build(jobs: int) -> tuple[float, int, float]:
        return launcher.run(kehoach_command("build", *plans, "-o", work / f"out-{jobs}", "--jobs", jobs))

    for jobs in (1, 2):
        build(jobs)  # the first runs write the bytecode caches
    rounds = [(build(1), build(2), docxtpl_ms() if docxtpl_ms else None) for _ in range(repeat)]
    documents = rounds[0][0][1]
    results: dict[str, float] = {}
    rows = []
    for index, jobs in enumerate((1, 2)):
        seconds = statistics.median(round_[index][0] for round_ in rounds)
        results[f"jobs {jobs}"] = seconds
        results[f"memory {jobs}"] = max(round_[index][2] for round_ in rounds)
        rows.append((f"--jobs {jobs}", count, documents, seconds, documents / seconds,
                     results[f"memory {jobs}"]))
    quarter = plans[:max(1, count // 4)]
    _, _, results["memory quarter"] = launcher.run(kehoach_command("build", *quarter, "-o", work / "out-q"))
    rows.append(("--jobs 1, a quarter of the plans", len(quarter), len(quarter) * 17, "", "",
                 results["memory quarter"]))
    table(f"2. Batch: a province of {count} plans, fresh processes (medians of {repeat} "
          f"round{'s' if repeat > 1 else ''})",
          ("build", "plans", "documents", "seconds", "documents/s", "peak memory (MiB)"), rows)
    summary = [("two cores / one core", f"{statistics.median(one[0] / two[0] for one, two, _ in rounds):.2f}"),
               ("memory, all plans / a quarter (--jobs 1)",
                ratio(results["memory 1"], results["memory quarter"]))]
    if docxtpl_ms:
        theirs = statistics.median(ms for _, _, ms in rounds)
        results["docxtpl ms"] = theirs
        summary.insert(0, ("docxtpl, ms per document of the sample", f"{theirs:.1f}"))
        summary.insert(0, ("one core / docxtpl (documents per second)",
                           f"{statistics.median(ms * documents / one[0] / 1000 for one, _, ms in rounds):.1f}"))
    table("Batch ratios (each the median of the rounds' own)", ("ratio", "value"), summary)
    return results


# --- 3. cold start -------------------------------------------------------------------------------

def cold(launcher: Launcher, repeat: int, work: Path) -> dict[str, float]:
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        f"python -c '{DEPENDENCIES}'": [sys.executable, "-c", DEPENDENCIES],
        "kehoach --help": kehoach_command("--help"),
        "kehoach validate SAMPLE": kehoach_command("validate", SAMPLE),
        "kehoach build SAMPLE": kehoach_command("build", SAMPLE, "-o", work / "cold"),
    }
    results = {}
    for label, command in commands.items():
        launcher.run(command)  # bytecode caches, disk caches
        results[label] = statistics.median(launcher.run(command)[0] * 1000 for _ in range(repeat))
    imports = results[f"python -c '{DEPENDENCIES}'"]
    table("3. Cold start, a fresh process each (ms, medians; `kehoach` is `python -m generator`)",
          ("command", "ms", "/ importing the five dependencies"),
          [(label, ms, ratio(ms, imports)) for label, ms in results.items()])
    return results


# --- 4. PDF ----------------------------------------------------------------------------------------

def pdf(launcher: Launcher, repeat: int, work: Path) -> dict[str, float]:
    from generator.writers.pdf import find_soffice

    if find_soffice() is None:
        print("\n(LibreOffice is not installed, so no PDF figures)")
        return {}
    plain = [launcher.run(kehoach_command("build", SAMPLE, "-o", work / "plain"))[0] for _ in range(repeat)]
    with_pdf = [launcher.run(kehoach_command("build", SAMPLE, "-o", work / "pdf", "--pdf")) for _ in range(repeat)]
    documents = with_pdf[0][1] // 2  # a .docx and a .pdf line each
    seconds = statistics.median(run[0] for run in with_pdf) - statistics.median(plain)
    table("4. PDF: the sample's documents, one LibreOffice run (s, medians)",
          ("documents", "build", "build --pdf", "conversion per document"),
          [(documents, statistics.median(plain), statistics.median(run[0] for run in with_pdf),
            seconds / documents)])
    return {"pdf per document": seconds / documents}


# --- 5. growth -----------------------------------------------------------------------------------

def growth(repeat: int, work: Path, factor: int = 10) -> dict[str, float]:
    from generator.build import build_plan

    big = province.grown(factor, work / "grown")
    rows, results = [], {}
    for label, work_of in (("all documents (build_plan)", lambda path: lambda: build_plan(path)),
                           ("the plan document alone", plan_docx)):
        small_ms = median_ms(work_of(SAMPLE), repeat)
        big_ms = median_ms(work_of(big), max(3, repeat // 3), warmup=1)
        results[label] = big_ms / small_ms
        rows.append((label, small_ms, big_ms, f"{big_ms / small_ms:.1f}"))
    table(f"5. Growth: a plan with {factor}× the units and body sections (ms, medians)",
          ("work", "sample", f"{factor}× plan", f"ratio (linear: ≈ {factor})"), rows)
    return results


# --- 6. diff at scale ---------------------------------------------------------------------------

def diff_at_scale(repeat: int, work: Path, factors: tuple[int, ...]) -> dict[str, float]:
    from generator.year.plan_diff import comparable_plan, plan_changes

    rows, results = [], {}
    for factor in factors:
        for every, which in ((3, "every third duty"), (1, "every duty")):
            old, new = province.more_duties(factor, work / "duties", every)

            def diff(old: Path = old, new: Path = new) -> int:
                before, after = (comparable_plan(path.read_bytes(), path.name) for path in (old, new))
                return len(plan_changes(before[0], after[0], before[1], after[1]))

            label = f"{factor}× the sample's duties, {which} reworded"
            results[label] = median_ms(diff, repeat, warmup=1)
            rows.append((label, 17 * factor, diff(), results[label]))
    table("6. Diff at scale: two plans read and compared in one process (ms, medians)",
          ("plans", "duties", "changes", "diff"), rows)
    return results


# --- 7. serve ------------------------------------------------------------------------------------

def serve(repeat: int, work: Path, with_office: bool) -> dict[str, float]:
    """Times `kehoach serve` answering edits of the sample (each a different text: the day of
    issue changes) with its problems and the plan's preview, over HTTP on 127.0.0.1."""
    import threading

    sys.path.insert(0, str(ROOT / "tests"))
    from serving import request

    from generator.cli.serve import Server, Workspace

    (work / "serve" / "plans").mkdir(parents=True)
    shutil.copyfile(SAMPLE, work / "serve" / "plans" / SAMPLE.name)
    text = SAMPLE.read_text(encoding="utf-8")
    assert "day: null}" in text
    server = Server(Workspace(work / "serve", Path("output")), "vi")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    edits = iter(range(10**6))

    def edit(path: str = "/api/check") -> Any:
        day = next(edits) % 28 + 1
        answer = request(server, "POST", path, {"plan": SAMPLE.name, "text": text.replace("day: null}", f"day: {day}}}")})
        assert answer.status == 200, answer
        return answer

    results = {"edit → preview HTML (HTTP)": median_ms(edit, repeat, warmup=3)}
    rows = [("an edit of the sample → problems and the plan's preview HTML", results["edit → preview HTML (HTTP)"])]
    from generator.writers.pdf import find_soffice

    if with_office and find_soffice() is not None:
        results["first page, LibreOffice started"] = median_ms(lambda: edit("/api/page"), 1, warmup=0)
        warm = []
        for _ in range(2 if repeat < 10 else 5):
            time.sleep(OFFICE_PAUSE)
            warm.append(median_ms(lambda: edit("/api/page"), 1, warmup=0))
        results["first page, LibreOffice warm"] = statistics.median(warm)
        rows += [("the plan's first page through LibreOffice (PNG): the first request",
                  results["first page, LibreOffice started"]),
                 ("the same, LibreOffice kept warm (target: 1 s)", results["first page, LibreOffice warm"])]
    server.shutdown()
    server.server_close()
    table("7. serve: answers to the page (ms, medians; target for an edit: 50 ms)", ("request", "ms"), rows)
    return results


# The pause between two "Exact page" requests in the benchmark: time for the next LibreOffice
# that `kehoach serve` keeps warm to start (a clerk reads the page in between).
OFFICE_PAUSE = 6.0


# --- 8. import and check ----------------------------------------------------------------------

def import_and_check(repeat: int, work: Path) -> dict[str, float]:
    """Times `kehoach import` (read, take apart, write the YAML text) and `kehoach check` of a
    plan document, warm, without LibreOffice: the sample's (8 pages as LibreOffice lays it out)
    and the sample grown twice (14 pages), which bracket the issue's 10-page plan."""
    from generator.build import build_plan
    from generator.readers.docx_check import check
    from generator.readers.import_plan import import_plan
    from generator.writers.plan_file import plan_text

    def imported(document: Path) -> Callable[[], str]:
        def run() -> str:
            plan = import_plan(document)
            return plan_text(plan.data, plan.notes, "# yaml-language-server: $schema=plan.schema.json")
        return run

    rows, results = [], {}
    for label, plan in (("sample (8 pages)", SAMPLE), ("sample ×2 (14 pages)", province.grown(2, work / "grown"))):
        document = work / f"{plan.stem}.docx"
        document.write_bytes(build_plan(plan).files[PurePosixPath("ke-hoach.docx")])
        import_ms = median_ms(imported(document), repeat)
        check_ms = median_ms(lambda: check(document), repeat)
        results[label] = max(import_ms, check_ms)
        rows.append((label, import_ms, check_ms))
    table("8. Import and check of a plan document, warm, without LibreOffice (ms, medians; target < 500)",
          ("plan document", "kehoach import", "kehoach check"), rows)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="few repetitions, 6 plans (CI)")
    parser.add_argument("--plans", type=int, default=None, help="plans in the province (default 100)")
    options = parser.parse_args()
    quick = options.quick
    count = options.plans or (6 if quick else 100)
    print(f"kehoach benchmark: python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"{'quick' if quick else 'full'} run (`python benchmarks/run.py{' --quick' if quick else ''}`)")
    started = time.perf_counter()
    launcher = Launcher()  # first, while this process is small
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as folder:
        work = Path(folder)
        warm(3 if quick else 50)
        batch(launcher, count, 1 if quick else 5, work, docxtpl_documents())
        cold(launcher, 3 if quick else 15, work)
        pdf(launcher, 1 if quick else 3, work)
        growth(3 if quick else 15, work)
        diff_at_scale(1 if quick else 5, work, (10,) if quick else (10, 100))
        serve(5 if quick else 50, work, with_office=True)
        import_and_check(3 if quick else 15, work)
        shutil.rmtree(work, ignore_errors=True)
    launcher.close()
    print(f"\n({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
