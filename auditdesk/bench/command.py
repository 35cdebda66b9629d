"""``auditdesk bench generate|run``: the reference dataset and the performance harness.

    auditdesk bench generate --db PATH --scale N [--seed S] [--today YYYY-MM-DD]
    auditdesk bench reindex --db PATH
    auditdesk bench run --db PATH [--json FILE] [--only NAME[,NAME...]] [--repeat N]

Not part of the default test run; see auditdesk/bench/README.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from auditdesk.commands.base import EXIT_OK, EXIT_USAGE, CommandError, parse_date


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "bench", help="generate the reference dataset and run the performance harness"
    )
    bench_sub = p.add_subparsers(
        dest="bench_command", metavar="ACTION", required=True, parser_class=type(p)
    )

    g = bench_sub.add_parser(
        "generate", help="write a CB-sized reference dataset into a new database file"
    )
    g.add_argument("--db", required=True, help="new SQLite file to create")
    g.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="1 = 10 000 organisations, 15 000 certificates, 60 000 audits, 1 000 000 evidence items",
    )
    g.add_argument(
        "--seed", type=int, default=None, help="random seed (same seed and date: same rows)"
    )
    g.add_argument("--today", help="reference date the data is laid out around (default: today)")
    g.add_argument("--quiet", action="store_true", help="no progress lines")
    g.set_defaults(func=run_generate)

    x = bench_sub.add_parser(
        "reindex",
        help="refill the search index of a generated database in the current "
        "layout (after the search module changed it), without the ORM",
    )
    x.add_argument("--db", required=True, help="database made by 'bench generate'")
    x.set_defaults(func=run_reindex)

    r = bench_sub.add_parser("run", help="measure every operation against its bare-library floor")
    r.add_argument("--db", required=True, help="database made by 'bench generate'")
    r.add_argument(
        "--json", dest="json_file", metavar="FILE", help="also write the results as a JSON array"
    )
    r.add_argument("--only", help="comma-separated operation names or prefixes (see --list)")
    r.add_argument(
        "--repeat", type=int, default=None, help="repeats per operation (default: per operation)"
    )
    r.add_argument("--list", action="store_true", help="list the operations and exit")
    r.set_defaults(func=run_harness)


def run_generate(args: argparse.Namespace) -> int:
    from auditdesk.bench.generator import DEFAULT_SEED, generate

    if args.scale <= 0:
        raise CommandError("--scale must be positive", EXIT_USAGE)
    path = Path(args.db).expanduser()
    if path.exists():
        raise CommandError(f"{path} exists; the reference dataset goes into a new file", EXIT_USAGE)
    today = parse_date(args.today, "--today") if args.today else None
    log = None if args.quiet else (lambda m: print(f"  {m}", file=sys.stderr, flush=True))
    summary = generate(
        path, args.scale, DEFAULT_SEED if args.seed is None else args.seed, today, log
    )
    counts = summary.counts
    print(
        f"reference dataset ready in {summary.seconds:.1f} s ({summary.cpu_seconds:.1f} s CPU): {counts.get('organisation', 0)} organisations, "
        f"{counts.get('certificate', 0)} certificates, {counts.get('audit', 0)} audits, "
        f"{counts.get('evidence_item', 0)} evidence items, {counts.get('nonconformity', 0)} NCs, "
        f"{counts.get('attachment', 0)} attachments; report audit {summary.report_audit}"
    )
    return EXIT_OK


def run_reindex(args: argparse.Namespace) -> int:
    import time

    from auditdesk.bench.search_fill import reindex

    path = Path(args.db).expanduser()
    if not path.exists():
        raise CommandError(f"no database at {path}", EXIT_USAGE)
    t0 = time.perf_counter()
    n = reindex(path, lambda m: print(f"  {m}", file=sys.stderr, flush=True))
    print(f"search index refilled: {n} rows in {time.perf_counter() - t0:.1f} s")
    return EXIT_OK


def run_harness(args: argparse.Namespace) -> int:
    from auditdesk.bench import harness

    if args.list:
        for op in harness.OPERATIONS:
            print(f"{op.name:32} {op.description}")
        return EXIT_OK
    path = Path(args.db).expanduser()
    if not path.exists():
        raise CommandError(f"no database at {path}", EXIT_USAGE)
    only = [x.strip() for x in args.only.split(",") if x.strip()] if args.only else None
    results = harness.run(
        path,
        only=only,
        repeat=args.repeat,
        json_file=Path(args.json_file) if args.json_file else None,
    )
    if not results:
        raise CommandError(f"no operation matches --only {args.only}", EXIT_USAGE)
    return EXIT_OK
