import pytest

from accounts import ratelimit
from tests.status.conftest import outsider, owner  # noqa: F401  (the same people as the status tests)


@pytest.fixture(autouse=True)
def _fresh_throttles(db):
    # Rate counters live in Redis when there is one and outlive a test run; counts here must start at zero.
    ratelimit.reset()
    yield
    ratelimit.reset()
