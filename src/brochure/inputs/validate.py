"""Turn pydantic's errors into problems a clinic user can act on.

Each error gets the file:line:col of the offending key or value, the field
path, and a fix in plain words ("unknown key `titel` — did you mean `title`?").
"""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from brochure.errors import BrochureError, Problem
from brochure.inputs.yamlread import Document

M = TypeVar("M", bound=BaseModel)
FIX_MARK = "\nfix: "  # a model validator's ValueError may end with this and how to fix it

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "list_type": "a list (lines starting with `- `)",
    "dict_type": "a mapping (`key: value` lines)",
    "model_type": "a mapping (`key: value` lines)",
    "model_attributes_type": "a mapping (`key: value` lines)",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "bool_type": "true or false",
}


def short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def field_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + short(str(part))
    return out


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (empty)"
    if isinstance(value, bool):
        return f"`{str(value).lower()}` (yes/no/true/false)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return f"text `{value[:40]}{'…' if len(value) > 40 else ''}`"
    return f"`{value}`"


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Walk the model class along `loc` to list the keys allowed at that level."""
    import typing

    current: Any = model
    mapping_key = False  # the part after a dict-valued field is a key of that dict (a language code), not a field
    for part in loc[:-1]:
        if isinstance(part, int) or current is None or mapping_key:
            mapping_key = False
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            current = None
            continue
        current = _inner_model(fields[part].annotation)
        mapping_key = typing.get_origin(fields[part].annotation) is dict
    fields = getattr(current, "model_fields", None)
    return list(fields) if fields else []


def _inner_model(annotation: Any) -> Any:
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def to_problem(err: ErrorDetails, doc: Document, model: type[BaseModel], prefix: tuple = ()) -> Problem:
    """One pydantic error as a located problem in plain words, with a fix (unknown key, wrong type, too long ...).

    About 60 lines: one short branch per kind of pydantic error, each with its own wording and fix.
    """
    loc = tuple(err["loc"])
    full = prefix + loc
    kind = err["type"]
    value = err.get("input")
    where = doc.where(full)
    path = field_path(full)
    if kind == "extra_forbidden":
        key = short(str(loc[-1]))
        allowed = _allowed_keys(model, loc)
        guess = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        fix = (
            f"did you mean `{guess[0]}`?"
            if guess
            else "remove it; allowed here: " + ", ".join(f"`{a}`" for a in allowed)
        )
        return Problem(f"unknown key `{key}`", where, path, fix)
    if kind == "missing":
        return Problem(
            f"required key `{loc[-1]}` is missing", doc.where(full[:-1]), path, f"add `{loc[-1]}:` with a value here"
        )
    if kind in _TYPE_WORDS:
        return Problem(
            f"expected {_TYPE_WORDS[kind]}, found {_describe(value)}",
            where,
            path,
            "change the value to that form (quote text that YAML reads as something else)",
        )
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return Problem(f"{_describe(value)} is not allowed", where, path, f"use one of: {expected}")
    if kind == "string_pattern_mismatch":
        return Problem(f"{_describe(value)} has the wrong form", where, path, _pattern_fix(str(loc[-1]) if loc else ""))
    if kind in ("too_short", "too_long"):
        ctx = err.get("ctx", {})
        if isinstance(value, str):
            lim = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
            msg = "text is empty" if kind == "too_short" else f"text is longer than {lim} characters"
            return Problem(msg, where, path, "write the text" if kind == "too_short" else "shorten it or split it")
        lo, hi = ctx.get("min_length"), ctx.get("max_length")
        n = ctx.get("actual_length")
        rng = f"at least {lo}" if kind == "too_short" else f"at most {hi}"
        return Problem(
            f"list has {n} items; it needs {rng}",
            where,
            path,
            "add items" if kind == "too_short" else "remove or merge items",
        )
    if kind == "string_too_short":
        return Problem("text is empty", where, path, "write the text or remove the key")
    if kind == "string_too_long":
        lim = err.get("ctx", {}).get("max_length")
        return Problem(f"text is longer than {lim} characters", where, path, "shorten it or split it")
    if kind == "finite_number":
        return Problem(f"{_describe(value)} is not a finite number", where, path, "use a finite number")
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return Problem(
            f"{_describe(value)} is out of range ({err['msg'].lower()})", where, path, "use a value in range"
        )
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    msg, _, fix = msg.partition(FIX_MARK)  # a validator may say how to fix it: "what\nfix: how"
    return Problem(msg, where, path, fix or "see content/SCHEMA.md for the expected form")


def _pattern_fix(key: str) -> str:
    return {
        "doi": "a DOI looks like 10.1000/xyz123 (no https://doi.org/ prefix)",
        "url": "use a full https:// address",
        "website": "use a full address such as https://example.org",
        "email": "use an address such as front.desk@example.org",
        "version": "use numbers such as 1.0 or 1.2.3",
        "translated_from": "use the English version number, such as 1.0",
        "id": "use lower-case letters, digits and hyphens",
        "code": "use a language code such as es, zh-Hans or ar",
    }.get(key, "colours are written #RRGGBB; ids use lower-case letters, digits and hyphens")


def parse(model: type[M], doc: Document, data: Any = None, prefix: tuple = ()) -> M:
    """Validate `doc` (or a part of it) into `model`, raising every problem at once."""
    payload = doc.data if data is None else data
    if not isinstance(payload, dict):
        raise BrochureError(
            [
                Problem(
                    f"expected a mapping of keys, found {_describe(payload)}",
                    doc.where(prefix),
                    field_path(prefix),
                    "see content/SCHEMA.md",
                )
            ]
        )
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        raise BrochureError([to_problem(e, doc, model, prefix) for e in exc.errors()]) from None


def collect(*steps: Any) -> list[Any]:
    """Run callables, gathering every BrochureError's problems before raising once."""
    results, problems = [], []
    for step in steps:
        try:
            results.append(step())
        except BrochureError as exc:
            problems.extend(exc.problems)
            results.append(None)
    if problems:
        raise BrochureError(problems)
    return results
