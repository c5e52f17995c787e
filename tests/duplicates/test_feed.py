import datetime as dt

import pytest
import time_machine

from talent.duplicates.merging import candidate_merge
from tests.factories import CandidateFactory, EmploymentFactory
from tests.status.conftest import client_for
from tests.status.test_feed import Mirror

pytestmark = pytest.mark.django_db(transaction=True)
NOW = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)


class TombstoneMirror(Mirror):
    """A mirror that also records where merged-away ids went."""

    def __init__(self, client):
        super().__init__(client, limit=100)
        self.redirects: dict[int, int] = {}

    def poll(self) -> None:
        body = self.client.get("/api/v1/status/changes/", {"cursor": self.cursor} if self.cursor else {}).json()
        for change in body["changes"]:
            if change["change"] == "upsert":
                self.statuses[change["id"]] = change["status"]
            else:
                self.statuses.pop(change["id"], None)
                if change.get("merged_into") is not None:
                    self.redirects[change["id"]] = change["merged_into"]
        self.cursor = body["next_cursor"]


@pytest.mark.parametrize("viewer", ["member", "api_client"])
def test_a_merge_reaches_a_mirror_as_a_tombstone_and_the_updated_survivor(viewer, admin, desk):
    from tests.factories import UserFactory

    user = desk["member"].user if viewer == "member" else UserFactory(username="hr-sync")
    with time_machine.travel(NOW, tick=False):
        survivor = CandidateFactory(owner=desk["lead"], english_name="Louis Yang")
        merged = CandidateFactory(owner=desk["lead"], english_name="Luyu Yang", city="Shanghai")
        EmploymentFactory(candidate=merged, title="Staff Engineer")
        mirror = TombstoneMirror(client_for(user))
        mirror.poll()
        assert mirror.statuses[survivor.pk]["company"] is None

        candidate_merge(actor=admin, survivor_id=survivor.pk, merged_id=merged.pk, now=NOW)
        mirror.poll()

    assert merged.pk not in mirror.statuses
    assert mirror.redirects == {merged.pk: survivor.pk}
    assert mirror.statuses[survivor.pk]["title"] == "Staff Engineer"  # the merged record's stint moved over
    assert mirror.statuses[survivor.pk]["english_name"] == "Louis Yang"
    with time_machine.travel(NOW, tick=False):
        mirror.assert_matches_server()
