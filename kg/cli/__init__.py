"""The ``fazhi-kg`` command line: :mod:`kg.cli.commands` parses arguments, calls one library
function and prints through :mod:`kg.render`.  The only package that writes to the terminal."""

from kg.cli.commands import app, main

__all__ = ["app", "main"]
