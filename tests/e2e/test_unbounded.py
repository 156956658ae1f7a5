"""Issue 22, unbounded work: each command stops at its documented bound (README: Limits) with a clear message.

Every case runs the real command in a child process with a time limit (and,
where the old failure was memory, a memory limit), so a regression fails the
test instead of hanging or exhausting the machine.
"""

from __future__ import annotations

import base64
import os
import re
import resource
import struct
import time
import zlib
from pathlib import Path

import pytest

from tests.hardening import cli, flate_bomb, lzw_bomb, world_readable_project

ONE = ["--brand", "default", "--lang", "en", "--length", "flyer", "--paper", "letter"]
MEMORY = [(resource.RLIMIT_AS, 3 * 1024**3)]  # far above a build's needs, far below "all of it"


def refused(res, *words: str) -> str:
    out = res.stdout + res.stderr
    assert res.returncode == 1, out[-3000:]
    assert "Traceback" not in out and "internal error" not in out, out[-3000:]
    for w in words:
        assert w in out, out[-3000:]
    return out


@pytest.fixture
def proj() -> Path:
    return world_readable_project()


# ------------------------------------------------------------ files: checked before they are read
def test_a_pipe_in_the_content_folder_does_not_hang_the_build(proj):
    os.mkfifo(proj / "content/en/notes.yaml")  # a stray pipe: not a section, but in the folder the build hashes
    res = cli("build", *ONE, "-q", cwd=proj, timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr
    assert cli("check", cwd=proj, timeout=120).returncode in (0, 1)


def test_a_pipe_as_a_section_is_a_located_error(proj):
    (proj / "content/en/safety.yaml").unlink()
    os.mkfifo(proj / "content/en/safety.yaml")
    for command in (["build", *ONE, "-q"], ["check"]):
        refused(cli(*command, cwd=proj, timeout=120), "content/en/safety.yaml", "not a regular file")


@pytest.mark.parametrize("how", ["path", "symlink"])
def test_a_device_as_the_brand_is_refused_before_reading(proj, how):
    brand = "/dev/zero"
    if how == "symlink":
        (proj / "assets/brands/zero.yaml").symlink_to("/dev/zero")
        brand = "zero"
    start = time.monotonic()
    res = cli("build", "--brand", brand, "--length", "flyer", "-q", cwd=proj, timeout=60, limits=MEMORY)
    refused(res, "not a regular file")
    assert time.monotonic() - start < 30


def test_a_huge_sparse_yaml_is_refused_by_its_size(proj):
    with open(proj / "content/en/safety.yaml", "r+b") as fh:
        fh.truncate(4 * 1024**3)  # 4 GB, sparse: nothing read past the first megabyte
    refused(cli("check", cwd=proj, timeout=60, limits=MEMORY), "the limit is 1,000,000")


# ------------------------------------------------------------ fonts
def _bomb_font(dest: Path) -> None:
    """Noto Sans with four bytes changed: its last format-12 cmap group ends at U+FFFFFF."""
    from brochure.media import fonts

    data = bytearray(fonts.find("Noto Sans", []).files["Regular"].read_bytes())
    (num,) = struct.unpack_from(">H", data, 4)
    base = next(
        struct.unpack_from(">I", data, 20 + 16 * i)[0] for i in range(num) if data[12 + 16 * i : 16 + 16 * i] == b"cmap"
    )
    (count,) = struct.unpack_from(">H", data, base + 2)
    for k in range(count):
        (off,) = struct.unpack_from(">I", data, base + 8 + 8 * k)
        if struct.unpack_from(">H", data, base + off)[0] == 12:
            (groups,) = struct.unpack_from(">I", data, base + off + 12)
            struct.pack_into(">I", data, base + off + 16 + 12 * (groups - 1) + 4, 0xFFFFFFFF)
            break
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(bytes(data))


def test_a_font_with_a_huge_cmap_is_refused_within_bounds(proj):
    _bomb_font(proj / "assets/fonts/Bomb Sans/BombSans-Regular.ttf")
    start = time.monotonic()
    res = cli("build", *ONE, "-q", "--set", "brand.fonts.body=Bomb Sans", cwd=proj, timeout=120, limits=MEMORY)
    out = refused(res, "character map is damaged")
    assert re.search(r"^--set brand\.fonts\.body: error: ", out, re.M), out
    assert time.monotonic() - start < 60


# ------------------------------------------------------------ term patterns
def test_a_runaway_pattern_is_refused_before_check_runs_it(proj):
    path = proj / "content/en/language.yaml"
    text = re.sub(r"^  frequency: .*$", "  frequency: '^(\\\\w+\\\\s?)+$'", path.read_text(), count=1, flags=re.M)
    path.write_text(text)
    refused(cli("check", cwd=proj, timeout=60), "nested quantifiers")


# ------------------------------------------------------------ processes
def test_more_workers_than_the_process_limit_is_a_clear_error(proj):
    start = time.monotonic()
    res = cli("build", "--length", "flyer", "-j", "40", "-q", cwd=proj, timeout=120, as_="other-user",
              limits=[(resource.RLIMIT_NPROC, 12)])  # fmt: skip
    refused(res, "-j 40: error: could not start 40 worker processes", "use a smaller -j")
    assert time.monotonic() - start < 90
    assert not list(proj.rglob("*.part"))


# ------------------------------------------------------------ preflight on hostile PDFs
def _pdf(path: Path, kind: str) -> None:
    import pikepdf
    from pikepdf import Array, Dictionary, Name, Stream

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(612, 792))
    page = pdf.pages[0]
    if kind == "fan-out":  # 30 forms, each drawing the next twice: 2^30 form calls in a few KB
        prev = None
        for _ in range(30):
            form = Stream(pdf, b"0 0 m 1 1 l S" if prev is None else b"/X Do /X Do")
            form.Type, form.Subtype, form.BBox = Name.XObject, Name.Form, Array([0, 0, 10, 10])
            form.Resources = Dictionary() if prev is None else Dictionary(XObject=Dictionary(X=prev))
            prev = pdf.make_indirect(form)
        page.obj.Resources = Dictionary(XObject=Dictionary(X=prev))
        page.obj.Contents = pdf.make_indirect(Stream(pdf, b"/X Do"))
    elif kind in ("zip-bomb", "operator-bomb"):
        data = flate_bomb(1000) if kind == "zip-bomb" else zlib.compress(b"0 0 m\n" * 200_000 * 15, 9)
        st = Stream(pdf, data)
        st.Filter = Name.FlateDecode
        page.obj.Contents = pdf.make_indirect(st)
    elif kind == "lzw-bomb":  # 2.6 MB that qpdf would decode to 3.5 GB
        st = Stream(pdf, b"")
        st.write(lzw_bomb(60), filter=Name.LZWDecode)
        page.obj.Contents = pdf.make_indirect(st)
    elif kind == "a85-flate-bomb":  # Flate behind ASCII85: 4 MB that qpdf would decode to 3.2 GB
        st = Stream(pdf, b"")
        st.write(base64.a85encode(flate_bomb(3200)) + b"~>", filter=Array([Name.ASCII85Decode, Name.FlateDecode]))
        page.obj.Contents = pdf.make_indirect(st)
    elif kind == "pages":
        for _ in range(2_500):
            pdf.add_blank_page(page_size=(612, 792))
    pdf.save(path, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)  # filters as written


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("fan-out", "more than 20,000 form calls"),
        ("zip-bomb", "a content stream over 4,194,304 bytes"),
        ("operator-bomb", "a content stream over 4,194,304 bytes"),
        ("lzw-bomb", "a content stream over 4,194,304 bytes"),
        ("a85-flate-bomb", "a content stream over 4,194,304 bytes"),
        ("pages", "2,501 pages (the limit is 2,000)"),
    ],
)
def test_preflight_stops_at_its_bounds(tmp_path, kind, words):
    path = tmp_path / f"{kind}.pdf"
    _pdf(path, kind)
    start = time.monotonic()
    res = cli("preflight", str(path), cwd=tmp_path, timeout=90, limits=MEMORY)
    out = refused(res, "too large to check completely", words, "README: Limits")
    assert f"{path.name}: error: too large" in out or f"{path}: error: too large" in out, out
    assert time.monotonic() - start < 60
