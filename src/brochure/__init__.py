"""brochure: structured YAML content in, branded print-ready patient handouts out."""

__version__ = "0.1.0"
