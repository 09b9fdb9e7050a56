"""Placeholder: filled by its stage."""

import click

COMMANDS: list[click.Command] = []
