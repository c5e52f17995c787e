"""One demo story for each pattern of the talent map, dated around the demo's today.

- a **team lift-out**: four of 01.AI's pretraining team join Alibaba within two months;
- a **boomerang**: an Alibaba researcher leaves for Moonshot AI and comes back;
- a **founder in waiting**: a ByteDance lead leaves under a non-compete that
  restricts MiniMax, founds a lab while it binds, and joins MiniMax after it.

Written through the talent services (derived fields, search terms, enforceable
ends); the demo login owns or watches them, so the desk shows them.
"""

import datetime as dt

from django.contrib.auth import get_user_model

from accounts.models import Recruiter
from crm.demo import vocabulary as words
from talent import services
from talent.models import Candidate, Company, Level

LIFT_OUT = [
    ("黄子涵", "Zihan Huang", "Pretraining Lead"),
    ("吴思远", "Siyuan Wu", "Research Scientist"),
    ("郑可欣", "Kexin Zheng", "Research Engineer"),
    ("冯博文", "Bowen Feng", "Data Infrastructure Lead"),
]


STORY_CANDIDATES = len(LIFT_OUT) + 2


def patterns_seeded() -> bool:
    return Candidate.objects.filter(english_name=LIFT_OUT[0][1]).exists()


def patterns_seed(*, today: dt.date) -> int:
    """Adds the three stories; returns how many candidates it created (none if already there)."""
    if patterns_seeded():
        return 0
    owner = demo_recruiter()
    actor = owner.user
    days = dt.timedelta
    created = 0

    for offset, (native, english, title) in enumerate(LIFT_OUT):
        candidate = _candidate(actor, owner, native, english, expertise=["pretraining", "llm"])
        _stint(candidate, "01.AI", title, today - days(900), today - days(200 - offset * 20))
        _stint(candidate, "Alibaba", title, today - days(199 - offset * 20), None, level="P8")
        created += 1

    candidate = _candidate(actor, owner, "高雅琴", "Yaqin Gao", expertise=["multimodal"])
    _stint(candidate, "Alibaba", "Senior Algorithm Expert", today - days(3000), today - days(800), level="P8")
    _stint(candidate, "Moonshot AI", "Head of Vision", today - days(780), today - days(130))
    _stint(candidate, "Alibaba", "Director, Multimodal", today - days(120), None, level="P9")
    created += 1

    candidate = _candidate(actor, owner, "罗建国", "Jianguo Luo", expertise=["rlhf", "llm"])
    left_on = today - days(420)
    bytedance = _stint(candidate, "ByteDance", "Head of Alignment", today - days(2500), left_on)
    lab = Company.objects.filter(name="Lumen Lab").first() or services.company_create(
        name="Lumen Lab", kind=Company.Kind.AI_STARTUP, country="CN"
    )
    services.employment_create(
        candidate=candidate,
        company=lab,
        title="Founder & CEO",
        start_date=left_on + days(20),
        end_date=today - days(45),
    )
    _stint(candidate, "MiniMax", "VP, Post-training", today - days(40), None)
    services.noncompete_create(
        candidate=candidate,
        employer=bytedance.company,
        employment=bytedance,
        starts_on=left_on + days(1),
        contractual_end=left_on + days(365),
        jurisdiction="CN",
        monthly_compensation=60000,
        compensation_currency="CNY",
        restricted_companies=list(Company.objects.filter(name__in=["MiniMax", "Moonshot AI", "Alibaba"])),
    )
    candidate.watchers.add(owner)
    return created + 1


def demo_recruiter() -> Recruiter:
    user = get_user_model().objects.filter(username=words.DEMO_USERNAME, recruiter__isnull=False).first()
    return user.recruiter if user else Recruiter.objects.select_related("user").order_by("pk").first()


def _candidate(actor, owner: Recruiter, native: str, english: str, *, expertise: list[str]) -> Candidate:
    return services.candidate_create(
        actor=actor,
        owner=owner,
        native_name=native,
        english_name=english,
        city="Beijing",
        country="CN",
        expertise=expertise,
    )


def _stint(candidate: Candidate, company: str, title: str, start: dt.date, end: dt.date | None, level: str = ""):
    company_row = Company.objects.get(name=company)
    return services.employment_create(
        candidate=candidate,
        company=company_row,
        title=title,
        start_date=start,
        end_date=end,
        level=Level.objects.filter(company=company_row, code=level).first() if level else None,
    )
