"""After the PDF: saddle-stitch imposition, and preflight of any PDF against the office or press profile."""
