"""What ReportLab cannot write: marked content and the structure tree (PDF/UA-1), XMP, the press profile (PDF/X-4)."""
