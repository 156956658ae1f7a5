"""Print what happened: files written, or every problem with where and how to fix it."""

from __future__ import annotations

import click

from brochure.errors import Problem


def problems(items: list[Problem], err: bool = True) -> None:
    items = sorted(items, key=Problem.sort_key)
    # the same message at the same place from two builds is one problem
    unique = list(dict.fromkeys(items))
    for p in unique:
        where = str(p.location) if p.location else "(no file)"
        color = "red" if p.severity == "error" else "yellow"
        line = click.style(where, bold=True) + ": " + click.style(p.severity, fg=color) + ": " + p.message
        if p.field:
            line += click.style(f"  [{p.field}]", dim=True)
        click.echo(line, err=err)
        if p.fix:
            click.echo("    " + click.style("fix: ", fg="cyan") + p.fix, err=err)
    errors = sum(p.severity == "error" for p in unique)
    warnings = len(unique) - errors
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' * (errors != 1)}")
    if warnings:
        parts.append(f"{warnings} warning{'s' * (warnings != 1)}")
    if parts:
        click.echo(" and ".join(parts) + ".", err=err)
