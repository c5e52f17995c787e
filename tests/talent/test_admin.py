import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from talent.models import (
    Candidate,
    CandidateAlias,
    Company,
    CompanyAlias,
    ContactChannel,
    Level,
    LevelEquivalence,
    NonCompete,
)
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    EmploymentFactory,
    NonCompeteFactory,
    RecruiterFactory,
    level,
)

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:talent_candidate_add")
LIST_URL = reverse("admin:talent_candidate_changelist")
INLINES = ["aliases", "contacts", "education", "employments", "noncompetes", "outreach_notes"]


def change_url(candidate: Candidate) -> str:
    return reverse("admin:talent_candidate_change", args=[candidate.pk])


def candidate_form(**fields) -> dict:
    """The main form as the browser posts it, every inline empty unless given."""
    data = {
        "native_name": "",
        "english_name": "",
        "pseudonym": "",
        "city": "",
        "country": "",
        "expertise": "",
        "work_authorization": "",
        "current_compensation": "",
        "current_compensation_currency": "",
        "current_compensation_period": "",
        "expected_compensation": "",
        "expected_compensation_currency": "",
        "expected_compensation_period": "",
        "compensation_notes": "",
        "willing_to_relocate": "unknown",
        "relocation_notes": "",
        "owner": "",
        "team": "",
        "source": "",
        "source_detail": "",
        "hold": "",
    }
    data.update({k: v for k, v in fields.items() if k not in INLINES})
    for prefix in INLINES:
        rows = fields.get(prefix, [])
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = str(sum(1 for row in rows if row.get("id")))
        for index, row in enumerate(rows):
            for name, value in row.items():
                data[f"{prefix}-{index}-{name}"] = value
    return data


def employment_row(company: Company, **fields) -> dict:
    return {
        "company": company.pk,
        "title": "Research Scientist",
        "level": "",
        "start_date": "2021-03-01",
        "end_date": "",
        "departure_reason": "",
        "departure_notes": "",
        **fields,
    }


def noncompete_row(employer: Company, **fields) -> dict:
    return {
        "employer": employer.pk,
        "employment": "",
        "jurisdiction": "CN",
        "starts_on": "2025-03-01",
        "contractual_end": "2028-02-29",
        "status": "active",
        "ended_on": "",
        "restricted_sectors": "",
        "region": "",
        "monthly_compensation": "",
        "compensation_currency": "",
        "last_monthly_pay": "",
        "compensation_paid": "on",
        "unpaid_since": "",
        "notes": "",
        **fields,
    }


def errors_of(response) -> list[str]:
    """Every error the admin form page shows, main form and inlines."""
    messages = [m for errors in response.context["adminform"].form.errors.values() for m in errors]
    for inline in response.context["inline_admin_formsets"]:
        messages += inline.formset.non_form_errors()
        for form_errors in inline.formset.errors:
            messages += [m for errors in form_errors.values() for m in errors]
    return messages


def assert_refused(response, message: str) -> None:
    assert response.status_code == 200
    assert message in errors_of(response)
    assert escape(message) in response.content.decode()


@pytest.fixture
def bytedance() -> Company:
    return Company.objects.get(name="ByteDance")


def test_candidate_with_every_inline_is_created_in_one_post(admin_client, admin_user, bytedance):
    me = RecruiterFactory(user=admin_user)
    watcher = RecruiterFactory()
    tsinghua_lab = CompanyFactory(name="Zhipu")
    data = candidate_form(
        native_name="陽陸育",
        english_name="Louis Yang",
        city="Beijing",
        country="CN",
        expertise="LLM, RLHF",
        owner=me.pk,
        watchers=[watcher.pk],
        aliases=[{"name": "花名小杨", "kind": "huaming", "company": bytedance.pk}],
        contacts=[
            {"kind": "phone", "value": "+86 138 0013 8000", "label": "personal", "is_primary": "on"},
            {"kind": "email", "value": "Louis@Example.COM", "label": "", "is_primary": ""},
        ],
        education=[
            {"institution": "Tsinghua University", "degree": "PhD", "field": "CS", "start_year": 2012, "end_year": 2017}
        ],
        employments=[
            employment_row(
                bytedance,
                title="Senior Expert",
                level=level("ByteDance", "3-2").pk,
                start_date="2019-07-01",
                end_date="2025-02-28",
                departure_reason="poached",
            ),
            employment_row(tsinghua_lab, title="Chief Scientist", start_date="2025-03-01"),
        ],
        noncompetes=[noncompete_row(bytedance, restricted_companies=[tsinghua_lab.pk], region="mainland China")],
        outreach_notes=[
            {
                "author": me.pk,
                "happened_at_0": "2026-11-01",
                "happened_at_1": "12:00:00",
                "channel": "wechat",
                "direction": "outbound",
                "summary": "Open to a chat in spring.",
                "interest": "warm",
                "declined_reason": "",
                "follow_up_on": "2027-01-15",
            }
        ],
    )

    response = admin_client.post(ADD_URL, data)

    assert response.status_code == 302, errors_of(response)
    candidate = Candidate.objects.get()
    assert candidate.pinyin == "yang lu yu"
    assert "yang lu yu" in candidate.search_text
    assert "yly" in candidate.search_text
    assert "花名小杨" in candidate.search_text
    assert candidate.expertise == ["LLM", "RLHF"]
    assert list(candidate.watchers.all()) == [watcher]
    assert sorted(candidate.contacts.values_list("value", flat=True)) == ["+8613800138000", "louis@example.com"]
    assert candidate.aliases.get().company == bytedance
    assert candidate.education.get().degree == "PhD"
    assert candidate.employments.get(company=bytedance).level == level("ByteDance", "3-2")
    window = candidate.noncompetes.get()
    assert window.enforceable_end == dt.date(2027, 2, 28)
    assert list(window.restricted_companies.all()) == [tsinghua_lab]
    assert candidate.outreach_notes.get().author == me
    assert admin_client.get(change_url(candidate)).status_code == 200


def test_editing_a_candidate_refreshes_search_text_and_enforceable_end(admin_client, bytedance):
    candidate = CandidateFactory(native_name="阳陆育", english_name="Louis Yang")
    alias = CandidateAlias.objects.create(candidate=candidate, name="Lou")
    window = NonCompeteFactory(candidate=candidate, employer=bytedance)
    data = candidate_form(
        native_name="陽陸育",
        english_name="Louis Y.",
        owner=candidate.owner_id,
        aliases=[
            {
                "id": alias.pk,
                "candidate": candidate.pk,
                "name": "Lou",
                "kind": "nickname",
                "company": "",
                "DELETE": "on",
            },
            {"candidate": candidate.pk, "name": "杨博士", "kind": "nickname", "company": ""},
        ],
        noncompetes=[
            noncompete_row(
                bytedance,
                id=window.pk,
                candidate=candidate.pk,
                starts_on="2026-01-01",
                contractual_end="2026-12-31",
                status="released",
                ended_on="2026-06-30",
            )
        ],
    )

    response = admin_client.post(change_url(candidate), data)

    assert response.status_code == 302, errors_of(response)
    candidate.refresh_from_db()
    assert candidate.native_name == "陽陸育"
    assert "杨博士" in candidate.search_text
    assert "yang bo shi" in candidate.search_text
    assert "lou " not in candidate.search_text
    assert list(candidate.aliases.values_list("name", flat=True)) == ["杨博士"]
    window.refresh_from_db()
    assert window.enforceable_end == dt.date(2026, 6, 30)


def test_change_page_shows_computed_fields(admin_client, bytedance):
    today = timezone.localdate()
    candidate = CandidateFactory(native_name="陽陸育")
    EmploymentFactory(candidate=candidate, company=bytedance, title="Senior Expert", level=level("ByteDance", "3-2"))
    NonCompeteFactory(
        candidate=candidate,
        employer=bytedance,
        starts_on=today - dt.timedelta(days=10),
        contractual_end=today + dt.timedelta(days=1000),
    )

    content = admin_client.get(change_url(candidate)).content.decode()

    assert "yang lu yu" in content
    assert "阳陆育" in content
    assert "ByteDance" in content
    assert "Senior staff (3-2)" in content
    window = NonCompete.objects.get()
    days_left = (window.enforceable_end - today).days
    assert f"In a non-compete until {window.enforceable_end.isoformat()} ({days_left} days left)" in content


def test_add_page_renders_with_every_inline(admin_client):
    response = admin_client.get(ADD_URL)
    assert response.status_code == 200
    assert [inline.formset.prefix for inline in response.context["inline_admin_formsets"]] == INLINES


def test_the_career_rows_autocompletes_carry_no_related_object_icons(admin_client):
    # They left the level column too narrow to read; companies and levels have their own pages.
    page = admin_client.get(ADD_URL).content.decode()
    assert 'id="id_employments-__prefix__-level"' in page
    for field in ("company", "level"):
        for action in ("add", "change", "delete", "view"):
            assert f'id="{action}_id_employments-__prefix__-{field}"' not in page
    assert 'id="add_id_noncompetes-__prefix__-employer"' in page  # other relations keep theirs


# Refusals: a clear message, a 200 and nothing written.


def test_employment_ending_before_it_starts_is_refused_and_no_candidate_is_created(admin_client, bytedance):
    data = candidate_form(
        english_name="Ann",
        aliases=[{"name": "Annie", "kind": "nickname", "company": ""}],
        employments=[employment_row(bytedance, start_date="2022-01-01", end_date="2021-01-01")],
    )

    response = admin_client.post(ADD_URL, data)

    assert_refused(response, "The end date cannot be before the start date.")
    assert not Candidate.objects.exists()
    assert not CandidateAlias.objects.exists()


def test_a_failure_after_the_inlines_are_saved_leaves_nothing_behind(admin_client, monkeypatch, bytedance):
    def fail(**fields):
        raise RuntimeError("database hiccup")

    # The aliases are written (by candidate_update) before the stints.
    monkeypatch.setattr("talent.services.employment_create", fail)
    data = candidate_form(
        english_name="Ann",
        owner=RecruiterFactory().pk,
        aliases=[{"name": "Annie", "kind": "nickname", "company": ""}],
        employments=[employment_row(bytedance)],
    )

    with pytest.raises(RuntimeError):
        admin_client.post(ADD_URL, data)

    assert not Candidate.objects.exists()
    assert not CandidateAlias.objects.exists()


def test_ladder_with_levels_is_created_for_a_company(admin_client):
    company = CompanyFactory(name="Zhipu")
    data = {
        "company": company.pk,
        "name": "Zhipu P",
        "notes": "",
        "levels-TOTAL_FORMS": "2",
        "levels-INITIAL_FORMS": "0",
        "levels-0-code": "P6",
        "levels-0-label": "Engineer",
        "levels-0-rank": "6",
        "levels-1-code": "P7",
        "levels-1-label": "Senior Engineer",
        "levels-1-rank": "7",
    }

    response = admin_client.post(reverse("admin:talent_levelladder_add"), data)

    assert response.status_code == 302, errors_of(response)
    assert list(Level.objects.filter(company=company).values_list("code", flat=True)) == ["P6", "P7"]


def test_level_of_another_companys_ladder_is_refused(admin_client, bytedance):
    data = candidate_form(english_name="Ann", employments=[employment_row(bytedance, level=level("Google", "L5").pk)])

    response = admin_client.post(ADD_URL, data)

    assert_refused(response, "Google L5 is not a level of ByteDance's ladder.")
    assert not Candidate.objects.exists()


def test_phone_already_on_file_in_another_spelling_is_refused(admin_client):
    other = CandidateFactory()
    ContactChannel.objects.create(candidate=other, kind="phone", value="+8613800138000")
    data = candidate_form(english_name="Ann", contacts=[{"kind": "phone", "value": "138 0013 8000", "label": ""}])

    response = admin_client.post(ADD_URL, data)

    assert_refused(response, f"Phone +8613800138000 already belongs to {other.display_name} (candidate #{other.pk}).")
    assert Candidate.objects.count() == 1


def test_same_phone_twice_in_one_post_is_refused(admin_client):
    data = candidate_form(
        english_name="Ann",
        contacts=[
            {"kind": "phone", "value": "+86 138 0013 8000", "label": ""},
            {"kind": "phone", "value": "13800138000", "label": ""},
        ],
    )

    response = admin_client.post(ADD_URL, data)

    assert_refused(response, "+8613800138000 is entered twice.")
    assert not Candidate.objects.exists()
    assert not ContactChannel.objects.exists()


def test_same_phone_twice_on_an_existing_candidate_is_refused(admin_client):
    candidate = CandidateFactory()
    data = candidate_form(
        english_name=candidate.english_name,
        owner=candidate.owner_id,
        contacts=[
            {"candidate": candidate.pk, "kind": "phone", "value": "+86 138 0013 8000", "label": ""},
            {"candidate": candidate.pk, "kind": "phone", "value": "13800138000", "label": ""},
        ],
    )

    response = admin_client.post(change_url(candidate), data)

    assert_refused(response, "+8613800138000 is entered twice.")
    assert not ContactChannel.objects.exists()


def test_unparseable_phone_is_refused(admin_client):
    data = candidate_form(english_name="Ann", contacts=[{"kind": "phone", "value": "12", "label": ""}])

    response = admin_client.post(ADD_URL, data)

    assert_refused(response, "Enter a valid phone number, e.g. +86 138 0013 8000.")
    assert not Candidate.objects.exists()


def test_non_compete_released_without_a_date_is_refused(admin_client, bytedance):
    data = candidate_form(english_name="Ann", noncompetes=[noncompete_row(bytedance, status="released")])

    response = admin_client.post(ADD_URL, data)

    assert_refused(response, "Give the day the window was released early by the employer.")
    assert not Candidate.objects.exists()
    assert not NonCompete.objects.exists()


def test_non_compete_citing_someone_elses_stint_is_refused(admin_client, bytedance):
    stint = EmploymentFactory(company=bytedance)
    data = candidate_form(english_name="Ann", noncompetes=[noncompete_row(bytedance, employment=stint.pk)])

    response = admin_client.post(ADD_URL, data)

    assert_refused(response, "This stint belongs to another candidate.")
    assert Candidate.objects.count() == 1


def test_candidate_without_any_name_is_refused(admin_client):
    response = admin_client.post(ADD_URL, candidate_form(city="Beijing"))

    assert_refused(response, "Give the candidate a native name, an English name or a pseudonym.")
    assert not Candidate.objects.exists()


# Changelist search and filters


def found(admin_client, **params) -> set[int]:
    response = admin_client.get(LIST_URL, params)
    assert response.status_code == 200
    return {candidate.pk for candidate in response.context["cl"].result_list}


@pytest.fixture
def louis(bytedance) -> Candidate:
    candidate = CandidateFactory(native_name="阳陆育", english_name="Louis Yang")
    CandidateAlias.objects.create(candidate=candidate, name="小鱼", kind=CandidateAlias.Kind.HUAMING)
    candidate.refresh_name_fields()
    Candidate.objects.filter(pk=candidate.pk).update(search_text=candidate.search_text)
    EmploymentFactory(candidate=candidate, company=bytedance, level=level("ByteDance", "3-2"))
    return candidate


@pytest.mark.parametrize("term", ["陽陸育", "阳陆育", "yang lu yu", "yangluyu", "yly", "Louis", "小鱼", "字节", "头条"])
def test_candidate_search_matches_any_name_form_alias_and_company_alias(admin_client, louis, term):
    CandidateFactory(native_name="张伟", english_name="Wei Zhang")
    assert found(admin_client, q=term) == {louis.pk}


def test_current_company_filter(admin_client, louis, bytedance):
    former = CandidateFactory()
    EmploymentFactory(candidate=former, company=bytedance, end_date=dt.date(2022, 1, 1))
    CandidateFactory()
    assert found(admin_client, company=bytedance.pk) == {louis.pk}


def test_band_filter(admin_client, louis):
    mid = CandidateFactory()
    EmploymentFactory(candidate=mid, company=louis.employments.get().company, level=level("ByteDance", "2-1"))
    senior_staff_rank = level("ByteDance", "3-2").band.rank
    assert found(admin_client, band_rank=senior_staff_rank) == {louis.pk}


def test_availability_filter(admin_client, louis, bytedance):
    today = timezone.localdate()
    waiting = CandidateFactory()
    NonCompeteFactory(
        candidate=waiting, starts_on=today - dt.timedelta(days=5), contractual_end=today + dt.timedelta(days=60)
    )
    free = CandidateFactory()
    placed = CandidateFactory(hold=Candidate.Hold.PLACED)

    assert found(admin_client, availability="employed") == {louis.pk}
    assert found(admin_client, availability="in_noncompete") == {waiting.pk}
    assert found(admin_client, availability="free") == {free.pk}
    assert found(admin_client, availability="placed") == {placed.pk}


def test_owner_filter(admin_client, louis):
    CandidateFactory()
    assert found(admin_client, owner__id__exact=louis.owner_id) == {louis.pk}


def test_non_compete_ending_filter(admin_client):
    today = timezone.localdate()
    start = today - dt.timedelta(days=100)
    soon = NonCompeteFactory(starts_on=start, contractual_end=today + dt.timedelta(days=20)).candidate
    later = NonCompeteFactory(starts_on=start, contractual_end=today + dt.timedelta(days=60)).candidate
    NonCompeteFactory(starts_on=start, contractual_end=today + dt.timedelta(days=200))
    NonCompeteFactory(starts_on=start, contractual_end=today - dt.timedelta(days=1))

    assert found(admin_client, noncompete_ends_within=30) == {soon.pk}
    assert found(admin_client, noncompete_ends_within=90) == {soon.pk, later.pk}


def test_changelist_shows_current_position_and_availability(admin_client, louis):
    content = admin_client.get(LIST_URL).content.decode()
    assert "ByteDance" in content
    assert "Senior staff (3-2)" in content
    assert "Employed" in content


def make_candidates(count: int) -> None:
    today = timezone.localdate()
    for _ in range(count):
        candidate = CandidateFactory()
        CandidateAlias.objects.create(candidate=candidate, name=f"alias {candidate.pk}")
        EmploymentFactory(candidate=candidate, level=None)
        EmploymentFactory(
            candidate=candidate, company=Company.objects.get(name="ByteDance"), level=level("ByteDance", "2-2")
        )
        NonCompeteFactory(candidate=candidate, starts_on=today, contractual_end=today + dt.timedelta(days=40))


def changelist_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST_URL).status_code == 200
    return len(queries)


def test_changelist_query_count_does_not_grow_with_rows(admin_client, django_assert_max_num_queries):
    make_candidates(5)
    with_five = changelist_queries(admin_client)
    make_candidates(25)

    with django_assert_max_num_queries(with_five):
        response = admin_client.get(LIST_URL)
    assert len(response.context["cl"].result_list) == 30


# Companies and levels


def test_company_aliases_are_searchable_after_saving(admin_client):
    data = {
        "name": "Moonshot AI",
        "native_name": "月之暗面",
        "kind": "ai_startup",
        "country": "CN",
        "website": "",
        "aliases-TOTAL_FORMS": "1",
        "aliases-INITIAL_FORMS": "0",
        "aliases-0-name": "Kimi",
    }

    response = admin_client.post(reverse("admin:talent_company_add"), data)

    assert response.status_code == 302
    company = Company.objects.get(name="Moonshot AI")
    assert "kimi" in company.search_text
    listed = admin_client.get(reverse("admin:talent_company_changelist"), {"q": "kimi"}).context["cl"].result_list
    assert list(listed) == [company]


def test_company_search_is_alias_aware(admin_client, bytedance):
    listed = admin_client.get(reverse("admin:talent_company_changelist"), {"q": "字节"}).context["cl"].result_list
    assert list(listed) == [bytedance]


def test_same_company_alias_twice_is_refused(admin_client):
    data = {
        "name": "Moonshot AI",
        "native_name": "",
        "kind": "ai_startup",
        "country": "CN",
        "website": "",
        "aliases-TOTAL_FORMS": "2",
        "aliases-INITIAL_FORMS": "0",
        "aliases-0-name": "Kimi",
        "aliases-1-name": "KIMI",
    }

    response = admin_client.post(reverse("admin:talent_company_add"), data)

    assert_refused(response, "The alias KIMI is entered twice.")
    assert not Company.objects.filter(name="Moonshot AI").exists()
    assert not CompanyAlias.objects.filter(name__iexact="kimi").exists()


def test_new_equivalence_moves_the_levels_band(admin_client):
    target = level("ByteDance", "3-2")
    principal = target.band.__class__.objects.get(code="principal")
    existing = list(target.equivalences.all())
    data = {
        "code": target.code,
        "label": target.label,
        "rank": target.rank,
        "equivalences-TOTAL_FORMS": str(len(existing) + 1),
        "equivalences-INITIAL_FORMS": str(len(existing)),
    }
    for index, equivalence in enumerate(existing):
        data.update(
            {
                f"equivalences-{index}-id": equivalence.pk,
                f"equivalences-{index}-level": target.pk,
                f"equivalences-{index}-band": equivalence.band_id,
                f"equivalences-{index}-observed_on": equivalence.observed_on.isoformat(),
                f"equivalences-{index}-source": equivalence.source,
                f"equivalences-{index}-confidence": equivalence.confidence,
                f"equivalences-{index}-notes": equivalence.notes,
            }
        )
    new = len(existing)
    data.update(
        {
            f"equivalences-{new}-level": target.pk,
            f"equivalences-{new}-band": principal.pk,
            f"equivalences-{new}-observed_on": "2026-09-01",
            f"equivalences-{new}-source": "Offer letters seen in 2026",
            f"equivalences-{new}-confidence": "medium",
            f"equivalences-{new}-notes": "",
        }
    )

    response = admin_client.post(reverse("admin:talent_level_change", args=[target.pk]), data)

    assert response.status_code == 302, errors_of(response)
    target.refresh_from_db()
    assert target.band == principal
    assert LevelEquivalence.objects.filter(level=target).count() == new + 1


def test_level_autocomplete_finds_company_and_code(admin_client):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "ByteDance 3-2", "app_label": "talent", "model_name": "employment", "field_name": "level"},
    )
    assert [row["text"] for row in response.json()["results"]] == ["ByteDance 3-2"]


def test_candidate_autocomplete_is_alias_aware(admin_client, louis):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "yly", "app_label": "talent", "model_name": "noncompete", "field_name": "candidate"},
    )
    assert [row["id"] for row in response.json()["results"]] == [str(louis.pk)]


def test_non_compete_page_shows_what_the_law_makes_of_it(admin_client):
    window = NonCompeteFactory(
        starts_on=dt.date(2025, 3, 1),
        contractual_end=dt.date(2028, 2, 29),
        compensation_paid=False,
        unpaid_since=dt.date(2025, 4, 1),
    )

    response = admin_client.get(reverse("admin:talent_noncompete_change", args=[window.pk]))

    content = response.content.decode().lower()
    assert "2027-02-28" in content  # one date format in the admin (config/formats)
    assert "capped by law" in content
    assert "candidate may end it (unpaid 3 months)" in content
    assert content.count("icon-yes.svg") >= 2


def test_every_model_has_an_admin_page(admin_client):
    for name in [
        "company",
        "band",
        "levelladder",
        "level",
        "candidate",
        "employment",
        "noncompete",
    ]:
        assert admin_client.get(reverse(f"admin:talent_{name}_changelist")).status_code == 200
        assert admin_client.get(reverse(f"admin:talent_{name}_add")).status_code == 200


def test_staff_outside_the_owners_team_do_not_see_a_confidential_candidate_in_the_desk(client):
    secret = CandidateFactory(native_name="陈秘", english_name="Secret", is_confidential=True, pseudonym="Falcon")
    public = CandidateFactory(native_name="李明", english_name="Public")
    outsider = RecruiterFactory()
    outsider.user.is_staff = True
    outsider.user.save()
    outsider.user.user_permissions.add(*Permission.objects.filter(codename__in=["view_candidate", "view_noncompete"]))
    client.force_login(outsider.user)
    listing = client.get("/admin/talent/candidate/").content.decode()
    assert "Public" in listing and "陈秘" not in listing
    assert client.get(f"/admin/talent/candidate/{secret.pk}/change/").status_code == 302
    assert client.get(f"/admin/talent/candidate/{public.pk}/change/").status_code == 200
    teammate = RecruiterFactory(team=secret.owner.team)
    teammate.user.is_staff = True
    teammate.user.save()
    teammate.user.user_permissions.add(*Permission.objects.filter(codename="view_candidate"))
    client.force_login(teammate.user)
    assert "陈秘" in client.get("/admin/talent/candidate/").content.decode()


def test_current_company_filter_offers_employers_not_one_person_companies(admin_client, bytedance):
    EmploymentFactory(company=bytedance)
    EmploymentFactory(company=bytedance)
    founder = EmploymentFactory(company=CompanyFactory(name="Founder's Stealth Startup"))
    page = admin_client.get(reverse("admin:talent_candidate_changelist")).content.decode()
    assert f"?company={bytedance.pk}" in page
    assert f"?company={founder.company_id}" not in page
    assert found(admin_client, company=founder.company_id) == {founder.candidate_id}
