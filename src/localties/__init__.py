"""localties: subnational diplomacy news turned into a traceable record."""

from localties.version import __version__, extractor_version

__all__ = ["__version__", "extractor_version"]
