"""The audit report's own words for verdicts, the pre-issue check and sign-off (zh, en).

Kept apart from ``labels`` (the shared catalogue) so the report's verdict wording lives with the
report. ``word(key, lang, **values)`` works like ``labels.text``; ``blocker_text`` writes one
pre-issue blocker (``services.report_verdict.Blocker``) as a sentence, for the report and the CLI.
"""

from __future__ import annotations

from auditdesk.exports.labels import Lang, code

WORDS: dict[str, tuple[str, str]] = {
    "not_judged": ("未判定", "not yet judged"),
    "not_stated": ("未填写（须由审核组说明）", "not stated (the team must state it)"),
    "yes": ("是", "yes"),
    "also_minor": ("；另有一般不符合 {minor} 项", "; also {minor} minor nonconformities"),
    "no": ("否", "no"),
    # conformity / effectiveness derived from the findings
    "eff_effective": (
        "内部审核和管理评审已按策划实施，未发现影响管理体系有效性的问题，管理体系运行有效。",
        "Internal audit and management review are carried out as planned; no finding affects "
        "the system's effectiveness: the management system is effective.",
    ),
    "eff_effective_minor": (
        "管理体系总体有效运行，存在需纠正的一般不符合（见不符合项）。",
        "The management system is effective overall; minor nonconformities need correction "
        "(see the nonconformities).",
    ),
    "eff_major_open": (
        "存在尚未验证关闭的严重不符合，不能证实管理体系有效运行。",
        "A major nonconformity is not yet verified: the system's effectiveness is not demonstrated.",
    ),
    "eff_not_judged": (
        "内部审核（9.2）或管理评审（9.3）尚未判定，有效性未能评价。",
        "Internal audit (9.2) or management review (9.3) is not judged yet: effectiveness "
        "cannot be evaluated.",
    ),
    # recommendation derived from the findings
    "rec_refuse": (
        "不推荐（严重不符合逾期未验证）",
        "Not recommended (a major nonconformity is overdue for verification)",
    ),
    "rec_none": ("本次审核不作认证推荐", "No certification recommendation from this audit"),
    "rec_with_conditions": ("{rec}，条件：{conditions}。", "{rec}, subject to: {conditions}."),
    "cond_verify_major": ("严重不符合 {nc} 经验证关闭后", "verification of major {nc}"),
    "cond_accept_minor": (
        "一般不符合 {nc} 的纠正措施计划经认可后",
        "acceptance of the corrective-action plan for minor {nc}",
    ),
    "rec_derived": ("依据审核发现", "From the findings"),
    "rec_team": ("审核组填写", "As written by the team"),
    "contradicts": ("※ 与审核发现不一致：", "※ Contradicts the findings: "),
    # statements
    "sec_statements": ("监督审核必查项目", "Mandatory surveillance items"),
    "statement_item": ("项目", "Item"),
    "statement_text": ("审核组说明", "Statement of the team"),
    "item_marks": ("认证证书和认证标志的使用", "Use of the certificate and marks"),
    "item_changes": ("自上次审核以来的重大变更", "Significant changes since the last audit"),
    "item_complaints": ("投诉的处理", "Complaints and their handling"),
    "item_previous_ncs": (
        "以往不符合的纠正措施及其有效性",
        "Corrective actions on previous nonconformities",
    ),
    "item_internal_audit_review": ("内部审核和管理评审", "Internal audit and management review"),
    "item_objectives": ("目标的实现进展", "Progress towards the objectives"),
    "item_improvement": ("持续改进", "Continual improvement"),
    # pre-issue check
    "sec_pre_issue": (
        "出具前检查（草稿：出具前须处理）",
        "Pre-issue check (draft: to be resolved before issue)",
    ),
    "pre_issue_ok": ("出具前检查未发现问题。", "The pre-issue check finds nothing."),
    "b_clause.not_judged": ("条款 {d} 未判定", "clause {d} is not judged"),
    "b_nc.no_evidence": ("不符合 {d} 未关联审核证据", "{d} cites no evidence"),
    "b_nc.draft": ("不符合 {d} 仍为草稿，未开具", "{d} is still a draft"),
    "b_check_in.opening_missing": (
        "缺少首次会议签到照片（认证到）",
        "no opening-meeting check-in photo",
    ),
    "b_check_in.closing_missing": (
        "缺少末次会议签到照片（认证到）",
        "no closing-meeting check-in photo",
    ),
    # 认证到 check-in findings (rules/checkin.py); {d} is the photo's file or the member's name
    "b_check_in.too_many_photos": (
        "签到照片超过 3 张（认证到）：{d}",
        "more than 3 check-in photos for one meeting: {d}",
    ),
    "b_check_in.no_exif_time": (
        "签到照片 {d} 无拍摄时间（EXIF），无法核对",
        "check-in photo {d} has no capture time (EXIF) to check",
    ),
    "b_check_in.opening_too_late": (
        "签到照片 {d} 晚于首次会议开始后 2 小时",
        "check-in photo {d} is more than 2 h after the opening meeting began",
    ),
    "b_check_in.opening_wrong_day": (
        "签到照片 {d} 不是首次会议当天拍摄",
        "check-in photo {d} was not taken on the opening meeting's day",
    ),
    "b_check_in.closing_too_early": (
        "签到照片 {d} 早于末次会议开始",
        "check-in photo {d} is before the closing meeting began",
    ),
    "b_check_in.closing_too_late": (
        "签到照片 {d} 晚于末次会议结束后 2 小时",
        "check-in photo {d} is more than 2 h after the closing meeting ended",
    ),
    "b_check_in.no_gps": (
        "签到照片 {d} 无位置信息（GPS）",
        "check-in photo {d} has no location (GPS)",
    ),
    "b_check_in.too_far": (
        "签到照片 {d} 距审核地址超过 5 公里",
        "check-in photo {d} is more than 5 km from the audit address",
    ),
    "b_check_in.no_site_location": (
        "未记录审核场所的位置，无法核对签到照片",
        "the audited site's location is not recorded: check-in photos cannot be checked",
    ),
    "b_check_in.no_meeting_times": (
        "未记录首末次会议时间，无法核对签到照片",
        "the opening and closing meeting times are not recorded",
    ),
    "b_check_in.member_not_ticked": (
        "审核组长未确认 {d} 在签到照片中",
        "the team leader has not confirmed {d} is in the check-in photos",
    ),
    "b_previous_nc.not_verified": (
        "以往不符合 {d} 未在本次审核验证",
        "previous nonconformity {d} is not re-verified at this audit",
    ),
    "b_coverage.must_cover_missing": (
        "必查项目 {d} 无审核证据",
        "must-cover item {d} has no evidence",
    ),
    "b_judgement.scope_unset": (
        "审核组未判定认证范围是否适宜",
        "the team has not judged whether the scope is appropriate",
    ),
    "b_judgement.objectives_unset": (
        "审核组未判定审核目的是否实现",
        "the team has not judged whether the audit objectives were met",
    ),
    "b_statement.missing": ("缺少审核组对“{d}”的说明", "no team statement on “{d}”"),
    "b_report.not_reviewed": ("报告草稿尚未经组长/复核人审核", "the report draft is not reviewed"),
    "b_contradiction.conclusion_conformity": (
        "审核组结论称符合要求，但存在不符合 {d}",
        "the team's conclusion claims conformity, but {d} stands",
    ),
    "b_contradiction.conclusion_effectiveness": (
        "审核组结论称运行有效，但严重不符合 {d} 尚未验证",
        "the team's conclusion claims effectiveness, but the major {d} is not verified",
    ),
    "b_contradiction.recommendation_unconditional": (
        "推荐意见未附条件，但严重不符合 {d} 尚未验证",
        "the recommendation is unconditional, but the major {d} is not verified",
    ),
    "b_contradiction.recommendation_type": (
        "推荐意见“{d}”与审核类型不符",
        "the recommendation “{d}” does not fit the audit type",
    ),
    "b_contradiction.recommendation_refuse": (
        "审核发现不支持推荐（严重不符合逾期未验证），推荐意见却为“{d}”",
        "the findings do not support a recommendation (major NC overdue), yet it reads “{d}”",
    ),
    "b_contradiction.objectives_terminated": (
        "审核已终止（撤组），却判定审核目的已实现",
        "the audit was terminated, yet its objectives are judged met",
    ),
    "b_contradiction.scope_nc": (
        "判定认证范围适宜，但条款 4.3 有不符合 {d}",
        "the scope is judged appropriate, but {d} is against clause 4.3",
    ),
    # sign-off, revisions, verification
    "sec_signoff": ("报告编制、审核和批准", "Prepared, reviewed and approved"),
    "prepared_by": ("编制", "Prepared by"),
    "reviewed_by": ("审核", "Reviewed by"),
    "approved_by": ("批准（出具）", "Approved (issued) by"),
    "not_yet": ("（尚未）", "(not yet)"),
    "override": ("越过出具前检查的理由", "Issued despite the pre-issue check because"),
    "overridden": ("越过的检查项", "Checks overridden"),
    "verification_code": ("报告验证码", "Verification code"),
    "verification_hint": (
        "核对副本：auditdesk verify 文件 --db 数据库（比对出具文件的 SHA-256 和记录指纹）",
        "Check a copy: auditdesk verify FILE --db DATABASE (compares the issued file's SHA-256 "
        "and the records' fingerprint)",
    ),
    "team_member_sign": ("{role}", "{role}"),
}


def word(key: str, lang: Lang | str, sep: str = " / ", **values: object) -> str:
    zh, en = WORDS[key]
    if values:
        zh, en = zh.format(**values), en.format(**values)
    if lang == Lang.ZH:
        return zh
    if lang == Lang.EN:
        return en
    return zh if zh == en else f"{zh}{sep}{en}"


def statement_item(item: str, lang: Lang | str) -> str:
    return word(f"item_{item}", lang)


def blocker_text(code_: str, detail: str, lang: Lang | str) -> str:
    """One pre-issue blocker in words; an unknown code is shown as itself."""
    key = f"b_{code_}"
    if key not in WORDS:
        return f"{code_} {detail}".strip()
    if code_ in ("statement.missing", "coverage.must_cover_missing"):
        detail = statement_item(detail, lang) if f"item_{detail}" in WORDS else detail
    elif code_.startswith("contradiction.recommendation_"):
        detail = code("recommendation", detail, lang) if detail.isidentifier() else detail
    return word(key, lang, d=detail)
