"""``python -m sroi_core``: the ``sroi`` command line."""

from sroi_core.cli import run

run()
