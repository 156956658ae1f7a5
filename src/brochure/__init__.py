"""brochure: structured YAML content in, branded print-ready patient handouts out.

The Python API (README: Python API), the same functions the `brochure build` and `brochure check` commands run:

    import brochure
    result = brochure.build(project=".", brands=["harbor-light"], langs=["en"], lengths=["flyer"], out="dist")
    report = brochure.check(project=".", strict=True)

They live in `brochure.api`, imported on first use (module `__getattr__`), so `import brochure` loads nothing else.
"""

from __future__ import annotations

from brochure._version import __version__

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (10 ms): `import brochure` stays cheap
if TYPE_CHECKING:  # what type checkers see; at run time `__getattr__` imports them
    from brochure.api import BuildResult, CheckResult, build, check

__all__ = ["build", "check", "BuildResult", "CheckResult", "__version__"]
_API = frozenset(("build", "check", "BuildResult", "CheckResult"))


def __getattr__(name: str) -> object:
    """`build`, `check` and their result types, from `brochure.api` when first asked for."""
    if name in _API:
        from brochure import api

        return getattr(api, name)
    raise AttributeError(f"module 'brochure' has no attribute {name!r}")
