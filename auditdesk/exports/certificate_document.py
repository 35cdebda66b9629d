"""The certificate document (ISO/IEC 17021-1 8.2.2): a layout of ``exports/blocks`` blocks for
the shared Word and PDF renderers, on the ``certificate.docx`` template's letterhead.

8.2.2 asks for: the client's name and sites, the scope per site, the effective dates (and the
expiry, aligned with the recertification cycle), a unique number, the standard and its edition,
the CB's name and marks (accreditation mark where accredited), and the revision of a revised
certificate. ``auditdesk export certificate NUMBER --format pdf|docx --out FILE``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import BinaryIO

from auditdesk import catalogue
from auditdesk.exports import blocks as b
from auditdesk.exports.certificate_context import CertificateContext

WORDS: dict[str, tuple[str, str]] = {
    "title": ("管理体系认证证书", "Management System Certificate"),
    "certify": (
        "兹证明 {client} 的管理体系符合 {standard} 标准要求，认证范围及覆盖的场所见下。",
        "This is to certify that the management system of {client} conforms to the "
        "requirements of {standard}, for the scope and the sites below.",
    ),
    "number": ("证书编号", "Certificate number"),
    "revision": ("证书版本", "Revision"),
    "revision_first": ("第 0 版（初次发证）", "0 (first issue)"),
    "revision_n": ("第 {n} 版", "{n}"),
    "client": ("组织名称", "Organisation"),
    "credit_code": ("统一社会信用代码", "Unified social credit code"),
    "address": ("注册地址", "Registered address"),
    "standard": ("认证依据标准", "Standard"),
    "edition": ("标准版本", "Edition"),
    "scope": ("认证范围", "Scope of certification"),
    "technical_codes": ("专业代码", "Technical area codes"),
    "initial_date": ("初次认证日期", "Initial certification"),
    "issue_date": ("本次发证日期", "Date of issue"),
    "decision_date": ("认证决定日期", "Certification decision"),
    "expiry_date": ("证书有效期至", "Valid until"),
    "cycle": ("当前认证周期", "Current certification cycle"),
    "status": ("证书状态", "Status"),
    "status_since": ("{status}（自 {date}）", "{status} (since {date})"),
    "marks": ("认可标志", "Accreditation marks"),
    "marks_none": ("无（非认可证书）", "none (not accredited)"),
    "cb": ("认证机构", "Certification body"),
    "cb_accreditation": ("认证机构认可信息", "Accreditation of the CB"),
    "transferred": ("转换自", "Transferred from"),
    "sites": ("认证覆盖的场所及范围", "Sites covered and their scope"),
    "site_no": ("序号", "No."),
    "site": ("场所", "Site"),
    "site_address": ("地址", "Address"),
    "site_scope": ("该场所的认证范围", "Scope at this site"),
    "site_central": ("中心职能场所", "central function"),
    "site_temporary": ("临时场所", "temporary site"),
    "site_same_scope": ("同认证范围", "as the scope of certification"),
    "validity_note": (
        "本证书的有效性依据认证机构的定期监督审核获得保持，并可在国家认证认可监督管理委员会网站"
        "（www.cnca.gov.cn）查询。证书的暂停、撤销或注销以认证机构公告为准。",
        "This certificate remains valid subject to the certification body's periodic "
        "surveillance audits; it can be checked on the CNCA website (www.cnca.gov.cn). "
        "Suspension, withdrawal or cancellation is published by the certification body.",
    ),
    "sign_cb": ("认证机构（盖章）", "Certification body (seal)"),
    "sign_authorised": ("授权签字人", "Authorised signatory"),
    "signature": ("签字", "Signature"),
    "sign_date": ("日期", "Date"),
}


def word(key: str, lang: str, **values: object) -> str:
    zh, en = WORDS[key]
    if lang == "bilingual":
        return f"{zh.format(**values)} / {en.format(**values)}"
    return (en if lang == "en" else zh).format(**values)


def _both(zh: str, en: str, lang: str) -> str:
    """A value in the document's language; both (Chinese first) in a bilingual document."""
    if lang == "en":
        return en or zh
    if lang == "bilingual" and en and en != zh:
        return f"{zh}\n{en}"
    return zh


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _code(group: str, code: str, lang: str) -> str:
    if lang == "bilingual":
        return f"{catalogue.word(group, code, 'zh')} / {catalogue.word(group, code, 'en')}"
    return catalogue.word(group, code, "en" if lang == "en" else "zh")


def certificate_document(ctx: CertificateContext) -> b.Document:
    lang = ctx.lang
    w = lambda key, **v: word(key, lang, **v)  # noqa: E731
    client = _both(ctx.client_zh, ctx.client_en, lang).replace("\n", " / ")
    standard = f"{ctx.standard_code}" + (f" / {ctx.national_code}" if ctx.national_code else "")
    cycle_end = ctx.expiry_date
    status = _code("cert_status", ctx.status, lang)
    if ctx.status != "valid" and ctx.status_date:
        status = w("status_since", status=status, date=_date(ctx.status_date))
    revision = w("revision_first") if ctx.revision == 0 else w("revision_n", n=ctx.revision)
    title = _both(ctx.standard_title_zh, ctx.standard_title_en, lang)
    cb_name = _both(ctx.cb.name_zh, ctx.cb.name_en, lang)
    pairs: list[tuple[str, str]] = [
        (w("number"), ctx.number),
        (w("revision"), revision),
        (w("client"), _both(ctx.client_zh, ctx.client_en, lang)),
        (w("credit_code"), ctx.credit_code),
        (w("address"), ctx.client_address),
        (w("standard"), f"{standard}\n{title}" if title else standard),
        (w("edition"), ctx.edition),
        (w("scope"), _both(ctx.scope_zh, ctx.scope_en, lang)),
        (w("technical_codes"), ctx.technical_codes),
        (w("initial_date"), _date(ctx.initial_date)),
        (w("decision_date"), _date(ctx.decision_date)),
        (w("issue_date"), _date(ctx.issue_date)),
        (w("expiry_date"), _date(ctx.expiry_date)),
        (w("cycle"), f"{_date(ctx.cycle_start)} – {_date(cycle_end)}"),
        (w("status"), status),
        (
            w("marks"),
            " · ".join(ctx.accreditation_marks) if ctx.accreditation_marks else w("marks_none"),
        ),
        (w("cb"), cb_name),
        (w("cb_accreditation"), ctx.cb.accreditation),
    ]
    if ctx.transferred_from:
        pairs.append((w("transferred"), ctx.transferred_from))
    site_rows = []
    for i, s in enumerate(ctx.sites, start=1):
        kinds = [w("site_central")] if s.central else []
        if s.temporary:
            kinds.append(w("site_temporary"))
        name = s.name + (f"（{'，'.join(kinds)}）" if kinds and lang != "en" else "")
        if kinds and lang == "en":
            name += f" ({', '.join(kinds)})"
        site_rows.append((str(i), name, s.address, s.scope or w("site_same_scope")))
    blocks: list[b.Block] = [
        b.Title(w("title"), ctx.number),
        b.Para(w("certify", client=client, standard=standard)),
        b.Fields(tuple(pairs), 0.28),
        b.Heading(w("sites")),
        b.Table(
            (w("site_no"), w("site"), w("site_address"), w("site_scope")),
            tuple(site_rows),
            (0.07, 0.28, 0.33, 0.32),
        ),
        b.Para(w("validity_note"), "small"),
        b.Signatures(
            ((w("sign_cb"), cb_name.replace("\n", " / ")), (w("sign_authorised"), "")),
            w("signature"),
            w("sign_date"),
            ": " if lang == "en" else "：",
        ),
    ]
    return b.Document(
        kind="certificate",
        lang=lang,
        title=f"{w('title')} {ctx.number}",
        header_left=(ctx.cb.name_en if lang == "en" else ctx.cb.name_zh)
        or ctx.cb.name_zh
        or "AuditDesk",
        header_right=f"{w('title')} · {ctx.number}"
        + (f" · {w('revision')} {ctx.revision}" if ctx.revision else ""),
        blocks=tuple(blocks),
        cb=ctx.cb,
        draft=False,
    )


def render_certificate(
    ctx: CertificateContext,
    fmt: str,
    target: str | Path | BinaryIO,
    *,
    invariant: bool = False,
    template_dir: Path | None = None,
    pdfa: bool = False,
) -> None:
    from auditdesk.exports.render import render_document

    render_document(
        certificate_document(ctx),
        fmt,
        target,
        invariant=invariant,
        template_dir=template_dir,
        pdfa=pdfa,
    )
