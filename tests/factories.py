import datetime as dt

import factory
from django.contrib.auth import get_user_model

from accounts.models import Recruiter, Team
from crm.models import OutreachNote
from talent.models import Candidate, Company, Employment, Level, NonCompete
from talent.search.refresh import candidate_search_refresh
from talent.services import noncompete_refresh_end


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("correct-horse-battery")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")


class RecruiterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recruiter

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    timezone = "Asia/Shanghai"


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Company {n}")
    kind = Company.Kind.AI_STARTUP
    country = "CN"

    @factory.post_generation
    def refresh_search(obj, create, extracted, **kwargs):
        if create:
            obj.search_text = obj.compute_search_text()
            Company.objects.filter(pk=obj.pk).update(search_text=obj.search_text)


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate
        skip_postgeneration_save = True

    native_name = "张伟"
    english_name = factory.Sequence(lambda n: f"Wei {n}")
    city = "Beijing"
    country = "CN"
    owner = factory.SubFactory(RecruiterFactory)

    @factory.post_generation
    def refresh_names(obj, create, extracted, **kwargs):
        obj.refresh_name_fields()
        if create:
            Candidate.objects.filter(pk=obj.pk).update(pinyin=obj.pinyin, search_text=obj.search_text)
            candidate_search_refresh(candidate_ids=[obj.pk])


class EmploymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employment
        skip_postgeneration_save = True

    candidate = factory.SubFactory(CandidateFactory)
    company = factory.SubFactory(CompanyFactory)
    title = "Research Scientist"
    start_date = dt.date(2020, 3, 1)
    end_date = None

    @factory.post_generation
    def refresh_search(obj, create, extracted, **kwargs):
        # As talent.services.careers does: the employer and title are search tokens of the candidate.
        if create:
            candidate_search_refresh(candidate_ids=[obj.candidate_id])


class NonCompeteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NonCompete
        skip_postgeneration_save = True

    candidate = factory.SubFactory(CandidateFactory)
    employer = factory.SubFactory(CompanyFactory)
    starts_on = dt.date(2026, 1, 1)
    contractual_end = dt.date(2026, 12, 31)
    jurisdiction = "CN"

    @factory.post_generation
    def store_enforceable_end(obj, create, extracted, **kwargs):
        # The services store the enforceable end; a factory row gets it the same way.
        if create:
            noncompete_refresh_end(window=obj)
            NonCompete.objects.filter(pk=obj.pk).update(enforceable_end=obj.enforceable_end)


class OutreachNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutreachNote

    candidate = factory.SubFactory(CandidateFactory)
    author = factory.SubFactory(RecruiterFactory)
    happened_at = dt.datetime(2026, 11, 1, 12, 0, tzinfo=dt.UTC)
    channel = OutreachNote.Channel.WECHAT
    summary = "Coffee chat about the new lab."


def level(company_name: str, code: str) -> Level:
    """A level from the default ladders loaded by migration."""
    return Level.objects.get(company__name=company_name, code=code)
