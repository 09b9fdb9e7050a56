"""The tie network: localities as nodes, the reports that tie them as weighted edges."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import networkx as nx

from localties.model import ArticleResult


def tie_network(
    results: Iterable[ArticleResult], place: Callable[[str], tuple[str, str, str] | None]
) -> nx.Graph:
    """An undirected graph of the ties the stored results state.

    Nodes are place codes with `name`, `country` and `level` (from `place(code)`, which
    returns (name, country, level) or None); an edge's `weight` is the number of
    supporting reports, `first` and `last` the earliest and latest publication date of
    those reports, and `records` their record ids (`ARTICLE#tie#N`, space-separated).
    """
    graph = nx.Graph()
    for result in results:
        published = result.article.published or ""
        for number, tie in enumerate(result.ties):
            for code in (tie.a, tie.b):
                if code not in graph:
                    name, country, level = place(code) or (code, code[:2], "unknown")
                    graph.add_node(code, name=name, country=country, level=level)
            record = f"{result.id}#tie#{number}"
            if graph.has_edge(tie.a, tie.b):
                data = graph.edges[tie.a, tie.b]
                data["weight"] += 1
                data["records"] += " " + record
                if published:
                    data["first"] = min(filter(None, (data["first"], published)))
                    data["last"] = max(data["last"], published)
            else:
                graph.add_edge(
                    tie.a, tie.b, weight=1, first=published, last=published, records=record
                )
    return graph


def write_network(graph: nx.Graph, path: Path, fmt: str) -> None:
    """Write the graph as GraphML (`graphml`) or GEXF (`gexf`)."""
    if fmt == "graphml":
        nx.write_graphml(graph, path)
    elif fmt == "gexf":
        nx.write_gexf(graph, path)
    else:
        raise ValueError(f"unknown network format {fmt!r}")
