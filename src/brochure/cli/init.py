"""`brochure init DIR`: a clinic's own project that builds at once.

The shipped handout is copied into DIR/base/ and reused through
`brochure.yaml: base: base`; the clinic's own folder holds only what it
changes: its brand and logo, any section it rewrites, any language it adds.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path

from brochure.cli import schema
from brochure.errors import BrochureError, Location, Problem, display_path
from brochure.inputs.project import Project

CLINIC_README = """# {name}: patient handouts

This folder makes the printed handouts for {name} with `brochure`.

- `brochure build` writes every handout to `dist/` (flyer, tri-fold, booklet, every language).
- `brochure preview` makes pictures of every page: open `dist/preview/index.html`.
- `brochure check` checks your files and lists anything to fix, with the file and line.

## What to change

1. `assets/brands/{slug}.yaml`: your clinic's name, address, phone, website (it becomes the QR
   code), hours, colours and notes such as which treatments you offer and prices.
2. `assets/logos/logo.png`: replace with your logo (PNG or JPEG, about 1200 px wide).
3. To rewrite a section, copy it from `base/content/en/` to `content/en/` (same file name) and
   edit your copy. Your copy wins; everything else still comes from `base/`.
4. To add a language: `brochure new-language fr --name Français`.

The medical text in `base/` was written from a verified fact base but has **not** been reviewed
by a clinician, and the translations by a medical translator. Have them reviewed before printing;
the handouts say so on the back page until then.
"""


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "clinic"


MAX_NAME = 300  # the brand model's limit for a clinic name


def create(source: Project, dest: Path, name: str) -> Path:
    """Make the project in a temporary folder beside `dest`, then rename it: all of it or nothing."""
    _refuse(source, dest, name)
    dest.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{dest.name[:40]}.init-", dir=dest.parent))
    try:
        _fill(source, work, name)
        if dest.is_dir():
            dest.rmdir()  # empty (checked above); a folder that filled meanwhile makes this fail, and nothing moves
        os.rename(work, dest)
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise BrochureError(
            [
                Problem(
                    f"cannot create the project ({exc.strerror or exc}); nothing was left behind",
                    Location(display_path(dest)),
                    fix="choose a folder you can write to, with room on the disk",
                )
            ]
        ) from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return dest


def _refuse(source: Project, dest: Path, name: str) -> None:
    problems = []
    if source.base is not None:
        problems.append(
            Problem(
                f"{display_path(source.root)} is itself a clinic project (it reuses `base:`); "
                "init starts one from the shipped handout",
                Location(display_path(source.root / "brochure.yaml")),
                fix="run `brochure init` from the brochure project, or copy this clinic's folder instead",
            )
        )
    inside = next(
        (p for p in (dest.resolve(), *dest.resolve().parents) if (p / "content" / "handout.yaml").is_file()
         or (p / "brochure.yaml").is_file()),
        None,
    )  # fmt: skip
    if inside is not None:
        problems.append(
            Problem(
                f"the folder is inside the brochure project {display_path(inside)}",
                Location(display_path(dest)),
                fix="choose a folder outside any project, e.g. ../my-clinic",
            )
        )
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        problems.append(
            Problem(
                "the folder is not empty" if dest.is_dir() else "that is a file, not a folder",
                Location(display_path(dest)),
                fix="choose a new folder; init never overwrites files",
            )
        )
    if not name.strip() or len(name) > MAX_NAME or any(unicodedata.category(c) in ("Cc", "Cf") for c in name):
        problems.append(
            Problem(
                f"the clinic name must be 1 to {MAX_NAME} visible characters on one line",
                Location("--name"),
                fix='give the name as it should print, e.g. --name "Maple Street: Pediatrics"',
            )
        )
    if problems:
        raise BrochureError(problems)


def _brand_text(source: Project, name: str) -> str:
    """The default brand with this clinic's name and logo, written by a YAML writer (any name quotes right)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    yaml = YAML()  # round trip: the comments that explain each key stay
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)  # the shipped file's style
    text = (source.root / "assets" / "brands" / "default.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^# The neutral.*\n# Copy this file.*\n", "", text)
    data = yaml.load(text)
    data["name"] = DoubleQuotedScalarString(name)  # quoted always: `yes` or `1.0` stay text for any YAML reader
    data["logo"] = "../logos/logo.png"
    out = io.StringIO()
    yaml.dump(data, out)
    header = "# " + " ".join(name.split()) + ": edit every value below.\n"
    lines = out.getvalue().splitlines(keepends=True)
    at = 1 if lines and lines[0].startswith("# yaml-language-server") else 0
    return "".join(lines[:at]) + header + "".join(lines[at:])


def _fill(source: Project, dest: Path, name: str) -> None:
    slug = slugify(name)
    base = dest / "base"
    shutil.copytree(source.root / "content", base / "content")
    # the yaml-language-server lines in base/ and in the clinic's own files point at schema/ beside them
    for schema_home in (dest, base):
        schema.write(schema_home / "schema")
    if (source.root / "assets" / "fonts").is_dir():
        shutil.copytree(source.root / "assets" / "fonts", base / "assets" / "fonts")
    (dest / "content").mkdir(parents=True)
    (dest / "assets" / "brands").mkdir(parents=True)
    (dest / "assets" / "logos").mkdir(parents=True)
    shutil.copyfile(source.root / "assets" / "logos" / "placeholder.png", dest / "assets" / "logos" / "logo.png")
    (dest / "assets" / "brands" / f"{slug}.yaml").write_text(_brand_text(source, name), encoding="utf-8")
    (dest / "brochure.yaml").write_text(
        "# The shipped handout this project reuses; files in content/ replace its files.\nbase: base\n",
        encoding="utf-8",
    )
    (dest / "README.md").write_text(CLINIC_README.format(name=name, slug=slug), encoding="utf-8")
    (dest / ".gitignore").write_text("dist/\n", encoding="utf-8")
