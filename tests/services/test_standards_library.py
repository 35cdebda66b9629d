"""The shipped standards library and demo corpus are well-formed, and people's ways of
writing standard names are recognised."""

from __future__ import annotations

import json
import re

import pytest

from auditdesk.paths import resource
from auditdesk.services.standards_library import (
    MARKS_ITEM,
    StandardDef,
    StandardFileError,
    builtin_standard_files,
    load_builtin_standards,
    load_standard_file,
    match_standard,
)

EXPECTED_FILES = {
    "iso9001-2015.json",
    "iso14001-2015.json",
    "iso45001-2018.json",
    "iso27001-2022.json",
}


@pytest.fixture(scope="module")
def defs() -> list[StandardDef]:
    return load_builtin_standards()


@pytest.fixture(scope="module")
def by_key(defs) -> dict[str, StandardDef]:
    return {d.key: d for d in defs}


# ------------------------------------------------------------------ shipped files


def test_every_expected_standard_file_is_shipped():
    assert EXPECTED_FILES <= {p.name for p in builtin_standard_files()}


@pytest.mark.parametrize("path", builtin_standard_files(), ids=lambda p: p.name)
def test_every_shipped_file_loads_and_has_zh_and_en_titles(path):
    d = load_standard_file(path)
    assert d.title_zh and d.title_en
    for c in d.walk():
        assert c.title_zh.strip(), f"{d.key} {c.number} lacks a zh title"
        assert c.title_en.strip(), f"{d.key} {c.number} lacks an en title"
        assert re.search(r"[\u4e00-\u9fff]", c.title_zh), (
            f"{d.key} {c.number} zh title is not Chinese"
        )
        for p in c.prompts:
            assert re.search(r"[\u4e00-\u9fff]", p.zh) and p.en


@pytest.mark.parametrize(
    ("key", "scheme", "national", "low", "high"),
    [
        ("ISO9001:2015", "QMS", "GB/T 19001-2016", 60, 90),
        ("ISO14001:2015", "EMS", "GB/T 24001-2016", 38, 55),
        ("ISO45001:2018", "OHSMS", "GB/T 45001-2020", 48, 65),
        ("ISO27001:2022", "ISMS", "GB/T 22080-2025", 130, 145),
    ],
)
def test_clause_counts_are_sane(by_key, key, scheme, national, low, high):
    d = by_key[key]
    assert d.scheme == scheme
    assert d.national_code == national
    assert [c.number for c in d.clauses[:7]] == ["4", "5", "6", "7", "8", "9", "10"]
    assert low <= len(d.clause_numbers()) <= high


@pytest.mark.parametrize(
    ("key", "numbers"),
    [
        (
            "ISO9001:2015",
            [
                "5.1.1",
                "5.1.2",
                "7.1.1",
                "7.1.6",
                "7.1.5.2",
                "8.5.1",
                "8.5.6",
                "9.1.1",
                "9.1.3",
                "9.3.3",
                "10.3",
            ],
        ),
        ("ISO14001:2015", ["6.1.1", "6.1.4", "7.4.3", "8.2", "9.1.2", "10.3"]),
        ("ISO45001:2018", ["5.4", "6.1.1", "6.1.4", "8.1.1", "8.1.4", "8.1.4.2", "9.1.2", "10.2"]),
        ("ISO27001:2022", ["6.3", "8.3", "10.1", "A.5.1", "A.5.37", "A.6.8", "A.7.14", "A.8.34"]),
    ],
)
def test_sub_clauses_are_present(by_key, key, numbers):
    for n in numbers:
        assert by_key[key].has_clause(n), f"{key} lacks {n}"


@pytest.mark.parametrize(
    ("key", "number", "title_zh"),
    [
        ("ISO9001:2015", "4.1", "理解组织及其环境"),
        ("ISO9001:2015", "7.5", "成文信息"),
        ("ISO9001:2015", "8.4", "外部提供的过程、产品和服务的控制"),
        ("ISO9001:2015", "10.2", "不合格和纠正措施"),
        ("ISO14001:2015", "6.1.3", "合规义务"),
        ("ISO14001:2015", "7.5", "文件化信息"),
        ("ISO45001:2018", "6.1.2", "危险源辨识及风险和机遇的评价"),
        ("ISO45001:2018", "10.2", "事件、不符合和纠正措施"),
        ("ISO45001:2018", "9.1", "监视、测量、分析和绩效评价"),
    ],
)
def test_official_gbt_titles(by_key, key, number, title_zh):
    assert by_key[key].clause(number).title_zh == title_zh


def test_annex_a_has_all_93_controls(by_key):
    d = by_key["ISO27001:2022"]
    controls = [n for n in d.clause_numbers() if n.count(".") == 2 and n.startswith("A.")]
    assert len(controls) == 37 + 8 + 14 + 34


def test_surveillance_must_cover_names_real_clauses_and_marks(defs):
    for d in defs:
        must = set(d.surveillance_must_cover)
        assert {"9.2", "9.3", "10.2", "6.2", "8.1", MARKS_ITEM} <= must, d.key
        for n in must - {MARKS_ITEM}:
            assert d.has_clause(n)
    qms = next(d for d in defs if d.scheme == "QMS")
    assert {"9.1.2", "6.3", "10.3"} <= set(qms.surveillance_must_cover)


def test_prompts_come_from_the_field_evidence_lists(by_key):
    def prompts(key, number):
        return " ".join(p.zh for p in by_key[key].clause(number).prompts)

    assert "气候变化" in prompts("ISO9001:2015", "4.1")
    assert "外校" in prompts("ISO9001:2015", "7.1.5")
    assert "环评" in prompts("ISO14001:2015", "6.1.3")
    assert "联单" in prompts("ISO14001:2015", "8.1")
    assert "消防" in prompts("ISO45001:2018", "8.2")
    assert "特种设备" in prompts("ISO45001:2018", "8.1")


# ------------------------------------------------------------------ malformed files


def _good_doc() -> dict:
    return {
        "format": "auditdesk-standard/1",
        "code": "ISO 9001:2015",
        "key": "ISO9001:2015",
        "scheme": "QMS",
        "national_code": "GB/T 19001-2016",
        "title_en": "Quality management systems — Requirements",
        "title_zh": "质量管理体系 要求",
        "edition": "2015",
        "aliases": ["ISO9001"],
        "surveillance_must_cover": ["4.1", "marks"],
        "clauses": [
            {
                "number": "4",
                "title_en": "Context",
                "title_zh": "组织环境",
                "prompts": [],
                "children": [
                    {
                        "number": "4.1",
                        "title_en": "Understanding",
                        "title_zh": "理解组织及其环境",
                        "prompts": [{"en": "issues", "zh": "因素"}],
                        "children": [],
                    },
                ],
            },
        ],
    }


def _write(tmp_path, doc, name="std.json"):
    p = tmp_path / name
    p.write_text(
        doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False), encoding="utf-8"
    )
    return p


def test_minimal_good_document_loads(tmp_path):
    d = load_standard_file(_write(tmp_path, _good_doc()))
    assert d.clause_numbers() == ["4", "4.1"]
    assert d.clause("4.1").prompts[0].zh == "因素"


def _broken(mutate):
    doc = _good_doc()
    mutate(doc)
    return doc


def _set(path, value):
    def mutate(doc):
        target = doc
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return mutate


@pytest.mark.parametrize(
    ("doc", "reason"),
    [
        ("{not json", "not valid JSON"),
        ("[]", "JSON object"),
        (_broken(_set(["format"], "auditdesk-standard/2")), "wrong format tag"),
        (_broken(lambda d: d.pop("format")), "wrong format tag"),
        (
            _broken(
                lambda d: d["clauses"][0]["children"].append(dict(d["clauses"][0]["children"][0]))
            ),
            "duplicate clause number 4.1",
        ),
        (_broken(_set(["clauses", 0, "children", 0, "title_zh"], "")), "'title_zh'"),
        (_broken(lambda d: d["clauses"][0]["children"][0].pop("title_en")), "'title_en'"),
        (
            _broken(_set(["clauses", 0, "children", 0, "number"], "5.1")),
            "not numbered under its parent 4",
        ),
        (
            _broken(_set(["clauses", 0, "children", 0, "number"], "4.1.1")),
            "not numbered under its parent 4",
        ),
        (_broken(_set(["clauses", 0, "number"], "4.2")), "top level"),
        (_broken(_set(["clauses", 0, "number"], "four")), "bad clause number"),
        (_broken(_set(["clauses"], [])), "'clauses'"),
        (_broken(_set(["scheme"], "XYZ")), "unknown scheme"),
        (_broken(_set(["edition"], "15")), "edition"),
        (_broken(_set(["surveillance_must_cover"], ["9.9"])), "unknown clause 9.9"),
        (_broken(_set(["clauses", 0, "children", 0, "prompts"], [{"en": "x"}])), "'zh'"),
    ],
    ids=[
        "bad-json",
        "not-object",
        "wrong-tag",
        "no-tag",
        "duplicate",
        "empty-zh-title",
        "missing-en-title",
        "child-not-under-parent",
        "grandchild-number-skips-level",
        "top-level-with-parent",
        "bad-number",
        "no-clauses",
        "unknown-scheme",
        "bad-edition",
        "must-cover-unknown",
        "prompt-without-zh",
    ],
)
def test_malformed_files_raise_with_reason(tmp_path, doc, reason):
    path = _write(tmp_path, doc)
    with pytest.raises(StandardFileError) as info:
        load_standard_file(path)
    assert reason in info.value.message
    assert info.value.path == path


def test_missing_file_raises_standard_file_error(tmp_path):
    with pytest.raises(StandardFileError, match="cannot read"):
        load_standard_file(tmp_path / "absent.json")


# ------------------------------------------------------------------ matching names


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("GB/T19001-2016/ISO9001:2015", "ISO9001:2015"),
        ("GB/T 19001-2016 idt ISO 9001:2015", "ISO9001:2015"),
        ("iso9001", "ISO9001:2015"),
        ("ISO 9001", "ISO9001:2015"),
        ("ISO9001-2015", "ISO9001:2015"),
        ("ＩＳＯ９００１：２０１５", "ISO9001:2015"),
        ("GB/T19001—2016", "ISO9001:2015"),
        ("ISO 14001:2015", "ISO14001:2015"),
        ("GB/T 24001-2016", "ISO14001:2015"),
        ("ＧＢ／Ｔ　２４００１－２０１６", "ISO14001:2015"),
        ("gb/t 24001", "ISO14001:2015"),
        ("ISO 45001:2018", "ISO45001:2018"),
        ("GB/T45001-2020/ISO45001:2018", "ISO45001:2018"),
        ("ISO/IEC 27001:2022", "ISO27001:2022"),
        ("iso/iec27001", "ISO27001:2022"),
        ("ISO 27001", "ISO27001:2022"),
        ("GB/T 22080-2025", "ISO27001:2022"),
        ("  iso  9001 : 2015 ", "ISO9001:2015"),
        ("ISO 9001 2015", "ISO9001:2015"),
        ("GB/T 24001 2016", "ISO14001:2015"),
        ("ISO 9001:2015/Amd 1:2024", "ISO9001:2015"),
        ("ISO9001:2015质量管理体系", "ISO9001:2015"),
        ("质量管理体系", "ISO9001:2015"),
    ],
)
def test_match_standard_recognises_real_world_spellings(defs, text, key):
    found = match_standard(text, defs)
    assert found is not None, text
    assert found.key == key


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "ISO 9001:2008",
        "GB/T 19001-2008",
        "GB/T 22080-2016",
        "ISO 50001:2018",
        "ISO/IEC 20000-1:2018",
        "ISO 9001 2008",
        "ISO 14001:2026",
        "quality",
    ],
)
def test_match_standard_rejects_other_editions_and_unknown_names(defs, text):
    assert match_standard(text, defs) is None


# ------------------------------------------------------------------ demo corpus

EVIDENCE_TYPES = {
    "document",
    "record",
    "interview",
    "observation",
    "photo",
    "remote_screen_share",
    "it_system_sample",
}


@pytest.fixture(scope="module")
def corpus() -> dict:
    return json.loads(resource("demo", "corpus.json").read_text(encoding="utf-8"))


def test_corpus_has_the_promised_sections_and_sizes(corpus):
    assert corpus["format"] == "auditdesk-demo-corpus/1"
    assert len(corpus["organisations"]) >= 40
    assert len(corpus["nonconformities"]) >= 25
    assert len(corpus["auditors"]) == 12
    assert {"no_system_documents", "no_internal_audit_or_review", "other"} <= {
        t["code"] for t in corpus["termination_reasons"]
    }


def test_corpus_organisations(corpus, by_key):
    schemes = {d.scheme for d in by_key.values()}
    for org in corpus["organisations"]:
        for k in (
            "name_zh",
            "name_en",
            "province",
            "city",
            "address",
            "industry_zh",
            "industry_en",
        ):
            assert isinstance(org[k], str) and org[k].strip(), (org.get("name_en"), k)
        assert re.fullmatch(r"\d{2}\.\d{2}\.\d{2}", org["technical_area"]), org["technical_area"]
        assert 1 <= int(org["technical_area"][:2]) <= 39
        assert isinstance(org["effective_personnel"], int) and org["effective_personnel"] > 0
        assert org["sites"] and all(s["name"] and s["address"] for s in org["sites"])
        assert org["consultant"] is None or isinstance(org["consultant"], str)
        assert set(org["schemes"]) <= schemes and org["schemes"]
        for lic in org["licences"]:
            assert lic["kind"] and lic["number"] and lic["issuer"]
        assert "credit_code" not in org  # generated with a checksum by the demo builder
    assert len({o["name_zh"] for o in corpus["organisations"]}) == len(corpus["organisations"])
    assert any(o["consultant"] is None for o in corpus["organisations"])


def test_corpus_evidence_snippets_refer_to_real_clauses(corpus, by_key):
    per_main: dict[tuple[str, str], int] = {}
    for ev in corpus["evidence_snippets"]:
        std = by_key[ev["standard"]]
        assert std.has_clause(ev["clause"]), (ev["standard"], ev["clause"])
        assert ev["type"] in EVIDENCE_TYPES
        assert ev["zh"] and ev["en"] and isinstance(ev["references"], list)
        main = ev["clause"].split(".")[0]
        per_main[(ev["standard"], main)] = per_main.get((ev["standard"], main), 0) + 1
    for key in ("ISO9001:2015", "ISO14001:2015", "ISO45001:2018"):
        for main in ("4", "5", "6", "7", "8", "9", "10"):
            assert per_main.get((key, main), 0) >= 3, (key, main)
    assert any(k == "ISO27001:2022" for k, _ in per_main)


def test_corpus_nonconformities(corpus, by_key):
    ids = set()
    for nc in corpus["nonconformities"]:
        assert nc["id"] not in ids
        ids.add(nc["id"])
        assert nc["grade"] in {"major", "minor"}
        assert by_key[nc["standard"]].has_clause(nc["clause"]), (nc["id"], nc["clause"])
        for k in ("requirement", "evidence", "reason"):
            assert nc[f"{k}_zh"].strip() and nc[f"{k}_en"].strip(), (nc["id"], k)
        if nc.get("response"):
            for k in ("correction", "root_cause", "corrective_action"):
                assert nc["response"][f"{k}_zh"] and nc["response"][f"{k}_en"]
    assert {"major", "minor"} == {nc["grade"] for nc in corpus["nonconformities"]}
    assert sum(1 for nc in corpus["nonconformities"] if nc.get("response")) >= 8


def test_corpus_auditors(corpus, by_key):
    schemes = {d.scheme for d in by_key.values()}
    regs = set()
    for a in corpus["auditors"]:
        if a["grade"] == "tech_expert" and a["registration_no"] is None:
            pass  # technical experts are appointed by the CB, not CCAA-registered auditors
        else:
            assert re.fullmatch(r"20\d{2}-N[12](QMS|EMS|OHSMS|ISMS)-\d{7}", a["registration_no"]), (
                a["registration_no"]
            )
            assert a["registration_no"] not in regs
            regs.add(a["registration_no"])
        assert a["grade"] in {"lead_auditor", "auditor", "tech_expert"}
        assert set(a["schemes"]) <= schemes
        assert all(re.fullmatch(r"\d{2}\.\d{2}(\.\d{2})?", c) for c in a["technical_areas"])
    assert sum(1 for a in corpus["auditors"] if a["grade"] == "lead_auditor") >= 3
