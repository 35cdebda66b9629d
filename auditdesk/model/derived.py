"""Values derived from the records and kept for reading, not records themselves.

``certificate_state``: each certificate's programme and status as the rules computed them on
``computed_on`` (``services.programme_state`` refreshes a row in the transaction that changes
the certificate, its audits or events, or the rule settings; ``auditdesk check`` recomputes
all and reports a stored value that differs). Not in the change log, not synchronised: every
database derives its own."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from auditdesk.model.base import Base


class CertificateState(Base):
    __tablename__ = "certificate_state"

    certificate_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("certificate.id", ondelete="CASCADE"), primary_key=True
    )
    computed_on: Mapped[dt.date]
    status: Mapped[str] = mapped_column(String(40))  # rules.status.StatusCode value
    since: Mapped[dt.date | None]
    deadline: Mapped[dt.date | None]
    expiry: Mapped[dt.date]
    rule_set_id: Mapped[str] = mapped_column(String(40))
