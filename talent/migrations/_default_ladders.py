"""The reviewed default ladders, loaded by migration 0003.

Frozen data (a migration must not change when code does). Cross-company
cells follow DOMAIN notes: Google/Meta/Microsoft from levels.fyi-derived
charts (medium confidence), Tencent T3-1 ≈ Alibaba P6+/P7 (medium), the rest
common recruiter practice (low confidence).
"""

OBSERVED_ON = "2025-06-01"

FYI = "levels.fyi-derived cross-company level chart"
TENCENT_ALIBABA = "Public comparison: Tencent T3-1 ≈ Alibaba P6+/P7"
PRACTICE = "Common recruiter practice (not independently sourced)"

BANDS = [
    ("entry", "Entry / junior", 10),
    ("mid", "Mid", 20),
    ("senior", "Senior", 30),
    ("staff", "Staff", 40),
    ("senior-staff", "Senior staff", 50),
    ("principal", "Principal and up", 60),
]

# (name, native name, kind, country, aliases)
COMPANIES = [
    ("Google", "谷歌", "big_tech", "US", ["Alphabet", "Google LLC"]),
    ("Meta", "", "big_tech", "US", ["Facebook", "Meta Platforms", "脸书"]),
    ("Microsoft", "微软", "big_tech", "US", ["Microsoft Corporation", "MSFT"]),
    ("Alibaba", "阿里巴巴", "big_tech", "CN", ["阿里", "Alibaba Group", "阿里巴巴集团", "Aliyun", "阿里云"]),
    ("Tencent", "腾讯", "big_tech", "CN", ["鹅厂", "Tencent Holdings", "腾讯控股"]),
    ("Baidu", "百度", "big_tech", "CN", ["Baidu Inc.", "百度公司"]),
    ("ByteDance", "字节跳动", "big_tech", "CN", ["字节", "头条", "今日头条", "ByteDance Ltd."]),
    ("Huawei", "华为", "big_tech", "CN", ["Huawei Technologies", "华为技术"]),
]

# company -> [(ladder name, [(code, label, rank, band or None, source, confidence)])]
LADDERS = {
    "Google": [("Google L", [
        ("L3", "Software Engineer II", 3, "entry", FYI, "medium"),
        ("L4", "Software Engineer III", 4, "mid", FYI, "medium"),
        ("L5", "Senior Software Engineer", 5, "senior", FYI, "medium"),
        ("L6", "Staff Software Engineer", 6, "staff", FYI, "medium"),
        ("L7", "Senior Staff Software Engineer", 7, "senior-staff", FYI, "medium"),
        ("L8", "Principal Engineer", 8, "principal", FYI, "medium"),
        ("L9", "Distinguished Engineer", 9, "principal", FYI, "medium"),
        ("L10", "Google Fellow", 10, "principal", FYI, "medium"),
    ])],
    "Meta": [("Meta E", [
        ("E3", "Software Engineer", 3, "entry", FYI, "medium"),
        ("E4", "Software Engineer", 4, "mid", FYI, "medium"),
        ("E5", "Senior Software Engineer", 5, "senior", FYI, "medium"),
        ("E6", "Staff Software Engineer", 6, "staff", FYI, "medium"),
        ("E7", "Senior Staff Software Engineer", 7, "senior-staff", FYI, "medium"),
        ("E8", "Principal Engineer", 8, "principal", FYI, "medium"),
        ("E9", "Distinguished Engineer", 9, "principal", FYI, "medium"),
    ])],
    "Microsoft": [("Microsoft levels", [
        ("59", "Software Engineer", 59, "entry", FYI, "medium"),
        ("60", "Software Engineer", 60, "mid", FYI, "medium"),
        ("61", "Software Engineer II", 61, "mid", FYI, "medium"),
        ("62", "Software Engineer II", 62, "senior", FYI, "medium"),
        ("63", "Senior Software Engineer", 63, "senior", FYI, "medium"),
        ("64", "Senior Software Engineer", 64, "staff", FYI, "medium"),
        ("65", "Principal Software Engineer", 65, "staff", FYI, "medium"),
        ("66", "Principal Software Engineer", 66, "senior-staff", FYI, "medium"),
        ("67", "Principal Software Engineer", 67, "senior-staff", FYI, "medium"),
        ("68", "Partner", 68, "principal", FYI, "medium"),
        ("69", "Partner", 69, "principal", FYI, "medium"),
        ("70", "Distinguished Engineer", 70, "principal", FYI, "medium"),
        ("80", "Technical Fellow", 80, "principal", FYI, "medium"),
    ])],
    "Alibaba": [
        ("Alibaba P (technical)", [
            ("P5", "Engineer", 5, "entry", PRACTICE, "low"),
            ("P6", "Senior Engineer", 6, "mid", PRACTICE, "low"),
            ("P7", "Technical Expert", 7, "senior", TENCENT_ALIBABA, "medium"),
            ("P8", "Senior Technical Expert", 8, "staff", PRACTICE, "low"),
            ("P9", "Principal Expert", 9, "senior-staff", PRACTICE, "low"),
            ("P10", "Researcher", 10, "principal", PRACTICE, "low"),
            ("P11", "Senior Researcher", 11, "principal", PRACTICE, "low"),
            ("P12", "Chief Researcher", 12, "principal", PRACTICE, "low"),
            ("P13", "Scientist", 13, "principal", PRACTICE, "low"),
            ("P14", "Chief Scientist", 14, "principal", PRACTICE, "low"),
        ]),
        ("Alibaba M (management)", [
            ("M1", "Manager (≈P6)", 1, "mid", PRACTICE, "low"),
            ("M2", "Senior Manager (≈P7)", 2, "senior", PRACTICE, "low"),
            ("M3", "Director (≈P8)", 3, "staff", PRACTICE, "low"),
            ("M4", "Senior Director (≈P9)", 4, "senior-staff", PRACTICE, "low"),
            ("M5", "Vice President (≈P10)", 5, "principal", PRACTICE, "low"),
            ("M6", "Senior Vice President", 6, "principal", PRACTICE, "low"),
        ]),
    ],
    "Tencent": [
        ("Tencent T (until 2022)", [
            ("T2-1", "Engineer", 21, "entry", PRACTICE, "low"),
            ("T2-2", "Engineer", 22, "entry", PRACTICE, "low"),
            ("T2-3", "Engineer", 23, "mid", PRACTICE, "low"),
            ("T3-1", "Senior Engineer", 31, "senior", TENCENT_ALIBABA, "medium"),
            ("T3-2", "Senior Engineer", 32, "senior", PRACTICE, "low"),
            ("T3-3", "Senior Engineer", 33, "staff", PRACTICE, "low"),
            ("T4-1", "Expert Engineer", 41, "staff", PRACTICE, "low"),
            ("T4-2", "Expert Engineer", 42, "senior-staff", PRACTICE, "low"),
            ("T4-3", "Expert Engineer", 43, "senior-staff", PRACTICE, "low"),
            ("T5", "Scientist", 50, "principal", PRACTICE, "low"),
        ]),
        ("Tencent levels (from 2023)", [
            ("8", "Level 8", 8, "entry", PRACTICE, "low"),
            ("9", "Level 9", 9, "mid", PRACTICE, "low"),
            ("10", "Level 10", 10, "senior", PRACTICE, "low"),
            ("11", "Level 11", 11, "senior", PRACTICE, "low"),
            ("12", "Level 12", 12, "staff", PRACTICE, "low"),
            ("13", "Level 13", 13, "staff", PRACTICE, "low"),
            ("14", "Level 14", 14, "senior-staff", PRACTICE, "low"),
            ("15", "Level 15", 15, "principal", PRACTICE, "low"),
            ("16", "Level 16", 16, "principal", PRACTICE, "low"),
            ("17", "Level 17", 17, "principal", PRACTICE, "low"),
        ]),
    ],
    "Baidu": [("Baidu T", [
        ("T4", "Engineer", 4, "entry", PRACTICE, "low"),
        ("T5", "Senior Engineer", 5, "mid", PRACTICE, "low"),
        ("T6", "Senior Engineer", 6, "senior", PRACTICE, "low"),
        ("T7", "Architect", 7, "staff", PRACTICE, "low"),
        ("T8", "Senior Architect", 8, "staff", PRACTICE, "low"),
        ("T9", "Chief Architect", 9, "senior-staff", PRACTICE, "low"),
        ("T10", "Distinguished Architect", 10, "principal", PRACTICE, "low"),
        ("T11", "Chief Scientist", 11, "principal", PRACTICE, "low"),
    ])],
    "ByteDance": [("ByteDance levels", [
        ("1-2", "Engineer", 12, "entry", PRACTICE, "low"),
        ("2-1", "Engineer", 21, "mid", PRACTICE, "low"),
        ("2-2", "Senior Engineer", 22, "senior", PRACTICE, "low"),
        ("3-1", "Expert", 31, "staff", PRACTICE, "low"),
        ("3-2", "Senior Expert", 32, "senior-staff", PRACTICE, "low"),
        ("4-1", "Principal", 41, "principal", PRACTICE, "low"),
        ("4-2", "Principal", 42, "principal", PRACTICE, "low"),
    ])],
    "Huawei": [("Huawei grades", [
        ("13", "Grade 13", 13, "entry", PRACTICE, "low"),
        ("14", "Grade 14", 14, "entry", PRACTICE, "low"),
        ("15", "Grade 15", 15, "mid", PRACTICE, "low"),
        ("16", "Grade 16", 16, "mid", PRACTICE, "low"),
        ("17", "Grade 17", 17, "senior", PRACTICE, "low"),
        ("18", "Grade 18", 18, "senior", PRACTICE, "low"),
        ("19", "Grade 19", 19, "staff", PRACTICE, "low"),
        ("20", "Grade 20", 20, "staff", PRACTICE, "low"),
        ("21", "Grade 21", 21, "senior-staff", PRACTICE, "low"),
        ("22", "Grade 22", 22, "principal", PRACTICE, "low"),
    ])],
}
