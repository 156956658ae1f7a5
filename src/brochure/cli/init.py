"""`brochure init DIR`: a clinic's own project that builds at once.

The shipped handout is copied into DIR/base/ and reused through
`brochure.yaml: base: base`; the clinic's own folder holds only what it
changes: its brand and logo, any section it rewrites, any language it adds.
"""

from __future__ import annotations

import re
import shutil
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


def create(source: Project, dest: Path, name: str) -> Path:
    if dest.exists() and any(dest.iterdir()):
        raise BrochureError(
            [
                Problem(
                    "the folder is not empty",
                    Location(display_path(dest)),
                    fix="choose a new folder; init never overwrites files",
                )
            ]
        )
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
    brand = (source.root / "assets" / "brands" / "default.yaml").read_text(encoding="utf-8")
    brand = brand.replace("name: Your Clinic Name", f"name: {name}").replace(
        "../logos/placeholder.png", "../logos/logo.png"
    )
    brand = re.sub(r"(?m)^# The neutral.*\n# Copy this file.*\n", f"# {name}: edit every value below.\n", brand)
    (dest / "assets" / "brands" / f"{slug}.yaml").write_text(brand, encoding="utf-8")
    (dest / "brochure.yaml").write_text(
        "# The shipped handout this project reuses; files in content/ replace its files.\nbase: base\n",
        encoding="utf-8",
    )
    (dest / "README.md").write_text(CLINIC_README.format(name=name, slug=slug), encoding="utf-8")
    (dest / ".gitignore").write_text("dist/\n", encoding="utf-8")
    return dest
