"""Print what happened: files written, or every problem with where and how to fix it."""

from __future__ import annotations

import json
from itertools import groupby
from typing import TYPE_CHECKING

import click

from brochure.errors import Problem

if TYPE_CHECKING:  # `brochure build` prints without loading the checks
    from brochure.checks.readability import Formula, Score
    from brochure.checks.runner import CheckResult

COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}


def problems(items: list[Problem], err: bool = True) -> None:
    items = sorted(items, key=Problem.sort_key)
    # the same message at the same place from two builds is one problem
    unique = list(dict.fromkeys(items))
    for p in unique:
        where = str(p.location) if p.location else "(no file)"
        line = click.style(where, bold=True) + ": " + click.style(p.severity, fg=COLORS[p.severity]) + ": " + p.message
        if p.field:
            line += click.style(f"  [{p.field}]", dim=True)
        click.echo(line, err=err)
        for detail in p.details:
            click.echo("    " + detail, err=err)
        if p.fix:
            click.echo("    " + click.style("fix: ", fg="cyan") + p.fix, err=err)
    click.echo(tally(unique), err=err)


def tally(items: list[Problem]) -> str:
    parts = []
    for severity, word in (("error", "error"), ("warning", "warning"), ("info", "note")):
        n = sum(p.severity == severity for p in items)
        if n:
            parts.append(f"{n} {word}{'s' * (n != 1)}")
    return (", ".join(parts) + ".") if parts else ""


# ---------------------------------------------------------------- brochure check


def check_table(result: CheckResult, strict: bool) -> None:
    """Scores per language and section, then one row per finding (where, severity, rule, message)."""
    if result.validated:
        _scores_table(result.scores)
    findings = result.unique()
    if findings:
        click.echo(click.style("Findings", bold=True))
        _findings_table(findings)
        click.echo()
    if not result.validated and result.problems:
        click.echo("Content checks (readability, plain language, safety, sources) did not run: fix the errors first.")
    line = tally(findings)
    if line:
        click.echo(line)
    if result.failed(strict):
        why = "errors" if result.count("error") else "warnings (--strict)"
        click.echo(click.style(f"failed: {why}", fg="red", bold=True))
    else:
        langs, brands = result.languages, result.brands
        click.echo(
            click.style("ok", fg="green", bold=True)
            + f": {len(langs)} language(s) ({', '.join(langs)}), {len(brands)} brand(s) ({', '.join(brands)})"
        )


def _row(cells: list[str], widths: list[int]) -> str:
    return "  " + "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)).rstrip()


def _limit(formula: Formula, limit: float | None) -> str:
    if limit is None:
        return ""
    return ("≥" if formula.higher_is_easier else "≤") + f"{limit:g}"


def _scores_table(scores: list[Score]) -> None:
    click.echo(click.style("Readability", bold=True) + " (limits: `readability:` in content/handout.yaml)")
    without = sorted({s.lang for s in scores if s.formula is None})
    by_lang = [s for s in scores if s.formula is not None]
    for lang, grouped in groupby(by_lang, key=lambda s: s.lang):
        group = list(grouped)
        # every score here has a formula (by_lang); the `if` says so to the type checker
        formulas = list(dict.fromkeys(s.formula for s in group if s.formula is not None))
        cells = {(s.section, s.formula.key, s.scope): s for s in group if s.formula is not None}
        head = [lang]
        for f in formulas:
            for scope in ("section", "short"):
                limit = next(s.limit for s in group if s.formula == f and s.scope == scope)
                head.append(" ".join(x for x in (f.abbrev, "short" if scope == "short" else "", _limit(f, limit)) if x))
        rows = []
        for sid in dict.fromkeys(s.section for s in group):
            cols = [cells[(sid, f.key, scope)] for f in formulas for scope in ("section", "short")]
            rows.append(
                ([sid] + [f"{c.value:.1f}" + (" !" if c.over else "") for c in cols], any(c.over for c in cols))
            )
        widths = [max(len(r[i]) for r in [head, *(r for r, _ in rows)]) for i in range(len(head))]
        click.echo()
        click.echo(click.style(_row(head, widths), bold=True))
        for row, over in rows:
            click.echo(click.style(_row(row, widths), fg="red" if over else None))
        legend = "; ".join(
            f"{f.abbrev} = {f.name} ({'higher' if f.higher_is_easier else 'lower'} is easier)" for f in formulas
        )
        click.echo(f"  {legend}; short = summary and key points, as the flyer and tri-fold print them")
    if without:
        click.echo()
        click.echo(f"  {', '.join(without)}: no readability formula for these languages, so no score (not a guess)")
    click.echo()


def _findings_table(findings: list[Problem]) -> None:
    """One row per finding: file:line:col (editors open it), severity, rule, message; fix and details below."""

    def where(p: Problem) -> str:
        return str(p.location) if p.location else "(no file)"

    w_where = max(len(where(p)) for p in findings)
    w_rule = max(len(p.rule or "validate") for p in findings)
    indent = "    "
    for p in findings:
        sev = click.style(p.severity.ljust(7), fg=COLORS[p.severity])
        rule = click.style((p.rule or "validate").ljust(w_rule), dim=True)
        line = f"{click.style(where(p).ljust(w_where), bold=True)}  {sev}  {rule}  {p.message}"
        if p.field:
            line += click.style(f"  [{p.field}]", dim=True)
        click.echo(line)
        for detail in p.details:
            click.echo(indent + detail)
        if p.fix:
            click.echo(indent + click.style("fix: ", fg="cyan") + p.fix)


def check_json(result: CheckResult, strict: bool) -> str:
    """The same report for machines: findings, scores, and whether it passed."""
    findings = [
        {
            "severity": p.severity,
            "rule": p.rule or "validate",
            "message": p.message,
            "file": p.location.file if p.location else None,
            "line": p.location.line if p.location else None,
            "column": p.location.column if p.location else None,
            "field": p.field or None,
            "fix": p.fix or None,
            "details": list(p.details),
        }
        for p in result.unique()
    ]
    scores = [
        {
            "lang": s.lang,
            "section": s.section,
            "file": s.file,
            "formula": s.formula.key if s.formula else None,
            "name": s.formula.name if s.formula else "no formula",
            "scope": s.scope if s.formula else None,
            "score": s.value,
            "limit": s.limit,
            "higher_is_easier": s.formula.higher_is_easier if s.formula else None,
            "over": s.over,
        }
        for s in result.scores
    ]
    return json.dumps(
        {
            "ok": not result.failed(strict),
            "strict": strict,
            "validated": result.validated,
            "counts": {k: result.count(k) for k in ("error", "warning", "info")},
            "languages": result.languages,
            "brands": result.brands,
            "readability": scores,
            "findings": findings,
        },
        ensure_ascii=False,
        indent=2,
    )
