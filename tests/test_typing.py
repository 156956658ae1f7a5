"""Every public function in src/brochure has type hints on its parameters and return (issue 15 item 7).

mypy (config in pyproject's [tool.mypy]) checks that the hints are right; this test checks that they exist,
because mypy's disallow_incomplete_defs lets a function with no hints at all go unchecked.
Run as a script (`python tests/test_typing.py [--all]`) it prints the count and the offenders.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "brochure"

# Folders still excused from the checks below (issue 15 item 7: none left; add one only with a reason).
NOT_YET: tuple[str, ...] = ()


def _missing(fn: ast.FunctionDef | ast.AsyncFunctionDef, method: bool) -> list[str]:
    """What `fn` lacks: the names of unannotated parameters, and 'return' if the return is unannotated."""
    args = fn.args
    params = [*args.posonlyargs, *args.args]
    static = any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in fn.decorator_list)
    if method and not static and params:
        params = params[1:]  # self / cls
    params += args.kwonlyargs
    params += [a for a in (args.vararg, args.kwarg) if a is not None]
    gaps = [a.arg for a in params if a.annotation is None]
    if fn.returns is None:
        gaps.append("return")
    return gaps


def offenders(skip: tuple[str, ...] = NOT_YET) -> list[str]:
    """`file:line name (missing ...)` for every public module function or public-class method without full hints.

    Public means no leading underscore on the function, or on the class that holds it; functions nested in
    functions are private to their parent.
    """
    found = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel.startswith(skip):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))

        def walk(body: list[ast.stmt], method: bool, rel: str = rel) -> None:
            for node in body:
                if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                    walk(node.body, True)
                elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not node.name.startswith("_"):
                    gaps = _missing(node, method)
                    if gaps:
                        found.append(f"{rel}:{node.lineno} {node.name} (missing {', '.join(gaps)})")
                elif isinstance(node, ast.If | ast.Try):  # `if TYPE_CHECKING:` / `try: import` blocks
                    walk(node.body, method)
                    walk(node.orelse, method)

        walk(tree.body, False)
    return found


def test_every_public_function_has_hints():
    missing = offenders()
    assert not missing, f"{len(missing)} public functions without full type hints:\n" + "\n".join(missing)


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is in the test extra")
def test_mypy_is_clean():
    """`mypy` (pyproject's [tool.mypy]) reports nothing in the files already typed (NOT_YET: the lead's TODO)."""
    run = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    errors = [line for line in run.stdout.splitlines() if re.match(r"src/brochure/\S+:\d+: error:", line)]
    assert errors or run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]  # a crash is not "clean"
    ours = [e for e in errors if not e.removeprefix("src/brochure/").startswith(NOT_YET)]
    assert not ours, f"{len(ours)} mypy errors:\n" + "\n".join(ours)


def test_the_check_sees_a_missing_hint(tmp_path, monkeypatch):
    """The walker finds an unannotated parameter, a missing return, and a method's gap; it skips self and privates."""
    pkg = tmp_path / "brochure"
    pkg.mkdir()
    (pkg / "m.py").write_text(
        "def ok(a: int) -> int: ...\n"
        "def no_return(a: int): ...\n"
        "def no_param(a, *, b: int) -> None: ...\n"
        "def _private(a): ...\n"
        "class C:\n"
        "    def m(self, x) -> None: ...\n"
        "    @staticmethod\n"
        "    def s(x: int): ...\n"
        "    def _p(self, x): ...\n"
        "class _Hidden:\n"
        "    def m(self, x): ...\n"
    )
    monkeypatch.setattr(sys.modules[__name__], "SRC", pkg)
    assert offenders(()) == [
        "m.py:2 no_return (missing return)",
        "m.py:3 no_param (missing a)",
        "m.py:6 m (missing x)",
        "m.py:8 s (missing return)",
    ]


if __name__ == "__main__":
    everything = offenders(() if "--all" in sys.argv else NOT_YET)
    print("\n".join(everything))
    print(f"{len(everything)} public functions without full type hints")
    sys.exit(0)
