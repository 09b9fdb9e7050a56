"""Version numbers: of the package, and of the extractor that stamps every stored record."""

__version__ = "0.1.0"
# Bump when extraction output can change for the same input text.
EXTRACTOR_VERSION = "localties-extract/0.1.0"
