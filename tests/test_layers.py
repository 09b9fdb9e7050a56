"""The layer order of `src/localties`: data flows one way, and no import goes upward.

Every module belongs to a layer; a module may import its own layer and those below,
never one above, and the import graph has no cycle. The order is the one README.md
("Layout") documents:

    base       errors, version, model, textfold   (no other part of localties)
    knowledge  resolve, knowledge                 (places, officials, titles, word lists)
    ingest     ingest, sources                    (files, records, URLs -> RawArticle)
    text       clean, glue                        (the story view)
    nlp        nlp                                (the spaCy pipeline)
    extract    extract                            (records)
    kb         kb                                 (consolidation, canonical persons and places)
    store      store                              (SQLite; the Store protocol)
    export     export                             (CSV, JSONL, GraphML/GEXF, PLOVER)
    evaluate   evaluate                           (the contract's scoring)
    pipeline   pipeline, cluster, workers         (the one orchestrator; Dask; --jobs workers)
    web        web                                (the dashboard and REST API)
    cli        cli, __main__                      (commands, thin over the pipeline)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "localties"
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "version", "model", "textfold"),
    ("resolve", "knowledge"),
    ("ingest", "sources"),
    ("clean", "glue"),
    ("nlp",),
    ("extract",),
    ("kb",),
    ("store",),
    ("export",),
    ("evaluate",),
    ("pipeline", "cluster", "workers"),
    ("web",),
    ("cli", "__main__"),
)
RANK = {part: rank for rank, parts in enumerate(LAYERS) for part in parts}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every localties module the file imports, anywhere in it (lazy imports included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("localties")}
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.level == 0
            and node.module.startswith("localties")
        ):
            found.add(node.module)
            base = SRC.parent / node.module.replace(".", "/")
            found |= {
                f"{node.module}.{a.name}"
                for a in node.names
                if (base / a.name).exists() or (base / f"{a.name}.py").exists()
            }
    return found


def layer(module: str) -> int:
    parts = module.split(".")
    if len(parts) == 1:
        return 0  # the package itself: its __init__ only re-exports the version
    return RANK[parts[1]]


MODULES = {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def test_every_module_has_a_layer() -> None:
    unknown = {m for m in MODULES if "." in m and m.split(".")[1] not in RANK}
    assert not unknown, f"add these to LAYERS (and README's layout): {sorted(unknown)}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_goes_to_a_later_layer(module: str) -> None:
    upward = [
        target
        for target in imports(MODULES[module])
        if target in MODULES and layer(target) > layer(module)
    ]
    assert not upward, f"{module} (layer {layer(module)}) imports later layers: {upward}"


def test_the_import_graph_has_no_cycle() -> None:
    graph = {m: {t for t in imports(p) if t in MODULES and t != m} for m, p in MODULES.items()}
    # A package's own __init__ importing its submodules is how packages work; a submodule
    # importing its parent package back is a cycle.
    done: set[str] = set()
    path: list[str] = []

    def visit(node: str) -> None:
        if node in path:
            cycle = [*path[path.index(node) :], node]
            pytest.fail("import cycle: " + " -> ".join(cycle), pytrace=False)
        if node in done:
            return
        path.append(node)
        for target in sorted(graph[node]):
            visit(target)
        path.pop()
        done.add(node)

    for module in sorted(graph):
        visit(module)


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text("def f():\n    from localties.pipeline import Pipeline\n")
    assert "localties.pipeline" in imports(sample)
    assert layer("localties.pipeline") > layer("localties.extract.facts")
