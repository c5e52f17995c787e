"""A candidate's status as one viewer sees it.

The payload is a plain JSON-ready dict, so that the single and bulk reads,
the changes feed and the ETag all hash and send exactly the same thing.
"""

import datetime as dt
import functools
import hashlib
import json
from dataclasses import dataclass

import orjson
from django.contrib.auth.models import AnonymousUser
from django.db import router
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from rest_framework.fields import DateTimeField

from accounts.models import ApiToken
from accounts.roles import recruiter_of
from api.statements import AnyOf, Statement
from crm.mandates.status import open_pipeline_payload, open_pipeline_prefetch
from crm.selectors import notes_visible_to
from talent.access import candidates_flagged_cleared_by, candidates_with_identity_flag, identity_cleared_q
from talent.availability import availability_of, binding_noncompete, current_employment
from talent.candidate_rows import (
    CandidatesWithCareerRows,
    Row,
    attach_career_of,
    candidates_with_rows,
    has_windows,
)
from talent.models import Candidate, StatusChange
from talent.moves import latest_move

# Derived from today's date and a stored end date: left out of the version so
# that it does not change every midnight for every candidate in a window.
DERIVED_DAILY = "days_left"
COUNTED_DOWN = ("availability", "noncompete")  # the parts of a payload that carry one
_datetime = DateTimeField()


@dataclass(frozen=True)
class StatusViewer:
    """Who reads statuses, and with which rights.

    An API client is a user without a recruiter profile (and not an admin), or
    any request made with a `status:read` key: it sees no outreach, and a key
    reads identities as an API client whoever created it.
    """

    user: object
    reads_with_status_key: bool = False

    @classmethod
    def for_request(cls, request) -> "StatusViewer":
        auth = request.auth
        return cls(
            user=request.user,
            reads_with_status_key=isinstance(auth, ApiToken) and auth.scope == ApiToken.Scope.STATUS_READ,
        )

    @property
    def identity_user(self):
        return AnonymousUser() if self.reads_with_status_key else self.user

    @property
    def sees_outreach(self) -> bool:
        if self.reads_with_status_key:
            return False
        return self.user.is_superuser or recruiter_of(self.user) is not None

    def rights_fingerprint(self) -> str:
        """Changes whenever this viewer's rights change, whatever the candidate.

        Logged changes are about candidates; a viewer gaining or losing rights
        (made admin, moved to another team, made a team lead) changes many
        payloads at once, so the feed replays from the start instead.
        """
        recruiter = None if self.reads_with_status_key else recruiter_of(self.user)
        facts = [
            self.user.pk,
            self.user.is_superuser and not self.reads_with_status_key,
            self.sees_outreach,
            recruiter.pk if recruiter else None,
            recruiter.team_id if recruiter else None,
            sorted(recruiter.led_teams.values_list("pk", flat=True)) if recruiter else [],
        ]
        return hashlib.blake2b(json.dumps(facts).encode(), digest_size=8).hexdigest()


# What candidate_status reads of a candidate; its rights come as an annotation, its career as plain rows.
CANDIDATE_COLUMNS = ("native_name", "english_name", "pseudonym", "hold")


def statuses_visible_to(viewer: StatusViewer, *, today: dt.date) -> QuerySet[Candidate]:
    """Candidates with everything their status renders, in a fixed number of queries.

    Stints and windows (with their companies, levels and restricted
    companies) arrive as plain rows (talent.candidate_rows), one `values()`
    query per relation for all the candidates read together: model instances
    and the prefetch machinery were most of a bulk read's time (bench/README.md).
    """
    queryset = candidates_with_rows(
        candidates_with_identity_flag(viewer.identity_user)
        .only(*CANDIDATE_COLUMNS)
        .annotate(status_changed_at=_last_status_change()),
        CandidatesWithCareerRows,
    )
    if not viewer.sees_outreach:
        return queryset
    notes = notes_visible_to(viewer.user)
    return queryset.prefetch_related(
        Prefetch("outreach_notes", queryset=notes.order_by("-happened_at", "-id")[:1], to_attr="last_visible_notes"),
        open_pipeline_prefetch(),
    ).annotate(
        next_follow_up_on=Subquery(
            notes.filter(candidate=OuterRef("pk"), follow_up_on__gte=today)
            .order_by("follow_up_on")
            .values("follow_up_on")[:1]
        )
    )


def _last_status_change() -> Subquery:
    return Subquery(StatusChange.objects.filter(candidate_id=OuterRef("pk")).order_by("-id").values("created_at")[:1])


def status_candidates(viewer: StatusViewer, ids: list[int], *, today: dt.date) -> list[Candidate]:
    """The candidates of `ids` that exist, as `statuses_visible_to` reads them.

    A viewer who sees no outreach (an API client, any `status:read` key) is a
    mirror polling ids by the thousand: for them the candidates and their
    careers are read by statements compiled once per clearance condition, not
    per request (api.statements; the compiling was most of a status's time,
    bench/README.md). Recruiters read through the ORM, with their outreach.
    """
    if viewer.sees_outreach:
        return list(statuses_visible_to(viewer, today=today).filter(pk__in=ids))
    db = router.db_for_read(Candidate)
    rows = _statuses_statement(identity_cleared_q(viewer.identity_user)).rows(db, ids=list(ids))
    candidates = []
    for values in rows:
        candidate = Candidate.from_db(db, STATUS_COLUMNS, [values[column] for column in STATUS_COLUMNS])
        candidate.identity_cleared = values["identity_cleared"]
        candidate.status_changed_at = values["status_changed_at"]
        candidates.append(candidate)
    attach_career_of(candidates, with_windows=[values["id"] for values in rows if values["has_windows"]])
    return candidates


# In the model's field order, as Model.from_db takes a partial row.
STATUS_COLUMNS = tuple(f.attname for f in Candidate._meta.concrete_fields if f.attname in ("id", *CANDIDATE_COLUMNS))


@functools.lru_cache(maxsize=512)
def _statuses_statement(cleared: Q) -> Statement:
    return Statement(
        lambda ids: (
            candidates_flagged_cleared_by(cleared)
            .filter(AnyOf("id", ids))
            .annotate(status_changed_at=_last_status_change(), has_windows=has_windows())
            .values(*STATUS_COLUMNS, "identity_cleared", "status_changed_at", "has_windows")
        )
    )


def _company(company: Row | None) -> dict | None:
    return None if company is None else {"id": company.pk, "name": company.name}


def _date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def candidate_status(candidate: Candidate, *, viewer: StatusViewer, today: dt.date) -> dict:
    """The status of a candidate from `statuses_visible_to`, with its version."""
    cleared = candidate.identity_cleared
    stints, windows = candidate.employments_rows, candidate.noncompetes_rows
    stint = current_employment(stints)
    level = stint.level if stint else None
    availability = availability_of(candidate.hold, stints, windows, today)
    window = binding_noncompete(windows, today)
    window_end = window.enforceable_end if window else None
    # Moves of a confidential candidate are for recruiters (by pseudonym) and those cleared, never API clients.
    move = latest_move(stints) if cleared or viewer.sees_outreach else None
    payload = {
        "id": candidate.pk,
        "name": candidate.display_name if cleared else candidate.pseudonym,
        "native_name": (candidate.native_name or None) if cleared else None,
        "english_name": (candidate.english_name or None) if cleared else None,
        "identity_hidden": not cleared,
        "company": _company(stint.company if stint else None),
        "title": stint.title if stint else None,
        "level": level.code if level else None,
        "band": {"code": level.band.code, "rank": level.band.rank} if level and level.band else None,
        "availability": {
            "state": availability.state.value,
            "until": _date(availability.until),
            "days_left": availability.days_left,
        },
        "noncompete": None
        if window is None
        else {
            "employer": _company(window.employer),
            "enforceable_end": _date(window_end),
            "days_left": (window_end - today).days,
            "restricted_companies": [
                _company(c) for c in sorted(window.restricted_companies_rows, key=lambda company: company.id)
            ],
        },
    }
    payload["latest_move"] = move.as_dict() if move else None
    # Outreach is private to those cleared for the candidate: the keys are absent otherwise.
    if viewer.sees_outreach and cleared:
        notes = candidate.last_visible_notes
        payload["last_outreach"] = (
            {
                "at": _datetime.to_representation(notes[0].happened_at),
                "channel": notes[0].channel,
                "interest": notes[0].interest,
            }
            if notes
            else None
        )
        payload["next_follow_up_on"] = _date(candidate.next_follow_up_on)
    # Recruiters see which searches a candidate is on (a confidential one without its client outside its team).
    if viewer.sees_outreach:
        payload["pipeline"] = open_pipeline_payload(candidate, user=viewer.user)
    payload["version"] = payload_version(payload)
    return payload


def payload_version(payload: dict) -> str:
    """A hash of everything in the payload but the daily countdowns (and the version itself)."""
    stable = {key: value for key, value in payload.items() if key != "version"}
    for part in COUNTED_DOWN:
        if stable.get(part) is not None:
            stable[part] = {key: value for key, value in stable[part].items() if key != DERIVED_DAILY}
    # orjson with sorted keys: json.dumps and a generic walk were an eighth of a bulk read (bench/README.md).
    return hashlib.blake2b(orjson.dumps(stable, option=orjson.OPT_SORT_KEYS), digest_size=12).hexdigest()
