"""`office`, the default: for clinic printers. RGB, the page is the trim, live links, no marks, no edge colour."""

from brochure.media.profiles import Profile, register

PROFILE = register(
    Profile(
        name="office",
        description="RGB colour, MediaBox = trim size, no marks: for clinic printers",
        cmyk=False,
        bleed=False,
        marks=False,
        pdfx=None,
        pdf_version="1.7",
        links=True,
        min_ppi=150,
        suffix="",
        imposable=True,
        edge=12.0,  # 4.2 mm: the unprintable margin most office laser and inkjet printers keep
    )
)
