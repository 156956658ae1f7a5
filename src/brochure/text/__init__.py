"""Text before it is placed: inline marks, prose for the checks, paragraphs with font fallback and CJK,
right-to-left and Arabic shaping."""
