"""Word lists the demo generators draw from. Invented people, real companies."""

from talent.models import Company

DEMO_PASSWORD = "talentbase-demo"
DEMO_USERNAME = "demo"

# (name, native name, kind, country, aliases). The first eight are loaded by
# migration 0003 with their ladders; they are looked up, not changed.
COMPANIES: list[tuple[str, str, str, str, list[str]]] = [
    ("ByteDance", "字节跳动", Company.Kind.BIG_TECH, "CN", []),
    ("Alibaba", "阿里巴巴", Company.Kind.BIG_TECH, "CN", []),
    ("Tencent", "腾讯", Company.Kind.BIG_TECH, "CN", []),
    ("Baidu", "百度", Company.Kind.BIG_TECH, "CN", []),
    ("Huawei", "华为", Company.Kind.BIG_TECH, "CN", []),
    ("Google", "谷歌", Company.Kind.BIG_TECH, "US", []),
    ("Meta", "", Company.Kind.BIG_TECH, "US", []),
    ("Microsoft", "微软", Company.Kind.BIG_TECH, "US", []),
    ("Kuaishou", "快手", Company.Kind.BIG_TECH, "CN", ["Kwai", "快手科技"]),
    ("MiniMax", "稀宇科技", Company.Kind.AI_STARTUP, "CN", ["稀宇", "海螺AI"]),
    ("Moonshot AI", "月之暗面", Company.Kind.AI_STARTUP, "CN", ["Moonshot", "Kimi"]),
    ("Zhipu AI", "智谱", Company.Kind.AI_STARTUP, "CN", ["Zhipu", "智谱AI", "Z.ai"]),
    ("Baichuan", "百川智能", Company.Kind.AI_STARTUP, "CN", ["Baichuan AI", "百川"]),
    ("01.AI", "零一万物", Company.Kind.AI_STARTUP, "CN", ["Lingyi Wanwu", "零一"]),
    ("DeepSeek", "深度求索", Company.Kind.AI_STARTUP, "CN", ["DeepSeek AI"]),
    ("StepFun", "阶跃星辰", Company.Kind.AI_STARTUP, "CN", ["阶跃"]),
    ("Microsoft Research Asia", "微软亚洲研究院", Company.Kind.RESEARCH_LAB, "CN", ["MSRA", "微软亚研"]),
    ("BAAI", "北京智源人工智能研究院", Company.Kind.RESEARCH_LAB, "CN", ["智源", "Beijing Academy of AI"]),
    ("Shanghai AI Laboratory", "上海人工智能实验室", Company.Kind.RESEARCH_LAB, "CN", ["Shanghai AI Lab"]),
    ("OpenAI", "", Company.Kind.AI_STARTUP, "US", ["OpenAI OpCo"]),
    ("Anthropic", "", Company.Kind.AI_STARTUP, "US", ["Anthropic PBC"]),
    ("Google DeepMind", "", Company.Kind.RESEARCH_LAB, "GB", ["DeepMind"]),
    ("xAI", "", Company.Kind.AI_STARTUP, "US", ["X.AI Corp"]),
    ("NVIDIA", "英伟达", Company.Kind.BIG_TECH, "US", ["Nvidia Corporation"]),
    ("Intel", "英特尔", Company.Kind.BIG_TECH, "US", ["Intel Corporation"]),
    ("Aleph Alpha", "", Company.Kind.AI_STARTUP, "DE", ["Aleph Alpha GmbH"]),
    ("OPPO", "", Company.Kind.BIG_TECH, "CN", ["欧珀"]),
    ("Xiaomi", "小米", Company.Kind.BIG_TECH, "CN", ["小米集团", "Xiaomi Corporation"]),
    ("Meituan", "美团", Company.Kind.BIG_TECH, "CN", ["美团点评", "Meituan-Dianping"]),
    ("JD.com", "京东", Company.Kind.BIG_TECH, "CN", ["Jingdong", "京东集团"]),
    ("Ant Group", "蚂蚁集团", Company.Kind.BIG_TECH, "CN", ["蚂蚁金服", "Ant Financial"]),
    ("Tsinghua University", "清华大学", Company.Kind.UNIVERSITY, "CN", ["THU", "清华"]),
    ("Peking University", "北京大学", Company.Kind.UNIVERSITY, "CN", ["PKU", "北大"]),
    ("Hillhouse", "高瓴资本", Company.Kind.INVESTOR, "CN", ["高瓴", "Hillhouse Capital", "Hillhouse Investment"]),
    ("HongShan", "红杉中国", Company.Kind.INVESTOR, "CN", ["Sequoia China", "Sequoia Capital China", "红杉资本中国"]),
]

# Where careers happen. Investors and universities appear in careers only as noted.
CN_EMPLOYERS = [
    "ByteDance", "Alibaba", "Tencent", "Baidu", "Huawei", "Kuaishou", "MiniMax", "Moonshot AI", "Zhipu AI",
    "Baichuan", "01.AI", "DeepSeek", "StepFun", "Microsoft Research Asia", "BAAI", "Shanghai AI Laboratory",
    "OPPO", "Xiaomi", "Meituan", "JD.com", "Ant Group",
]  # fmt: skip
# Companies whose non-competes bind in China (the big ones write them into every senior contract).
CN_RESTRICTING_EMPLOYERS = [
    "ByteDance", "Alibaba", "Tencent", "Baidu", "Huawei", "Kuaishou", "Meituan", "Ant Group", "JD.com",
    "MiniMax", "Moonshot AI", "Zhipu AI", "DeepSeek", "StepFun", "Xiaomi",
]  # fmt: skip
US_EMPLOYERS = ["Google", "Meta", "Microsoft", "OpenAI", "Anthropic", "Google DeepMind", "xAI", "NVIDIA", "Intel"]
CALIFORNIA_EMPLOYERS = ["Google", "Meta", "OpenAI", "Anthropic", "xAI", "NVIDIA"]
ACADEMIA = ["Tsinghua University", "Peking University"]
# Alibaba and Ant Group give every employee a 花名.
HUAMING_COMPANIES = ["Alibaba", "Ant Group"]

BANDS = ["entry", "mid", "senior", "staff", "senior-staff", "principal"]
BAND_WEIGHTS = [4, 22, 34, 22, 12, 6]

TITLES = {
    "entry": ["Algorithm Engineer", "Research Engineer", "Machine Learning Engineer"],
    "mid": ["Research Scientist", "Senior Algorithm Engineer", "Machine Learning Engineer"],
    "senior": ["Senior Research Scientist", "Senior Machine Learning Engineer", "Tech Lead"],
    "staff": ["Staff Research Scientist", "Staff Engineer", "Research Lead"],
    "senior-staff": ["Senior Staff Research Scientist", "Head of Research", "Senior Staff Engineer"],
    "principal": ["Principal Scientist", "Distinguished Engineer", "VP of Research", "Chief Scientist"],
}
ACADEMIC_TITLES = ["Postdoctoral Researcher", "Assistant Professor", "Associate Professor"]
FOUNDER_TITLES = ["Founder & CEO", "Co-founder & CTO", "Co-founder & Chief Scientist"]

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤"
)
COMPOUND_SURNAMES = ["欧阳", "司马", "上官", "诸葛", "东方", "慕容"]
GIVEN_NAME_CHARS = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华玉萍红鹏辉宇浩凯健俊帆旭晨博文斌鑫宁欣雪琳晶婷颖倩怡嘉思"
    "梦雨子涵泽轩睿昊然航铭哲瑞天一诚志远清源逸峰毅晓云海东南冰阳立新松林彬岩翔悦佳可心若琪璐薇蕾彤佩安言书墨知行"
)
ENGLISH_FIRST_NAMES = [
    "Louis", "Kevin", "Jerry", "Tony", "Eric", "Jason", "Michael", "David", "Vincent", "Leo", "Frank", "Jack",
    "Henry", "Allen", "Steven", "Peter", "Ray", "Sean", "Alex", "Bruce", "Oscar", "Ivan", "Victor", "Hugo",
    "Felix", "Max", "Ethan", "Ryan", "Grace", "Cherry", "Vivian", "Iris", "Emma", "Lily", "Amy", "Annie",
    "Crystal", "Helen", "Irene", "Joyce", "Karen", "Lucy", "Nina", "Stella", "Tina", "Wendy", "Yvonne", "Zoe",
]  # fmt: skip
# For the few candidates without a Chinese name.
OTHER_FIRST_NAMES = ["Priya", "Arjun", "Daniel", "Sarah", "Tomás", "Lukas", "Hannah", "Aisha", "Kenji", "Yuna", "Minho"]
OTHER_LAST_NAMES = ["Raman", "Kapoor", "Fischer", "Novak", "Silva", "Okafor", "Tanaka", "Park", "Larsen", "Haddad"]
# Invented 花名 in the wuxia style; the real ones of well-known people are left out.
HUAMING_FIRST = "行多玄逍青南北云若星无孤墨长听觉元空"
HUAMING_SECOND = "难遥锋风影川尘舟河歌岚松泉石羽溪"
PSEUDONYM_WORDS = ["Kestrel", "Heron", "Osprey", "Falcon", "Merlin", "Plover", "Swift", "Wren", "Egret", "Ibis"]

EXPERTISE = [
    "LLM pretraining", "RLHF", "post-training", "inference systems", "multimodal", "recommender systems",
    "CUDA kernels", "distributed training", "mixture of experts", "long context", "reasoning", "code generation",
    "speech", "computer vision", "diffusion models", "video generation", "AI infrastructure", "compilers",
    "evaluation", "alignment", "agents", "retrieval", "search ranking", "autonomous driving", "embodied AI",
    "quantization", "GPU clusters",
]  # fmt: skip

CN_UNIVERSITIES = [
    "Tsinghua University", "Peking University", "USTC", "Zhejiang University", "Shanghai Jiao Tong University",
    "Fudan University", "Nanjing University", "Harbin Institute of Technology",
]  # fmt: skip
WORLD_UNIVERSITIES = [
    "Carnegie Mellon University", "Stanford University", "MIT", "UC Berkeley", "University of Washington",
    "Princeton University", "HKUST", "National University of Singapore", "ETH Zurich",
]  # fmt: skip
FIELDS = ["Computer Science", "Electrical Engineering", "Mathematics", "Physics", "Statistics", "Automation"]

CN_CITIES = ["Beijing", "Beijing", "Beijing", "Shanghai", "Shanghai", "Hangzhou", "Shenzhen"]
US_CITIES = ["Mountain View", "San Francisco", "Palo Alto", "Seattle", "New York"]
TRADITIONAL_CITIES = [("Hong Kong", "HK"), ("Taipei", "TW"), ("Singapore", "SG")]

COMPENSATION_BASE = {  # annual, by band
    "CNY": [400_000, 700_000, 1_200_000, 2_200_000, 4_000_000, 8_000_000],
    "USD": [190_000, 280_000, 400_000, 600_000, 900_000, 1_500_000],
}
COMPENSATION_NOTES = [
    "",
    "",
    "Includes RSUs vesting over four years.",
    "16-month salary; large year-end bonus.",
    "Unvested options worth roughly a year of salary.",
    "Stock refresh due next quarter.",
]
RELOCATION_NOTES = {
    True: ["Open to Beijing or Shanghai.", "Would move to the Bay Area for the right lab.", "Open to Singapore."],
    False: ["Family stays in Hangzhou.", "Kids in school in Palo Alto.", "Will not leave Beijing."],
    None: [""],
}
WORK_AUTHORIZATION = {
    "US": ["H-1B", "H-1B, green card pending", "Green card", "US citizen", "O-1"],
    "CN": ["", "", "Chinese citizen"],
    "OTHER": ["", "Employment pass"],
}

SOURCES = [
    ("referral", "Referred by a former colleague"),
    ("linkedin", "LinkedIn search"),
    ("event", "NeurIPS booth"),
    ("event", "WAIC Shanghai"),
    ("research", "Org-chart mapping"),
    ("inbound", "Wrote to us"),
    ("paper", "First author of a long-context paper"),
    ("paper", "Maintainer of an open-source inference engine"),
]

DEPARTURE_REASONS = [
    ("resigned", "Wanted a bigger scope."),
    ("resigned", "Team reorganised."),
    ("poached", "Poached with a large sign-on package."),
    ("poached", "Followed their manager to a rival lab."),
    ("laid_off", "Team cut in a restructuring."),
    ("contract_end", ""),
    ("studies", "Left for a PhD."),
]

FOUNDER_NAMES = [
    ("Qiyuan", "启元"), ("Xinghe", "星河"), ("Lingjing", "灵境"), ("Tianshu", "天枢"), ("Mingdao", "明道"),
    ("Zhiyuan", "知远"), ("Yunqi", "云启"), ("Shenlan", "深蓝"),
]  # fmt: skip
FOUNDER_SUFFIXES = [("Intelligence", "智能"), ("Labs", "实验室"), ("AI", "科技")]

RESTRICTED_SECTORS = ["large language models", "recommendation", "AI infrastructure", "autonomous driving", "search"]

NOTE_SUMMARIES = [
    "Coffee near Wudaokou: curious about {topic} roles, wants to lead a team.",
    "Call about the {topic} search; asked for the team size and GPU budget.",
    "Met at a meetup; happy at {company} for now, open to a chat next quarter.",
    "Long WeChat exchange on {topic}; wants a title step up and a Beijing base.",
    "Intro call: strong on {topic}, compensation expectations noted.",
    "Lunch: frustrated with the reorg at {company}, asked us to keep them posted.",
]
NONCOMPETE_NOTE = "Non-compete with {employer} runs to {end}; will talk seriously after that."
DECLINED_REASONS = [
    "family stays in the Bay Area",
    "just vested; waiting for the next refresh",
    "non-compete still running",
    "happy with the current team",
    "staying in academia",
    "will not move to Beijing",
    "compensation gap too large",
    "committed to founding a startup",
]
