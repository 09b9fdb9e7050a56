"""Every command's `--help` is its docstring, with its example printed intact."""

from __future__ import annotations

import inspect

import click
import pytest
from click.testing import CliRunner

from localties.cli import cli


def commands() -> list[tuple[str, click.Command]]:
    found = [("", cli)]
    found += [(name, command) for name, command in sorted(cli.commands.items())]
    return found


def example_lines(command: click.Command) -> list[str]:
    """The lines of the docstring's example block (after `Example:` and `\\b`)."""
    doc = inspect.cleandoc(command.callback.__doc__ or "") if command.callback else ""
    if not doc and command.help:
        doc = inspect.cleandoc(command.help)
    _, _, after = doc.partition("Example:")
    lines = [line.strip() for line in after.splitlines() if line.strip()]
    return [line for line in lines if line != "\b"]


@pytest.mark.parametrize(("name", "command"), commands(), ids=lambda v: v or "localties")
def test_help_prints_the_example_intact(name: str, command: click.Command) -> None:
    result = CliRunner().invoke(cli, [*([name] if name else []), "--help"])
    assert result.exit_code == 0, result.output
    examples = example_lines(command)
    assert examples, f"`localties {name}` has no example in its docstring"
    printed = [line.strip() for line in result.output.splitlines()]
    for line in examples:
        assert line in printed, f"`localties {name} --help` rewrapped {line!r}"


def test_every_command_is_listed_in_the_group_help() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    for name in cli.commands:
        assert name in result.output
