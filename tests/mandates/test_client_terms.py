"""A client's fee terms are complete or refused: by the API, by the service and by the database itself."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from crm.models import Client


@pytest.mark.parametrize(
    ("client_name", "incomplete"),
    [
        ("client_bd", {"fee_kind": "percentage", "fee_percent": None}),
        ("client_group", {"fee_kind": "fixed", "fee_fixed": None}),
        ("client_group", {"fee_kind": "percentage", "fee_fixed": None}),
    ],
)
def test_terms_without_their_amount_are_a_400_and_the_database_refuses_them_too(world, client_name, incomplete):
    client = getattr(world, client_name)
    before = Client.objects.values("fee_kind", "fee_percent", "fee_fixed").get(pk=client.pk)
    response = world.api("admin").patch(f"/api/v1/clients/{client.pk}/", incomplete, format="json")
    assert response.status_code == 400, response.json()
    assert response.json()["error"]["code"] == "invalid"
    assert Client.objects.values("fee_kind", "fee_percent", "fee_fixed").get(pk=client.pk) == before
    # A CHECK passes when it comes out NULL; this one is written so that a missing amount is not NULL but false.
    with pytest.raises(IntegrityError, match="client_fee_terms_complete"), transaction.atomic():
        Client.objects.filter(pk=client.pk).update(**incomplete)


def test_a_percentage_client_places_with_its_fee(world):
    response = world.api("admin").patch(
        f"/api/v1/clients/{world.client_group.pk}/",
        {"fee_kind": "percentage", "fee_percent": "20.00", "fee_fixed": None},
        format="json",
    )
    assert response.status_code == 200, response.json()
    world.client_group.refresh_from_db()
    assert (world.client_group.fee_kind, world.client_group.fee_percent) == ("percentage", Decimal("20.00"))
