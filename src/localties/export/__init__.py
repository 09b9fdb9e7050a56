"""Exports for other tools: CSV and JSONL tables, the tie network, PLOVER-style events.

Each writer takes an iterable and a text stream, so nothing holds more than the rows it
is writing (the tie network, being a graph, is built whole: one node per locality).
"""

from localties.export.network import tie_network, write_network
from localties.export.plover import plover_rows
from localties.export.tables import event_rows, write_csv, write_jsonl

__all__ = ["event_rows", "plover_rows", "tie_network", "write_csv", "write_jsonl", "write_network"]
