"""`resources`: the templates, the schema and the catalogues are found from a checkout (or an
editable install, which is the same folders) and from a built wheel, run from another folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from generator import resources

ROOT = Path(__file__).resolve().parent.parent

# Run in a fresh interpreter: prints where each resource was found.
PROBE = """
import json, generator, generator.resources as r
print(json.dumps({"package": generator.__file__, "templates": str(r.templates_dir()),
                  "schemas": str(r.schemas_dir()), "schema_id": json.loads(r.schema_text())["$id"],
                  "vi": len(r.catalogue("vi") or b""), "en": len(r.catalogue("en") or b""),
                  "template_names": sorted(p.name for p in r.templates_dir().glob("*.j2"))}))
"""


def probe(cwd: Path, pythonpath: Path | None) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_from_the_checkout():
    assert resources.templates_dir() == ROOT / "templates"
    assert resources.schemas_dir() == ROOT / "schemas"
    assert resources.schema_text() == (ROOT / "schemas" / "plan.schema.json").read_text(encoding="utf-8")
    assert (resources.templates_dir() / "ke-hoach.xml.j2").is_file()


def test_from_another_folder_with_the_checkout_on_the_path(tmp_path):
    """A plain checkout (PYTHONPATH) or an editable install: the repository's own folders."""
    found = probe(tmp_path, ROOT)
    assert found["package"] == str(ROOT / "generator" / "__init__.py")
    assert (found["templates"], found["schemas"]) == (str(ROOT / "templates"), str(ROOT / "schemas"))
    assert found["vi"] > 1000 and found["en"] > 0 and "ke-hoach.xml.j2" in found["template_names"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Returns a wheel built from a copy of the sources (the checkout gets no build/ folder)."""
    source = tmp_path_factory.mktemp("source")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".*")
    for name in ("generator", "templates", "schemas"):
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    (built,) = out.glob("kehoach-*.whl")
    return built


def test_the_wheel_holds_the_resources(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {"generator/schemas/plan.schema.json", "generator/locale/vi/LC_MESSAGES/kehoach.mo",
                "generator/locale/en/LC_MESSAGES/kehoach.mo"}
    expected |= {f"generator/templates/{path.name}" for path in (ROOT / "templates").glob("*.j2")}
    expected |= {f"generator/schemas/{path.name}" for path in (ROOT / "schemas").glob("*.json")}
    # Every module of every stage's package (pyproject lists the packages one by one), and the
    # page `kehoach serve` serves.
    package = ROOT / "generator"
    expected |= {path.relative_to(ROOT).as_posix() for path in package.rglob("*")
                 if path.suffix == ".py" or path.parent.name == "web"}
    assert sorted(expected - names) == []
    assert not any(name.endswith((".po", ".pot")) for name in names)


def test_an_installed_wheel_finds_them_from_another_folder(wheel, tmp_path):
    """A wheel installs by unpacking into site-packages: do that, then run from elsewhere."""
    site = tmp_path / "site-packages"
    zipfile.ZipFile(wheel).extractall(site)
    found = probe(tmp_path, site)
    assert found["package"] == str(site / "generator" / "__init__.py")
    assert found["templates"] == str(site / "generator" / "templates")
    assert found["schemas"] == str(site / "generator" / "schemas")
    assert found["schema_id"] == json.loads(resources.schema_text())["$id"]
    assert found["vi"] == len(resources.catalogue("vi") or b"")
    assert "ke-hoach.xml.j2" in found["template_names"]
