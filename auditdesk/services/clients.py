"""Client organisations: create, edit, archive, with field validation.

Validation returns *codes* per field (``required``, ``credit_code.checksum``, ...); the UI
shows the translated message next to the field, the CLI and importers print field + code.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from auditdesk.model import Licence, Organisation, PersonnelRecord, Site
from auditdesk.rules import credit_code
from auditdesk.services.errors import NotFound, ValidationFailed
from auditdesk.services.users import Permission, require


@dataclass
class OrganisationData:
    name_zh: str
    credit_code: str = ""
    name_en: str = ""
    address: str = ""
    province: str = ""
    city: str = ""
    representative: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    industry: str = ""
    effective_personnel: int = 0
    technical_codes: str = ""
    consultant: str = ""
    notes: str = ""
    sites: list[dict[str, Any]] = field(default_factory=list)


EDITABLE_FIELDS = (
    "name_zh",
    "name_en",
    "credit_code",
    "address",
    "province",
    "city",
    "representative",
    "contact_name",
    "contact_phone",
    "contact_email",
    "industry",
    "effective_personnel",
    "technical_codes",
    "consultant",
    "notes",
)


def validate_credit_code(text: str) -> tuple[str, str | None]:
    """(normalised code, problem code or None)."""
    result = credit_code.check(text)
    return result.normalised, (None if result.ok else f"credit_code.{result.problem.value}")  # type: ignore[union-attr]


def validate_fields(values: dict[str, Any]) -> dict[str, str]:
    """Field -> problem code for organisation fields, without touching the database."""
    errors: dict[str, str] = {}
    if "name_zh" in values and not str(values["name_zh"] or "").strip():
        errors["name_zh"] = "required"
    if values.get("credit_code"):
        _code, problem = validate_credit_code(str(values["credit_code"]))
        if problem:
            errors["credit_code"] = problem
    if "effective_personnel" in values:
        try:
            if int(values["effective_personnel"]) < 0:
                errors["effective_personnel"] = "negative"
        except (TypeError, ValueError):
            errors["effective_personnel"] = "not_a_number"
    email = str(values.get("contact_email") or "")
    if email and "@" not in email:
        errors["contact_email"] = "email"
    return errors


def _check_unique_code(session: Session, code: str, exclude: uuid.UUID | None = None) -> bool:
    stmt = select(Organisation.id).where(Organisation.credit_code == code)
    if exclude is not None:
        stmt = stmt.where(Organisation.id != exclude)
    return session.scalar(stmt) is None


def create_organisation(session: Session, data: OrganisationData) -> Organisation:
    require(session, Permission.EDIT_REGISTERS)
    values = {k: getattr(data, k) for k in EDITABLE_FIELDS}
    errors = validate_fields(values)
    code = None
    if data.credit_code and "credit_code" not in errors:
        code = credit_code.normalise(data.credit_code)
        if not _check_unique_code(session, code):
            errors["credit_code"] = "duplicate"
    if errors:
        raise ValidationFailed(f"organisation '{data.name_zh}': {errors}", errors)
    values["credit_code"] = code
    values["name_zh"] = data.name_zh.strip()
    org = Organisation(**values)
    session.add(org)
    session.flush()
    if data.effective_personnel:
        session.add(
            PersonnelRecord(
                organisation_id=org.id,
                effective_from=dt.date.today(),
                count=int(data.effective_personnel),
            )
        )
    for s in data.sites:
        session.add(Site(organisation_id=org.id, **s))
    session.flush()
    return org


def get_organisation(session: Session, org_id: uuid.UUID) -> Organisation:
    org = session.get(Organisation, org_id)
    if org is None:
        raise NotFound(f"no organisation {org_id}", id=str(org_id))
    return org


def update_organisation(
    session: Session, org_id: uuid.UUID, changes: dict[str, Any]
) -> Organisation:
    """Change some fields; a headcount change also adds a dated personnel record."""
    require(session, Permission.EDIT_REGISTERS)
    org = get_organisation(session, org_id)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(
            f"unknown fields {sorted(unknown)}", {f: "unknown_field" for f in unknown}
        )
    errors = validate_fields(changes)
    if "credit_code" in changes and changes["credit_code"] and "credit_code" not in errors:
        changes = dict(changes, credit_code=credit_code.normalise(changes["credit_code"]))
        if not _check_unique_code(session, changes["credit_code"], exclude=org.id):
            errors["credit_code"] = "duplicate"
    if errors:
        raise ValidationFailed(f"organisation '{org.name_zh}': {errors}", errors)
    if "credit_code" in changes and not changes["credit_code"]:
        changes = dict(changes, credit_code=None)
    if (
        "effective_personnel" in changes
        and int(changes["effective_personnel"]) != org.effective_personnel
    ):
        session.add(
            PersonnelRecord(
                organisation_id=org.id,
                effective_from=dt.date.today(),
                count=int(changes["effective_personnel"]),
            )
        )
        changes = dict(changes, effective_personnel=int(changes["effective_personnel"]))
    for key, value in changes.items():
        setattr(org, key, value)
    session.flush()
    return org


def archive_organisation(
    session: Session, org_id: uuid.UUID, archived: bool = True
) -> Organisation:
    """Archive (never hard-delete: audits and evidence point at the organisation)."""
    require(session, Permission.EDIT_REGISTERS)
    org = get_organisation(session, org_id)
    org.archived = archived
    session.flush()
    return org


def add_site(
    session: Session,
    org_id: uuid.UUID,
    name: str,
    address: str = "",
    is_central: bool = False,
    personnel: int = 0,
) -> Site:
    require(session, Permission.EDIT_REGISTERS)
    if not name.strip():
        raise ValidationFailed("site name is required", {"name": "required"})
    site = Site(
        organisation_id=get_organisation(session, org_id).id,
        name=name.strip(),
        address=address,
        is_central=is_central,
        personnel=personnel,
    )
    session.add(site)
    session.flush()
    return site


def add_licence(
    session: Session,
    org_id: uuid.UUID,
    kind: str,
    number: str = "",
    issuer: str = "",
    expiry: dt.date | None = None,
) -> Licence:
    require(session, Permission.EDIT_REGISTERS)
    lic = Licence(
        organisation_id=get_organisation(session, org_id).id,
        kind=kind,
        number=number,
        issuer=issuer,
        expiry=expiry,
    )
    session.add(lic)
    session.flush()
    return lic


def find_organisation_id(session: Session, text: str) -> uuid.UUID | None:
    """The client a user typed by its Chinese name or its credit code (None: no such client)."""
    text = text.strip()
    found = session.scalar(select(Organisation.id).where(Organisation.name_zh == text))
    if found is None and text:
        found = session.scalar(
            select(Organisation.id).where(Organisation.credit_code == credit_code.normalise(text))
        )
    return found


def names_zh(session: Session, org_ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Client names by id, for screens that list rows of several clients."""
    if not org_ids:
        return {}
    rows = session.execute(
        select(Organisation.id, Organisation.name_zh).where(Organisation.id.in_(org_ids))
    ).all()
    return {org_id: name for org_id, name in rows}


def count_organisations(session: Session) -> int:
    return int(session.scalar(select(func.count(Organisation.id))) or 0)
