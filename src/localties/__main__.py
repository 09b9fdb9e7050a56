"""`python -m localties`: the command line."""

from localties.cli import cli

cli()
