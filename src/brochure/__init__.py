"""brochure: structured YAML content in, branded print-ready patient handouts out.

The Python API (README: Python API), the same functions the `brochure build` and `brochure check` commands run:

    import brochure
    result = brochure.build(project=".", brands=["harbor-light"], langs=["en"], lengths=["flyer"], out="dist")
    report = brochure.check(project=".", strict=True)

Both live in `brochure.api` and are imported on first use, so `import brochure` loads nothing else.
"""

from __future__ import annotations

from brochure._version import __version__

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (10 ms): `import brochure` stays cheap
if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from brochure.api import BuildResult, CheckResult

__all__ = ["build", "check", "BuildResult", "CheckResult", "__version__"]


def build(
    project: str | Path = ".",
    brands: Sequence[str] | None = None,
    langs: Sequence[str] | None = None,
    lengths: Sequence[str] | None = None,
    papers: Sequence[str] | None = None,
    out: str | Path | None = None,
    jobs: int = 1,
    *,
    profile: str = "office",
    crop_marks: bool = True,
    force: bool = False,
    require_reviewed: bool = False,
    sets: Sequence[str] = (),
    shard: tuple[int, int] | None = None,
) -> BuildResult:
    """`brochure build` as a function: see `brochure.api.build`."""
    from brochure import api

    return api.build(
        project,
        brands,
        langs,
        lengths,
        papers,
        out,
        jobs,
        profile=profile,
        crop_marks=crop_marks,
        force=force,
        require_reviewed=require_reviewed,
        sets=sets,
        shard=shard,
    )


def check(project: str | Path = ".", strict: bool = False) -> CheckResult:
    """`brochure check` as a function: see `brochure.api.check`."""
    from brochure import api

    return api.check(project, strict)


def __getattr__(name: str) -> object:
    """`BuildResult` and `CheckResult`, imported when first asked for."""
    if name in ("BuildResult", "CheckResult"):
        from brochure import api

        return getattr(api, name)
    raise AttributeError(f"module 'brochure' has no attribute {name!r}")
