"""config/gunicorn.py: the web server's settings, read by gunicorn itself."""

import gc
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.app.base import Application

CONFIG = Path(__file__).resolve().parent.parent / "config" / "gunicorn.py"


class _App(Application):
    def init(self, parser, opts, args):
        return None

    def load(self):
        return None


@pytest.fixture
def settings_of_gunicorn(monkeypatch):
    monkeypatch.setattr("sys.argv", ["gunicorn", "-c", str(CONFIG), "config.wsgi"])
    return _App().cfg


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_gunicorn_reads_the_file(settings_of_gunicorn):
    assert settings_of_gunicorn.worker_class_str == "sync"
    assert settings_of_gunicorn.max_requests == 10_000
    # Long query strings reach Django (a JSON 400) instead of gunicorn's HTML 414 at its default 4094 bytes.
    assert settings_of_gunicorn.limit_request_line == 8190


def test_a_worker_freezes_what_it_loaded_and_again_after_its_first_request_only(settings_of_gunicorn, unfrozen):
    assert gc.get_freeze_count() == 0
    settings_of_gunicorn.post_worker_init(SimpleNamespace(nr=0))
    after_load = gc.get_freeze_count()
    assert after_load > 0

    gc.unfreeze()
    settings_of_gunicorn.post_request(SimpleNamespace(nr=2), None, {}, None)
    assert gc.get_freeze_count() == 0
    settings_of_gunicorn.post_request(SimpleNamespace(nr=1), None, {}, None)
    assert gc.get_freeze_count() > 0
