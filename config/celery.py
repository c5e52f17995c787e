import os
from pathlib import Path

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("talentbase")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Where the filesystem broker reads and writes (settings.CELERY_BROKER_TRANSPORT_OPTIONS).
_BROKER_FOLDERS = ("data_folder_in", "data_folder_out", "processed_folder", "control_folder")


def runtime_prepare() -> bool:
    """What a program needs on this host before it runs: the embedded database and the run-time folders.

    Called at start-up by manage.py, the WSGI and ASGI entry points, Celery
    workers and beat, and the tests; settings only name these things. Returns
    whether this call started the embedded database.
    """
    from django.conf import settings

    from config.embedded_postgres import ensure_started

    started = ensure_started()
    folders = [Path(settings.CELERY_BEAT_SCHEDULE_FILENAME).parent]
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
    folders += [Path(options[key]) for key in _BROKER_FOLDERS if key in options]
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    return started


@signals.import_modules.connect(sender=app)
def _prepare_worker_or_beat(**kwargs) -> None:
    # Sent once when a worker or beat starts (loader.init_worker), before it
    # opens its schedule file or connects to the broker; never on a mere import.
    runtime_prepare()
