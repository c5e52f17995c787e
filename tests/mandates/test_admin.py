import datetime as dt

from django.test import Client as WebClient

from crm.mandates import services
from crm.models import PipelineRow
from tests.factories import NonCompeteFactory

URL = "/admin/crm/mandate/{}/change/"


def signed_in(user) -> WebClient:
    web = WebClient()
    web.force_login(user)
    return web


def _management(prefix, rows):
    return {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(len(rows)),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _form(world, mandate, rows, **extra):
    data = {
        "client": mandate.client_id,
        "title": mandate.title,
        "status": mandate.status,
        "owner": mandate.owner_id,
        "team": mandate.team_id or "",
        "opened_on": mandate.opened_on.isoformat(),
        "location": "",
        "budget": "",
        "budget_currency": "",
        "band_min": "",
        "band_max": "",
        "closed_on": "",
    }
    data |= _management("pipeline", rows)
    for i, row in enumerate(rows):
        data[f"pipeline-{i}-id"] = row.pk
        data[f"pipeline-{i}-mandate"] = mandate.pk
    return data | extra


def test_the_mandate_page_shows_stage_counts_the_funnel_and_conflicts_in_red_with_reason_and_date(world):
    candidate = world.candidate()
    services.pipeline_add(actor=world.lead.user, mandate=world.mandate_bd, candidate=candidate)
    window = NonCompeteFactory(
        candidate=candidate, starts_on=dt.date(2026, 1, 1), contractual_end=dt.date(2026, 12, 31)
    )
    window.restricted_companies.add(world.bytedance)
    world.lead.user.is_staff = True
    world.lead.user.save()
    page = signed_in(world.lead.user).get(URL.format(world.mandate_bd.pk)).content.decode()
    assert 'class="verdict-blocked"' in page and "#ba2121" in page
    assert "restricts ByteDance until 2026-12-31" in page and "37 days left" in page
    assert "Sourced: <strong>1</strong>" in page
    assert '<svg class="funnel-chart"' in page and "<script" not in page.split('class="funnel-chart"')[1][:2000]


def test_the_admin_adds_and_moves_through_the_services(world):
    candidate = world.candidate()
    web = signed_in(world.admin)
    mandate = world.mandate_bd
    response = web.post(URL.format(mandate.pk), _form(world, mandate, [], add_candidate=candidate.pk))
    assert response.status_code == 302, response.content.decode()[:3000]
    row = PipelineRow.objects.get(mandate=mandate, candidate=candidate)
    assert list(row.moves.values_list("to_stage", flat=True)) == ["sourced"]

    refused = web.post(URL.format(mandate.pk), _form(world, mandate, [row], **{"pipeline-0-move_to": "offer"}))
    assert refused.status_code == 200 and "cannot move to offer" in refused.content.decode()
    moved = web.post(
        URL.format(mandate.pk),
        _form(world, mandate, [row], **{"pipeline-0-move_to": "contacted", "pipeline-0-move_reason": "Called"}),
    )
    assert moved.status_code == 302
    row.refresh_from_db()
    assert row.stage == "contacted" and row.moves.last().reason == "Called"


def test_the_admin_refuses_a_blocked_add_without_an_override_and_records_one_with_it(world):
    candidate = world.candidate()
    window = NonCompeteFactory(
        candidate=candidate, starts_on=dt.date(2026, 1, 1), contractual_end=dt.date(2026, 12, 31)
    )
    window.restricted_companies.add(world.bytedance)
    web = signed_in(world.admin)
    mandate = world.mandate_bd
    refused = web.post(URL.format(mandate.pk), _form(world, mandate, [], add_candidate=candidate.pk))
    assert refused.status_code == 200 and "Blocked" in refused.content.decode()
    assert not PipelineRow.objects.exists()
    added = web.post(
        URL.format(mandate.pk),
        _form(world, mandate, [], add_candidate=candidate.pk, add_override_reason="Counsel cleared it"),
    )
    assert added.status_code == 302
    row = PipelineRow.objects.get()
    assert (row.override_reason, row.overridden_by) == ("Counsel cleared it", world.admin)
    page = web.get(URL.format(mandate.pk)).content.decode()
    assert "Counsel cleared it (boss," in page and "verdict-overridden" in page


def test_a_confidential_search_page_does_not_name_its_client_to_staff_outside_the_team(world):
    services.mandate_update(actor=world.lead.user, mandate=world.mandate_bd, is_confidential=True)
    world.outsider.user.is_staff = True
    world.outsider.user.save()
    world.lead.user.is_staff = True
    world.lead.user.save()

    outside = signed_in(world.outsider.user).get(URL.format(world.mandate_bd.pk))
    inside = signed_in(world.lead.user).get(URL.format(world.mandate_bd.pk))

    assert outside.status_code == 200 and inside.status_code == 200
    assert "ByteDance" not in outside.content.decode() and "(confidential)" in outside.content.decode()
    assert "ByteDance" in inside.content.decode()
