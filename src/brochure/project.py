"""Find and load a project's files into validated models (read → validate).

A project is a folder with `content/handout.yaml`; brands live in
`assets/brands/`, custom layouts in `layouts/`. Everything a build needs is
loaded and checked here, and every problem is raised together.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from brochure import contrast, fonts, images
from brochure.errors import BrochureError, Location, Problem, display_path
from brochure.models import Brand, Language, Layout, Manifest, Section
from brochure.validate import parse
from brochure.yamlread import Document, load

BUILTIN_LAYOUTS = "layouts"


@dataclass
class Handout:
    """One language's content, validated, with the documents it came from."""

    manifest: Manifest
    language: Language
    sections: list[tuple[str, Section]]
    docs: dict[str, Document] = field(default_factory=dict)  # "manifest", "language", section ids

    @property
    def text(self):
        """Manifest text in this language (translations override the English)."""
        return self.language.handout or self.manifest


@dataclass
class LoadedBrand:
    id: str
    brand: Brand
    path: Path
    logo_path: Path | None
    body: fonts.Family
    heading: fonts.Family
    doc: Document


@dataclass
class Project:
    root: Path
    # parsed files, so checking every brand × language × length reads each file once
    _docs: dict[tuple, Document] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        root = (start or Path.cwd()).resolve()
        for cand in (root, *root.parents):
            if (cand / "content" / "handout.yaml").is_file():
                return cls(cand)
        raise BrochureError(
            [
                Problem(
                    "no brochure project here (no content/handout.yaml in this folder or above)",
                    Location(display_path(root)),
                    fix="run inside a project folder, or pass --project DIR",
                )
            ]
        )

    # ------------------------------------------------------------ discovery
    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    def languages(self) -> list[str]:
        return sorted(p.parent.name for p in self.content_dir.glob("*/language.yaml"))

    def brands(self) -> list[str]:
        return sorted(p.stem for p in (self.root / "assets" / "brands").glob("*.yaml"))

    def layouts(self) -> dict[str, Path]:
        """Built-in layouts, then the project's own (which may replace them)."""
        found: dict[str, Path] = {}
        builtin = resources.files("brochure") / BUILTIN_LAYOUTS
        for entry in sorted(builtin.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".yaml"):
                found[entry.name[:-5]] = Path(str(entry))
        for p in sorted((self.root / "layouts").glob("*.yaml")):
            found[p.stem] = p
        return found

    def shown(self, path: Path) -> str:
        return display_path(path, self.root)

    def _load(self, path: Path) -> Document:
        try:
            stat = path.stat()
            key = (path.resolve(), stat.st_mtime_ns, stat.st_size)
        except OSError:
            return load(path, self.root)  # let load() say what is wrong
        if key not in self._docs:
            self._docs[key] = load(path, self.root)
        return self._docs[key]

    # ------------------------------------------------------------ content
    def load_manifest(self) -> tuple[Manifest, Document]:
        doc = self._load(self.content_dir / "handout.yaml")
        return parse(Manifest, doc), doc

    def load_handout(self, lang: str) -> Handout:
        problems: list[Problem] = []
        manifest = mdoc = None
        try:
            manifest, mdoc = self.load_manifest()
        except BrochureError as exc:
            problems += exc.problems
        lang_dir = self.content_dir / lang
        if not (lang_dir / "language.yaml").is_file():
            known = ", ".join(self.languages()) or "none"
            raise BrochureError(
                problems
                + [
                    Problem(
                        f"unknown language `{lang}` (no {self.shown(lang_dir / 'language.yaml')})",
                        Location(self.shown(self.content_dir)),
                        fix=f"use one of: {known}; or add the language with `brochure new-language {lang}`",
                    )
                ]
            )
        language = None
        ldoc = None
        try:
            ldoc = self._load(lang_dir / "language.yaml")
            language = parse(Language, ldoc)
            if language.code != lang:
                problems.append(
                    Problem(
                        f"`code: {language.code}` does not match the folder name `{lang}`",
                        ldoc.where(("code",)),
                        "code",
                        fix=f"write `code: {lang}` or rename the folder",
                    )
                )
        except BrochureError as exc:
            problems += exc.problems
        sections: list[tuple[str, Section]] = []
        docs: dict[str, Document] = {}
        for sid in manifest.sections if manifest else []:
            path = lang_dir / f"{sid}.yaml"
            try:
                doc = self._load(path)
                section = parse(Section, doc)
            except BrochureError as exc:
                problems += exc.problems
                continue
            docs[sid] = doc
            sections.append((sid, section))
            for i, src in enumerate(section.sources):
                if src not in manifest.sources:
                    problems.append(
                        Problem(
                            f"source `{src}` is not in the manifest's `sources`",
                            doc.where(("sources", i)),
                            f"sources[{i}]",
                            fix="add it under `sources:` in content/handout.yaml, or fix the id",
                            rule="sources.unknown",
                        )
                    )
        is_translation = manifest is not None and lang != manifest.source_language
        if language is not None and is_translation and language.handout is None:
            problems.append(
                Problem(
                    "a translation needs a `handout:` block with the translated title, subtitle, "
                    "main_message, call_to_action and disclaimer",
                    ldoc.where(()),
                    fix="copy those keys from content/handout.yaml and translate them",
                )
            )
        if problems:
            raise BrochureError(problems)
        docs["manifest"] = mdoc
        docs["language"] = ldoc
        return Handout(manifest, language, sections, docs)

    # ------------------------------------------------------------ brand
    def resolve_brand_path(self, name_or_path: str) -> Path:
        direct = Path(name_or_path)
        if name_or_path.endswith((".yaml", ".yml")) or "/" in name_or_path:
            return direct if direct.is_absolute() else (Path.cwd() / direct)
        path = self.root / "assets" / "brands" / f"{name_or_path}.yaml"
        if not path.is_file():
            raise BrochureError(
                [
                    Problem(
                        f"unknown brand `{name_or_path}`",
                        Location(self.shown(self.root / "assets" / "brands")),
                        fix="use one of: "
                        + (", ".join(self.brands()) or "none")
                        + "; or give a path to a brand .yaml file",
                    )
                ]
            )
        return path

    def load_brand(self, name_or_path: str) -> LoadedBrand:
        path = self.resolve_brand_path(name_or_path)
        doc = self._load(path)
        brand = parse(Brand, doc)
        problems: list[Problem] = []
        logo_path = None
        if brand.logo:
            logo_path, problem = self._safe_asset(brand.logo, path, doc, ("logo",))
            if problem:
                problems.append(problem)
            else:
                try:
                    images.inspect(logo_path)
                except images.ImageError as exc:
                    problems.append(
                        Problem(
                            f"logo {self.shown(logo_path)} {exc}",
                            doc.where(("logo",)),
                            "logo",
                            fix="use a PNG or JPEG logo of a sensible size (e.g. 1200 px wide)",
                        )
                    )
        fams = {}
        for role in ("body", "heading"):
            fname = getattr(brand.fonts, role)
            if fname is None:  # the heading family defaults to the body family
                continue
            fam = fonts.find(fname, self.root)
            if fam is None:
                problems.append(
                    Problem(
                        f"font family `{fname}` not found",
                        doc.value_at(("fonts", role)),
                        f"fonts.{role}",
                        fix="use one of: "
                        + ", ".join(fonts.available(self.root))
                        + "; or add TrueType files as assets/fonts/<Family>/<Family>-Regular.ttf",
                    )
                )
            fams[role] = fam
        fams.setdefault("heading", fams.get("body"))
        problems += contrast.check_brand(brand, doc)
        if problems:
            raise BrochureError(problems)
        return LoadedBrand(path.stem, brand, path, logo_path, fams["body"], fams["heading"], doc)

    def _safe_asset(self, ref: str, base_file: Path, doc: Document, key: tuple) -> tuple[Path | None, Problem | None]:
        """Resolve an asset path; refuse URLs and anything outside the project."""
        if "://" in ref or ref.startswith("//"):
            return None, Problem(
                f"`{ref}` is a web address; images are never fetched from the web",
                doc.where(key),
                ".".join(key),
                fix="download the file into assets/ and give its path",
            )
        candidate = (base_file.parent / ref).resolve()
        try:
            candidate.relative_to(self.root.resolve())
        except ValueError:
            return None, Problem(
                f"`{ref}` points outside the project folder",
                doc.where(key),
                ".".join(key),
                fix="copy the file into the project's assets/ folder",
            )
        if not candidate.is_file():
            return None, Problem(
                f"file `{ref}` not found (looked for {self.shown(candidate)})",
                doc.where(key),
                ".".join(key),
                fix="check the path; it is relative to the brand file",
            )
        return candidate, None

    # ------------------------------------------------------------ layout
    def load_layout(self, name: str) -> tuple[Layout, Document]:
        available = self.layouts()
        path = available.get(name)
        if path is None:
            raise BrochureError(
                [
                    Problem(
                        f"unknown length/layout `{name}`",
                        Location(self.shown(self.root / "layouts")),
                        fix="use one of: " + ", ".join(sorted(available)) + "; or add layouts/<name>.yaml",
                    )
                ]
            )
        doc = self._load(path)
        return parse(Layout, doc), doc
