"""Contracts for `brochure.media._reportlab`: one test per hook into ReportLab's (and python-bidi's) internals.

Each test fails when the ReportLab behaviour the hook relies on, or works
around, changes. The last tests hold every other module to the rule that only
the adapter reaches a private ReportLab name.
"""

from __future__ import annotations

import ast
import functools
import io
from pathlib import Path

import pytest
from reportlab.lib import textsplit
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, KeepTogether, ListFlowable, ListItem, Paragraph, Spacer, Table
from reportlab.platypus import flowables as rl_flowables
from reportlab.platypus import paragraph as rl_paragraph

import brochure.pdf.tagging  # noqa: F401 - installs the drawing wrappers, as every render does
from brochure.media import _reportlab as rl
from brochure.media import fonts

SRC = Path(__file__).resolve().parents[2] / "src" / "brochure"
ADAPTER = SRC / "media" / "_reportlab.py"


@pytest.fixture(scope="module")
def cjk_font() -> str:
    family = fonts.find("Noto Sans SC", None)
    assert family is not None, "Noto Sans SC ships with rendercv-fonts"
    fonts.register(family)
    return family.font_name("Regular")


def _pdf(canv: Canvas, buf: io.BytesIO):
    import pikepdf

    canv.save()
    return pikepdf.open(io.BytesIO(buf.getvalue()))


def _page_stream(pdf, i: int = 0) -> bytes:
    return pdf.pages[i].obj.Contents.read_bytes()


# ---------------------------------------------------------------- versions


def test_the_installed_versions_are_verified():
    rl.check_version("reportlab")
    rl.check_version("python-bidi")
    assert rl.major_minor(rl.installed_version("reportlab")) in rl.VERIFIED["reportlab"]


UNVERIFIED = [("reportlab", "5.2.0"), ("reportlab", "6.0"), ("python-bidi", "0.7.1")]


@pytest.mark.parametrize(("package", "version"), UNVERIFIED)
def test_an_unverified_version_is_refused_naming_the_version_the_hooks_and_the_fix(package, version, monkeypatch):
    monkeypatch.delenv(rl.ALLOW_ENV, raising=False)
    with pytest.raises(rl.UnverifiedVersionError) as info:
        rl.check_version(package, version)
    message = str(info.value)
    assert f"{package} {version} is installed" in message
    assert all(hook in message for hook in rl.DEPENDS_ON_INTERNALS[package])
    assert "fix:" in message and "tests/media/test_reportlab_adapter.py" in message


def test_a_patch_release_passes_and_the_override_only_warns(monkeypatch):
    rl.check_version("reportlab", "5.1.7")
    monkeypatch.setenv(rl.ALLOW_ENV, "1")
    with pytest.warns(UserWarning, match="reportlab 5.2.0"):
        rl.check_version("reportlab", "5.2.0")


def test_the_guard_reads_reportlab_version(monkeypatch):
    import reportlab

    monkeypatch.delenv(rl.ALLOW_ENV, raising=False)
    monkeypatch.setattr(reportlab, "Version", "5.3.0")
    with pytest.raises(rl.UnverifiedVersionError, match="reportlab 5.3.0"):
        rl.check_version("reportlab")


# ---------------------------------------------------------------- line breaking


def test_extend_cannot_start_reaches_both_copies_reportlab_reads():
    for module in (textsplit, rl_paragraph):
        assert isinstance(module.ALL_CANNOT_START, str)
        assert set(rl.CANNOT_START) <= set(module.ALL_CANNOT_START)
    # ReportLab's own breaker reads the module string: "，" (ours) never starts a line, it hangs
    word_split = rl_paragraph.wordSplit.wrapped
    lines = word_split("一二三，四五六", [3 * 10 + 0.1], "Helvetica", 10)
    assert all(not text.startswith("，") for _, text in lines)


def test_small_kana_and_the_long_vowel_mark_may_start_a_line_so_no_line_runs_past_its_width(cjk_font):
    """Issue 17 (ja): ッ at a line start was pulled back past the line's end, 0.06 in into the trim margin."""
    for module in (textsplit, rl_paragraph):
        assert not set(rl.MAY_START) & set(module.ALL_CANNOT_START)
    text = "健康チェック健康チェック"  # at 4 characters a line, ッ (the 5th) would start line 2
    lines = _lines(rl_paragraph.wordSplit, cjk_font, text, 4)
    assert "".join(t for _, t in lines) == text
    assert all(room >= -0.01 for room, _ in lines), lines  # what is left of each line's width: never negative
    assert lines[1][1].startswith("ッ")


def _lines(word_split, cjk_font, text, chars_per_line):
    size = 10.0
    return word_split(text, [chars_per_line * size + 0.01], cjk_font, size)


def test_word_split_still_hangs_one_mark_only_and_the_wrapper_hangs_them_all(cjk_font):
    assert hasattr(rl_paragraph.wordSplit, "wrapped"), "the wrapper is installed"
    text = "一二三四五）。六七八"
    theirs = [t for _, t in _lines(rl_paragraph.wordSplit.wrapped, cjk_font, text, 5)]
    assert any(t[:1] in rl.no_line_start() for t in theirs[1:]), f"ReportLab now hangs both marks: {theirs}"
    ours = [t for _, t in _lines(rl_paragraph.wordSplit, cjk_font, text, 5)]
    assert "".join(ours) == text
    assert not any(t[:1] in rl.no_line_start() for t in ours[1:]), ours


def test_an_opening_bracket_never_ends_a_line_in_either_breaker(cjk_font):
    """Issue 16 (zh, ja): "约有 4 人（" | "40%）": ReportLab lists the marks that may not end a line and never
    applies the list. The wrappers break again before the mark; no line runs past its width, nothing is lost."""
    text = "一二三四（五六）七八九十"  # at 5 characters a line, （ would end line 1
    theirs = [t for _, t in _lines(rl_paragraph.wordSplit.wrapped, cjk_font, text, 5)]
    assert theirs[0].endswith("（"), f"ReportLab now keeps the bracket with its text: {theirs}"
    ours = _lines(rl_paragraph.wordSplit, cjk_font, text, 5)
    assert "".join(t for _, t in ours) == text
    assert not any(t.endswith(tuple(rl.CANNOT_END)) for _, t in ours[:-1]), ours
    assert all(room >= -0.01 for room, _ in ours), ours
    style = ParagraphStyle("cjk", fontName=cjk_font, fontSize=10, leading=12, wordWrap="CJK")
    para = Paragraph(f'一二三<font name="{cjk_font}">四（五六）</font>七八九十', style)  # the mixed-font breaker
    para.wrap(5 * 10 + 0.01, 1000)
    lines = ["".join(w.text for w in line.words) for line in para.blPara.lines]
    assert "".join(lines) == text
    assert not any(t.endswith(tuple(rl.CANNOT_END)) for t in lines[:-1]), lines
    assert all(line.extraSpace >= -0.01 for line in para.blPara.lines)


def test_frag_split_still_hangs_one_mark_only_and_the_wrapper_hangs_them_all(cjk_font):
    style = ParagraphStyle("cjk", fontName=cjk_font, fontSize=10, leading=12, wordWrap="CJK")

    def starts(p: Paragraph) -> list[str]:
        p.wrap(5 * 10 + 0.01, 1000)
        return ["".join(w.text for w in line.words)[:1] for line in p.blPara.lines[1:]]

    markup = f'一二三四<font name="{cjk_font}">五）。</font>六七八'  # two fragments: the mixed-font breaker
    ours = starts(Paragraph(markup, style))
    assert not any(ch in rl.no_line_start() for ch in ours), ours
    wrapper = rl_paragraph.cjkFragSplit
    try:
        rl_paragraph.cjkFragSplit = wrapper.wrapped
        theirs = starts(Paragraph(markup, style))
    finally:
        rl_paragraph.cjkFragSplit = wrapper
    assert any(ch in rl.no_line_start() for ch in theirs), f"ReportLab now hangs both marks: {theirs}"


def test_fuzz_is_reportlabs_tolerance():
    from reportlab import rl_config

    assert isinstance(rl.FUZZ, float) and 0 < rl.FUZZ < 1e-3
    assert rl.FUZZ == rl_config._FUZZ


# ---------------------------------------------------------------- paragraphs and flowables


def test_after_parse_runs_once_with_the_parsed_runs():
    seen = []

    class Probe(rl.HookedParagraph):
        def after_parse(self) -> None:
            seen.append([f.text for f in self.frags])

    Probe("plain <b>bold</b>", ParagraphStyle("s"))
    assert len(seen) == 1
    assert "".join(seen[0]).replace(" ", "") == "plainbold" and len(seen[0]) >= 2


def test_grouped_is_what_keep_together_holds():
    a, b = Spacer(1, 10), Spacer(1, 20)
    kt = KeepTogether([a, b])
    assert rl.grouped(kt) == [a, b] and isinstance(rl.grouped(kt), list)
    assert rl.grouped(a) is None


def test_keep_together_still_asks_for_the_next_frame_with_a_frame_break():
    kt = KeepTogether([Spacer(1, 100)])
    kt.canv = Canvas(io.BytesIO())  # as a frame sets it
    parts = kt.split(100, 50)
    assert rl.is_frame_break(parts[0]), parts
    assert not rl.is_frame_break(Spacer(1, 1))


def test_list_item_parts_are_the_bullet_and_the_flowable():
    style = ParagraphStyle("s")
    first, more = Paragraph("one", style), Paragraph("more", style)
    lst = ListFlowable([ListItem([first, more]), Paragraph("two", style)], bulletType="bullet")
    items = [p for p in (rl.list_item_parts(i) for i in lst._getContent()) if p is not None]
    assert [p[1] for p in items[:2]] == [first, more]
    assert items[0][0] is not None and items[1][0] is None  # a flowable continuing an item has no bullet
    assert rl.list_item_parts(first) is None


def test_frame_space_reads_width_height_room_and_top():
    canv = Canvas(io.BytesIO())
    frame = Frame(0, 0, 200, 300, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    assert (rl.frame_width(frame), rl.frame_height(frame), rl.frame_room(frame)) == (200, 300, 300)
    assert rl.frame_at_top(frame) is True
    assert frame.add(Spacer(200, 100), canv)
    assert rl.frame_room(frame) == pytest.approx(200) and rl.frame_at_top(frame) is False
    assert rl.frame_width(frame) == 200 and rl.frame_height(frame) == 300


def test_at_frame_top_reads_the_frame_a_flowable_is_split_in():
    """Frame.split sets `_frame` on the flowable before calling its split (story.KeepWithText relies on it)."""
    seen = []

    class Probe(rl_flowables.Flowable):
        def wrap(self, aw, ah):
            return aw, 1000

        def split(self, aw, ah):
            seen.append(rl.at_frame_top(self))
            return []

    canv = Canvas(io.BytesIO())
    frame = Frame(0, 0, 200, 300)
    frame.split(Probe(), canv)
    assert frame.add(Spacer(200, 50), canv)
    frame.split(Probe(), canv)
    assert seen == [True, False]
    assert rl.at_frame_top(Probe()) is False  # no frame, no doc template


# ---------------------------------------------------------------- canvas


def test_reportlab_still_empties_after_page_commands_at_page_start():
    canv = Canvas(io.BytesIO())
    canv._psCommandsAfterPage.append("% mark")
    canv.showPage()
    assert canv._psCommandsAfterPage == []


def test_page_hooks_prefix_every_preamble_and_put_marks_after_every_page():
    def marks(c):
        rl.move_to_after_page(c, lambda c: c.addLiteral(f"% marks {c.getPageNumber()}"))

    buf = io.BytesIO()
    canv = rl.canvas_with_page_hooks(Canvas, preamble_prefix="1 0 0 1 9 9 cm ", on_page_start=marks)(buf)
    for i in range(2):
        canv.drawString(10, 10, f"page {i + 1}")
        canv.showPage()
    pdf = _pdf(canv, buf)
    for i in range(2):
        stream = _page_stream(pdf, i).strip()
        assert stream.startswith(b"1 0 0 1 9 9 cm "), stream[:40]
        assert stream.endswith(f"% marks {i + 1}".encode()), stream[-40:]
        assert stream.count(b"% marks") == 1 and f"page {i + 1}".encode() in stream


def test_held_page_state_survives_starting_the_next_page():
    canv = Canvas(io.BytesIO())
    canv.addLiteral("% first")
    held = rl.page_state(canv)
    rl.start_page(canv)
    canv.addLiteral("% second")
    assert "% first" in held["_code"] and "% second" not in held["_code"]  # _startPage replaces, never clears
    rl.restore_page_state(canv, held)
    assert "% first" in canv._code and "% second" not in canv._code


def test_start_page_runs_a_subclass_page_start():
    starts = []

    class Counting(Canvas):
        def _startPage(self):  # noqa: N802
            super()._startPage()
            starts.append(1)

    canv = Counting(io.BytesIO())
    before = len(starts)
    rl.start_page(canv)
    assert len(starts) == before + 1


def test_absolute_rect_is_in_page_coordinates():
    canv = Canvas(io.BytesIO())
    canv.translate(10, 20)
    canv.scale(2, 2)
    assert tuple(rl.absolute_rect(canv, (0, 0, 5, 5))) == (10, 20, 20, 30)


# ---------------------------------------------------------------- the document's fonts


def test_a_reserved_font_is_named_written_at_save_and_in_every_pages_resources():
    from reportlab.pdfbase import pdfdoc

    class Writer:
        calls = 0

        def addObjects(self, doc):  # noqa: N802
            Writer.calls += 1
            name = pdfdoc.PDFName
            font = pdfdoc.PDFDictionary({"Type": name("Font"), "Subtype": name("Type1"), "BaseFont": name("Courier")})
            rl.add_font_resource(doc, internal, font)

    buf = io.BytesIO()
    canv = Canvas(buf)
    doc = rl.document(canv)
    assert isinstance(doc, pdfdoc.PDFDocument)
    canv.setFont("Helvetica", 10)  # a font ReportLab names itself first
    canv.drawString(10, 10, "x")
    internal = rl.reserve_font(doc, "probe#glyphs", Writer())
    assert internal == f"F{len(doc.fontMapping)}" and doc.fontMapping["probe#glyphs"] == "/" + internal
    canv.addLiteral(f"BT /{internal} 12 Tf 10 30 Td (y) Tj ET")
    canv.showPage()
    pdf = _pdf(canv, buf)
    assert Writer.calls == 1
    assert str(pdf.pages[0].obj.Resources.Font[f"/{internal}"].BaseFont) == "/Courier"


def test_add_literal_writes_operators_unchanged():
    buf = io.BytesIO()
    canv = Canvas(buf)
    canv.addLiteral("BT\n/F1 9 Tf\nET")
    canv.showPage()
    assert b"BT\n/F1 9 Tf\nET" in _page_stream(_pdf(canv, buf))


def test_binary_streams_drops_ascii85():
    from reportlab import rl_config

    before = rl_config.useA85
    try:
        rl.binary_streams()
        buf = io.BytesIO()
        canv = Canvas(buf)
        canv.drawString(10, 10, "x")
        canv.showPage()
        pdf = _pdf(canv, buf)
        filters = pdf.pages[0].obj.Contents.get("/Filter")
        assert str(filters) == "/FlateDecode" or [str(f) for f in filters] == ["/FlateDecode"]
    finally:
        rl_config.useA85 = before


# ---------------------------------------------------------------- drawing wrappers


def test_drawing_wrappers_sit_on_every_method_tagging_needs():
    from reportlab.platypus import tables

    wrapped = [
        rl_flowables.Flowable.drawOn,
        rl_flowables._Container.drawOn,
        Paragraph.drawOn,
        Paragraph.split,
        rl_flowables.LIIndenter.split,
        rl_flowables.DDIndenter.split,
        Table.split,
        rl_flowables.ListFlowable._getContent,
        rl_flowables.BulletDrawer.drawOn,
        tables.Table._drawBkgrnd,
        tables.Table._drawLines,
    ]
    assert all(getattr(f, rl.WRAPPED, False) for f in wrapped)
    rl.install(drawing=rl.DrawingHooks(*(lambda orig: pytest.fail("wrapped twice"),) * 5))  # idempotent


def test_table_still_draws_background_and_lines_through_the_wrapped_methods():
    calls = []

    class Spy(Table):
        def _drawBkgrnd(self):  # noqa: N802
            calls.append("bkgrnd")
            return super()._drawBkgrnd()

        def _drawLines(self):  # noqa: N802
            calls.append("lines")
            return super()._drawLines()

    t = Spy([["a", "b"]], style=[("GRID", (0, 0), (-1, -1), 0.5, "black")])
    canv = Canvas(io.BytesIO())
    t.wrapOn(canv, 200, 200)
    t.drawOn(canv, 10, 10)
    assert calls == ["bkgrnd", "lines"]


def test_list_bullets_are_drawn_by_bullet_drawer_with_the_indenter():
    seen = []
    orig = rl_flowables.BulletDrawer.drawOn

    def spy(self, indenter, canv, x, y, _sW=0):  # noqa: N803
        seen.append(type(indenter).__name__)
        return orig(self, indenter, canv, x, y, _sW)

    rl_flowables.BulletDrawer.drawOn = spy
    try:
        lst = ListFlowable([Paragraph("one", ParagraphStyle("s"))], bulletType="bullet")
        canv = Canvas(io.BytesIO())
        lst.wrapOn(canv, 200, 200)
        lst.drawOn(canv, 10, 10)
    finally:
        rl_flowables.BulletDrawer.drawOn = orig
    assert seen == ["LIIndenter"]


# ---------------------------------------------------------------- python-bidi


def test_bidi_levels_per_character_with_joiners_kept_in_place():
    assert rl.bidi_levels("ab אב", 0) == [0, 0, 0, 1, 1]
    assert rl.bidi_levels("ab אב", 1) == [2, 2, 1, 1, 1]
    text = "ل\u200dا 12"  # a ZWJ (BN, dropped by rule X9) takes the level before it
    levels = rl.bidi_levels(text, 1)
    assert len(levels) == len(text) and levels[1] == levels[0] == 1 and levels[-2:] == [2, 2]


def test_python_bidi_storage_is_still_a_dict_of_chars_with_levels():
    from bidi import algorithm as uba

    storage = uba.get_empty_storage()
    assert isinstance(storage, dict) and {"base_level", "base_dir", "chars"} <= storage.keys()
    uba.get_embedding_levels("a", storage)
    assert isinstance(storage["chars"][0], dict) and "level" in storage["chars"][0]


# ---------------------------------------------------------------- only the adapter


def _reportlab_names(tree: ast.Module) -> tuple[set[str], set[str]]:
    """(names bound to a reportlab module, names bound to anything imported from reportlab)."""
    modules: set[str] = set()
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "reportlab":
                    modules.add((a.asname or a.name).split(".")[0])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "reportlab":
            for a in node.names:
                imported.add(a.asname or a.name)
    return modules, imported


def _root(node: ast.expr) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def private_reportlab_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    modules, imported = _reportlab_names(tree)
    rl_bound = modules | imported
    found = []
    where = path.relative_to(SRC.parent).as_posix() if path.is_relative_to(SRC.parent) else path.name
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "reportlab":
            found += [f"{where}:{node.lineno}: imports {a.name}" for a in node.names if a.name.startswith("_")]
            if any(part.startswith("_") for part in node.module.split(".")):
                found.append(f"{where}:{node.lineno}: imports from {node.module}")
        private = isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
        if private and _root(node.value) in rl_bound:
            found.append(f"{where}:{node.lineno}: {ast.unparse(node)}")
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        elif isinstance(node, ast.Delete):
            targets = node.targets
        for t in targets:
            if isinstance(t, ast.Attribute) and _root(t) in rl_bound:
                found.append(f"{where}:{node.lineno}: assigns {ast.unparse(t)}")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"setattr", "delattr"}
            and node.args
            and _root(node.args[0]) in rl_bound
        ):
            found.append(f"{where}:{node.lineno}: {node.func.id}({ast.unparse(node.args[0])}, …)")
        if isinstance(node, ast.ClassDef) and any(_root(b) in imported for b in node.bases):
            for item in node.body:  # a subclass of a ReportLab class overriding one of its private methods
                if isinstance(item, ast.FunctionDef) and item.name in _private_names_reportlab_uses():
                    found.append(f"{where}:{item.lineno}: {node.name}.{item.name} overrides a private method")
    return found


def test_no_module_but_the_adapter_reaches_a_private_reportlab_name():
    found = [hit for path in sorted(SRC.rglob("*.py")) if path != ADAPTER for hit in private_reportlab_uses(path)]
    assert not found, "use brochure.media._reportlab instead:\n" + "\n".join(found)


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


@functools.cache
def _private_names_reportlab_uses() -> frozenset[str]:
    """Every `_name` ReportLab's own code reads or sets on an object (`self._aW`, `canv._code`, …)."""
    import reportlab

    names: set[str] = set()
    for path in Path(reportlab.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_bytes())):
            name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "name", None)
            if isinstance(node, ast.Attribute | ast.FunctionDef | ast.ClassDef) and _private(name):
                names.add(name)
    return frozenset(names)


# brochure's own attributes on its own objects that happen to share a name ReportLab uses somewhere else
# (Para._lines: ReportLab's chart labels have one; Tagger._seq; Project._load; preflight's _image, _pattern)
OWN_NAMES = frozenset({"_lines", "_seq", "_load", "_image", "_pattern"})


def test_no_module_but_the_adapter_reads_reportlabs_private_attributes_on_its_objects():
    """A frame, canvas or flowable in a variable (`frame._aW`, `canv._code`, `kt._content`) is ReportLab's
    object as much as a module is: no `._name` that ReportLab's own code uses (bar brochure's `OWN_NAMES`)."""
    rl_private = _private_names_reportlab_uses()
    files = [p for p in sorted(SRC.rglob("*.py")) if p != ADAPTER]
    assert "_aW" in rl_private and "_psCommandsAfterPage" in rl_private and "_content" in rl_private
    found = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = None
            if isinstance(node, ast.Attribute):
                name = node.attr
            elif isinstance(node, ast.Call) and getattr(node.func, "id", None) in {"getattr", "hasattr", "setattr"}:
                arg = node.args[1] if len(node.args) > 1 else None
                name = arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
            if name and name.startswith("_") and not name.startswith("__") and name in rl_private - OWN_NAMES:
                found.append(f"{path.relative_to(SRC.parent).as_posix()}:{node.lineno}: {ast.unparse(node)}")
    assert not found, "use brochure.media._reportlab instead:\n" + "\n".join(found)


def test_the_scan_finds_what_it_is_meant_to_find(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from reportlab.platypus import paragraph as _rl_paragraph, Paragraph\n"
        "from reportlab.rl_config import _FUZZ\n"
        "import reportlab.lib.textsplit\n"
        "_rl_paragraph.wordSplit = None\n"
        "reportlab.lib.textsplit.ALL_CANNOT_START += 'x'\n"
        "x = _rl_paragraph._something\n"
        "class P(Paragraph):\n"
        "    def _setup(self): pass\n",
        encoding="utf-8",
    )
    hits = private_reportlab_uses(probe)
    assert len(hits) == 5, hits
    assert rl.__file__ == str(ADAPTER)


# ---------------------------------------------------------------- line ends in the tagged text

LINE_TEXT = "The FDA approved ketamine as an anesthetic for surgery and the depression treatment of adults"


@pytest.fixture(scope="module")
def body_font() -> str:
    family = fonts.find("Noto Sans", None)
    assert family is not None, "Noto Sans ships with rendercv-fonts"
    fonts.register(family)
    return family.font_name("Regular")


def _hyphenating(font: str, **kw) -> ParagraphStyle:
    return ParagraphStyle("h", fontName=font, fontSize=10, leading=12, hyphenationLang="en_US", **kw)


def test_reportlab_still_marks_how_a_line_ends_by_the_type_of_its_last_word(body_font):
    p = Paragraph(LINE_TEXT, _hyphenating(body_font))
    p.wrap(170, 1000)
    ends = [rl.word_line_end(words[-1]) for _, words in p.blPara.lines]
    assert rl.LINE_END_HYPHEN in ends and ends[0] == rl.LINE_END_SPACE, ends
    assert isinstance(next(w[-1] for _, w in p.blPara.lines if w[-1].endswith("-")), rl_paragraph._SplitWordHY)
    first = p.split(170, 25)[0]  # the hyphenated word ends the first part: ReportLab re-types it
    first.wrap(170, 1000)
    assert isinstance(first.blPara.lines[-1][1][-1], rl_paragraph._SplitWordLL)
    styled = Paragraph(LINE_TEXT.replace("ketamine", "<b>ketamine</b>"), _hyphenating(body_font))
    styled.wrap(170, 1000)
    lines, frags = styled.blPara.lines, styled.frags
    last_words = [frags[lines[i + 1].sFW - 1] for i in range(len(lines) - 1)]
    assert isinstance(last_words[0], rl_paragraph._HSFrag)
    assert any(isinstance(w, rl_paragraph._SplitFragHY) for w in last_words), [type(w) for w in last_words]


def _drawn_text(draw) -> tuple[str, bytes]:
    """What a reader gets from the content stream in order (through ToUnicode, no spaces added), and the stream."""
    from tests.structread import _cmap

    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=(300, 300))
    draw(canv)
    pdf = _pdf(canv, buf)
    import pikepdf

    page = pdf.pages[0]
    fonts_ = page.obj.Resources.Font
    out, cmap = [], (1, {})
    for operands, op in pikepdf.parse_content_stream(page):
        if str(op) == "Tf":
            cmap = _cmap(fonts_[str(operands[0])])
        elif str(op) in ("Tj", "TJ"):
            for s in operands[0] if str(op) == "TJ" else [operands[0]]:
                if isinstance(s, pikepdf.String):
                    raw = bytes(s)
                    out.append("".join(cmap[1].get(raw[i : i + 1], "") for i in range(len(raw))))
    return "".join(out), _page_stream(pdf)


def _with_original_drawers():
    import contextlib

    @contextlib.contextmanager
    def swapped():
        saved = {n: getattr(rl_paragraph, n) for n in (*rl.LINE_DRAWERS, "_drawBullet")}
        try:
            for n, f in saved.items():
                setattr(rl_paragraph, n, getattr(f, rl.ORIGINAL))
            yield
        finally:
            for n, f in saved.items():
                setattr(rl_paragraph, n, f)

    return swapped()


@pytest.mark.parametrize("markup", [LINE_TEXT, LINE_TEXT.replace("ketamine", "<b>ketamine</b>")])
@pytest.mark.parametrize("align", [0, 4])  # left, justified
def test_drawn_lines_keep_their_word_space_and_an_added_hyphen_reads_as_a_soft_hyphen(body_font, markup, align):
    from brochure.text.paragraph import Para

    def draw(canv):
        p = Para(markup, _hyphenating(body_font, alignment=align, bulletFontName=body_font), bulletText="1.")
        p.wrap(140, 1000)
        p.drawOn(canv, 20, 100)

    ours, _ = _drawn_text(draw)
    assert ours.replace("\u00ad", "").split() == ["1.", *LINE_TEXT.split()], ours
    assert "\u00ad" in ours and "-" not in ours, ours  # the hyphen the break added, as U+00AD
    with _with_original_drawers():
        theirs, _ = _drawn_text(draw)
    assert theirs.split() != ["1.", *LINE_TEXT.split()], "ReportLab now writes the separators itself"


def test_cjk_lines_get_a_space_only_between_two_words_of_a_spaced_script(cjk_font):
    from brochure.text.paragraph import Para

    han = "氯胺酮是一种药物。一二三四五六七八九十一二三四五六七八九十"
    text = han + "Sanacora G, et al. A consensus statement on ketamine."

    def draw(canv):
        p = Para(text, ParagraphStyle("c", fontName=cjk_font, fontSize=10, leading=12, wordWrap="CJK"))
        p.wrap(60, 1000)
        assert len(p.blPara.lines) > 4
        p.drawOn(canv, 20, 100)

    ours, _ = _drawn_text(draw)
    assert ours.rstrip() == text, ours


def test_the_line_end_marks_move_no_visible_glyph(body_font, tmp_path):
    import shutil
    import subprocess

    if shutil.which("pdftoppm") is None:
        pytest.skip("needs poppler-utils (pdftoppm)")
    from brochure.text.paragraph import Para

    def render(name: str) -> bytes:
        buf = io.BytesIO()
        canv = Canvas(buf, pagesize=(300, 300))
        for i, align in enumerate((0, 1, 2, 4)):
            p = Para(LINE_TEXT.replace("ketamine", "<b>ketamine</b>", i % 2), _hyphenating(body_font, alignment=align))
            p.wrap(140, 1000)
            p.drawOn(canv, 20, 230 - 70 * i)
        canv.save()
        (tmp_path / f"{name}.pdf").write_bytes(buf.getvalue())
        pdf = str(tmp_path / f"{name}.pdf")
        subprocess.run(["pdftoppm", "-r", "100", "-gray", pdf, str(tmp_path / name)], check=True)
        return next(tmp_path.glob(f"{name}*.pgm")).read_bytes()

    ours = render("ours")
    with _with_original_drawers():
        theirs = render("theirs")
    assert ours == theirs
