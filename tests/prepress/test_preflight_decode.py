"""Issue 22: preflight decodes content-stream filters within a bound, and decodes them as qpdf does.

Each decoder is checked against qpdf on the same bytes (pikepdf's `read_bytes`), for ordinary data and for
chains; each bomb is stopped one byte past the bound, before it is expanded.
"""

from __future__ import annotations

import base64
import random
import zlib

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name

from brochure.prepress.preflight.decode import within_bound
from brochure.prepress.preflight.model import TooLargeError
from tests.hardening import lzw_bomb

LIMIT = 4 * 1024 * 1024


def lzw_encode(data: bytes, early: int = 1) -> bytes:
    """PDF LZW, written independently of the decoder under test (its width rule follows PDF 32000-1 7.4.4)."""
    out, acc, held = bytearray(), 0, 0

    def put(code: int, width: int) -> None:
        nonlocal acc, held
        acc, held = (acc << width) | code, held + width
        while held >= 8:
            held -= 8
            out.append((acc >> held) & 0xFF)
        acc &= (1 << held) - 1

    table = {bytes([i]): i for i in range(256)}
    width, nxt, w = 9, 258, b""
    put(256, width)
    for byte in data:
        wc = w + bytes([byte])
        if wc in table:
            w = wc
            continue
        put(table[w], width)
        table[wc], nxt = nxt, nxt + 1
        if nxt + early > 1 << width and width < 12:
            width += 1
        if nxt >= 4000:  # start again before the table is full
            put(256, width)
            table, width, nxt = {bytes([i]): i for i in range(256)}, 9, 258
        w = bytes([byte])
    if w:
        put(table[w], width)
        nxt += 1
        if nxt + early > 1 << width and width < 12:
            width += 1
    put(257, width)
    if held:
        out.append((acc << (8 - held)) & 0xFF)
    return bytes(out)


def run_length_encode(data: bytes) -> bytes:
    out, i = bytearray(), 0
    while i < len(data):
        run = 1
        while i + run < len(data) and run < 128 and data[i + run] == data[i]:
            run += 1
        if run > 1:
            out += bytes([257 - run, data[i]])
        else:
            lit = data[i : i + 128]
            out += bytes([len(lit) - 1]) + lit
            run = len(lit)
        i += run
    return bytes(out + b"\x80")


def qpdf_and_ours(raw: bytes, filters: list[str], parms: list | None = None) -> tuple[bytes, bytes | None]:
    pdf = pikepdf.new()
    stream = pikepdf.Stream(pdf, b"")
    names = Array([Name(f) for f in filters])
    stream.write(raw, filter=names, decode_parms=Array(parms) if parms else None)
    got = within_bound(raw, filters, parms or [], LIMIT)
    return stream.read_bytes(pikepdf.StreamDecodeLevel.specialized), got  # RunLength is "specialized" in qpdf


CONTENT = (b"BT /F1 11 Tf 72 700 Td (Ketamine-assisted therapy) Tj ET\n0.2 0.4 0.6 rg 0 0 612 40 re f\n" * 300) + bytes(
    random.Random(7).randrange(256) for _ in range(5000)
)


@pytest.mark.parametrize(
    ("filters", "encode"),
    [
        (["/FlateDecode"], zlib.compress),
        (["/ASCIIHexDecode"], lambda d: d.hex().encode() + b">"),
        (["/ASCII85Decode"], lambda d: base64.a85encode(d) + b"~>"),
        (["/LZWDecode"], lzw_encode),
        (["/RunLengthDecode"], run_length_encode),
        (["/ASCII85Decode", "/FlateDecode"], lambda d: base64.a85encode(zlib.compress(d), wrapcol=70) + b"~>"),
        (["/ASCIIHexDecode", "/LZWDecode"], lambda d: lzw_encode(d).hex().encode() + b">"),
    ],
)
def test_each_filter_decodes_as_qpdf_does(filters, encode):
    expected, got = qpdf_and_ours(encode(CONTENT), filters)
    assert expected == CONTENT
    assert got == CONTENT


def test_lzw_without_early_change_decodes_as_qpdf_does():
    expected, got = qpdf_and_ours(lzw_encode(CONTENT, early=0), ["/LZWDecode"], [Dictionary(EarlyChange=0)])
    assert expected == got == CONTENT


def test_a_predictor_is_left_to_qpdf_once_the_size_is_known_to_be_inside_the_bound():
    assert within_bound(zlib.compress(b"\x00" * 100), ["/FlateDecode"], [Dictionary(Predictor=12)], LIMIT) is None
    with pytest.raises(TooLargeError, match="over 4,194,304 bytes"):
        within_bound(zlib.compress(b"\x00" * (LIMIT + 1)), ["/FlateDecode"], [Dictionary(Predictor=12)], LIMIT)


def test_the_lzw_bomb_of_the_end_to_end_test_is_what_it_says():
    expected = b"a" * 58_936_328
    assert within_bound(lzw_bomb(1), ["/LZWDecode"], [], 10**8) == expected


def test_damaged_data_is_left_to_qpdf_which_stops_where_it_starts():
    assert within_bound(b"not zlib at all", ["/FlateDecode"], [], LIMIT) is None


@pytest.mark.parametrize(
    ("filters", "bomb"),
    [
        (["/RunLengthDecode"], lambda: b"\x81 " * (LIMIT // 128 + 10) + b"\x80"),  # 2 bytes make 128
        (["/LZWDecode"], lambda: lzw_bomb(1)),  # 44 KB of codes for 59 MB
        (["/ASCII85Decode"], lambda: b"z" * (LIMIT // 4 + 10) + b"~>"),
        (["/ASCIIHexDecode"], lambda: b"20" * (LIMIT + 10) + b">"),
        (["/ASCII85Decode", "/FlateDecode"], lambda: base64.a85encode(zlib.compress(b" " * LIMIT * 4, 9)) + b"~>"),
    ],
)
def test_each_bomb_stops_one_byte_past_the_bound(filters, bomb):
    with pytest.raises(TooLargeError, match="a content stream over 4,194,304 bytes"):
        within_bound(bomb(), filters, [], LIMIT)
