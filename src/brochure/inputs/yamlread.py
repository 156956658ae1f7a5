"""Read YAML into plain data while remembering where every value came from.

PyYAML's composed nodes carry start marks, so one pass over the node tree
gives both the data and a map from field path to file:line:column. The walk
also refuses what `safe_load` lets through silently: duplicate keys, alias
bombs and absurd nesting.
"""

from __future__ import annotations

import math
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from brochure.errors import BrochureError, Location, Problem, display_path

MAX_FILE_BYTES = 1_000_000  # a handout section is a few KB; 1 MB is clearly a mistake
MAX_NODES = 50_000  # alias expansion ("billion laughs") stops here
MAX_DEPTH = 40
# libyaml's parser when PyYAML was built with it (about 10x faster); same nodes, same marks
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML_TAG = "tag:yaml.org,2002:"
# the tags plain YAML resolves by itself; anything else (`!foo`, `!!python/name:…`, `!!binary`, `!!set`) is refused
_PLAIN_TAGS = {_YAML_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_MERGE_TAG = _YAML_TAG + "merge"

PathKey = tuple[str | int, ...]


@dataclass
class Document:
    """A YAML file's data plus the location of each value in it."""

    path: Path
    data: Any
    shown_as: str
    marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)  # key positions
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)  # where each value starts
    notes: dict[PathKey, Location] = field(default_factory=dict)  # values that came from elsewhere (--set)
    # values a brand file inherits (`extends:`): the top key of each inherited subtree → the parent's document
    inherited: dict[PathKey, Document] = field(default_factory=dict)

    def _parent_of(self, key: PathKey) -> Document | None:
        """The document that set `key` when it was inherited (the deepest inherited prefix), else None."""
        for n in range(len(key), 0, -1):
            if key[:n] in self.inherited:
                return self.inherited[key[:n]]
        return None

    def file_of(self, key: PathKey) -> Path:
        """The file that set the value at `key`: a relative path in it is relative to that file's folder."""
        parent = self._parent_of(tuple(key))
        return parent.file_of(key) if parent is not None else self.path

    def where(self, key: PathKey = ()) -> Location:
        """Location of the deepest known prefix of `key` (the nearest thing to point at)."""
        key = tuple(key)
        for n in range(len(key), 0, -1):
            if key[:n] in self.notes:
                return self.notes[key[:n]]
        parent = self._parent_of(key)
        if parent is not None:
            return parent.where(key)
        while key and key not in self.marks:
            key = key[:-1]
        line, col = self.marks.get(key, (1, 1))
        return Location(self.shown_as, line, col)

    def value_at(self, key: PathKey) -> Location:
        """Where the value itself starts (for problems inside a text, not with its key)."""
        if any(tuple(key)[:n] in self.notes for n in range(len(key), 0, -1)):
            return self.where(key)
        parent = self._parent_of(tuple(key))
        if parent is not None:
            return parent.value_at(key)
        if tuple(key) in self.values:
            line, col = self.values[tuple(key)]
            return Location(self.shown_as, line, col)
        return self.where(key)


def _problem(shown: str, message: str, fix: str, mark: Any = None) -> Problem:
    loc = Location(shown, mark.line + 1, mark.column + 1) if mark is not None else Location(shown)
    return Problem(message, loc, fix=fix)


def read_text(path: Path, shown: str) -> str:
    """Bytes → text with clear errors for size, encoding and a stray BOM."""
    try:
        if path.is_dir():
            raise BrochureError([_problem(shown, "is a folder, not a YAML file", "point at a .yaml file")])
        if not stat.S_ISREG(path.stat().st_mode):  # /dev/zero or a pipe would be read forever
            raise BrochureError(
                [_problem(shown, "is not a regular file (a device or a pipe?)", "point at a .yaml file")]
            )
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)  # never more than the limit, whatever the file claims
        size = max(len(raw), path.stat().st_size)
    except FileNotFoundError:
        raise BrochureError([_problem(shown, "file not found", "check the name and folder")]) from None
    except PermissionError:
        raise BrochureError(
            [_problem(shown, "file cannot be read (permission denied)", "check its permissions")]
        ) from None
    except OSError as exc:  # e.g. a name too long for the file system
        raise BrochureError(
            [_problem(shown, f"file cannot be read ({exc.strerror or exc})", "check the name and folder")]
        ) from None
    if size > MAX_FILE_BYTES:
        raise BrochureError(
            [_problem(shown, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}", "split or shorten it")]
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte-order mark is harmless; editors on Windows add it
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise BrochureError(
            [
                Problem(
                    f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                    Location(shown, line, col),
                    fix="save the file as UTF-8 in your editor",
                )
            ]
        ) from None


def load(path: Path, root: Path | None = None) -> Document:
    """Parse one YAML file; raise BrochureError with file:line:col on any problem.

    Results are reused while the file's size and modification time are unchanged.
    """
    try:
        st = path.stat()
        key = (str(path.resolve()), st.st_size, st.st_mtime_ns, str(root))
    except OSError:
        return _load(path, root)
    if key not in _CACHE:
        if len(_CACHE) > 512:
            _CACHE.clear()
        _CACHE[key] = _load(path, root)
    return _CACHE[key]


_CACHE: dict[tuple, Document] = {}


def _load(path: Path, root: Path | None = None) -> Document:
    shown = display_path(path, root)
    text = read_text(path, shown)
    if not text.strip() or all(ln.strip().startswith("#") or not ln.strip() for ln in text.splitlines()):
        raise BrochureError([_problem(shown, "file is empty", "add the keys this file needs (see content/SCHEMA.md)")])
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = (exc.problem or exc.context or "invalid YAML").strip()
        lines = text.splitlines()
        if mark is not None and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
            what = "a tab character where YAML expects spaces"
        if exc.context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            # e.g. an unclosed quote: the cause is where the scan started, not where the file ended
            what = f"{what} {exc.context} that starts at line {exc.context_mark.line + 1}"
            mark = exc.context_mark
        fix = "check indentation, colons and quotes on this line"
        if "tab" in what:
            fix = "YAML does not allow tabs for indentation; use spaces"
        elif "special characters" in what:
            fix = "remove the invisible control character"
        raise BrochureError([_problem(shown, f"YAML syntax error: {what}", fix, mark)]) from None
    except yaml.YAMLError as exc:  # non-marked errors (e.g. reader errors)
        raise BrochureError([_problem(shown, f"YAML error: {exc}", "fix the YAML syntax")]) from None
    finally:
        loader.dispose()
    doc = Document(path=path, data=None, shown_as=shown)
    problems: list[Problem] = []
    counter = [0]
    doc.data = _walk(node, (), doc, loader, problems, counter, 0)
    if problems:
        raise BrochureError(problems)
    return doc


def _walk(
    node: yaml.Node,
    key: PathKey,
    doc: Document,
    loader: yaml.constructor.SafeConstructor,  # SafeLoader or CSafeLoader
    problems: list[Problem],
    counter: list[int],
    depth: int,
) -> Any:
    """The data of one YAML node, its file:line recorded, within the bounds on values and depth (README: Limits).

    One function of about 100 lines on purpose: it is a single recursive pass with one branch per node kind
    (mapping with merge keys and duplicate keys, sequence, scalar with tag, date and number checks), and the
    bounds it enforces are shared state of that pass; split per kind, every branch would take the same seven
    arguments.
    """
    counter[0] += 1
    if counter[0] > MAX_NODES:
        if counter[0] == MAX_NODES + 1:
            problems.append(
                _problem(
                    doc.shown_as,
                    "too many values (an alias '*' repeated too often?)",
                    "remove anchors/aliases; write the values out",
                    node.start_mark,
                )
            )
        return None
    if depth > MAX_DEPTH:
        problems.append(
            _problem(doc.shown_as, f"nesting deeper than {MAX_DEPTH} levels", "flatten the structure", node.start_mark)
        )
        return None
    doc.values[key] = (node.start_mark.line + 1, node.start_mark.column + 1)
    doc.marks.setdefault(key, doc.values[key])
    if node.tag not in _PLAIN_TAGS and node.tag != _MERGE_TAG:
        problems.append(_tag_problem(doc.shown_as, node))
        return None
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        seen: dict[Any, Any] = {}
        for knode, vnode in node.value:
            if isinstance(knode, yaml.ScalarNode) and knode.tag == _MERGE_TAG:
                problems.append(
                    _problem(
                        doc.shown_as,
                        "a YAML merge key `<<:` is not supported (it hides which file and line a value comes from)",
                        "write the keys out instead of `<<:`",
                        knode.start_mark,
                    )
                )
                continue
            if not isinstance(knode, yaml.ScalarNode):
                problems.append(
                    _problem(doc.shown_as, "a key must be plain text", "write the key as a word", knode.start_mark)
                )
                continue
            if knode.tag not in _PLAIN_TAGS:
                problems.append(_tag_problem(doc.shown_as, knode))
                continue
            try:
                k = loader.construct_object(knode)
            except (yaml.constructor.ConstructorError, ValueError, OverflowError):
                k = knode.value  # a key that looks like an impossible date is still just a word
            if not isinstance(k, str):
                k = str(k)
            if k in seen:
                first = seen[k]
                problems.append(
                    _problem(
                        doc.shown_as,
                        f"duplicate key `{k}` (first at line {first.line + 1})",
                        "keep one of them; YAML would silently use the last",
                        knode.start_mark,
                    )
                )
                continue
            seen[k] = knode.start_mark
            child = key + (k,)
            doc.marks[child] = (knode.start_mark.line + 1, knode.start_mark.column + 1)
            out[k] = _walk(vnode, child, doc, loader, problems, counter, depth + 1)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_walk(v, key + (i,), doc, loader, problems, counter, depth + 1) for i, v in enumerate(node.value)]
    if node.tag == _MERGE_TAG:  # `<<` as a value, not a key
        problems.append(_tag_problem(doc.shown_as, node))
        return None
    try:
        value = loader.construct_object(node)
    except yaml.constructor.ConstructorError as exc:
        problems.append(_problem(doc.shown_as, f"cannot read value: {exc.problem}", "quote the value", node.start_mark))
        return None
    except (ValueError, OverflowError) as exc:  # a date or time YAML recognises but the calendar has not
        what = "not a real date" if node.tag == _YAML_TAG + "timestamp" else "cannot read value"
        problems.append(
            _problem(
                doc.shown_as,
                f"`{node.value}` is {what} ({exc})",
                "use a real date YYYY-MM-DD, or quote the value if it is text",
                node.start_mark,
            )
        )
        return None
    if isinstance(value, float) and not math.isfinite(value):
        problems.append(
            _problem(
                doc.shown_as,
                f"`{node.value}` is not a finite number",
                "use a finite number (or quote it if it is text)",
                node.start_mark,
            )
        )
        return None
    # one spelling per character: Vietnamese diacritics typed as combining marks become precomposed
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def read_value(text: str, shown: str) -> Any:
    """One value written on the command line (`--set key=VALUE`), read by the same rules as a file.

    Tags (`!!binary`, `!!set`, …), aliases and anything but plain text, numbers,
    dates, lists and mappings are refused here too, located at `shown`.
    """
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        return text  # not YAML: the words themselves
    finally:
        loader.dispose()
    if node is None:
        return None
    doc = Document(path=Path(shown), data=None, shown_as=shown)
    problems: list[Problem] = []
    value = _walk(node, (), doc, loader, problems, [0], 0)
    if problems:
        raise BrochureError([Problem(p.message, Location(shown), fix=p.fix) for p in problems])
    return value


def _tag_problem(shown: str, node: yaml.Node) -> Problem:
    tag = node.tag.replace(_YAML_TAG, "!!")
    return _problem(
        shown,
        f"the YAML tag `{tag}` is not allowed (only plain text, numbers, dates, lists and mappings)",
        "remove the tag; if the `!` belongs to the text, quote it",
        node.start_mark,
    )
