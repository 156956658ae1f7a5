"""Content-stream filters decoded within a byte bound, so no filter chain can make preflight use all the memory.

qpdf decodes a stream whole before it hands it over: a few KB of LZW, RunLength or a Flate stream behind ASCII85
can ask for gigabytes. The standard filters a content stream may use are decoded here first, each stage stopping
one byte past the bound. A chain with a predictor (`/DecodeParms`) is decoded by qpdf only after this has shown
its size is inside the bound (a predictor never makes data larger). DamagedError data stops the decoding where the
damage starts, as qpdf does, and qpdf then gets its say on it.
"""

from __future__ import annotations

import base64
import zlib

from .model import TooLargeError

FLATE = ("/FlateDecode", "/Fl")
DECODERS_BY_NAME = {
    **dict.fromkeys(FLATE, "flate"),
    "/ASCIIHexDecode": "hex",
    "/AHx": "hex",
    "/ASCII85Decode": "a85",
    "/A85": "a85",
    "/LZWDecode": "lzw",
    "/LZW": "lzw",
    "/RunLengthDecode": "rl",
    "/RL": "rl",
}
_WHITESPACE = b"\x00\t\n\x0c\r "


class DamagedError(Exception):
    """The data is damaged at this point; what came before it was inside the bound."""


def _too_large(limit: int) -> TooLargeError:
    return TooLargeError(f"too large to check completely: a content stream over {limit:,} bytes")


def _flate(data: bytes, limit: int) -> bytes:
    try:
        out = zlib.decompressobj().decompress(data, limit + 1)
    except zlib.error as exc:
        raise DamagedError from exc
    if len(out) > limit:
        raise _too_large(limit)
    return out


def _hex(data: bytes, limit: int) -> bytes:
    digits = data.split(b">", 1)[0].translate(None, _WHITESPACE)
    if len(digits) // 2 > limit:
        raise _too_large(limit)
    try:
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))
    except ValueError as exc:
        raise DamagedError from exc


def _a85(data: bytes, limit: int) -> bytes:
    body = data.translate(None, _WHITESPACE)
    body = body[2:] if body.startswith(b"<~") else body
    body = body.split(b"~>", 1)[0]
    if body.count(b"z") * 4 + len(body) > limit * 5 // 4 + 5:  # an upper bound on the decoded size
        raise _too_large(limit)
    try:
        return base64.a85decode(body)
    except ValueError as exc:
        raise DamagedError from exc


def _run_length(data: bytes, limit: int) -> bytes:
    out = bytearray()
    i = 0
    while i < len(data):
        n = data[i]
        if n == 128:  # end of data
            break
        if n < 128:
            chunk = data[i + 1 : i + 2 + n]
            i += 2 + n
        else:
            chunk = data[i + 1 : i + 2] * (257 - n)
            i += 2
        out += chunk
        if len(out) > limit:
            raise _too_large(limit)
    return bytes(out)


def _lzw(data: bytes, limit: int, early: int = 1) -> bytes:
    """PDF's LZW (MSB first, 9-12 bit codes, 256 clears, 257 ends; `early` is /EarlyChange)."""
    out = bytearray()
    table = [bytes([i]) for i in range(256)] + [b"", b""]
    width, acc, held, prev = 9, 0, 0, b""
    for byte in data:
        acc, held = (acc << 8) | byte, held + 8
        while held >= width:
            held -= width
            code, acc = acc >> held, acc & ((1 << held) - 1)
            if code == 256:
                table, width, prev = table[:258], 9, b""
                continue
            if code == 257:
                return bytes(out)
            if code < len(table):
                entry = table[code]
                if prev:
                    table.append(prev + entry[:1])
            elif code == len(table) and prev:
                entry = prev + prev[:1]
                table.append(entry)
            else:
                raise DamagedError
            out += entry
            if len(out) > limit:
                raise _too_large(limit)
            prev = entry
            if len(table) + early >= 1 << width and width < 12:
                width += 1
    return bytes(out)


_DECODE = {"flate": _flate, "hex": _hex, "a85": _a85, "rl": _run_length}


def within_bound(raw: bytes, filters: list[str], parms: list, limit: int) -> bytes | None:
    """The decoded bytes, or None when qpdf must decode them; TooLargeError past `limit`.

    None is returned for a chain with a predictor or a filter not decoded here (an image filter in a content
    stream, which qpdf refuses) and for damaged data; the stages before were still held to the bound.
    """
    data = raw
    for i, name in enumerate(filters):
        kind = DECODERS_BY_NAME.get(name)
        if kind is None:
            return None
        parm = parms[i] if i < len(parms) else None
        try:
            if kind == "lzw":
                early = int(parm.get("/EarlyChange", 1)) if parm is not None else 1
                data = _lzw(data, limit, early)
            else:
                data = _DECODE[kind](data, limit)
        except DamagedError:
            return None
        if parm is not None and int(parm.get("/Predictor", 1)) > 1:
            if i < len(filters) - 1:  # what follows would work on data not decoded here: no bound can be shown
                raise TooLargeError("too large to check completely: a predictor before another filter")
            return None  # a predictor shrinks its input: qpdf's result is inside the bound too
    return data
