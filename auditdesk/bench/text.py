"""Realistic Chinese and English text for the reference dataset, drawn from the demo corpus.

A million evidence items cannot all be hand-written, and a million copies of 117 snippets
would give full-text search an unrealistic vocabulary (every term either in every row or in
none). So each text is composed: sentences of one or two corpus snippets of the standard,
record numbers, dates and quantities varied, a lead-in phrase, sometimes the English
translation beside it, sometimes English only. A pool of such descriptions is made once
(tokenised once for the search index) and each evidence item draws from it and adds its own
record references.
"""

from __future__ import annotations

import random
import re
from typing import Any

_NUMBER = re.compile(r"\d+")
_SENTENCE_ZH = re.compile(r"[^。；]+[。；]?")

LEAD_INS_ZH = (
    "",
    "",
    "",
    "查阅",
    "现场查看：",
    "抽查",
    "询问负责人并查看记录：",
    "现场观察：",
    "复核上次审核发现后，",
    "远程视频查看：",
    "抽样检查：",
)
LEAD_INS_EN = (
    "",
    "",
    "Checked on site: ",
    "Sampled: ",
    "Interviewed the owner: ",
    "Remote session: ",
)
DEPARTMENTS = (
    "质量部",
    "生产部",
    "采购部",
    "行政人事部",
    "技术部",
    "仓储物流部",
    "安环部",
    "研发中心",
    "销售部",
    "财务部",
    "设备部",
    "信息中心",
    "总经理办公室",
    "检验室",
    "工程部",
)
INTERVIEWEE_ROLES = (
    "质量部经理",
    "生产主管",
    "仓库管理员",
    "安全员",
    "内审员",
    "采购专员",
    "设备管理员",
    "总经理",
    "管理者代表",
    "人事专员",
    "信息安全专员",
    "环境管理员",
    "车间班组长",
    "检验员",
)
CITY_WORDS = (
    "苏州",
    "宁波",
    "东莞",
    "佛山",
    "无锡",
    "常州",
    "嘉兴",
    "绍兴",
    "温州",
    "泉州",
    "厦门",
    "青岛",
    "烟台",
    "潍坊",
    "济南",
    "郑州",
    "洛阳",
    "武汉",
    "长沙",
    "株洲",
    "合肥",
    "芜湖",
    "南昌",
    "成都",
    "绵阳",
    "重庆",
    "西安",
    "宝鸡",
    "沈阳",
    "大连",
    "天津",
    "石家庄",
    "保定",
    "唐山",
    "太原",
    "南宁",
    "柳州",
    "昆明",
    "贵阳",
    "兰州",
    "杭州",
    "南京",
    "上海",
    "北京",
    "深圳",
    "广州",
    "珠海",
    "中山",
    "惠州",
    "台州",
)
# Brand names (字号) with their pinyin for the English name.
BRANDS = (
    ("华信", "Huaxin"),
    ("恒泰", "Hengtai"),
    ("瑞博", "Ruibo"),
    ("康益", "Kangyi"),
    ("锦程", "Jincheng"),
    ("云衡", "Yunheng"),
    ("宏远", "Hongyuan"),
    ("鑫达", "Xinda"),
    ("永盛", "Yongsheng"),
    ("正通", "Zhengtong"),
    ("金源", "Jinyuan"),
    ("中科", "Zhongke"),
    ("天成", "Tiancheng"),
    ("新欣", "Xinxin"),
    ("博远", "Boyuan"),
    ("安泰", "Antai"),
    ("联创", "Lianchuang"),
    ("海川", "Haichuan"),
    ("东方", "Dongfang"),
    ("振华", "Zhenhua"),
    ("卓越", "Zhuoyue"),
    ("明德", "Mingde"),
    ("精工", "Jinggong"),
    ("汇丰", "Huifeng"),
    ("润泽", "Runze"),
    ("光大", "Guangda"),
    ("万通", "Wantong"),
    ("嘉禾", "Jiahe"),
    ("凯达", "Kaida"),
    ("腾飞", "Tengfei"),
    ("宇航", "Yuhang"),
    ("晨光", "Chenguang"),
    ("盛世", "Shengshi"),
    ("同舟", "Tongzhou"),
    ("利民", "Limin"),
)
INDUSTRIES = (
    ("医疗器械", "Medical Devices", "19.15.01", "一次性使用医用耗材生产"),
    ("机电设备", "Electromechanical Equipment", "18.05.02", "通用机电设备装配"),
    ("软件技术", "Software Technology", "33.02.01", "应用软件开发及信息系统集成服务"),
    ("精密机械", "Precision Machinery", "17.12.05", "金属零部件机械加工"),
    ("新材料", "New Materials", "14.02.01", "工程塑料改性及制品生产"),
    ("食品", "Foods", "03.01.02", "预包装食品生产"),
    ("包装材料", "Packaging Materials", "07.02.00", "纸箱及纸制包装制品生产"),
    ("化工", "Chemicals", "12.04.01", "水性涂料生产"),
    ("电子科技", "Electronics", "19.05.01", "电子元器件及线路板组装"),
    ("建筑工程", "Construction Engineering", "28.02.00", "房屋建筑工程施工"),
    ("物流", "Logistics", "31.01.00", "道路货物运输及仓储服务"),
    ("环保科技", "Environmental Technology", "39.03.00", "污水处理设施运营服务"),
    ("汽车零部件", "Auto Parts", "22.01.03", "汽车零部件冲压及焊接"),
    ("物业管理", "Property Management", "35.00.00", "物业管理服务"),
)
SURNAMES = "张王李刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国晓东海波宁"


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def _vary_numbers(text: str, rng: random.Random, year_choices: tuple[int, ...]) -> str:
    def repl(m: re.Match[str]) -> str:
        digits = m.group(0)
        if len(digits) == 4 and digits.startswith("20"):
            return str(rng.choice(year_choices))
        if rng.random() < 0.6:
            return digits
        width = len(digits)
        low = 10 ** (width - 1) if width > 1 else 1
        return str(rng.randint(low, 10**width - 1))

    return _NUMBER.sub(repl, text)


class EvidenceTexts:
    """A pool of composed evidence descriptions per standard, each with its snippet metadata."""

    def __init__(
        self, corpus: dict[str, Any], rng: random.Random, pool_size: int, years: tuple[int, ...]
    ) -> None:
        self.by_standard: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        snippets: dict[str, list[dict[str, Any]]] = {}
        for s in corpus["evidence_snippets"]:
            snippets.setdefault(s["standard"], []).append(s)
        for std, items in snippets.items():
            pool = []
            for _ in range(max(len(items), pool_size // len(snippets))):
                pool.append(self._compose(items, rng, years))
            self.by_standard[std] = pool

    @staticmethod
    def _compose(
        items: list[dict[str, Any]], rng: random.Random, years: tuple[int, ...]
    ) -> tuple[str, dict[str, Any]]:
        main = rng.choice(items)
        roll = rng.random()
        if roll < 0.08:  # English only (a foreign-invested client, an English-speaking auditor)
            return rng.choice(LEAD_INS_EN) + _vary_numbers(main["en"], rng, years), main
        sentences = _SENTENCE_ZH.findall(main["zh"])
        if len(sentences) > 2 and rng.random() < 0.4:
            sentences = sentences[: rng.randint(1, len(sentences) - 1)]
        text = rng.choice(LEAD_INS_ZH) + "".join(sentences)
        if rng.random() < 0.35:  # a second observation on the same clause area
            other = rng.choice(items)
            extra = _SENTENCE_ZH.findall(other["zh"])
            if extra:
                text += rng.choice(extra)
        text = _vary_numbers(text, rng, years)
        if roll > 0.75:  # bilingual record
            text += " / " + _vary_numbers(main["en"], rng, years)
        return text, main

    def pick(self, standard: str, rng: random.Random) -> tuple[int, str, dict[str, Any]]:
        pool = self.by_standard.get(standard) or self.by_standard["ISO9001:2015"]
        i = rng.randrange(len(pool))
        return i, pool[i][0], pool[i][1]


def references(snippet: dict[str, Any], rng: random.Random, year: int) -> str:
    refs = [_vary_numbers(r, rng, (year, year - 1)) for r in snippet.get("references", [])]
    if rng.random() < 0.5:
        refs.append(f"记录编号 {rng.choice('QPRWF')}R-{year}-{rng.randint(1, 9999):04d}")
    return "；".join(refs)


def nc_text(example: dict[str, Any], rng: random.Random, years: tuple[int, ...]) -> dict[str, str]:
    """An NC statement and (for answered NCs) a response, varied from a corpus example."""
    resp = example.get("response") or {}
    return {
        "requirement": example["requirement_zh"],
        "evidence_text": _vary_numbers(example["evidence_zh"], rng, years),
        "reason": example["reason_zh"],
        "correction": resp.get("correction_zh", "已对发现的问题进行纠正，并对同类问题进行了排查。"),
        "root_cause": resp.get(
            "root_cause_zh", "相关岗位人员对程序要求理解不到位，培训未覆盖新入职人员。"
        ),
        "corrective_action": resp.get(
            "corrective_action_zh", "修订程序文件并组织专项培训，举一反三排查同类问题。"
        ),
    }
