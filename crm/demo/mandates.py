"""Demo clients, mandates in every state and pipelines that show each kind of conflict.

Written through crm.mandates.services as the demo superuser, so history,
fees and stints are what the API and the admin would write. Runs once:
nothing is added when clients already exist.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import Recruiter
from crm.mandates import services
from crm.models import Client, Mandate, Stage
from talent.models import Candidate, Company, NonCompete

CLIENTS = [
    # company, fee terms, off-limits, sectors
    ("ByteDance", {"fee_kind": "percentage", "fee_percent": Decimal("25")}, "block", ["large language models"]),
    ("Alibaba", {"fee_kind": "fixed", "fee_fixed": Decimal("800000"), "fee_currency": "CNY"}, "warn", ["search"]),
    ("Tencent", {"fee_kind": "percentage", "fee_percent": Decimal("30")}, "block", ["recommendation"]),
    ("Baidu", {"fee_kind": "percentage", "fee_percent": Decimal("22")}, "none", ["autonomous driving"]),
]
MANDATES = [
    # client, title, status, opened days ago, confidential
    ("ByteDance", "Head of pre-training", Mandate.Status.OPEN, 80, True),
    ("ByteDance", "Staff engineer, inference", Mandate.Status.FILLED, 200, False),
    ("Alibaba", "Principal scientist, search ranking", Mandate.Status.OPEN, 40, False),
    ("Tencent", "Recommendation tech lead", Mandate.Status.ON_HOLD, 120, False),
    ("Baidu", "Autonomous driving perception lead", Mandate.Status.CANCELLED, 300, False),
]


def mandates_seed(*, today: dt.date) -> int:
    """Seed the demo clients and mandates; returns how many mandates were written."""
    actor = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    owner = Recruiter.objects.filter(team__isnull=False).order_by("pk").first()
    if actor is None or owner is None or Client.objects.exists():
        return 0
    clients = {}
    for name, fee, off_limits, sectors in CLIENTS:
        company = Company.objects.filter(name=name).first()
        if company is None:
            continue
        clients[name] = services.client_create(
            actor=actor, company=company, off_limits=off_limits, sectors=sectors, **{"fee_currency": "CNY", **fee}
        )
    now = timezone.now()
    candidates = iter(Candidate.objects.filter(is_confidential=False).order_by("pk")[:60])
    written = 0
    for client_name, title, status, days_ago, confidential in MANDATES:
        if client_name not in clients:
            continue
        mandate = services.mandate_create(
            actor=actor,
            client=clients[client_name],
            title=title,
            owner=owner,
            team=owner.team,
            opened_on=today - dt.timedelta(days=days_ago),
            is_confidential=confidential,
            budget=Decimal("10000000"),
            budget_currency="CNY",
        )
        written += 1
        _pipeline(actor, mandate, candidates, now=now, placed=status == Mandate.Status.FILLED)
        if status in (Mandate.Status.ON_HOLD, Mandate.Status.CANCELLED):
            closed = {"closed_on": today} if status == Mandate.Status.CANCELLED else {}
            services.mandate_update(actor=actor, mandate=mandate, status=status, **closed)
    _conflicting_rows(actor, clients, now=now)
    return written


def _pipeline(actor, mandate, candidates, *, now, placed: bool) -> None:
    paths = [
        [Stage.CONTACTED, Stage.INTERESTED, Stage.SUBMITTED, Stage.CLIENT_INTERVIEW, Stage.OFFER],
        [Stage.CONTACTED, Stage.INTERESTED, Stage.SUBMITTED],
        [Stage.CONTACTED, Stage.REJECTED],
        [Stage.CONTACTED],
        [],
    ]
    first = None
    for index, path in enumerate(paths):
        candidate = next(candidates, None)
        if candidate is None:
            break
        start = now - dt.timedelta(days=60 - index)
        row = services.pipeline_add(
            actor=actor, mandate=mandate, candidate=candidate, override_reason="Demo data", now=start
        )
        for step, stage in enumerate(path, start=1):
            row = services.pipeline_move(
                actor=actor,
                row=row,
                to_stage=stage,
                reason="Demo",
                override_reason="Demo data",
                now=start + dt.timedelta(days=step * 5),
            )
        if index == 0:
            first = row
    if placed and first is not None:
        services.placement_record(
            actor=actor,
            row=first,
            start_date=timezone.localdate(now) + dt.timedelta(days=30),
            compensation=Decimal("3000000"),
            compensation_currency="CNY",
            now=now,
        )


def _conflicting_rows(actor, clients, *, now) -> None:
    """Candidates whose binding non-compete names a client, added to its open mandate: red in the admin."""
    for name, client in clients.items():
        mandate = client.mandates.filter(status=Mandate.Status.OPEN).first()
        if mandate is None:
            continue
        windows = NonCompete.objects.filter(
            enforceable_end__gte=timezone.localdate(now), candidate__is_confidential=False
        ).exclude(candidate__pipeline_rows__mandate=mandate)[:2]
        for window in windows:
            window.restricted_companies.add(client.company)
            services.pipeline_add(
                actor=actor,
                mandate=mandate,
                candidate=window.candidate,
                override_reason=f"Demo: added while the {name} restriction binds, to show the conflict",
                now=now,
            )
