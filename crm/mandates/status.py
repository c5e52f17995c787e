"""A candidate's open pipeline rows in its status (crm.status.payload), for recruiters and admins."""

from django.db.models import Prefetch

from crm.mandates.access import names_client_for
from crm.models import Mandate, PipelineRow, Stage

CLOSED_STAGES = (Stage.PLACED, Stage.REJECTED, Stage.WITHDRAWN)


def open_pipeline_prefetch() -> Prefetch:
    rows = (
        PipelineRow.objects.exclude(stage__in=CLOSED_STAGES)
        .filter(mandate__status__in=Mandate.ACTIVE)
        .select_related("mandate__client__company", "mandate__owner")
        .order_by("id")
    )
    return Prefetch("pipeline_rows", queryset=rows, to_attr="open_pipeline_rows")


def open_pipeline_payload(candidate, *, user) -> list[dict]:
    """Open rows of the candidate (prefetched by open_pipeline_prefetch); confidential clients unnamed outside the team."""
    names_client = names_client_for(user)
    return [
        {
            "row": row.pk,
            "mandate": row.mandate_id,
            "title": row.mandate.title,
            "client": row.mandate.client.company.name if names_client(row.mandate) else None,
            "stage": row.stage,
            "since": row.stage_changed_at.isoformat().replace("+00:00", "Z"),
        }
        for row in candidate.open_pipeline_rows
    ]
