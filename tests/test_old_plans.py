"""Plans written today keep working (issue 14, item 8): the plan format only grows by optional
keys whose defaults print what was printed before, so a plan written in an earlier format stays
valid and builds the same bytes. (The one exception, ids longer than 64 characters, is what
`kehoach upgrade` rewrites: tests/test_upgrade.py.)

tests/fixtures/format-1/ holds the two samples as they were written before issue 14 (commit
71b54c0), and the SHA-256 of every document they built then. A change that alters what an old
plan prints must be intended: then say why in the commit and record the new digests
(tests/fixtures/README.md says how); if an old plan stops being valid, the change needs an
upgrade command instead.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from conftest import ROOT, run_cli

FORMAT_1 = ROOT / "tests" / "fixtures" / "format-1"


def test_plans_of_the_first_format_validate_as_before():
    for plan in sorted(FORMAT_1.glob("*.yaml")):
        result = run_cli("validate", plan)
        assert result.exit_code == 0, result.output


def test_plans_of_the_first_format_build_the_same_bytes(tmp_path: Path):
    plans = sorted(FORMAT_1.glob("*.yaml"))
    result = run_cli("build", *plans, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    built = {str(path.relative_to(tmp_path)): hashlib.sha256(path.read_bytes()).hexdigest()
             for path in sorted(tmp_path.rglob("*.docx"))}
    recorded = json.loads((FORMAT_1 / "digests.json").read_text(encoding="utf-8"))
    changed = sorted(name for name in recorded.keys() | built.keys() if recorded.get(name) != built.get(name))
    assert changed == [], f"an old plan now prints differently: {changed}"
