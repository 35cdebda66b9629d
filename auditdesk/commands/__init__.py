"""Headless jobs behind ``auditdesk SUBCOMMAND``.

Each module exposes ``register(subparsers, common)``: it adds its sub-parser(s), using
``common`` (a parent parser with ``--db`` and ``--json``) and sets ``func`` to a callable
``func(args) -> int`` returning the exit code (0 ok, 1 the job found a problem, 2 bad usage).
Errors meant for the user are raised as :class:`auditdesk.commands.base.CommandError`.
"""

# The order here is the order of ``auditdesk --help``.
COMMAND_MODULES = [
    "demo",
    "listing",
    "calc",
    "import_",
    "export",
    "check",
    "backup",
    "migrate",
    "bench",
]
