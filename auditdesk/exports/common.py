"""What every exported document shares: the CB's identity, local time, where photos are kept."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditdesk.model import CBSetting

# Chinese CBs work in China Standard Time; evidence times are stored in UTC.
try:
    from zoneinfo import ZoneInfo

    LOCAL_TZ: dt.tzinfo = ZoneInfo("Asia/Shanghai")
except Exception:  # noqa: BLE001 — a system without tz data falls back to China's fixed UTC+8
    LOCAL_TZ = dt.timezone(dt.timedelta(hours=8))

# CB settings read for the letterhead (set by an admin; absent keys leave the field empty).
CB_KEYS = ("cb_name_zh", "cb_name_en", "cb_address", "cb_phone", "cb_accreditation")


@dataclass(frozen=True)
class CBIdentity:
    name_zh: str = ""
    name_en: str = ""
    address: str = ""
    phone: str = ""
    accreditation: str = ""


def cb_identity(session: Session) -> CBIdentity:
    rows = session.execute(select(CBSetting.key, CBSetting.value).where(CBSetting.key.in_(CB_KEYS)))
    values = {k: str(v or "") for k, v in rows}
    return CBIdentity(
        name_zh=values.get("cb_name_zh", ""),
        name_en=values.get("cb_name_en", ""),
        address=values.get("cb_address", ""),
        phone=values.get("cb_phone", ""),
        accreditation=values.get("cb_accreditation", ""),
    )


# Whether an issued report's PDF is written (and archived) as PDF/A-2b. The issued PDF is the
# exact file that leaves AuditDesk AND the one kept as the CB's record (17021-1 9.9), so there is
# one choice for both. Default on: PDF/A-2b is an ordinary PDF every reader opens, and it is the
# archiving format (fonts embedded, colour defined, metadata readable without the producing
# software), which a record kept for a full certification cycle and more needs. A CB whose
# signing or document-management tool rejects PDF/A sets ``report_pdfa`` to ``false``.
PDFA_KEY = "report_pdfa"
_OFF = {"0", "false", "no", "off"}


def report_pdfa(session: Session) -> bool:
    """The CB setting ``report_pdfa`` (default true): issue and archive the PDF as PDF/A-2b."""
    value = session.scalar(select(CBSetting.value).where(CBSetting.key == PDFA_KEY))
    if value is None:
        return True
    return str(value).strip().lower() not in _OFF


def local_time(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(LOCAL_TZ).replace(tzinfo=None)


def attachment_root(session: Session) -> Path | None:
    """The attachment store folder of the session's database (``<db dir>/<stem>-files``)."""
    from auditdesk.storage.attachments import AttachmentStore

    store = AttachmentStore.for_session(session)
    return store.root if store is not None else None


def photo_path(root: Path | None, sha256: str) -> Path | None:
    if root is None or len(sha256) != 64:
        return None
    path = root / sha256[:2].lower() / sha256[2:].lower()
    return path if path.is_file() else None
