"""A plan file edited where it stands, with ruamel.yaml's round trip (`kehoach new`, `kehoach
upgrade`): read in the file's own layout, so that writing it back changes only what was edited,
and the clerk's comments, key order, quoting and folded paragraphs stay."""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError


def _layout(mapping: int = 2, sequence: int = 4, offset: int = 2) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a line the clerk wrote; folded texts keep their own folds
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    # "null" as written in the plans (ruamel would leave the value empty).
    yaml.representer.add_representer(
        type(None), lambda representer, _: representer.represent_scalar("tag:yaml.org,2002:null", "null"))
    return yaml


def loaded(text: str) -> tuple[YAML, Any]:
    """Returns a round-trip YAML set to the layout of the plan file `text`, and the data it reads
    from it; raises `YAMLError`. Line ends are read as "\n": ruamel keeps the "\r" of a CRLF
    file in its comments, and `dumped` puts the file's own line ends back."""
    text = text.replace("\r\n", "\n")
    yaml = _yaml_for(text)
    return yaml, yaml.load(text)


def _yaml_for(text: str) -> YAML:
    """Returns a round-trip YAML set to the file's own indentation: the first of the usual
    layouts that gives the text back unchanged, or the one that changes the fewest lines."""
    from ruamel.yaml.util import load_yaml_guess_indent

    try:
        _, indent, dash = load_yaml_guess_indent(text)
    except YAMLError:
        indent, dash = 4, 2
    candidates = dict.fromkeys([(2, indent or 2, dash or 0), (indent or 2, indent or 2, dash or 0),
                                (2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 4, 0), (4, 6, 4)])
    best: tuple[int, YAML] | None = None
    original = text.splitlines()
    for layout in candidates:
        yaml = _layout(*layout)
        out = io.StringIO()
        try:
            yaml.dump(yaml.load(text), out)
        except YAMLError:
            return yaml
        lines = out.getvalue().splitlines()
        changed = sum(a != b for a, b in zip(original, lines)) + abs(len(original) - len(lines))
        if changed == 0:
            return yaml
        if best is None or changed < best[0]:
            best = (changed, yaml)
    assert best is not None
    return best[1]


def dumped(yaml: YAML, data: Any, text: str) -> str:
    """Returns `data`, read from `text` by `yaml`, written back with `text`'s line ends."""
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue().replace("\n", "\r\n") if "\r\n" in text else out.getvalue()


def same_style(old: str, new: str) -> str:
    """Returns `new` as a scalar of `old`'s kind (folded, literal, quoted), keeping its folds."""
    if type(old) is str:
        return new
    copy = type(old)(new)
    for cls in type(old).__mro__:
        for slot in getattr(cls, "__slots__", ()):
            if hasattr(old, slot) and not (slot == "fold_pos" and len(old) != len(new)):
                setattr(copy, slot, getattr(old, slot))
    return copy
