"""Check the content without drawing it: glyph coverage, readability, plain language, safety, sources,
brands, translations, review."""
