"""Version numbers: of the package, and of the rules and data that stamp every stored record.

`extractor_version()` is the package version plus a digest of every file whose change
can change what extraction outputs for the same text: the rule modules (`extract/`,
`resolve/`, `knowledge/`, the text stage and the spaCy pipeline set-up), the record
model and the packaged data (gazetteer, registry, lexicons; not the bundled sample).
A record stored with one version was made by exactly those rules and data.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

__version__ = "0.1.0"

# Parts of the package that decide extraction output, relative to the package root.
RULE_PARTS = (
    "extract",
    "resolve",
    "knowledge",
    "data/places",
    "data/officials",
    "data/lexicon",
    "model/records.py",
    "model/edtf.py",
    "model/ids.py",
    "clean.py",
    "glue.py",
    "textfold.py",
    "nlp.py",
)


def _files(node: Traversable, path: str) -> list[tuple[str, Traversable]]:
    if node.is_file():
        return [(path, node)]
    if not node.is_dir():
        return []
    found: list[tuple[str, Traversable]] = []
    for child in node.iterdir():
        if child.name.startswith(".") or child.name == "__pycache__":
            continue
        found += _files(child, f"{path}/{child.name}")
    return found


@cache
def rules_digest() -> str:
    """A digest of the rule modules and data files (12 hex digits)."""
    root = files("localties")
    digest = hashlib.sha256()
    for part in RULE_PARTS:
        node = root
        for name in part.split("/"):
            node = node / name
        for path, item in sorted(_files(node, part), key=lambda pair: pair[0]):
            if path.endswith((".pyc", ".pyo")):
                continue
            digest.update(path.encode() + b"\0" + item.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def extractor_version() -> str:
    """`localties-extract/0.1.0+<digest>`: what stamps every stored record."""
    return f"localties-extract/{__version__}+{rules_digest()}"
