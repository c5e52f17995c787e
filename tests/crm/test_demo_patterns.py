import datetime as dt

import pytest

from crm.demo.patterns import patterns_seed
from crm.demo.reference import ensure_reference_data
from talent.moves import moves_all, moves_in_pattern, moves_with_patterns

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_story_for_each_pattern_once(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ensure_reference_data()
    assert patterns_seed(today=dt.date(2026, 11, 24)) == 6
    assert patterns_seed(today=dt.date(2026, 11, 24)) == 0
    moves = moves_with_patterns(moves_all())
    names = {
        pattern: sorted(moves_in_pattern(moves, pattern).values_list("candidate__english_name", flat=True))
        for pattern in ("lift_out", "boomerang", "founder_in_waiting")
    }
    assert names == {
        "lift_out": ["Bowen Feng", "Kexin Zheng", "Siyuan Wu", "Zihan Huang"],
        "boomerang": ["Yaqin Gao"],
        "founder_in_waiting": ["Jianguo Luo"],
    }
