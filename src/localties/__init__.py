"""localties: subnational diplomacy news turned into a traceable record."""

from localties.version import EXTRACTOR_VERSION, __version__

__all__ = ["EXTRACTOR_VERSION", "__version__"]
