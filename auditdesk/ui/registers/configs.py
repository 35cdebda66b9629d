"""The six registers: which columns, filters and editor each one has. No code is copied
between registers; each entry below only configures the generic widget."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QWidget

from auditdesk.model import Auditor, Organisation
from auditdesk.services import clients, registers
from auditdesk.services.standards import list_standards
from auditdesk.ui.context import AppContext
from auditdesk.ui.registers.editor import EditorConfig, FieldSpec


@dataclass(frozen=True)
class RegisterConfig:
    name: str
    columns: tuple[str, ...]
    filter_columns: tuple[str, ...] = ()
    presets: tuple[str, ...] = ()
    editor: EditorConfig | None = None  # inline editor beside the list
    create_editor: EditorConfig | None = None  # editor shown in a dialog by "New"
    detail_factory: Callable[[AppContext, QWidget], QWidget] | None = (
        None  # read-only/other detail pane
    )
    new_action: Callable[[Any], None] | None = None  # custom "New" (e.g. the planning dialog)
    open_action: Callable[[Any, uuid.UUID], None] | None = None  # double-click
    archivable: bool = True
    hidden_columns: tuple[str, ...] = ()
    sort: tuple[str, bool] | None = None  # (column, descending) when first shown
    # Extra toolbar widgets, made for each register widget: actions(ctx, register_widget).
    actions: Callable[[AppContext, Any], list[QWidget]] | None = None


# -- clients -------------------------------------------------------------------------------------
def _client_load(s: Any, rid: uuid.UUID) -> dict[str, Any]:
    from auditdesk.services.clients import EDITABLE_FIELDS, get_organisation

    org = get_organisation(s, rid)
    return {k: getattr(org, k) for k in EDITABLE_FIELDS}


def _client_create(s: Any, values: dict[str, Any]) -> uuid.UUID:
    from auditdesk.services.clients import OrganisationData, create_organisation

    return create_organisation(
        s, OrganisationData(**{k: v if v is not None else "" for k, v in values.items()})
    ).id


def _client_update(s: Any, rid: uuid.UUID, changes: dict[str, Any]) -> None:
    from auditdesk.services.clients import update_organisation

    update_organisation(s, rid, changes)


def _client_validate(values: dict[str, Any]) -> dict[str, str]:
    from auditdesk.services.clients import validate_fields

    return validate_fields(values)


CLIENT_EDITOR = EditorConfig(
    fields=(
        FieldSpec("name_zh", required=True),
        FieldSpec("name_en"),
        FieldSpec("credit_code"),
        FieldSpec("province"),
        FieldSpec("city"),
        FieldSpec("address"),
        FieldSpec("representative"),
        FieldSpec("contact_name"),
        FieldSpec("contact_phone"),
        FieldSpec("contact_email"),
        FieldSpec("industry"),
        FieldSpec("effective_personnel", "int"),
        FieldSpec("technical_codes"),
        FieldSpec("consultant"),
        FieldSpec("notes", "multiline"),
    ),
    load=_client_load,
    create=_client_create,
    update=_client_update,
    validate=_client_validate,
    entity=Organisation,
    extra=lambda ctx: _client_conditions_panel(ctx),
)


def _client_conditions_panel(ctx: Any) -> QWidget:
    from auditdesk.ui.client_conditions import ClientConditionsPanel

    return ClientConditionsPanel(ctx)


# -- auditors ------------------------------------------------------------------------------------
def _auditor_load(s: Any, rid: uuid.UUID) -> dict[str, Any]:
    a = s.get(Auditor, rid)
    values = {k: getattr(a, k) for k in registers.AUDITOR_FIELDS}
    values["schemes"] = ", ".join(a.schemes or [])
    return values


AUDITOR_EDITOR = EditorConfig(
    fields=(
        FieldSpec("name_zh", required=True),
        FieldSpec("name_en"),
        FieldSpec("ccaa_no"),
        FieldSpec(
            "grade",
            "choice",
            choices=("lead_auditor", "auditor", "provisional", "tech_expert"),
            group="auditor_grade",
        ),
        FieldSpec("registration_expiry", "date"),
        FieldSpec("schemes"),
        FieldSpec("technical_codes"),
        FieldSpec("phone"),
        FieldSpec("email"),
    ),
    load=_auditor_load,
    create=lambda s, v: registers.save_auditor(s, None, v).id,
    update=lambda s, rid, ch: registers.save_auditor(s, rid, ch) and None,
    validate=lambda v: registers._auditor_values(v)[1],
    entity=Auditor,
)


def _auditor_id_actions(ctx: Any, register: Any) -> list[Any]:
    from auditdesk.ui.cnca_export import auditor_id_actions  # 证件号码 (issue 19)

    return auditor_id_actions(ctx, register)


def _certificate_marks_actions(ctx: Any, register: Any) -> list[Any]:
    from auditdesk.ui.cnca_export import certificate_marks_actions  # 认可标志 (issue 19)

    return certificate_marks_actions(ctx, register)


# -- certificates --------------------------------------------------------------------------------
def _find_client(s: Any, text: str) -> uuid.UUID | None:
    return clients.find_organisation_id(s, text)


def _certificate_create(s: Any, values: dict[str, Any]) -> uuid.UUID:
    from auditdesk.services.certificates import CertificateData, create_certificate
    from auditdesk.services.errors import ValidationFailed

    org_id = _find_client(s, str(values.get("organisation") or ""))
    if org_id is None:
        raise ValidationFailed("certificate: client not found", {"organisation": "not_found"})
    data = CertificateData(
        number=str(values.get("number") or ""),
        organisation_id=org_id,
        standard_key=str(values.get("standard")),
        issue_date=values["issue_date"],
        expiry_date=values.get("expiry_date"),
        scope_zh=values.get("scope_zh") or "",
        scope_en=values.get("scope_en") or "",
        technical_codes=values.get("technical_codes") or "",
        complexity=values.get("complexity") or "medium",
    )
    return create_certificate(s, data).id


def certificate_create_editor(standard_keys: tuple[str, ...]) -> EditorConfig:
    return EditorConfig(
        fields=(
            FieldSpec("number", required=True),
            FieldSpec("organisation", required=True),
            FieldSpec("standard", "choice", choices=standard_keys),
            FieldSpec("issue_date", "date", required=True),
            FieldSpec("expiry_date", "date"),
            FieldSpec("scope_zh", "multiline"),
            FieldSpec("scope_en", "multiline"),
            FieldSpec("technical_codes"),
            FieldSpec(
                "complexity",
                "choice",
                choices=("medium", "high", "low", "limited", "standard"),
                group="complexity",
            ),
        ),
        load=lambda s, rid: {},
        create=_certificate_create,
        validate=lambda v: (
            {"expiry_date": "expiry_before_issue"}
            if isinstance(v.get("issue_date"), dt.date)
            and isinstance(v.get("expiry_date"), dt.date)
            and v["expiry_date"] <= v["issue_date"]
            else {}
        ),
    )


def build_configs(ctx: AppContext) -> dict[str, RegisterConfig]:
    from auditdesk.ui.certificate_view import CertificateView
    from auditdesk.ui.documents import audit_actions, standards_actions
    from auditdesk.ui.planning_dialog import plan_actions
    from auditdesk.ui.record_view import RecordView

    with ctx.session() as s:
        keys = tuple(standard.key for standard in list_standards(s))

    def enums(register: str) -> tuple[str, ...]:
        return tuple(c.key for c in registers.spec(register).columns if c.kind == "enum")

    return {
        "clients": RegisterConfig(
            "clients",
            (
                "name_zh",
                "name_en",
                "credit_code",
                "province",
                "city",
                "effective_personnel",
                "technical_codes",
            ),
            editor=CLIENT_EDITOR,
        ),
        "certificates": RegisterConfig(
            "certificates",
            ("number", "client", "standard", "issue_date", "expiry_date", "status", "scope_zh"),
            filter_columns=enums("certificates"),
            create_editor=certificate_create_editor(keys),
            detail_factory=lambda c, p: CertificateView(c, p),
            actions=_certificate_marks_actions,
        ),
        "audits": RegisterConfig(
            "audits",
            (
                "number",
                "client",
                "audit_type",
                "status",
                "mode",
                "start_date",
                "end_date",
                "window_latest",
                "planned_days",
            ),
            filter_columns=enums("audits"),
            presets=("planned", "due_30", "due_60", "due_90"),
            sort=("number", True),
            detail_factory=lambda c, p: RecordView(c, "audits", p),
            actions=lambda c, r: [*audit_actions(c, r), *plan_actions(c, r)],
        ),
        "ncs": RegisterConfig(
            "ncs",
            (
                "number",
                "audit",
                "client",
                "grade",
                "state",
                "issued_on",
                "response_due",
                "verification_due",
                "closed_on",
            ),
            filter_columns=enums("ncs"),
            presets=("open", "overdue"),
            sort=("number", True),
            detail_factory=lambda c, p: RecordView(c, "ncs", p),
        ),
        "auditors": RegisterConfig(
            "auditors",
            (
                "name_zh",
                "name_en",
                "ccaa_no",
                "grade",
                "registration_expiry",
                "technical_codes",
                "id_doc_masked",
            ),
            filter_columns=enums("auditors"),
            editor=AUDITOR_EDITOR,
            actions=_auditor_id_actions,
        ),
        "standards": RegisterConfig(
            "standards",
            ("key", "code", "national_code", "scheme", "title_zh", "title_en"),
            archivable=False,
            detail_factory=lambda c, p: RecordView(c, "standards", p),
            actions=standards_actions,
        ),
    }
