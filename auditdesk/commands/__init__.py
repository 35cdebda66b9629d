"""Headless jobs behind ``auditdesk SUBCOMMAND``.

Each module exposes ``register(subparsers, common)``: it adds its sub-parser(s), using
``common`` (a parent parser with ``--db`` and ``--json``) and sets ``func`` to a callable
``func(args) -> int`` returning the exit code (0 ok, 1 the job found a problem, 2 bad usage).
Errors meant for the user are raised as :class:`auditdesk.commands.base.CommandError`.
"""

# The order here is the order of ``auditdesk --help``. A plain name is a module of this package;
# a dotted name is a module elsewhere (the benchmark harness drives the GUI, so its command lives
# in ``auditdesk.bench``, above this package in the layers, not inside it).
COMMAND_MODULES = [
    "init",
    "sync",
    "demo",
    "listing",
    "calc",
    "import_",
    "export",
    "cnca",
    "breaches",
    "conditions",
    "standards",
    "check",
    "consistency",
    "verify",
    "backup",
    "migrate",
    "users",
    "auditdesk.bench.command",
]
