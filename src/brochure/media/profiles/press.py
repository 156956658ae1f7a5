"""`press`: for a print shop. CMYK only, bleed, crop and fold marks, PDF/X-4, nothing interactive."""

from brochure.media.profiles import Profile, register

PROFILE = register(
    Profile(
        name="press",
        description="CMYK, bleed, crop and fold marks, PDF/X-4: for a print shop",
        cmyk=True,
        bleed=True,
        marks=True,
        pdfx="PDF/X-4",
        pdf_version="1.6",  # PDF/X-4 is built on PDF 1.6
        links=False,
        min_ppi=300,
        suffix="-press",
        imposable=False,
        preflight=frozenset(
            {
                "box.no-trim",
                "box.no-bleed",
                "box.thin-bleed",
                "press.no-output-intent",
                "press.output-intent-not-cmyk",
                "color.rgb",
                "annot.printable",
            }
        ),
    )
)
