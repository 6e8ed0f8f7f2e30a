"""The modules of generator/ depend on each other in one direction: no module imports, even
lazily inside a function, a module that imports it back (as `cli` and `cli_year` once did); and
the packages are layered by pipeline stage (issue 19, part 4): a package imports only the
packages below it, as pandoc's readers and writers meet at its AST and never import each other."""

from __future__ import annotations

import ast
from collections.abc import Mapping, Set
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

# The stages, from the commands down to what every stage shares: a module may import modules of
# its own stage and of the stages after it, never of one before it. A top-level module is a
# stage of its own; `__init__` (the version) is shared.
STAGES = (
    ("__main__",),
    ("cli",),                # the commands, the only modules that print or set the exit code
    ("readers", "year"),     # Word documents in; one year's plan to the next
    ("batch",),              # many plans, in worker processes
    ("build",),              # one plan through the pipeline
    ("render",),             # typed plan → document model, through the templates
    ("plan",),               # plan file → typed plan, its problems
    ("writers",),            # document model → .docx, HTML, PDF; plan data → plan file
    ("document",),           # the document model, the decree's rules as data
    ("errors", "vn", "messages", "resources", "stopping", "save", "crash", "__init__"),
)
# Third-party packages only one stage may import: the commands' click, the templates' Jinja2.
CONFINED = {"click": "cli", "jinja2": "render"}


def modules() -> dict[str, Path]:
    """Returns the modules of generator/ by dotted name below it ("plan.model", "errors";
    a package's `__init__` by the package's name)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)] = path
    return found


def import_graph() -> dict[str, set[str]]:
    """Returns, for each module of generator/, the modules of generator/ it imports anywhere
    in its source: at the top, inside functions, under `if TYPE_CHECKING`."""
    known = modules()
    return {name: {module for module in _imported(ast.parse(path.read_text(encoding="utf-8")),
                                                   _package_of(name, path)) if module in known}
            for name, path in known.items()}  # `in known`: not `__version__` of `from .. import`


def _package_of(name: str, path: Path) -> str:
    """Returns the package a module's relative imports start from ("" for generator/ itself)."""
    return name if path.name == "__init__.py" and "." not in name and name != "__init__" \
        else name.rpartition(".")[0]


def _imported(tree: ast.Module, package: str = "") -> set[str]:
    """Returns the modules of generator/ (by dotted name below it) that `tree`, a module of
    `package`, imports; a name imported from a package may be a module of it."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):  # import generator.x.y
            names.update(_in_package(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # from .x import y, from .. import x
                base = package.split(".") if package else []
                base = base[:len(base) - (node.level - 1)]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:  # from generator.x import y
                source = _in_package(node.module or "")
                if not source and node.module != "generator":
                    continue
            names.add(source)
            names.update(f"{source}.{alias.name}" if source else alias.name for alias in node.names)
    names.discard("")  # another package's, or generator/ itself
    return names


def _in_package(dotted: str) -> str:
    """Returns the module of generator/ that `dotted` names, "" for another package's."""
    head, _, rest = dotted.partition(".")
    return rest if head == "generator" else ""


def stage(module: str) -> int:
    """Returns the index in `STAGES` of the stage `module` belongs to."""
    top = module.partition(".")[0]
    return next(index for index, names in enumerate(STAGES) if top in names)


def upward_imports(graph: Mapping[str, Set[str]]) -> list[str]:
    """Returns the imports of `graph` that run from a stage to one before it ("a → b")."""
    return sorted(f"{module} → {imported}" for module, imports in graph.items()
                  for imported in imports if stage(imported) < stage(module))


def find_cycle(graph: Mapping[str, Set[str]]) -> list[str] | None:
    """Returns a cycle of `graph` as the path that closes it (["a", "b", "a"]), or None."""
    done: set[str] = set()
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        if node in path:
            return [*path[path.index(node):], node]
        if node in done:
            return None
        path.append(node)
        for child in sorted(graph.get(node, ())):
            found = visit(child)
            if found:
                return found
        path.pop()
        done.add(node)
        return None

    for start in sorted(graph):
        found = visit(start)
        if found:
            return found
    return None


def test_the_modules_of_generator_import_each_other_without_a_cycle():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle or ())


def test_every_module_imports_only_its_own_stage_and_the_stages_below():
    upward = upward_imports(import_graph())
    assert upward == [], "imports that run back up the pipeline: " + ", ".join(upward)


def test_every_module_and_package_has_its_stage():
    assert sorted(name for name in modules() if "." not in name) == sorted(
        name for names in STAGES for name in names)


def test_click_and_jinja2_are_imported_by_one_stage_each():
    for module, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.name.partition(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names}
        imported |= {(node.module or "").partition(".")[0] for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom) and not node.level}
        for library, owner in CONFINED.items():
            assert library not in imported or module.partition(".")[0] == owner, (module, library)


def test_the_graph_holds_the_imports_made_inside_functions():
    graph = import_graph()
    assert "cli.year" in graph["cli.main"]  # when one of its commands is asked for
    assert {"render.templates", "writers.docx", "writers.layout", "writers.pages"} <= graph["build"]
    assert "cli.main" in graph["__main__"] and "cli.console" in graph["cli.year"]


def test_every_kind_of_import_of_the_package_is_an_edge():
    tree = ast.parse("import generator.vn\nimport json\nfrom . import style\nfrom .model import Plan\n"
                     "from .. import save\nfrom ..writers import layout\nfrom generator import errors\n"
                     "from generator.plan.load import load_plan\nfrom yaml import safe_load\n")
    assert _imported(tree, "document") >= {"vn", "document.style", "document.model", "save",
                                            "writers.layout", "errors", "plan.load"}
    assert not {"json", "yaml", "safe_load"} & _imported(tree, "document")
    assert _imported(ast.parse("from .plan.model import Plan\nfrom . import vn\n")) >= {"plan.model", "vn"}


def test_an_import_up_the_pipeline_is_found():
    graph = {"writers.docx": {"document.style", "writers.ooxml"}, "document.style": {"writers.layout"},
             "plan.checks": {"writers.layout", "render.templates"}, "build": {"plan.model", "errors"}}
    assert upward_imports(graph) == ["document.style → writers.layout", "plan.checks → render.templates"]


def test_a_cycle_is_found_wherever_it_starts():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"d"}, "d": {"b"}, "e": set()}
    assert find_cycle(graph) == ["b", "c", "d", "b"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
    assert find_cycle({"a": {"a"}}) == ["a", "a"]


# What `kehoach serve` alone needs (issue 20, part 5): validate and build start as fast as before.
SERVER_MODULES = ("generator.cli.serve", "generator.writers.html", "http.server", "socketserver", "webbrowser",
                  "hmac", "secrets")


def test_validate_and_build_do_not_import_the_server(tmp_path):
    import subprocess
    import sys

    root = PACKAGE.parent
    for command in (["validate", "plans/xuan-phuc-2023.yaml"],
                    ["build", "plans/xuan-phuc-2023.yaml", "-o", str(tmp_path)]):
        code = (f"import runpy, sys; sys.argv = ['kehoach', *{command!r}]\n"
                "try: runpy.run_module('generator', run_name='__main__')\n"
                "except SystemExit as done: print(done.code, file=sys.stderr)\n"
                f"print(sorted(m for m in sys.modules if m in {SERVER_MODULES!r}))")
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root)
        assert result.stderr.splitlines()[-1] == "0", result.stderr
        assert result.stdout.strip().splitlines()[-1] == "[]", (command, result.stdout)
    assert (tmp_path / "xuan-phuc-2023" / "ke-hoach.docx").is_file()


def test_the_graph_holds_the_server_apart():
    graph = import_graph()
    assert "cli.serve" in graph["cli.main"]  # inside the command, when `kehoach serve` runs
    assert not {"cli.serve", "writers.html"} & (graph["build"] | graph["batch"] | graph["plan.validate"])
