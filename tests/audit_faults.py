"""Plants, one at a time, each fault of the audit that issue 13 reports (a fault a clerk would
see on paper) and runs the test suite: every fault must make a test fail. Not a test itself
(slow: the suite runs once per fault); run it before a release, as mutation testing:

    python tests/audit_faults.py            # every fault
    python tests/audit_faults.py 3 7        # faults 3 and 7 only

Each fault is an exact text replacement in one file, checked to apply once; the file is always
restored. Prints one line per fault, caught or not, and exits 1 if any fault was not caught.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
# The LibreOffice tests and the benchmark are left out: the faults show without them.
PYTEST = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "--ignore=tests/test_office.py",
          "--ignore=tests/test_benchmark.py", "--ignore=tests/test_contract.py"]


class Fault(NamedTuple):
    what: str
    file: str
    old: str
    new: str


FAULTS = [
    Fault("an indicator that increases printed as «giảm»", "templates/_figures.xml.j2",
          '{{ "giảm" if ind.direction == "decrease" else "tăng" }}', "giảm"),
    Fault("a reduction that ignores the direction", "generator/plan/model.py",
          'return before - after if direction == "decrease" else after - before', "return before - after"),
    Fault("the check that a poverty target goes down removed", "generator/plan/checks.py",
          "        if wrong_way:\n", "        if False:\n"),
    Fault("lettering past «y» no longer doubling (aa, bb …)", "generator/vn.py",
          "return LETTERS[(value - 1) % count] * ((value - 1) // count + 1)",
          "return LETTERS[(value - 1) % count]"),
    Fault("margins rotated on landscape appendix pages", "generator/document/style.py",
          "LANDSCAPE = PORTRAIT._replace(width=PORTRAIT.height, height=PORTRAIT.width, landscape=True)",
          "LANDSCAPE = PORTRAIT._replace(width=PORTRAIT.height, height=PORTRAIT.width, landscape=True, "
          "top=PORTRAIT.left, left=PORTRAIT.bottom, bottom=PORTRAIT.right, right=PORTRAIT.top)"),
    Fault("saving renames each file as soon as it is written, not all at once", "generator/save.py",
          "            temporaries.append(_temporary_beside(target, content, mode))\n"
          "        for temporary, target in zip(temporaries, targets):\n"
          "            os.replace(temporary, target)\n"
          "            placed += 1\n",
          "            temporaries.append(_temporary_beside(target, content, mode))\n"
          "            os.replace(temporaries[-1], target)\n"
          "            placed += 1\n"),
    Fault("percentages no longer rounded to the printed precision", "generator/vn.py",
          "    return percent(value, RATE_DECIMALS)", "    return percent(value)"),
    Fault("table numbers printed with Python's str() («5.0», not «5,0»)", "generator/vn.py",
          "def cell(value: object) -> str:\n", "def cell(value: object) -> str:\n    return str(value)\n"),
    Fault("the village table's baseline and target columns swapped", "templates/_blocks.xml.j2",
          "<cell>{{ v.baseline.rate|percent }}</cell><cell>{{ v.baseline.count|number }}</cell>"
          "<cell>{{ v.target.rate|percent }}</cell><cell>{{ v.target.count|number }}</cell>",
          "<cell>{{ v.target.rate|percent }}</cell><cell>{{ v.target.count|number }}</cell>"
          "<cell>{{ v.baseline.rate|percent }}</cell><cell>{{ v.baseline.count|number }}</cell>"),
    Fault("the milestone sentence dropped", "templates/_blocks.xml.j2",
          "{% for ind in indicators if ind.milestones %}", "{% for ind in indicators if false %}"),
    Fault("the units block's numbering ignoring `start`", "templates/_blocks.xml.j2",
          "block.style|marker_of(block.start + loop.index)", "block.style|marker_of(loop.index)"),
    Fault("a lone appendix labelled «Phụ lục I»", "templates/ke-hoach.xml.j2",
          "' ' ~ loop.index|roman if appendix_count > 1 else ''", "' ' ~ loop.index|roman"),
    Fault("a letter's targets taken from supported duties too", "generator/plan/model.py",
          "served = dict.fromkeys(ind for duty in led[unit.id] for ind in duty.indicators)",
          "served = dict.fromkeys(ind for duty in (*led[unit.id], *supported[unit.id]) for ind in duty.indicators)"),
    Fault("a `default_deadline` ignored", "generator/plan/model.py",
          'default_deadline=entry.get("default_deadline")', "default_deadline=None"),
    Fault("the default report date changed", "generator/plan/model.py",
          'f"{term.first}-12-15"', 'f"{term.first}-12-31"'),
    Fault("the default letter symbol changed", "generator/plan/model.py",
          'drafting = archive[1] if len(archive) > 1 else "VP"', 'drafting = "VP"'),
    Fault("a configured letter symbol ignored", "generator/plan/model.py",
          'symbol=letter.get("symbol") or letter_symbol(document_symbol, archive)',
          "symbol=letter_symbol(document_symbol, archive)"),
    Fault("the default report recipient changed", "generator/plan/model.py",
          'to=reporting.get("to") or issuer_name', 'to=reporting.get("to") or "UBND xã"'),
]


def plant(fault: Fault) -> bool:
    """Returns whether the suite fails with `fault` planted."""
    path = ROOT / fault.file
    original = path.read_text(encoding="utf-8")
    if original.count(fault.old) != 1:
        raise SystemExit(f"fault «{fault.what}»: its text is found {original.count(fault.old)} times in "
                         f"{fault.file}; update this script")
    try:
        path.write_text(original.replace(fault.old, fault.new), encoding="utf-8")
        return subprocess.run(PYTEST, cwd=ROOT, capture_output=True).returncode != 0
    finally:
        path.write_text(original, encoding="utf-8")


def main(chosen: list[str]) -> int:
    missed = 0
    for number, fault in enumerate(FAULTS, 1):
        if chosen and str(number) not in chosen:
            continue
        caught = plant(fault)
        missed += not caught
        print(f"{number:2}. {'caught' if caught else 'MISSED'}: {fault.what}", flush=True)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
