"""Settings of the HTTP benchmark's server: the production settings plus the bench-only floor view.

Only `python -m bench http` uses this module (through gunicorn); production URLs never include the floor.
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
