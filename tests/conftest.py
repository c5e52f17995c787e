import datetime as dt

import pytest

from tests.factories import RecruiterFactory

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def recruiter(db):
    return RecruiterFactory()
