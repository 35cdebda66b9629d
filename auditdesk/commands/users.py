"""``auditdesk users …``: the CB's accounts, managed by a signed-in admin.

    auditdesk users list                          people, roles, active, last sign-in
    auditdesk users add NAME --role ROLE          new password: prompt twice or $AUDITDESK_NEW_PASSWORD
    auditdesk users set-role NAME ROLE
    auditdesk users reset-password NAME           lifts a lockout, revokes the user's tokens
    auditdesk users deactivate NAME | activate NAME
    auditdesk users token NAME [--label TEXT]     an API token for scripts ($AUDITDESK_TOKEN), shown once
    auditdesk users tokens [NAME] | revoke TOKEN_ID
    auditdesk users signins [NAME] [--limit N]    the sign-in log, newest first

Every one acts as the signed-in admin (``--user NAME`` with a password, or $AUDITDESK_TOKEN).
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from auditdesk.commands.base import (
    EXIT_USAGE,
    CommandError,
    open_session,
    print_json,
    print_table,
    require_credentials,
)

ROLES = ("auditor", "lead", "admin")
_REASONS = {
    "required": "a user name is required",
    "duplicate": "that user name is taken",
    "reserved": "'system' and 'reader' are built-in names",
    "too_long": "the user name is longer than 60 characters",
    "too_short": "the password needs at least 8 characters",
    "last_admin": "the last active admin must stay an active admin",
    "self": "you cannot deactivate yourself",
    "inactive": "the user is deactivated",
    "unknown": "unknown role",
}


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("users", help="manage accounts (a signed-in admin)")
    users_sub = p.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    q = users_sub.add_parser("list", parents=[common], help="people, roles, last sign-in")
    q.set_defaults(func=run_list)
    q = users_sub.add_parser("add", parents=[common], help="a new account")
    q.add_argument("name")
    q.add_argument("--role", choices=ROLES, default="auditor")
    q.add_argument("--display-name", default="", help="the person's full name")
    q.set_defaults(func=run_add)
    q = users_sub.add_parser("set-role", parents=[common], help="change someone's role")
    q.add_argument("name")
    q.add_argument("role", choices=ROLES)
    q.set_defaults(func=run_set_role)
    q = users_sub.add_parser("reset-password", parents=[common], help="set a new password")
    q.add_argument("name")
    q.set_defaults(func=run_reset_password)
    q = users_sub.add_parser(
        "deactivate", parents=[common], help="no more sign-ins (records keep their author)"
    )
    q.add_argument("name")
    q.set_defaults(func=run_active, active=False)
    q = users_sub.add_parser("activate", parents=[common], help="undo a deactivation")
    q.add_argument("name")
    q.set_defaults(func=run_active, active=True)
    q = users_sub.add_parser(
        "token", parents=[common], help="an API token for scripts ($AUDITDESK_TOKEN)"
    )
    q.add_argument("name")
    q.add_argument("--label", default="", help="what the token is for")
    q.set_defaults(func=run_token)
    q = users_sub.add_parser("tokens", parents=[common], help="remember-me and API tokens")
    q.add_argument("name", nargs="?")
    q.set_defaults(func=run_tokens)
    q = users_sub.add_parser("revoke", parents=[common], help="revoke a token by its id")
    q.add_argument("token_id")
    q.set_defaults(func=run_revoke)
    q = users_sub.add_parser("signins", parents=[common], help="the sign-in log, newest first")
    q.add_argument("name", nargs="?")
    q.add_argument("--limit", type=int, default=50)
    q.set_defaults(func=run_signins)


def _explain(exc: Any) -> CommandError:
    errors = getattr(exc, "errors", {}) or {}
    text = "; ".join(_REASONS.get(code, code) for code in errors.values()) or str(exc)
    return CommandError(text)


def new_password(args: argparse.Namespace, name: str) -> str:
    """The new password for ``name``: $AUDITDESK_NEW_PASSWORD, else typed twice (no echo)."""
    import getpass

    require_credentials(args)
    password = os.environ.get("AUDITDESK_NEW_PASSWORD")
    if password is not None:
        return password
    try:
        first = getpass.getpass(f"new password for {name}: ")
        second = getpass.getpass(f"new password for {name} again: ")
    except EOFError:
        raise CommandError(
            f"no new password for {name}: type it at the prompt or set $AUDITDESK_NEW_PASSWORD"
        ) from None
    if first != second:
        raise CommandError("the two passwords differ", EXIT_USAGE)
    return first


def _do(args: argparse.Namespace, job: Any) -> Any:
    from auditdesk.services.errors import ValidationFailed

    try:
        with open_session(args, mode="write") as session:
            return job(session)
    except ValidationFailed as exc:
        raise _explain(exc) from exc


def run_list(args: argparse.Namespace) -> int:
    from auditdesk.services.users import user_summaries

    rows = _do(args, user_summaries)
    if args.json:
        print_json(rows)
        return 0
    print_table(
        [
            {
                "user": r.username,
                "name": r.display_name,
                "role": r.role.value,
                "active": "yes" if r.active else "no",
                "last sign-in": r.last_sign_in.astimezone().strftime("%Y-%m-%d %H:%M")
                if r.last_sign_in
                else "",
                "failures": r.failures_in_a_row or "",
            }
            for r in rows
        ],
        ["user", "name", "role", "active", "last sign-in", "failures"],
    )
    return 0


def run_add(args: argparse.Namespace) -> int:
    from auditdesk.model import Role
    from auditdesk.services.users import create_user

    password = new_password(args, args.name)
    _do(args, lambda s: create_user(s, args.name, password, Role(args.role), args.display_name))
    print(f"user {args.name} added ({args.role})")
    return 0


def run_set_role(args: argparse.Namespace) -> int:
    from auditdesk.model import Role
    from auditdesk.services.users import set_role

    _do(args, lambda s: set_role(s, args.name, Role(args.role)))
    print(f"{args.name} is now {args.role}")
    return 0


def run_reset_password(args: argparse.Namespace) -> int:
    from auditdesk.services.users import Channel, reset_password

    password = new_password(args, args.name)
    _do(args, lambda s: reset_password(s, args.name, password, Channel.CLI))
    print(f"password of {args.name} reset; their tokens are revoked")
    return 0


def run_active(args: argparse.Namespace) -> int:
    from auditdesk.services.users import set_active

    _do(args, lambda s: set_active(s, args.name, args.active))
    print(f"{args.name} {'activated' if args.active else 'deactivated'}")
    return 0


def run_token(args: argparse.Namespace) -> int:
    from auditdesk.services.users import create_api_token

    token = _do(args, lambda s: create_api_token(s, args.name, args.label))
    if args.json:
        print_json({"user": args.name, "token": token})
    else:
        print(token)
        print(f"(an API token for {args.name}, shown once: use it as $AUDITDESK_TOKEN)")
    return 0


def run_tokens(args: argparse.Namespace) -> int:
    from auditdesk.services.users import list_tokens

    rows = _do(args, lambda s: list_tokens(s, args.name))
    if args.json:
        print_json(rows)
        return 0
    print_table(
        [
            {
                "id": r.id,
                "user": r.username,
                "kind": r.kind,
                "label": r.label,
                "created": r.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                "last used": r.last_used_at.astimezone().strftime("%Y-%m-%d %H:%M")
                if r.last_used_at
                else "",
                "revoked": r.revoked_at.astimezone().strftime("%Y-%m-%d %H:%M")
                if r.revoked_at
                else "",
            }
            for r in rows
        ],
        ["id", "user", "kind", "label", "created", "last used", "revoked"],
    )
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    from auditdesk.services.users import revoke_token

    try:
        import uuid

        token_id = uuid.UUID(args.token_id)
    except ValueError:
        raise CommandError(f"'{args.token_id}' is not a token id", EXIT_USAGE) from None
    _do(args, lambda s: revoke_token(s, token_id))
    print(f"token {token_id} revoked")
    return 0


def run_signins(args: argparse.Namespace) -> int:
    from auditdesk.services.users import list_sign_ins

    rows = _do(args, lambda s: list_sign_ins(s, args.name, args.limit))
    if args.json:
        print_json(rows)
        return 0
    print_table(
        [
            {
                "when": r.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                "user": r.username,
                "from": r.channel,
                "outcome": r.outcome,
                "detail": r.detail,
            }
            for r in rows
        ],
        ["when", "user", "from", "outcome", "detail"],
    )
    return 0
