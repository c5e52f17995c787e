"""The indexed search returns exactly the rows a brute-force scan over the same data finds."""

import datetime as dt
import random

import pytest
from django.db.models import Prefetch

from talent import services
from talent.access import candidates_visible_to
from talent.models import Candidate, Company, Employment
from talent.names import fold, person_pinyin
from talent.search.tokens import candidate_tokens, query_tokens
from talent.selectors import candidates_search
from tests.factories import RecruiterFactory, UserFactory

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘陸陽"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂育帆鱼龍華"
ENGLISH = ["Louis", "Amy", "Kevin", "Grace", "Tony", "Yang", "Lu", "Ann", "Annie", "Li"]
TITLES = ["Research Scientist", "Staff Engineer", "算法工程师", "Product Manager", "CTO"]
TAGS = ["llm", "rlhf", "cv", "推荐", "infra"]


@pytest.fixture
def seeded(db):
    """120 people written through the services: names in both scripts, aliases, pseudonyms, careers."""
    rng = random.Random(11)
    owners = [RecruiterFactory(), RecruiterFactory()]
    admin = UserFactory(is_superuser=True)
    companies = list(Company.objects.order_by("pk")[:12])
    for i in range(120):
        confidential = rng.random() < 0.3
        candidate = services.candidate_create(
            actor=admin,
            owner=owners[i % 2],
            native_name="".join([rng.choice(SURNAMES), *rng.sample(GIVEN, rng.randint(1, 2))]),
            english_name=f"{rng.choice(ENGLISH)} {rng.choice(ENGLISH)}" if rng.random() < 0.7 else "",
            pseudonym=f"Bird{i}" if confidential or rng.random() < 0.2 else "",
            is_confidential=confidential,
            aliases=[{"name": rng.choice(["小鱼", "阿龙", "Ace", "老王", f"Nick{i % 7}"])}]
            if rng.random() < 0.5
            else [],
            expertise=rng.sample(TAGS, rng.randint(0, 2)),
        )
        for _ in range(rng.randint(0, 3)):
            start = dt.date(rng.randint(2005, 2024), 1, 1)
            services.employment_create(
                candidate=candidate, company=rng.choice(companies), title=rng.choice(TITLES), start_date=start
            )
    return list(
        Candidate.objects.prefetch_related(
            "aliases",
            Prefetch("employments", queryset=Employment.objects.select_related("company")),
            "employments__company__aliases",
        ).order_by("pk")
    )


def _tokens(candidate: Candidate) -> set[str]:
    """Tokens from the rows themselves, not from the stored column."""
    companies = {e.company_id: e.company for e in candidate.employments.all()}
    return set(
        candidate_tokens(
            native_name=candidate.native_name,
            english_name=candidate.english_name,
            pseudonym=candidate.pseudonym,
            aliases=[a.name for a in candidate.aliases.all()],
            companies=[[c.name, c.native_name, *(a.name for a in c.aliases.all())] for c in companies.values()],
            titles=[e.title for e in candidate.employments.all()],
            expertise=candidate.expertise,
        )
    )


def _queries(people: list[Candidate]) -> list[str]:
    rng = random.Random(5)
    queries = ["", "zzq", "a", "工程", "Engineer", "字节", "阿里", "llm", "huawei", "yang", "lu", "ann"]
    for candidate in rng.sample(people, 40):
        native = fold(candidate.native_name)
        if len(native) >= 2:
            start = rng.randrange(len(native) - 1)
            queries.append(native[start : start + 2])
        syllables = person_pinyin(candidate.native_name).split()
        if syllables:
            queries += [" ".join(syllables[:2]), "".join(syllables), "".join(s[0] for s in syllables)]
        if candidate.english_name:
            queries.append(candidate.english_name[: rng.randint(2, len(candidate.english_name))])
        if candidate.pseudonym:
            queries.append(candidate.pseudonym[:4])
        queries += [a.name for a in candidate.aliases.all()][:1]
        queries += [e.title.split()[-1] for e in candidate.employments.all()][:1]
        queries += candidate.expertise[:1]
    return queries


def test_the_index_finds_exactly_what_a_scan_finds(seeded):
    admin = UserFactory(is_superuser=True)
    outsider = RecruiterFactory().user
    checked = 0
    from_rows = {p.pk: _tokens(p) for p in seeded}
    for user in (admin, outsider):
        visible = candidates_visible_to(user)
        cleared = dict(visible.values_list("pk", "identity_cleared"))
        for query in _queries(seeded):
            wanted = query_tokens(query)
            if not wanted:
                continue
            scan = {
                p.pk for p in seeded if from_rows[p.pk] & set(wanted.every if cleared[p.pk] else wanted.pseudonym_only)
            }
            indexed = set(candidates_search(visible, query).values_list("pk", flat=True))
            assert indexed == scan, (user, query)
            checked += 1
    assert checked > 300


def test_every_two_characters_of_a_cleared_name_find_the_person(seeded):
    visible = candidates_visible_to(UserFactory(is_superuser=True))
    for candidate in seeded[:60]:
        native = fold(candidate.native_name)
        for start in range(len(native) - 1):
            found = candidates_search(visible, native[start : start + 2]).values_list("pk", flat=True)
            assert candidate.pk in set(found), (candidate.native_name, native[start : start + 2])
