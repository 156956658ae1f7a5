"""The version, on its own: the modules of the pipeline read it here, not from `brochure` (whose API sits above
them all, README: Python API)."""

__version__ = "0.1.0"
