"""CB settings stored in the database (STYLE habit 8): read with defaults, change as admin."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditdesk.model import CBSetting
from auditdesk.rules.settings import CBSettings
from auditdesk.services.errors import ValidationFailed
from auditdesk.services.users import Permission, require


def current(session: Session) -> CBSettings:
    from auditdesk.services.programme import cb_settings

    return cb_settings(session)


def save(session: Session, values: dict[str, Any]) -> CBSettings:
    """Store changed values; the whole set must still be a valid :class:`CBSettings`."""
    require(session, Permission.EDIT_SETTINGS)
    merged = {**current(session).to_mapping(), **values}
    try:
        settings = CBSettings.from_mapping(merged)
    except ValueError as exc:
        field = str(exc).split(":")[0]
        raise ValidationFailed(f"CB settings: {exc}", {field: "invalid"}) from exc
    defaults = CBSettings().to_mapping()
    rows = {r.key: r for r in session.scalars(select(CBSetting))}
    for key, value in settings.to_mapping().items():
        if key in rows:
            if value == defaults[key]:
                session.delete(rows[key])
            elif rows[key].value != value:
                rows[key].value = value
        elif value != defaults[key]:
            session.add(CBSetting(key=key, value=value))
    session.flush()
    return settings
