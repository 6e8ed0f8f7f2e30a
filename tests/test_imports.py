"""The modules of generator/ depend on each other in one direction: no module imports, even
lazily inside a function, a module that imports it back (as `cli` and `cli_year` once did)."""

from __future__ import annotations

import ast
from collections.abc import Mapping, Set
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"


def import_graph() -> dict[str, set[str]]:
    """Returns, for each module of generator/, the modules of generator/ it imports anywhere
    in its source: at the top, inside functions, under `if TYPE_CHECKING`."""
    modules = {path.stem for path in PACKAGE.glob("*.py")}
    return {path.stem: _imported(ast.parse(path.read_text(encoding="utf-8"))) & modules
            for path in PACKAGE.glob("*.py")}  # `& modules`: not `__version__` of `from . import`


def _imported(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):  # import generator.x
            names.update(_in_package(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            package = "generator" if node.level == 1 else node.module or ""
            if node.level == 1 and node.module:  # from .x import y
                names.add(node.module.split(".")[0])
            elif package == "generator":  # from . import x, from generator import x
                names.update(alias.name for alias in node.names)
            else:  # from generator.x import y
                names.add(_in_package(package))
    names.discard("")  # another package's
    return names


def _in_package(dotted: str) -> str:
    """Returns the module of generator/ that `dotted` names, "" for another package's."""
    head, _, rest = dotted.partition(".")
    return rest.split(".")[0] if head == "generator" else ""


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


def test_the_graph_holds_the_imports_made_inside_functions():
    graph = import_graph()
    assert "cli_year" in graph["cli"]  # when one of its commands is asked for
    assert {"render", "docx_writer", "layout", "pages"} <= graph["build"]  # once a build is asked for
    assert "cli" in graph["__main__"] and "console" in graph["cli_year"]


def test_every_kind_of_import_of_the_package_is_an_edge():
    tree = ast.parse("import generator.vn\nimport json\nfrom . import style\nfrom .model import Plan\n"
                     "from generator import save\nfrom generator.load import load_plan\nfrom yaml import safe_load\n")
    assert _imported(tree) == {"vn", "style", "model", "save", "load"}


def test_a_cycle_is_found_wherever_it_starts():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"d"}, "d": {"b"}, "e": set()}
    assert find_cycle(graph) == ["b", "c", "d", "b"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
    assert find_cycle({"a": {"a"}}) == ["a", "a"]


# What `kehoach serve` alone needs (issue 20, part 5): validate and build start as fast as before.
SERVER_MODULES = ("generator.serve", "generator.html_writer", "http.server", "socketserver", "webbrowser",
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
    assert "serve" in graph["cli"]  # inside the command, when `kehoach serve` runs
    assert not {"serve", "html_writer"} & (graph["build"] | graph["batch"] | graph["validate"])
