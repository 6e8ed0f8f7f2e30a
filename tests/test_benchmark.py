"""The benchmark (`benchmarks/run.py`) still runs: its quick mode, every section, so that the
command the README quotes cannot rot. Its figures are not checked here: timings are for the
README, not for tests on a noisy machine."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT


def test_the_quick_benchmark_prints_every_section():
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    for section in ("1. Warm, in one process", "2. Batch: a province of 6 plans", "Batch ratios",
                    "3. Cold start", "5. Growth", "6. Diff at scale", "7. serve", "8. Import and check"):
        assert f"### {section}" in result.stdout, result.stdout
    assert "### 4. PDF" in result.stdout or "LibreOffice is not installed" in result.stdout
    assert "kehoach / docxtpl" in result.stdout or "docxtpl is not installed" in result.stdout
    assert "Traceback" not in result.stderr
