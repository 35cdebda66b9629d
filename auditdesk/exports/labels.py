"""Every heading and fixed text of the exported documents, in Chinese and English.

The services return codes; the documents need words. This table is the only place those words
live for the exports. ``text(key, lang)`` gives the Chinese, the English, or both
("中文 / English") for bilingual documents; ``code(kind, value, lang)`` translates a stored code
(audit type, NC grade, ...) the same way, from the catalogue the screens use too
(auditdesk/catalogue.py), so a code reads the same on screen and on paper.
"""

from __future__ import annotations

from enum import StrEnum

from auditdesk import catalogue


class Lang(StrEnum):
    ZH = "zh"
    EN = "en"
    BILINGUAL = "bilingual"


# key -> (zh, en)
LABELS: dict[str, tuple[str, str]] = {
    # document titles
    "report_title": ("管理体系审核报告", "Management System Audit Report"),
    "plan_title": ("审核计划", "Audit Plan"),
    "nc_form_title": ("不符合报告", "Nonconformity Report"),
    "case_title": ("良好认证审核案例（初稿）", "Good Audit Case (draft)"),
    "schedule_title": ("年度监督审核计划表", "Annual Surveillance Schedule"),
    "contents": ("目录", "Contents"),
    "page_x_of_y": ("第 {page} 页 共 {pages} 页", "page {page} of {pages}"),
    "report_no": ("报告编号", "Report no."),
    "revision": ("版次", "Revision"),
    "fingerprint": ("记录指纹 (SHA-256)", "Records fingerprint (SHA-256)"),
    "issued_on": ("签发日期", "Issued on"),
    "draft": ("草稿（未签发）", "Draft (not issued)"),
    "change_note": ("修订说明", "Change note"),
    # report sections
    "sec_cb_client": ("认证机构与受审核方", "Certification body and client"),
    "sec_audit": ("审核概况", "The audit"),
    "sec_scope_sites": ("审核范围与场所", "Scope and sites"),
    "sec_team": ("审核组", "Audit team"),
    "sec_dates_places": ("审核日期与地点", "Dates and places"),
    "sec_deviations": ("审核计划偏离及原因", "Deviations from the audit plan"),
    "sec_programme_issues": ("影响审核方案的问题", "Issues affecting the audit programme"),
    "sec_changes": ("自上次审核以来的重大变更", "Significant changes since the last audit"),
    "sec_findings": ("审核发现（按条款）", "Findings by clause"),
    "sec_evidence": ("审核证据清单", "Audit evidence register"),
    "sec_ncs": ("不符合项", "Nonconformities"),
    "sec_previous_ncs": (
        "以往不符合项纠正措施的验证",
        "Verification of previous corrective actions",
    ),
    "sec_unresolved": ("未解决的问题", "Unresolved issues"),
    "sec_sampling": ("抽样说明", "Sampling disclaimer"),
    "sec_conclusions": ("审核结论", "Conclusions"),
    "sec_recommendation": ("审核组推荐意见", "Recommendation of the audit team"),
    "sec_termination": ("审核终止（撤组）", "Audit terminated (team withdrawn)"),
    "terminated_on": ("撤组日期", "Terminated on"),
    "termination_reasons": ("撤组原因", "Reasons"),
    "termination_agreed_by": ("同意撤组", "Agreed by"),
    "reaudit_due": ("重新审核截止日期", "Re-audit due by"),
    "termination_note": ("说明", "Note"),
    "sec_marks": ("认证证书及标志的使用控制", "Control of certificates and marks"),
    "sec_photos": ("现场照片", "Photographs"),
    "sec_signatures": ("签字", "Signatures"),
    "sec_revisions": ("报告修订记录", "Report revisions"),
    # field labels
    "cb": ("认证机构", "Certification body"),
    "cb_address": ("认证机构地址", "CB address"),
    "accreditation": ("认可信息", "Accreditation"),
    "client": ("受审核方", "Client"),
    "client_en": ("英文名称", "Name in English"),
    "credit_code": ("统一社会信用代码", "Unified social credit code"),
    "address": ("地址", "Address"),
    "representative": ("法定代表人", "Representative"),
    "contact": ("联系人", "Contact"),
    "audit_no": ("审核编号", "Audit no."),
    "audit_type": ("审核类型", "Audit type"),
    "audit_mode": ("审核方式", "Audit mode"),
    "criteria": ("审核准则", "Audit criteria"),
    "objectives": ("审核目的", "Audit objectives"),
    "scope": ("审核范围", "Audit scope"),
    "certificates": ("相关证书", "Certificates"),
    "integrated_note": ("结合/联合/一体化审核说明", "Combined / joint / integrated audit"),
    "integrated_yes": (
        "本次为一体化审核，覆盖以下标准：{standards}",
        "This is an integrated audit covering: {standards}",
    ),
    "integrated_no": ("不适用（单一标准审核）", "Not applicable (single-standard audit)"),
    "audit_dates": ("审核日期", "Audit dates"),
    "audit_days": ("审核人日", "Audit days"),
    "planned_days": ("计划人日", "Planned days"),
    "actual_days": ("实际人日", "Actual days"),
    "md5_days": ("IAF MD5 核定人日", "IAF MD5 audit days"),
    "site": ("场所", "Site"),
    "sites": ("审核场所", "Sites"),
    "site_kind": ("类型", "Kind"),
    "site_central": ("中心职能", "Central function"),
    "site_permanent": ("固定场所", "Permanent site"),
    "site_temporary": ("临时场所", "Temporary site"),
    "on_site": ("现场", "On site"),
    "remote": ("远程", "Remote"),
    "visit_date": ("审核日期", "Date"),
    "activities": ("活动/过程", "Activities"),
    "name": ("姓名", "Name"),
    "role": ("组内身份", "Role"),
    "registration": ("注册号", "Registration no."),
    "days": ("人日", "Days"),
    "clause": ("条款", "Clause"),
    "clause_title": ("条款名称", "Clause title"),
    "judgement": ("评价", "Judgement"),
    "evidence_refs": ("证据编号", "Evidence"),
    "note": ("说明", "Note"),
    "seq": ("序号", "No."),
    "evidence_type": ("证据类型", "Type"),
    "department": ("部门/场所", "Department / site"),
    "time": ("时间", "Time"),
    "description": ("描述", "Description"),
    "references": ("记录编号", "Record references"),
    "nc_no": ("不符合编号", "NC no."),
    "grade": ("等级", "Grade"),
    "statement": ("不符合陈述", "Statement"),
    "state": ("状态", "Status"),
    "requirement": ("标准要求", "Requirement"),
    "objective_evidence": ("客观证据", "Objective evidence"),
    "reason": ("不符合原因（违反要求之处）", "Why this does not meet the requirement"),
    "response_due": ("回复期限", "Response due"),
    "verification_due": ("验证期限", "Verification due"),
    "raised_by": ("开具人", "Raised by"),
    "issued_date": ("开具日期", "Issued on"),
    "previous_audit": ("原审核", "Raised in audit"),
    "verification": ("验证情况", "Verification"),
    "effectiveness": ("有效性", "Effectiveness"),
    "none": ("无", "None"),
    "photo_missing": (
        "（照片文件不在本机的附件库中）",
        "(the photo file is not in this computer's attachment store)",
    ),
    "not_recorded": ("（未填写）", "(not recorded)"),
    "sampling_text": (
        "审核是基于对可获得信息的抽样进行的，审核证据建立在样本的基础上，因此审核结论存在一定的不确定性。"
        "未发现不符合并不表示受审核方的管理体系中不存在其他不符合。",
        "The audit was based on a sample of the available information; audit evidence is based on a sample, "
        "so an element of uncertainty remains. The absence of other nonconformities does not mean that none exist.",
    ),
    "conclusion_conformity": (
        "管理体系与审核准则的符合性",
        "Conformity of the management system with the audit criteria",
    ),
    "conclusion_effectiveness": (
        "管理体系的有效性（含内部审核和管理评审）",
        "Effectiveness of the management system (incl. internal audit and management review)",
    ),
    "conclusion_scope": ("认证范围是否适宜", "Is the certification scope appropriate"),
    "conclusion_objectives": ("审核目的是否实现", "Were the audit objectives met"),
    "conclusion_team": ("审核组结论", "Conclusion of the audit team"),
    "conformity_ok": ("符合审核准则", "Conforms with the audit criteria"),
    "conformity_minor": (
        "基本符合审核准则，存在一般不符合 {minor} 项",
        "Conforms, with {minor} minor nonconformities",
    ),
    "conformity_major": (
        "存在严重不符合 {major} 项，未完全符合审核准则",
        "{major} major nonconformities: not fully conforming with the audit criteria",
    ),
    "interviewee": ("受访人员岗位", "Interviewee (role)"),
    "colon": ("：", ": "),
    "nc_summary": (
        "不符合项：严重 {major} 项，一般 {minor} 项；未关闭 {open} 项。",
        "Nonconformities: {major} major, {minor} minor; {open} not closed.",
    ),
    "clauses_summary": (
        "已审核条款 {audited} 个，其中符合 {conform} 个。",
        "{audited} clauses audited, {conform} conforming.",
    ),
    "evidence_summary": ("共记录审核证据 {count} 条。", "{count} evidence items recorded."),
    "recommendation": ("推荐意见", "Recommendation"),
    "marks_control": ("证书和标志使用情况", "Use of certificates and marks"),
    "sign_team_leader": ("审核组长", "Team leader"),
    "sign_client": ("受审核方代表", "Client representative"),
    "sign_date": ("日期", "Date"),
    "signature": ("签字", "Signature"),
    "photo_caption": ("图 {n}：{caption}", "Photo {n}: {caption}"),
    "check_in_opening": ("首次会议签到", "Opening meeting check-in"),
    "check_in_closing": ("末次会议签到", "Closing meeting check-in"),
    # plan
    "sec_plan_general": ("审核基本信息", "General"),
    "sec_plan_team": ("审核组成员", "Audit team"),
    "sec_plan_sites": ("审核场所", "Sites"),
    "sec_plan_agenda": ("审核日程安排", "Agenda"),
    "sec_plan_time": ("审核时间核算", "Audit time"),
    "agenda_date": ("日期", "Date"),
    "agenda_slot": ("时间", "Time"),
    "agenda_item": ("审核内容（过程/条款）", "Process / clauses"),
    "agenda_auditor": ("审核员", "Auditor"),
    "opening_meeting": ("首次会议", "Opening meeting"),
    "closing_meeting": ("末次会议", "Closing meeting"),
    "team_review": ("审核组内部沟通", "Audit team review"),
    "onsite_min": ("其中现场审核至少", "Of which on site at least"),
    "must_cover": (
        "监督审核必审内容（ISO/IEC 17021-1 9.6.2.2）",
        "Every surveillance covers (ISO/IEC 17021-1 9.6.2.2)",
    ),
    "md5_basis": ("依据", "Basis"),
    "md5_difference": ("计划与 MD5 之差", "Planned minus MD5"),
    "md5_below": (
        "计划人日低于 MD5 核定值，应书面说明理由。",
        "Planned days are below the MD5 figure: a written reason is required.",
    ),
    "md5_ok": ("计划人日不低于 MD5 核定值。", "Planned days are not below the MD5 figure."),
    "md5_unknown": (
        "未能计算 MD5 人日（缺少有效人数或体系类别）。",
        "The MD5 figure could not be computed (no personnel or scheme).",
    ),
    # NC form client part
    "sec_nc_finding": ("不符合事实（审核组填写）", "The finding (audit team)"),
    "sec_nc_response": ("受审核方回复（受审核方填写）", "Response (to be completed by the client)"),
    "sec_nc_verification": ("验证（审核组填写）", "Verification (audit team)"),
    "correction": ("纠正", "Correction"),
    "root_cause": ("原因分析", "Root cause"),
    "corrective_action": ("纠正措施", "Corrective action"),
    "owners": ("责任人", "Responsible"),
    "planned_date": ("计划完成日期", "Planned completion date"),
    "done_date": ("实际完成日期", "Completed on"),
    "verified_by": ("验证人", "Verified by"),
    "verified_on": ("验证日期", "Verified on"),
    "client_signature": ("受审核方确认", "Client acknowledgement"),
    # case
    "sec_case_background": ("一、案例发生的背景", "1. Background"),
    "sec_case_course": ("二、案例发生的主要过程", "2. Course of the audit"),
    "sec_case_findings": ("三、主要的审核发现与沟通过程", "3. Main findings and communication"),
    "sec_case_improvements": (
        "四、受审核组织主要的改进方法及其成效",
        "4. The client's improvements and their effect",
    ),
    "case_field": ("认证领域", "Certification field"),
    "case_client": ("受审核组织", "Organisation"),
    "case_site": ("场所", "Sites"),
    "case_time": ("时间", "Time"),
    "case_people": ("参与人员", "People"),
    "case_industry": ("行业", "Industry"),
    "case_editor_note": (
        "以下内容由系统根据审核记录生成，请审核员补充和修改。",
        "Generated from the audit's records: the auditor completes and edits it.",
    ),
    "case_improvement_pending": (
        "（待受审核方提交纠正措施后补充）",
        "(to be completed once the client's corrective actions are in)",
    ),
    "case_communication": (
        "与受审核方沟通情况：（请补充）",
        "Communication with the client: (to be completed)",
    ),
    # schedule sheet 2
    "month": ("月份", "Month"),
    "total": ("合计", "Total"),
    # 17021-1 9.4.8 items (issue 17.3): report_contents
    "unrecorded": ("未记录", "not recorded"),
    "not_applicable_here": ("不适用", "not applicable"),
    "sec_site_activities": ("各场所审核日期与活动", "Audit dates and activities per site"),
    "site_planned_date": ("计划日期", "Planned date"),
    "audited_dates": ("实际审核日期", "Dates audited"),
    "departments": ("受审核部门", "Departments audited"),
    "evidence_count": ("证据数", "Items"),
    "sec_days": ("审核人日（IAF MD5）", "Audit days (IAF MD5)"),
    "team_days_total": ("审核组成员人日合计", "Team members' days, total"),
    "days_difference": ("计划与实际的差异", "Planned vs. actual"),
    "days_same": ("无差异", "no difference"),
    "days_differ": ("相差 {diff} 人日", "{diff} audit days apart"),
    "days_reason": ("差异原因", "Reason for the difference"),
    "experts": ("技术专家", "Technical experts"),
    "observers": ("观察员", "Observers"),
    "trainees": ("实习审核员", "Trainee auditors"),
    "guides": ("向导", "Guides"),
    "interpreters": ("翻译", "Interpreters"),
    "none_in_team": ("无（审核组中无此角色）", "none (no such role in the team)"),
    "sec_coverage": (
        "专业代码、删减与未覆盖的区域",
        "Technical codes, exclusions, areas not covered",
    ),
    "technical_codes": ("专业代码", "Technical codes"),
    "exclusions": (
        "删减（不适用条款）及理由",
        "Exclusions (clauses not applicable) and justification",
    ),
    "exclusions_none": ("无不适用条款", "no clause judged not applicable"),
    "justification_missing": ("理由未记录", "justification not recorded"),
    "not_audited_clauses": ("本次未审核的条款", "Clauses not audited this time"),
    "sites_not_covered": ("本次未覆盖的场所", "Sites not covered this time"),
    "not_covered_note": ("未覆盖区域的说明", "Note on the areas not covered"),
    "sec_stage1": ("第一阶段审核发现的问题及其状态", "Stage-1 issues and their status"),
    "stage1_not_stage2": ("不适用（本次不是第二阶段审核）", "not applicable (not a stage-2 audit)"),
    "stage1_none_found": (
        "未记录（数据库中没有该客户的第一阶段审核）",
        "not recorded (no stage-1 audit of this client in the database)",
    ),
    "stage1_audit": ("第一阶段审核", "Stage-1 audit"),
    "stage1_no_issues": ("第一阶段审核未开具问题", "the stage-1 audit raised no issue"),
    "changes_marked": ("审核员标记为变更的证据", "Evidence the auditors marked as a change"),
    "changes_none_marked": ("无证据被标记为变更", "no evidence is marked as a change"),
    "sec_complaints": ("投诉", "Complaints"),
    "sec_reverification": (
        "再认证的再确认：人数、法律地位与资质",
        "Re-verification at recertification: headcount, legal status, licences",
    ),
    "legal_name": ("注册名称", "Registered name"),
    "personnel_now": ("当前有效人数", "Effective personnel now"),
    "as_of": ("记录日期", "As of"),
    "personnel_count": ("有效人数", "Effective personnel"),
    "personnel_history": ("有效人数记录", "Effective personnel records"),
    "licences": ("行政许可/资质", "Licences and permits"),
    "licence_kind": ("类别", "Kind"),
    "licence_no": ("编号", "Number"),
    "licence_issuer": ("发证机关", "Issuer"),
    "expiry": ("有效期至", "Valid until"),
    "licence_valid": ("审核末日有效", "valid on the audit's last day"),
    "licence_expired": ("审核末日已过期", "expired by the audit's last day"),
    "reverification_note": ("审核组的再确认说明", "The team's re-verification note"),
    "cert_issue_date": ("发证日期", "Issued"),
    "cert_status": ("证书状态", "Status"),
    "photo_time": ("拍摄时间", "taken"),
    # good-audit-case draft (issue 17.8)
    "case_title_field": ("案例标题", "Case title"),
    "case_author": ("编写人", "Author"),
    "case_type": ("案例类型", "Case type"),
    "case_step": ("审核过程（按记录）", "Course of the audit (from the records)"),
    "case_no_timeline": (
        "审核记录中尚无带时间的活动（首末次会议签到照片、证据、不符合项）。",
        "The audit's records hold no dated step yet (check-in photos, evidence, NCs).",
    ),
    "case_step_opening": ("召开首次会议（{place}）", "Opening meeting ({place})"),
    "case_step_closing": ("召开末次会议（{place}）", "Closing meeting ({place})"),
    "case_step_site_day": (
        "在{site}审核至 {until}：{departments}；条款 {clauses}；记录审核证据 {count} 条",
        "At {site} until {until}: {departments}; clauses {clauses}; {count} evidence items recorded",
    ),
    "case_step_nc": (
        "开具{grade}不符合 {nc}（条款 {clause}）",
        "{grade} nonconformity {nc} raised (clause {clause})",
    ),
    "case_step_response": (
        "收到受审核方对 {nc} 的整改回复",
        "The client's response to {nc} received",
    ),
    "case_step_verified": (
        "{nc} 的纠正措施已验证（{method}）",
        "Corrective action of {nc} verified ({method})",
    ),
    "case_step_closed": ("{nc} 关闭", "{nc} closed"),
    # NC form (issue 17.3)
    "department_audited": ("受审核部门", "Department audited"),
    "sec_nc_acceptance": ("认证机构对整改措施的确认", "The CB's acceptance of the response"),
    "accepted_by": ("确认人", "Accepted by"),
    "accepted_on": ("确认日期", "Accepted on"),
    "verification_method": ("验证方式", "Verification method"),
    "similar_check": ("举一反三（同类问题排查）", "Similar cases checked elsewhere (举一反三)"),
    "response_received": ("收到回复日期", "Response received"),
}

# Code translations come from the one catalogue (auditdesk/catalogue.py,
# resources/words/catalogue.json), which the screens use too: kind -> code -> (zh, en).
CODES: dict[str, dict[str, tuple[str, str]]] = {
    group: {c: (w["zh"], w["en"]) for c, w in entries.items()}
    for group, entries in catalogue.catalogue().items()
}


def _pick(pair: tuple[str, str], lang: Lang | str, sep: str) -> str:
    zh, en = pair
    if lang == Lang.ZH:
        return zh
    if lang == Lang.EN:
        return en
    return zh if zh == en else f"{zh}{sep}{en}"


def text(key: str, lang: Lang | str, sep: str = " / ", **values: object) -> str:
    """The fixed text ``key`` in ``lang`` (bilingual: "中文 / English"), formatted with ``values``."""
    zh, en = LABELS[key]
    pair = (zh.format(**values), en.format(**values)) if values else (zh, en)
    return _pick(pair, lang, sep)


def code(kind: str, value: object, lang: Lang | str, sep: str = " / ") -> str:
    """A stored code in words; an unknown code is shown as itself (never hidden)."""
    if not catalogue.has_word(kind, value):
        return catalogue.word(kind, value, "en")  # the code itself
    pair = (catalogue.word(kind, value, "zh"), catalogue.word(kind, value, "en"))
    return _pick(pair, lang, sep)


def parse_lang(value: str) -> Lang:
    try:
        return Lang(value)
    except ValueError:
        raise ValueError(f"lang: '{value}' is not one of zh, en, bilingual") from None
