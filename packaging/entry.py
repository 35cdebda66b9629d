"""The frozen program's entry point (PyInstaller runs this file, not ``python -m``).

``AuditDesk`` (the GUI) and ``auditdesk-cli`` are this one script built twice. A frozen
program has no ``python -m auditdesk.ui.worker_process``, so the GUI starts its worker
processes as ``<this program> --worker-process`` (see ``auditdesk/ui/jobs.py``).
"""

from __future__ import annotations

import multiprocessing
import sys


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker-process":
        from auditdesk.ui.worker_process import main as worker_main

        return int(worker_main() or 0)
    from auditdesk.cli import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
