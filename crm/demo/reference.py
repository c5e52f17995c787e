"""The fixed part of the demo: companies of the market, recruiter teams and the demo login."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models.functions import Lower

from accounts import groups
from accounts.models import Recruiter, Team
from crm.demo import vocabulary as words
from talent.models import Company, CompanyAlias, Level
from talent.search.refresh import company_people_search_refresh

# (team, city, time zone, [(username, first name, last name)]); the first member leads.
TEAMS = [
    ("Beijing", "Beijing", "Asia/Shanghai", [
        ("jing.chen", "Jing", "Chen"), ("hao.liu", "Hao", "Liu"), ("yue.zhao", "Yue", "Zhao"), ("ming.sun", "Ming", "Sun"),
    ]),
    ("Shanghai", "Shanghai", "Asia/Shanghai", [
        ("lei.wang", "Lei", "Wang"), ("xin.zhou", "Xin", "Zhou"), ("ting.wu", "Ting", "Wu"), ("fang.xu", "Fang", "Xu"),
    ]),
    ("Mountain View", "Mountain View", "America/Los_Angeles", [
        ("sarah.kim", "Sarah", "Kim"), ("david.lin", "David", "Lin"), ("emily.park", "Emily", "Park"),
    ]),
]  # fmt: skip
# The research desk curates companies, ladders and bands (accounts.groups); everyone else only reads them.
CURATOR_USERNAMES = {"xin.zhou", "david.lin"}
EMAIL_DOMAIN = "talentbase.example.com"


@dataclass(frozen=True)
class RecruiterRef:
    id: int
    timezone: str


@dataclass(frozen=True)
class Market:
    """Ids the candidate generators need, loaded once per run."""

    company_ids: dict[str, int]
    company_names: dict[int, str]
    # company id -> ladder name -> band code -> level ids
    levels: dict[int, dict[str, dict[str, list[int]]]]
    recruiters: list[RecruiterRef]


class _Password:
    """Hashes the demo password at most once per run.

    Every demo user shares one hash: PBKDF2 takes a noticeable fraction of a
    second, and the password is public anyway.
    """

    def __init__(self) -> None:
        self._hash = ""

    def __str__(self) -> str:
        if not self._hash:
            self._hash = make_password(words.DEMO_PASSWORD)
        return self._hash


@transaction.atomic
def ensure_reference_data() -> tuple[Market, bool]:
    """Create what is missing; return the market and whether the demo login was created."""
    password = _Password()
    company_ids = _ensure_companies()
    recruiters = _ensure_recruiters(password)
    created_demo = _ensure_demo_login(password)
    return _load_market(company_ids, recruiters), created_demo


def _ensure_companies() -> dict[str, int]:
    """The market's companies by their demo name (an existing row may differ in case)."""
    company_ids = {}
    for name, native_name, kind, country, aliases in words.COMPANIES:
        company, created = Company.objects.get_or_create(
            name__iexact=name, defaults={"name": name, "native_name": native_name, "kind": kind, "country": country}
        )
        folded = CompanyAlias.objects.annotate(folded=Lower("name")).values_list("folded", flat=True)
        taken = set(folded.filter(folded__in=[alias.lower() for alias in aliases]))
        new_aliases = [CompanyAlias(company=company, name=alias) for alias in aliases if alias.lower() not in taken]
        CompanyAlias.objects.bulk_create(new_aliases)
        if created or new_aliases:
            company.search_text = company.compute_search_text(list(company.aliases.values_list("name", flat=True)))
            Company.objects.filter(pk=company.pk).update(search_text=company.search_text)
            company_people_search_refresh(company_ids=[company.pk])
        company_ids[name] = company.pk
    return company_ids


def _ensure_recruiters(password: _Password) -> list[Recruiter]:
    groups.ensure_groups(Group, Permission)
    recruiters_group = Group.objects.get(name=groups.RECRUITERS)
    curators_group = Group.objects.get(name=groups.CURATORS)
    user_model = get_user_model()
    recruiters = []
    for team_name, city, timezone, members in TEAMS:
        team, _ = Team.objects.get_or_create(name=team_name)
        for username, first_name, last_name in members:
            user, created = user_model.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first_name,
                    "last_name": last_name,
                    "email": f"{username}@{EMAIL_DOMAIN}",
                    "is_staff": True,
                    "password": str(password),
                },
            )
            if created:
                user.groups.add(recruiters_group)
                if username in CURATOR_USERNAMES:
                    user.groups.add(curators_group)
            recruiter, _ = Recruiter.objects.get_or_create(
                user=user, defaults={"team": team, "timezone": timezone, "city": city}
            )
            recruiters.append(recruiter)
        if team.lead_id is None:
            team.lead = Recruiter.objects.get(user__username=members[0][0])
            team.save(update_fields=["lead"])
    return recruiters


def _ensure_demo_login(password: _Password) -> bool:
    user_model = get_user_model()
    if user_model.objects.filter(username=words.DEMO_USERNAME).exists():
        return False
    user = user_model(
        username=words.DEMO_USERNAME,
        email=f"{words.DEMO_USERNAME}@{EMAIL_DOMAIN}",
        first_name="Demo",
        is_staff=True,
        is_superuser=True,
        password=str(password),
    )
    user.save()
    # A recruiter profile lets the demo admin also log notes, watch candidates and get reminders.
    Recruiter.objects.create(user=user, timezone="Asia/Shanghai", city="Beijing")
    return True


def _load_market(company_ids: dict[str, int], recruiters: list[Recruiter]) -> Market:
    levels: dict[int, dict[str, dict[str, list[int]]]] = {}
    rows = Level.objects.filter(company_id__in=company_ids.values(), band__isnull=False).values_list(
        "id", "company_id", "ladder__name", "band__code"
    )
    for level_id, company_id, ladder_name, band_code in rows.order_by("company_id", "ladder__name", "rank", "id"):
        levels.setdefault(company_id, {}).setdefault(ladder_name, {}).setdefault(band_code, []).append(level_id)
    ordered = sorted(recruiters, key=lambda r: r.user.username)
    return Market(
        company_ids=company_ids,
        company_names={pk: name for name, pk in company_ids.items()},
        levels=levels,
        recruiters=[RecruiterRef(id=r.pk, timezone=r.timezone) for r in ordered],
    )
