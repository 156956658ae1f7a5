"""The building blocks every input model shares: bounded texts, slugs, colours, paper names, the strict base."""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from brochure.media import papers

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")]
HexColor = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]


def _known_paper(value: object) -> str:
    """A paper `media.papers` knows, refused as a Literal would be (same error type, same message)."""
    if isinstance(value, str) and papers.known(value):
        return value
    names = [repr(n) for n in papers.names()]
    expected = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]
    raise PydanticCustomError("literal_error", "Input should be {expected}", {"expected": expected})


# a name in the paper registry, checked when a file is read (so a registered paper is valid at once);
# editors' schema lists the built-in ones
Paper = Annotated[str, BeforeValidator(_known_paper), WithJsonSchema({"enum": list(papers.names()), "type": "string"})]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Described(Strict):
    """A model whose field docstrings are their descriptions: in the JSON Schema (editors show them) and in
    docs/brand.md and docs/layouts.md. Only the brand and layout models use it: reading the docstrings means
    parsing the class's source, which every `brochure` command would otherwise pay for at import."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, use_attribute_docstrings=True)
