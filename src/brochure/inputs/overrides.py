"""`--set brand.colors.primary=#0A5C7A`: one-build overrides, validated like the file value.

An override replaces the value in the loaded document before validation, so
a bad value gets the same message as in the file, located at `--set …`.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from typing import Any

from brochure.errors import BrochureError, Location, Problem
from brochure.inputs.yamlread import Document, read_value

_KEY = re.compile(r"^(brand|layout)((?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])+)=(.*)$", re.S)


class OverrideError(ValueError):
    pass


def parse(raw: list[str]) -> dict[str, list[tuple[tuple, Any, str]]]:
    """['brand.colors.primary=#0A5C7A'] -> {'brand': [(('colors', 'primary'), '#0A5C7A', raw)]}."""
    out: dict[str, list[tuple[tuple, Any, str]]] = {}
    problems: list[Problem] = []
    for item in raw:
        m = _KEY.match(item)
        if not m:
            raise OverrideError(f"`{item}`: use brand.KEY.PATH=VALUE or layout.KEY.PATH=VALUE")
        root, dotted, text = m.groups()
        path = tuple(int(p[1:-1]) if p.startswith("[") else p for p in re.findall(r"\.\w+|\[\d+\]", dotted))
        path = tuple(p[1:] if isinstance(p, str) else p for p in path)
        try:
            out.setdefault(root, []).append((path, value_of(text, f"--set {root}{dotted}"), item))
        except BrochureError as exc:  # every bad value at once, as for a file
            problems += exc.problems
    if problems:
        raise BrochureError(problems)
    return out


def value_of(text: str, shown: str = "--set") -> Any:
    """YAML's reading of the value (numbers, true/false, lists), except `#...` which YAML would drop.

    Read by the file rules (`yamlread.read_value`): a `!!binary` or other tag
    is refused, so every text reaches the same checks as text in a file.
    """
    if text.startswith("#") or not text.strip():
        return text
    return read_value(text, shown)


def _problem(raw: str, message: str) -> BrochureError:
    return BrochureError(
        [
            Problem(
                message,
                Location(f"--set {raw.split('=', 1)[0]}"),
                fix="check the key path against the brand or layout file",
            )
        ]
    )


def apply(doc: Document, items: list[tuple[tuple, Any, str]] | None) -> Document:
    if not items:
        return doc
    data = copy.deepcopy(doc.data)
    marks, values = dict(doc.marks), dict(doc.values)
    for path, value, raw in items:
        node = data
        for i, key in enumerate(path[:-1]):
            nxt = path[i + 1]
            if isinstance(node, dict):
                node = node.setdefault(key, [] if isinstance(nxt, int) else {})
            elif isinstance(node, list) and isinstance(key, int) and key < len(node):
                node = node[key]
            else:
                raise _problem(raw, f"`{key}` is not there to set")
        last = path[-1]
        if isinstance(node, dict) or isinstance(node, list) and isinstance(last, int) and last < len(node):
            node[last] = value
        else:
            raise _problem(raw, f"cannot set `{last}` there")
        for j in range(1, len(path) + 1):  # point messages about these keys at the option
            marks[path[:j]] = values[path[:j]] = (0, 0)
    notes = {p: Location(f"--set {raw.split('=', 1)[0]}") for p, _, raw in items}
    return dataclasses.replace(doc, data=data, marks=marks, values=values, notes=notes)
