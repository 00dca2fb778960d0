"""morctl: a sales Management Operating Rhythm as code."""

__version__ = "0.1.0"
