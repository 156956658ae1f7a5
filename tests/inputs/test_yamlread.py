from pathlib import Path

import pytest

from brochure.errors import BrochureError
from brochure.inputs.yamlread import load


def problems_of(tmp_path: Path, content: bytes | str) -> list[str]:
    p = tmp_path / "f.yaml"
    p.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(BrochureError) as exc:
        load(p, tmp_path)
    return [x.render() for x in exc.value.problems]


def test_values_keep_their_line_and_column(tmp_path):
    p = tmp_path / "f.yaml"
    p.write_text("title: A\nbody:\n  - paragraph: x\n  - bullets:\n      - one\n      - two\n")
    doc = load(p, tmp_path)
    assert doc.data["body"][1]["bullets"] == ["one", "two"]
    assert str(doc.where(("body", 1, "bullets", 1))) == "f.yaml:6:9"
    assert str(doc.where(("body", 0, "nothere"))) == "f.yaml:3:5"


def test_duplicate_keys_are_an_error(tmp_path):
    (msg,) = problems_of(tmp_path, "title: A\ntitle: B\n")
    assert "f.yaml:2:1" in msg and "duplicate key `title`" in msg and "line 1" in msg


def test_tabs_point_at_the_line_and_say_spaces(tmp_path):
    (msg,) = problems_of(tmp_path, "a:\n\tb: 1\n")
    assert "f.yaml:2:1" in msg and "use spaces" in msg


def test_alias_bomb_is_refused(tmp_path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefgh"):
        prev = "abcdefgh"[i]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    (msg,) = problems_of(tmp_path, "\n".join(lines) + "\n")
    assert "alias" in msg


def test_non_utf8_names_line_and_byte(tmp_path):
    (msg,) = problems_of(tmp_path, b"title: ok\nsummary: caf\xe9\n")
    assert "f.yaml:2:13" in msg and "0xe9" in msg and "UTF-8" in msg


def test_bom_is_accepted(tmp_path):
    p = tmp_path / "f.yaml"
    p.write_bytes(b"\xef\xbb\xbftitle: A\n")
    assert load(p, tmp_path).data == {"title": "A"}


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n"])
def test_empty_files_say_so(tmp_path, text):
    (msg,) = problems_of(tmp_path, text)
    assert "file is empty" in msg


def test_deep_nesting_is_refused(tmp_path):
    (msg,) = problems_of(tmp_path, "a: " + "[" * 60 + "]" * 60 + "\n")
    assert "nesting deeper" in msg
