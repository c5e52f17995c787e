"""Who may see and run a mandate and its pipeline.

Recruiters and admins see every mandate; a mandate's **team** (its owner, the
members of the owner's team and of its team, and admins) runs it, and only
the team sees the client of a confidential mandate. A client's API key sees
its own mandates and nothing else. Candidates on a pipeline are shown as
talent.access decides (by pseudonym to those not cleared), and to a client by
pseudonym until they are submitted to it.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Q, QuerySet, Value, When

from accounts.models import ApiToken
from accounts.roles import recruiter_of
from crm.models import Client, ClientApiKey, Mandate, PipelineRow, Stage
from talent.access import NOBODY, candidates_cleared_for

MANDATE_EDIT_REFUSED = "Only the mandate's owner, its team and admins may change this mandate or its pipeline."


def mandate_team_q(user, prefix: str = "") -> Q:
    """Mandates `user` runs (admins: all)."""
    if getattr(user, "is_superuser", False):
        return Q()
    recruiter = recruiter_of(user)
    if recruiter is None:
        return NOBODY
    rows = Q(**{f"{prefix}owner": recruiter.pk})
    if recruiter.team_id is not None:
        rows |= Q(**{f"{prefix}owner__team": recruiter.team_id}) | Q(**{f"{prefix}team": recruiter.team_id})
    return rows


def mandate_leads_q(user, prefix: str = "") -> Q:
    """Mandates `user` answers for: owned by them or by a team they lead (admins: all)."""
    if getattr(user, "is_superuser", False):
        return Q()
    recruiter = recruiter_of(user)
    if recruiter is None:
        return NOBODY
    return (
        Q(**{f"{prefix}owner": recruiter.pk})
        | Q(**{f"{prefix}owner__team__lead": recruiter.pk})
        | Q(**{f"{prefix}team__lead": recruiter.pk})
    )


def client_names_q(user, prefix: str = "") -> Q:
    team = mandate_team_q(user, prefix)
    return team if team == Q() else Q(**{f"{prefix}is_confidential": False}) | team


def _flag(condition: Q) -> Case | Value:
    # An empty Q (admins) matches every row, but When() refuses it.
    if condition == Q():
        return Value(True, output_field=BooleanField())
    return Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())


@dataclass(frozen=True)
class MandateReader:
    """Who reads mandates: a recruiter or admin (user), or a client through its key (client set)."""

    user: object
    client: Client | None = None
    is_client_key: bool = False

    @classmethod
    def for_request(cls, request) -> "MandateReader":
        auth = request.auth
        if isinstance(auth, ApiToken) and auth.scope == ApiToken.Scope.CLIENT:
            link = ClientApiKey.objects.select_related("client__company").filter(token=auth).first()
            return cls(user=request.user, client=link.client if link else None, is_client_key=True)
        return cls(user=request.user)


def mandates_visible_to(reader: MandateReader) -> QuerySet[Mandate]:
    """Mandates annotated with `client_named` (the reader may see the client) and `may_run`."""
    mandates = Mandate.objects.select_related("client__company", "owner__user", "team", "band_min", "band_max")
    if reader.is_client_key:
        if reader.client is None:
            return mandates.none()
        true = _flag(Q())
        return mandates.filter(client=reader.client).annotate(client_named=true, may_run=_flag(NOBODY))
    return mandates.annotate(
        client_named=_flag(client_names_q(reader.user)), may_run=_flag(mandate_team_q(reader.user))
    )


def pipeline_visible_to(reader: MandateReader) -> QuerySet[PipelineRow]:
    """Pipeline rows of the mandates the reader sees, with what a row renders."""
    rows = PipelineRow.objects.select_related(
        "mandate__client__company", "mandate__owner", "candidate", "overridden_by", "placement"
    )
    if reader.is_client_key:
        if reader.client is None:
            return rows.none()
        return rows.filter(mandate__client=reader.client).annotate(client_named=_flag(Q()), may_run=_flag(NOBODY))
    return rows.annotate(
        client_named=_flag(client_names_q(reader.user, "mandate__")),
        may_run=_flag(mandate_team_q(reader.user, "mandate__")),
        candidate_cleared=Exists(candidates_cleared_for(reader.user).filter(pk=OuterRef("candidate_id"))),
    )


def with_stage_counts(mandates: QuerySet[Mandate]) -> QuerySet[Mandate]:
    """`count_<stage>`: how many of the mandate's rows are at each stage now."""
    return mandates.annotate(
        **{f"count_{stage}": Count("pipeline", filter=Q(pipeline__stage=stage)) for stage in Stage.values}
    )


def check_may_run(user, mandate: Mandate) -> None:
    if not Mandate.objects.filter(mandate_team_q(user), pk=mandate.pk).exists():
        raise PermissionDenied(MANDATE_EDIT_REFUSED)


def check_may_lead(user, mandate: Mandate) -> None:
    if not Mandate.objects.filter(mandate_leads_q(user), pk=mandate.pk).exists():
        raise PermissionDenied("Only the mandate's owner, its team lead and admins may override a conflict.")


def names_client_for(user):
    """A predicate for conflicts.conflicts_for: may `user` see this mandate's client?"""
    if getattr(user, "is_superuser", False):
        return lambda mandate: True
    recruiter = recruiter_of(user)

    def names(mandate: Mandate) -> bool:
        if not mandate.is_confidential:
            return True
        if recruiter is None:
            return False
        if mandate.owner_id == recruiter.pk:
            return True
        team = recruiter.team_id
        return team is not None and team in (mandate.team_id, mandate.owner.team_id)

    return names
