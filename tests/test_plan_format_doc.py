"""docs/plan-format.md describes every key of the plan schema, and its YAML examples hold.

Reads the schema JSON and the Markdown directly (nothing from `generator`), so the document is
checked against the schema itself, whatever the code does with it.
"""

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
DOC_PATH = ROOT / "docs" / "plan-format.md"
DOC = DOC_PATH.read_text(encoding="utf-8")

# Keywords whose subschemas describe the same value (or its items): the walk follows them all,
# conditions included, as a key named in an `if` or a `then` is still a key a plan may hold.
SAME_VALUE = ("allOf", "anyOf", "oneOf", "if", "then", "else", "not")
ITEMS = ("items", "prefixItems")
TOP_LEVEL = "Top level"  # the heading of the section on the plan's own keys


class Key(NamedTuple):
    """A property of the schema: where it is declared and the keys that lead to it."""

    owner: str  # JSON pointer of the object schema that declares it
    path: tuple[str, ...]  # the keys above it, from the top level
    name: str


def schema_keys(schema: dict[str, Any]) -> list[Key]:
    """Returns every property of `schema` by every path that reaches it; a `$ref` already on
    the path is not followed again (an item's `content` holds items)."""
    found: list[Key] = []

    def walk(node: Any, pointer: str, path: tuple[str, ...], refs: frozenset[str]) -> None:
        if isinstance(node, list):
            for i, sub in enumerate(node):
                walk(sub, f"{pointer}/{i}", path, refs)
            return
        if not isinstance(node, dict):
            return
        ref = node.get("$ref")
        if ref is not None and ref not in refs:
            target = schema
            for part in ref.removeprefix("#/").split("/"):
                target = target[part]
            walk(target, ref.removeprefix("#"), path, refs | {ref})
        for name, sub in node.get("properties", {}).items():
            found.append(Key(pointer, path, name))
            walk(sub, f"{pointer}/properties/{name}", (*path, name), refs)
        for keyword in (*ITEMS, *SAME_VALUE):
            if keyword in node:
                walk(node[keyword], f"{pointer}/{keyword}", path, refs)

    walk(schema, "", (), frozenset())
    return found


class Section(NamedTuple):
    level: int
    names: frozenset[str]  # the keys the heading names in backticks, or TOP_LEVEL
    text: str  # the prose and tables to the next heading of the same or a higher level


FENCE = re.compile(r"^```.*?^```[ \t]*$", re.M | re.S)
HEADING = re.compile(r"^(#{1,6}) (.*)$", re.M)
TICKED = re.compile(r"`([^`]+)`")


def sections(doc: str) -> list[Section]:
    """Returns the sections of `doc`, code blocks left out (a key shown only in an example is
    not described)."""
    prose = FENCE.sub("", doc)
    headings = list(HEADING.finditer(prose))
    found = []
    for i, heading in enumerate(headings):
        level = len(heading.group(1))
        end = next((h.start() for h in headings[i + 1:] if len(h.group(1)) <= level), len(prose))
        title = heading.group(2)
        names = set(TICKED.findall(title)) | ({TOP_LEVEL} if title.strip() == TOP_LEVEL else set())
        found.append(Section(level, frozenset(names), prose[heading.end():end]))
    return found


def where_described(key: Key, parts: list[Section]) -> list[Section]:
    """Returns the sections that must describe `key`: those of its nearest parent that has a
    section of its own (`assignments › letter › reporting › to` in the section on `reporting`,
    else on `letter`, …), or the top-level section for a top-level key."""
    for parent in (*reversed(key.path), TOP_LEVEL):
        chosen = [part for part in parts if parent in part.names]
        if chosen or parent == TOP_LEVEL:
            return chosen
    return []


def undescribed(doc: str) -> list[str]:
    """Returns each schema key that no section of `doc` describes where it should, as
    "`name` (under a › b)": one line per declaration, described once by any of its paths."""
    parts = sections(doc)
    paths: dict[tuple[str, str], list[Key]] = {}
    for key in schema_keys(SCHEMA):
        paths.setdefault((key.owner, key.name), []).append(key)
    missing = set()
    for keys in paths.values():
        if not any(f"`{key.name}`" in part.text for key in keys for part in where_described(key, parts)):
            first = min(keys, key=lambda k: len(k.path))
            missing.add(f"`{first.name}` (under {' › '.join(first.path) or 'the top level'})")
    return sorted(missing)


def yaml_blocks(doc: str) -> Iterator[tuple[int, str]]:
    """Yields the line and text of each ```yaml block of `doc`."""
    for block in re.finditer(r"^```yaml[ \t]*\n(.*?)^```[ \t]*$", doc, re.M | re.S):
        yield doc.count("\n", 0, block.start()) + 2, block.group(1)


def yaml_problems(doc: str) -> list[str]:
    """Returns "line N: why" for each ```yaml block of `doc` that does not parse, or that breaks
    the schema: a whole plan (every required top-level key) against the schema, a fragment made
    of top-level keys each against its key's schema; other fragments need only parse."""
    validator = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
    problems = []
    for line, text in yaml_blocks(doc):
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            problems.append(f"line {line}: not YAML: {error}")
            continue
        if not isinstance(data, dict) or not set(data) <= set(SCHEMA["properties"]):
            continue
        whole = set(SCHEMA["required"]) <= set(data)
        checks = [((), SCHEMA, data)] if whole else [
            ((name,), SCHEMA["properties"][name], value) for name, value in data.items()]
        for above, schema, value in checks:
            for error in validator.evolve(schema=schema).iter_errors(value):
                where = "/".join(map(str, (*above, *error.absolute_path)))
                problems.append(f"line {line}: {where}: {error.message}")
    return problems


def test_every_schema_key_is_described_in_its_section():
    missing = undescribed(DOC)
    assert not missing, f"{DOC_PATH.name} does not describe: " + ", ".join(missing)


def test_every_yaml_example_parses_and_fits_the_schema():
    problems = yaml_problems(DOC)
    assert not problems, "\n".join(problems)


def anchor(heading: str) -> str:
    """Returns the anchor GitHub gives a heading: lowercase, punctuation dropped, spaces as "-"."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def test_every_link_within_the_doc_names_a_heading():
    anchors = {anchor(heading.group(2)) for heading in HEADING.finditer(FENCE.sub("", DOC))}
    links = set(re.findall(r"\]\(#([^)]+)\)", DOC))
    assert links and not links - anchors, f"no heading for: {sorted(links - anchors)}"


def test_the_doc_has_a_whole_plan_example():
    whole = [text for _, text in yaml_blocks(DOC)
             if isinstance(data := yaml.safe_load(text), dict) and set(SCHEMA["required"]) <= set(data)]
    assert whole, "no ```yaml block holds a whole plan"


# The checks above must be able to fail: each is run on the document with one thing broken.

def test_the_walk_reaches_keys_behind_refs_conditions_and_items():
    names = {(key.path, key.name) for key in schema_keys(SCHEMA)}
    assert (("assignments", "letter", "reporting"), "frequency") in names  # $ref in $ref
    assert (("signer", "authority"), "prefix") in names  # array items
    assert (("sections", "content", "table", "columns"), "align") in names  # allOf → if/then
    assert (("document", "date"), "day") in names


def test_the_walk_reaches_every_definition_that_has_keys():
    owners = {key.owner.split("/")[2] for key in schema_keys(SCHEMA)
              if key.owner.startswith("/$defs/")}
    with_keys = {name for name, definition in SCHEMA["$defs"].items()
                 if '"properties"' in json.dumps(definition)}
    unreached = sorted(with_keys - owners)
    assert with_keys and not unreached, f"not reached from the top level: {unreached}"


@pytest.mark.parametrize("name", ["frequency", "default_deadline", "households", "align", "review"])
def test_a_key_taken_out_of_the_doc_is_named(name):
    assert f"`{name}`" in DOC
    broken = DOC.replace(f"`{name}`", name)
    assert any(line.startswith(f"`{name}` ") for line in undescribed(broken))


def test_a_key_described_only_in_another_section_is_named():
    prose = FENCE.sub("", DOC)
    reporting = next(part for part in sections(prose) if "reporting" in part.names)
    assert "`frequency`" in reporting.text and prose.count(reporting.text) == 1
    broken = prose.replace(reporting.text, reporting.text.replace("`frequency`", "frequency"))
    broken += "\n## Elsewhere\n\n`frequency` is described here, far from its object.\n"
    assert "`frequency` (under assignments › letter › reporting)" in undescribed(broken)


def test_a_broken_yaml_example_is_named():
    broken = DOC + "\n```yaml\nindicators:\n  - id: ho-ngheo\n   name: [hộ nghèo\n```\n"
    assert any("not YAML" in problem for problem in yaml_problems(broken))


def test_an_example_against_the_schema_is_named():
    broken = DOC + "\n```yaml\nassignments:\n  letter: {summary: V/v giao nhiệm vụ}\n```\n"
    assert any("assignments/letter/summary" in problem for problem in yaml_problems(broken))


# --- the standalone letter (issue 16): its own schema, its own section ---------------------------

LETTER_SCHEMA = json.loads((ROOT / "schemas" / "cong-van.schema.json").read_text(encoding="utf-8"))


def letter_validator() -> Draft202012Validator:
    """Returns a validator of the letter's schema, whose references into `plan.schema.json` are
    found beside it, as an editor finds them."""
    from referencing import Registry, Resource

    plan = Resource.from_contents(SCHEMA)
    registry = Registry().with_resources([("plan.schema.json", plan), (SCHEMA["$id"], plan)])
    return Draft202012Validator(LETTER_SCHEMA, registry=registry,
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def letter_keys(node: Any = LETTER_SCHEMA) -> set[str]:
    """Returns the keys the letter's schema declares itself, anywhere in it (the plan's, which
    it borrows by reference, are described in their own sections)."""
    if isinstance(node, list):
        return set().union(*(letter_keys(sub) for sub in node))
    if not isinstance(node, dict):
        return set()
    return set(node.get("properties", {})).union(*(letter_keys(sub) for sub in node.values()))


def test_every_key_of_the_letter_schema_is_described_in_its_section():
    (section,) = [part for part in sections(DOC) if part.names == {"kind: cong-van"}]
    assert {"kind", "to", "opening", "items", "points", "deadline"} <= letter_keys()
    assert sorted(name for name in letter_keys() if f"`{name}`" not in section.text) == []


def test_the_letter_example_fits_the_letter_schema():
    examples = [yaml.safe_load(text) for _, text in yaml_blocks(DOC)]
    letters = [data for data in examples if isinstance(data, dict) and data.get("kind") == "cong-van"]
    assert letters, "no ```yaml block holds a whole standalone letter"
    validator = letter_validator()
    for letter in letters:
        assert [error.message for error in validator.iter_errors(letter)] == []
    broken = {**letters[0], "items": [{"text": "x", "deadline": "20/3/2025"}]}
    assert not validator.is_valid(broken)  # the check can fail
