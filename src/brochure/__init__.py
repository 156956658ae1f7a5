"""brochure: structured YAML content in, branded print-ready patient handouts out.

The Python API (README: Python API), the same functions the `brochure build` and `brochure check` commands run:

    import brochure
    result = brochure.build(project=".", brands=["harbor-light"], langs=["en"], lengths=["flyer"], out="dist")
    report = brochure.check(project=".", strict=True)

Both live in `brochure.api` and are imported on first use, so `import brochure` loads nothing else.
`brochure.build` is also the name of the build package (`brochure/build/`); that module object is made callable,
so `brochure.build(...)` is the API function whichever was imported first.
"""

from __future__ import annotations

import sys
import types

from brochure._version import __version__

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (10 ms): `import brochure` stays cheap
if TYPE_CHECKING:  # what type checkers see; at run time `build` is the callable package below
    from pathlib import Path
    from typing import Any

    from brochure.api import BuildResult, CheckResult, build

__all__ = ["build", "check", "BuildResult", "CheckResult", "__version__"]


def check(project: str | Path = ".", strict: bool = False) -> CheckResult:
    """`brochure check` as a function: see `brochure.api.check`."""
    from brochure import api

    return api.check(project, strict)


class _BuildPackage(types.ModuleType):
    """The `brochure.build` package, callable as `brochure.api.build`."""

    def __call__(self, *args: Any, **kwargs: Any) -> BuildResult:
        from brochure import api

        return api.build(*args, **kwargs)


class _Brochure(types.ModuleType):
    """This package: when the import system binds the `build` package here, it becomes callable."""

    def __setattr__(self, name: str, value: object) -> None:
        if name == "build" and isinstance(value, types.ModuleType) and type(value) is types.ModuleType:
            value.__class__ = _BuildPackage
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Brochure


def __getattr__(name: str) -> object:
    """`brochure.build`, `BuildResult` and `CheckResult`, imported when first asked for."""
    if name == "build":
        import importlib

        return importlib.import_module("brochure.build")  # binds it here, callable (see _Brochure)
    if name in ("BuildResult", "CheckResult"):
        from brochure import api

        return getattr(api, name)
    raise AttributeError(f"module 'brochure' has no attribute {name!r}")
