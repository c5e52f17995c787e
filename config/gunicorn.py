"""gunicorn settings for production and the HTTP benchmark: `gunicorn -c config/gunicorn.py config.wsgi`.

Command-line flags (`--workers`, `--bind`) override what is set here.

Garbage collection: a worker holds some 350,000 container objects once Django,
the apps and the URL configuration are loaded, and they live as long as the
worker. Left in the collector's oldest generation, every full collection walks
all of them: measured at 1,000,000 candidates, five full collections per sixty
search requests of 130 ms each, which was most of the gap between p50 and p95
(bench/README.md). Freezing them once the worker has loaded, and again after
its first request (which imports what Django loads lazily), takes them out of
every later collection; a worker's per-request garbage is still collected.
"""

import gc
import os

bind = os.environ.get("TALENTBASE_ADDRESS", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
# A worker is replaced after this many requests (with jitter), bounding any slow growth.
max_requests = 10_000
max_requests_jitter = 1_000
# gunicorn answers a longer request line itself, in HTML (414); up to its maximum, 8190 bytes, the request
# reaches Django, whose limits (DATA_UPLOAD_MAX_NUMBER_FIELDS) answer in the API's JSON error shape.
limit_request_line = 8190


def post_worker_init(worker) -> None:
    gc.freeze()


def post_request(worker, req, environ, resp) -> None:
    if worker.nr == 1:
        gc.freeze()
