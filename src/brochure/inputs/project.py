"""Find and load a project's files into validated models (read → validate).

A project is a folder with `content/handout.yaml`; brands live in
`assets/brands/`, custom layouts in `layouts/`. Everything a build needs is
loaded and checked here, and every problem is raised together.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from brochure.errors import BrochureError, Location, Problem, display_path
from brochure.inputs import crisis, geometry, inherit, overrides
from brochure.inputs.models import Brand, HandoutText, Language, Layout, Manifest, Region, Section
from brochure.inputs.validate import parse, short
from brochure.inputs.yamlread import Document, load
from brochure.media import contrast, fonts, icc, images

BUILTIN_LAYOUTS = "layouts"


@dataclass
class Handout:
    """One language's content, validated, with the documents it came from."""

    manifest: Manifest
    language: Language
    sections: list[tuple[str, Section]]
    docs: dict[str, Document] = field(default_factory=dict)  # "manifest", "language", section ids

    @property
    def text(self) -> HandoutText:
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
    region: Region  # its crisis lines and emergency number
    # set for one handout language by `brandtext.localize`: printed key → the other language it stays in
    printed_in: dict[str, str] = field(default_factory=dict)
    lang_status: str | None = None  # the review status of the translated brand text it prints, if any
    icc_path: Path | None = None  # the print shop's output profile (`press.output_intent`), if the brand names one
    chain: list[Path] = field(default_factory=list)  # the brand file, then each brand it `extends:`, in order


@dataclass
class Project:
    root: Path
    overrides: dict = field(default_factory=dict)  # from --set: {"brand"|"layout": [(path, value, raw)]}
    base: Project | None = None  # a project whose content this one reuses (brochure.yaml: `base: path`)

    def __post_init__(self) -> None:
        config = self.root / "brochure.yaml"
        if self.base is None and config.is_file():
            data = load(config, self.root).data or {}
            ref = data.get("base") if isinstance(data, dict) else None
            if isinstance(ref, str):
                base_root = (self.root / ref).resolve()
                if not (base_root / "content" / "handout.yaml").is_file():
                    raise BrochureError(
                        [
                            Problem(
                                f"base project `{ref}` has no content/handout.yaml",
                                Location(self.shown(config)),
                                fix="point `base:` at a folder with content/ and assets/ (brochure init makes one)",
                            )
                        ]
                    )
                self.base = Project(base_root)

    @property
    def roots(self) -> list[Path]:
        """This project first, then its base: where content, fonts and layouts are looked up."""
        return [self.root, *(self.base.roots if self.base else [])]

    def content_file(self, *parts: str) -> Path:
        """The project's own file if it has one, else the base project's (a clinic overrides one section)."""
        own = self.content_dir.joinpath(*parts)
        if _not_a_file(own) != "does not exist" or self.base is None:
            return own
        inherited = self.base.content_file(*parts)
        return inherited if _not_a_file(inherited) != "does not exist" else own

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        root = (start or Path.cwd()).resolve()
        for cand in (root, *root.parents):
            if (cand / "content" / "handout.yaml").is_file() or (cand / "brochure.yaml").is_file():
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
        """Every folder of content/ with a language.yaml; one that cannot be read is an error, never skipped."""
        own: set[str] = set()
        problems: list[Problem] = []
        try:
            entries = sorted(os.scandir(self.content_dir), key=lambda e: e.name)
        except FileNotFoundError:
            entries = []
        except OSError as exc:
            raise BrochureError([_unreadable(self.shown(self.content_dir), exc)]) from None
        for entry in entries:
            if entry.name.startswith(".") or not entry.is_dir():
                continue
            try:
                names = os.listdir(entry.path)
            except OSError as exc:
                problems.append(_unreadable(self.shown(Path(entry.path)), exc))
                continue
            if "language.yaml" in names:
                own.add(entry.name)
        if problems:
            raise BrochureError(problems)
        return sorted(own | set(self.base.languages() if self.base else []))

    def brands(self) -> list[str]:
        """The project's own brands; a project with none uses its base's."""
        own = sorted(p.stem for p in (self.root / "assets" / "brands").glob("*.yaml"))
        return own or (self.base.brands() if self.base else [])

    def layouts(self) -> dict[str, Path]:
        """Built-in layouts, then the project's own (which may replace them)."""
        found: dict[str, Path] = dict(self.base.layouts()) if self.base else {}
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
        return load(path, self.root)  # yamlread reuses a parse while the file is unchanged

    # ------------------------------------------------------------ content
    def load_manifest(self) -> tuple[Manifest, Document]:
        doc = self._load(self.content_file("handout.yaml"))
        return parse(Manifest, doc), doc

    def load_handout(self, lang: str) -> Handout:
        """The handout in `lang`: manifest, language file and sections, layered on the base project, validated.

        Every file's problems are collected before any is raised, so a user sees all of them at once; that
        collecting across the files is what makes this function about 75 lines.
        """
        problems: list[Problem] = []
        manifest = mdoc = None
        try:
            manifest, mdoc = self.load_manifest()
        except BrochureError as exc:
            problems += exc.problems
        lang_dir = self.content_dir / lang
        if _not_a_file(self.content_file(lang, "language.yaml")):
            known = ", ".join(self.languages()) or "none"
            raise BrochureError(
                problems
                + [
                    Problem(
                        f"unknown language `{short(lang)}` (no {short(self.shown(lang_dir / 'language.yaml'), 80)})",
                        Location(self.shown(self.content_dir)),
                        fix=f"use one of: {known}; or add the language with `brochure new-language {lang}`",
                    )
                ]
            )
        language = None
        ldoc = None
        try:
            ldoc = self._load(self.content_file(lang, "language.yaml"))
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
            path = self.content_file(lang, f"{sid}.yaml")
            try:
                doc = self._load(path)
                section = parse(Section, doc)
            except BrochureError as exc:
                problems += exc.problems
                continue
            docs[sid] = doc
            sections.append((sid, section))
            for i, src in enumerate(section.sources):
                if manifest is not None and src not in manifest.sources:  # always there when it lists sections
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
        if language is not None and ldoc is not None and is_translation and language.handout is None:
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
        # each of these is None only when loading it added a problem
        assert manifest is not None and mdoc is not None and language is not None and ldoc is not None
        docs["manifest"] = mdoc
        docs["language"] = ldoc
        return Handout(manifest, language, sections, docs)

    # ------------------------------------------------------------ brand
    def resolve_brand_path(self, name_or_path: str) -> Path:
        direct = Path(name_or_path)
        if name_or_path.endswith((".yaml", ".yml")) or "/" in name_or_path:
            path = direct if direct.is_absolute() else (Path.cwd() / direct)
            why = _not_a_file(path)
            if why:
                raise BrochureError(
                    [
                        Problem(
                            f"`{short(name_or_path, 60)}` {why}",
                            Location("--brand"),
                            fix="give a brand name (`--brand default`) or the path of a brand .yaml file",
                        )
                    ]
                )
            return path
        candidates = [r / "assets" / "brands" / f"{name_or_path}.yaml" for r in self.roots]
        path = next((c for c in candidates if not _not_a_file(c)), candidates[0])
        why = _not_a_file(path)
        if why.startswith("is "):  # there, but a folder, a device or a pipe: say so
            raise BrochureError(
                [
                    Problem(
                        f"brand file {self.shown(path)} {why.replace('a brand file', 'a YAML file')}",
                        Location("--brand"),
                        fix="make it a regular .yaml file (a copy of assets/brands/default.yaml)",
                    )
                ]
            )
        if why:
            raise BrochureError(
                [
                    Problem(
                        f"unknown brand `{short(name_or_path, 60)}` (not in {self.shown(self.root / 'assets/brands')})",
                        Location("--brand"),
                        fix="use one of: "
                        + (", ".join(self.brands()) or "none")
                        + "; or give a path to a brand .yaml file",
                    )
                ]
            )
        return path

    def brand_document(self, path: Path) -> tuple[Document, list[Path]]:
        """A brand file layered on every brand it `extends:` (and this build's --set values), and those files."""
        doc, files = inherit.chain(path, self._load, self._extended)
        return overrides.apply(doc, self.overrides.get("brand")), files

    def _extended(self, ref: str, doc: Document) -> Path:
        """The brand file `extends: ref` names in `doc`: a brand name (beside it, else in the project's brands)
        or a path relative to `doc`'s file; inside the project (or its base), like every asset."""
        where = doc.value_at(("extends",))
        if ref.endswith((".yaml", ".yml")) or "/" in ref:
            candidates = [doc.path.parent / ref]
        else:
            candidates = [doc.path.parent / f"{ref}.yaml"] + [
                r / "assets" / "brands" / f"{ref}.yaml" for r in self.roots
            ]
        found = next((c.resolve() for c in candidates if not _not_a_file(c)), None)
        if found is not None and not any(found.is_relative_to(r.resolve()) for r in self.roots):
            raise BrochureError(
                [
                    Problem(
                        f"`extends: {short(ref, 60)}` points outside the project folder",
                        where,
                        "extends",
                        fix="copy the parent brand into the project's assets/brands/ (or its base project's)",
                    )
                ]
            )
        if found is None:
            raise BrochureError(
                [
                    Problem(
                        f"`extends: {short(ref, 60)}`: no such brand (looked for "
                        + ", ".join(dict.fromkeys(self.shown(c) for c in candidates))
                        + ")",
                        where,
                        "extends",
                        fix="name a brand of assets/brands/ ("
                        + (", ".join(self.brands()) or "none")
                        + ") or give the parent's path relative to this file",
                    )
                ]
            )
        return found

    def load_brand(self, name_or_path: str) -> LoadedBrand:
        path = self.resolve_brand_path(name_or_path)
        doc, chain = self.brand_document(path)
        brand = parse(Brand, doc)
        problems: list[Problem] = []
        logo_path = None
        if brand.logo:
            found = self._safe_asset(brand.logo, doc.file_of(("logo",)), doc, ("logo",))
            if isinstance(found, Problem):
                problems.append(found)
            else:
                logo_path = found
                try:
                    images.inspect(found)
                except images.ImageError as exc:
                    problems.append(
                        Problem(
                            f"logo {self.shown(found)} {exc}",
                            doc.where(("logo",)),
                            "logo",
                            fix="use a PNG or JPEG logo of a sensible size (e.g. 1200 px wide), "
                            "or an SVG with its text as outlines",
                        )
                    )
        icc_path = None
        if brand.press.output_intent:
            key = ("press", "output_intent")
            found = self._safe_asset(brand.press.output_intent, doc.file_of(key), doc, key)
            why = icc.problem(found) if isinstance(found, Path) else None
            if isinstance(found, Problem):
                problems.append(found)
            elif why:
                problems.append(
                    Problem(
                        f"output profile {self.shown(found)} {why}",
                        doc.where(key),
                        "press.output_intent",
                        fix="name the print shop's CMYK press profile (.icc), e.g. their FOGRA39 or GRACoL file",
                    )
                )
            else:
                icc_path = found
        fams = {}
        for role in ("body", "heading"):
            fname = getattr(brand.fonts, role)
            if fname is None:  # the heading family defaults to the body family
                continue
            fam, problem = self.font_family(fname, doc, ("fonts", role))
            if problem:
                problems.append(problem)
            fams[role] = fam
        fams.setdefault("heading", fams.get("body"))
        problems += contrast.check_brand(brand, doc)
        region = None
        try:
            region = self.load_region(brand.region, doc.value_at(("region",)))
        except BrochureError as exc:
            problems += exc.problems
        if problems:
            raise BrochureError(problems)
        body, heading = fams["body"], fams["heading"]
        assert body is not None and heading is not None and region is not None  # else a problem was raised above
        return LoadedBrand(
            path.stem, brand, path, logo_path, body, heading, doc, region, icc_path=icc_path, chain=chain
        )

    def load_region(self, code: str, where: Location) -> Region:
        """A region's crisis lines: the project's regions/<code>.yaml, its base's, or the built-in one."""
        return crisis.load_region(code, self.roots, where, self.root)[0]

    def font_family(self, name: str, doc: Document, key: tuple) -> tuple[fonts.Family | None, Problem | None]:
        """Find a font family by name and parse its files, or say why it cannot be used (at `key` in `doc`)."""
        where, field_name = doc.value_at(key), ".".join(str(k) for k in key)
        family = fonts.find(name, self.roots)
        if family is None:
            return None, Problem(
                f"font family `{name}` not found",
                where,
                field_name,
                fix="use one of: "
                + ", ".join(fonts.available(self.roots))
                + "; or add TrueType files as assets/fonts/<Family>/<Family>-Regular.ttf",
            )
        try:
            fonts.verify(family)  # reads every file's tables: a renamed or CFF font fails here, not mid-render
        except fonts.FontError as exc:
            return None, Problem(
                str(exc), where, field_name, fix="use TrueType (.ttf) files; fonts with CFF outlines (.otf) do not work"
            )
        return family, None

    def _safe_asset(self, ref: str, base_file: Path, doc: Document, key: tuple) -> Path | Problem:
        """Resolve an asset path, or say why not: refuse URLs and anything outside the project."""
        if "://" in ref or ref.startswith("//"):
            return Problem(
                f"`{ref}` is a web address; images are never fetched from the web",
                doc.where(key),
                ".".join(key),
                fix="download the file into assets/ and give its path",
            )
        candidate = (base_file.parent / ref).resolve()
        if not any(candidate.is_relative_to(r.resolve()) for r in self.roots):
            return Problem(
                f"`{ref}` points outside the project folder",
                doc.where(key),
                ".".join(key),
                fix="copy the file into the project's assets/ folder",
            )
        if not candidate.is_file():
            return Problem(
                f"file `{ref}` not found (looked for {self.shown(candidate)})",
                doc.where(key),
                ".".join(key),
                fix="check the path; it is relative to the brand file",
            )
        return candidate

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
        doc = overrides.apply(self._load(path), self.overrides.get("layout"))
        layout = parse(Layout, doc)
        wrong = geometry.problems(layout, doc)
        if wrong:
            raise BrochureError(wrong)
        return layout, doc


def _unreadable(shown: str, exc: OSError) -> Problem:
    """A folder that exists but cannot be listed: its files would otherwise be skipped in silence."""
    return Problem(
        f"folder cannot be read ({exc.strerror or exc})",
        Location(shown),
        fix="give your user read and execute permission on it (chmod u+rx), or remove it",
    )


def _not_a_file(path: Path) -> str:
    """Why `path` cannot be read as a file ("" when it can): missing, a folder, a device, a name too long."""
    import stat

    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "does not exist"
    except OSError as exc:
        return f"cannot be used as a file name ({exc.strerror})"
    if stat.S_ISDIR(mode):
        return "is a folder, not a brand file"
    if not stat.S_ISREG(mode):
        return "is not a regular file (a device or a pipe?)"
    return ""
