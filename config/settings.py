"""Talentbase settings, read from environment variables.

Development defaults are safe and need no services: an embedded PostgreSQL
under var/, a filesystem Celery broker and the console e-mail backend. Set
DJANGO_PRODUCTION=1 for production; it turns on every `check --deploy` guard
and refuses to start without a real secret key.
"""

import datetime
import re
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
import orjson
from django.core.exceptions import ImproperlyConfigured

from .embedded_postgres import database_url as embedded_database_url
from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

PRODUCTION = env_bool("DJANGO_PRODUCTION", False)
DEBUG = env_bool("DJANGO_DEBUG", not PRODUCTION)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_PRODUCTION=1")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

# Keys the hashes of erased people's contacts (talent.suppression). Changing it forgets the list.
TALENTBASE_SUPPRESSION_KEY = env_str("TALENTBASE_SUPPRESSION_KEY")
if not TALENTBASE_SUPPRESSION_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("TALENTBASE_SUPPRESSION_KEY must be set when DJANGO_PRODUCTION=1")
    TALENTBASE_SUPPRESSION_KEY = "dev-only-suppression-key"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# Public base URL, used for links in reminder e-mails.
SITE_URL = env_str("TALENTBASE_SITE_URL", f"http://{env_str('TALENTBASE_ADDRESS', '127.0.0.1:8000')}").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "pgtrigger",
    "pghistory",
    "import_export",
    "accounts",
    "talent",
    "crm",
]

MIDDLEWARE = [
    # Outermost, so that under /api/ it bounds bodies before anything reads them, makes the whole
    # request one transaction and gives every error, whoever answered it, the API's JSON shape.
    "api.middleware.ApiBoundaryMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files (the admin, Swagger UI and Redoc assets) from the app itself, with DEBUG off too.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Admin and API writes are recorded in history with their path (and the admin's user).
    "talent.history.RequestHistoryMiddleware",
    "accounts.middleware.RecruiterTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The site's own error pages (404, 403, 400, 500), shown with DEBUG off.
        "DIRS": [BASE_DIR / "config" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


# Without DATABASE_URL, the embedded server in var/postgres. Its address follows
# from the folder, so nothing is started here: manage.py, the WSGI/ASGI entry
# points, Celery and the tests start it (config.celery.runtime_prepare).
_DATABASE_URL = env_str("DATABASE_URL") or embedded_database_url()
# Persistent connections (Django's own, checked before reuse) rather than a pool: a sync worker serves
# one request at a time, so one connection per worker process is all a pool would hand out anyway.
_CONN_MAX_AGE = env_int("DATABASE_CONN_MAX_AGE", 60 if PRODUCTION else 0)


def _database(url: str, variable: str) -> dict:
    database = dj_database_url.parse(url, conn_max_age=_CONN_MAX_AGE, conn_health_checks=True)
    # A socket directory given as ?host=/path in the URL belongs in HOST.
    if "host" in database.get("OPTIONS", {}):
        database["HOST"] = database["OPTIONS"].pop("host")
    if not database["ENGINE"].endswith("postgresql"):
        raise ImproperlyConfigured(f"{variable} must point at PostgreSQL (postgres:// or postgresql://)")
    # JIT compiles a plan whose estimated cost is high (a search over a large table) and spent more time
    # compiling than the query then ran (bench/README.md): the web's short queries never gain from it.
    # Parallel workers likewise: starting one took ~10 ms, more than a list page's whole query, and on a
    # busy server it takes a core from another request.
    options = database.setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off -c max_parallel_workers_per_gather=0".strip()
    return database


DATABASES = {"default": _database(_DATABASE_URL, "DATABASE_URL")}
# Every request is all or nothing: a view that fails half-way leaves no half-written rows.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Lets several test runs share one server (CI, parallel sessions) without clashing.
if env_str("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME")}
# Read replicas, comma-separated: status, lists and search read from them (api.replicas);
# writes, authentication and the changes feed stay on the primary.
for _number, _url in enumerate(filter(None, (u.strip() for u in env_str("DATABASE_REPLICA_URLS").split(","))), 1):
    DATABASES[f"replica_{_number}"] = _database(_url, "DATABASE_REPLICA_URLS") | {"TEST": {"MIRROR": "default"}}
DATABASE_ROUTERS = ["api.replicas.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A request body larger than this is refused before it is parsed: 413 under /api/ (api.middleware), 400 elsewhere.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DJANGO_MAX_BODY_BYTES", 1024 * 1024)
if DATA_UPLOAD_MAX_MEMORY_SIZE <= 0:
    raise ImproperlyConfigured(
        f"DJANGO_MAX_BODY_BYTES must be a positive number of bytes, got {DATA_UPLOAD_MAX_MEMORY_SIZE}"
    )

# Password checks are refused from an address after AUTH_FAILURE_RATE failures (accounts.signin,
# rate below); failed API keys count against the same address.
AUTHENTICATION_BACKENDS = ["accounts.signin.ThrottledModelBackend"]
# How many reverse proxies in front of the app append to X-Forwarded-For (0: trust REMOTE_ADDR only).
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# One date format everywhere in the admin (2026-11-24, 2026-11-24 10:30), whatever the locale says.
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
# In production `collectstatic` gathers hashed, compressed copies into STATIC_ROOT that WhiteNoise serves
# with long cache headers; in development it serves them straight from the apps, DEBUG on or off.
WHITENOISE_USE_FINDERS = not PRODUCTION
if PRODUCTION:
    STATIC_ROOT = BASE_DIR / "staticfiles"
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Django's own loggers write through the root handler only (its default
    # console handler would print every refused request a second time).
    "loggers": {"django": {"handlers": [], "level": "INFO", "propagate": True}},
}

# --- E-mail ---------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if env_str("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Talentbase <reminders@talentbase.invalid>")

# --- Celery ---------------------------------------------------------------
# Without CELERY_BROKER_URL, a filesystem broker under var/ lets the web
# process, worker and scheduler of one host talk without any server. Its
# folders are created at start-up (config.celery.runtime_prepare), not here.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or "filesystem://"
if CELERY_BROKER_URL == "filesystem://":
    # CELERY_FILESYSTEM_BROKER_DIR gives a test run (or a second checkout) its own folder.
    _broker_dir = Path(env_str("CELERY_FILESYSTEM_BROKER_DIR") or VAR_DIR / "celery" / "broker")
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "store_processed": False,
        # The exchange tables; kombu's default is ./control in whatever folder a program was started from.
        "control_folder": str(_broker_dir / "control"),
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A dedicated queue name keeps a test run's worker away from stray tasks.
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "celery")
_SWEEP_SECONDS = env_int("REMINDERS_SWEEP_SECONDS", 60)
CELERY_BEAT_SCHEDULE = {
    # The reminder sweep: plan, claim what is due, enqueue deliveries. A sweep
    # not started within its interval (worker down) expires instead of piling up.
    "crm-reminders-sweep": {
        "task": "crm.tasks.reminders_sweep_task",
        "schedule": float(_SWEEP_SECONDS),
        "options": {"expires": max(_SWEEP_SECONDS - 5, 5)},
    },
    # Windows ending or starting by the calendar change candidates' status with
    # no write; this logs them for the status changes feed soon after midnight UTC.
    "crm-status-clock-sweep": {"task": "crm.tasks.status_clock_sweep_task", "schedule": 15 * 60},
    # Import jobs whose worker died go to another one (crm.imports.imports_resume).
    "crm-imports-resume": {"task": "crm.tasks.imports_resume_task", "schedule": 60.0, "options": {"expires": 55}},
}

# --- Cache ----------------------------------------------------------------
# API throttles count requests in the cache, so it must be shared by every web
# process: never per-process memory. CACHE_URL (redis://) if set; else the Redis
# server of the Celery broker, when there is one (the next database number);
# else a table in the database (`manage.py createcachetable`, run by make setup).
_REDIS_SCHEMES = ("redis://", "rediss://", "unix://")
_CACHE_URL = env_str("CACHE_URL")
if _CACHE_URL and not _CACHE_URL.startswith(_REDIS_SCHEMES):
    raise ImproperlyConfigured(f"CACHE_URL must be a Redis URL (redis://, rediss:// or unix://), got {_CACHE_URL!r}")


def _next_redis_database(url: str) -> str:
    """The same Redis server, the next database number: clearing the cache never touches the broker's queues."""
    parts = urlsplit(url)
    database = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(database + 1) % 16}"))


_BROKER_IS_REDIS = CELERY_BROKER_URL.startswith(("redis://", "rediss://"))
_REDIS_CACHE_URL = _CACHE_URL or (_next_redis_database(CELERY_BROKER_URL) if _BROKER_IS_REDIS else "")
if _REDIS_CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _REDIS_CACHE_URL,
            "KEY_PREFIX": "talentbase-cache",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "talentbase_cache"}}

# --- Reminders ------------------------------------------------------------
REMINDERS_LOCAL_TIME = datetime.time(9, 0)  # in the recipient's own zone
REMINDERS_HORIZON_DAYS = 2  # reminders are planned as rows this many days ahead
REMINDERS_LEASE_SECONDS = env_int("REMINDERS_LEASE_SECONDS", 300)  # a claimed, undelivered row is retried after
REMINDERS_LATE_AFTER_MINUTES = env_int("REMINDERS_LATE_AFTER_MINUTES", 15)
REMINDERS_BATCH_SIZE = env_int("REMINDERS_BATCH_SIZE", 100)
REMINDERS_MAX_BATCHES_PER_SWEEP = env_int("REMINDERS_MAX_BATCHES_PER_SWEEP", 200)
# Rows saved this long before the last planning are looked at again (commits lag their auto_now timestamps).
REMINDERS_CHANGE_SLACK_SECONDS = env_int("REMINDERS_CHANGE_SLACK_SECONDS", 300)
REMINDERS_EMAIL_DOMAIN = env_str("REMINDERS_EMAIL_DOMAIN", "talentbase.invalid")
# E-mail leaves from an outbox (crm.reminders.outbox), after the in-app notice has committed: transient
# failures are retried with capped exponential backoff and jitter until the e-mail is this old;
# permanent refusals (SMTP 5xx) are given up after this many tries.
REMINDERS_EMAIL_MAX_ATTEMPTS = env_int("REMINDERS_EMAIL_MAX_ATTEMPTS", 5)
REMINDERS_EMAIL_RETRY_SECONDS = env_int("REMINDERS_EMAIL_RETRY_SECONDS", 60)
REMINDERS_EMAIL_RETRY_MAX_SECONDS = env_int("REMINDERS_EMAIL_RETRY_MAX_SECONDS", 3600)
REMINDERS_EMAIL_EXPIRE_HOURS = env_int("REMINDERS_EMAIL_EXPIRE_HOURS", 48)

# --- REST framework -------------------------------------------------------
_RATE = re.compile(r"^\d+/(second|minute|hour|day)$")


def _api_rate(name: str, default: str) -> str:
    rate = env_str(name, default).strip()
    if not _RATE.match(rate):
        raise ImproperlyConfigured(f"{name} must look like 1000/hour (per second, minute, hour or day), got {rate!r}")
    return rate


AUTH_FAILURE_RATE = _api_rate("AUTH_FAILURE_RATE", "20/hour")

# Defaults are the safe minimum (signed in); each viewset adds its role and
# key-scope checks explicitly (api.permissions).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ApiCursorPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.KeyOrUserRateThrottle"],
    # Keyed by API-key scope; `user` is a signed-in session, `anon` the rest.
    "DEFAULT_THROTTLE_RATES": {
        "recruiter": _api_rate("API_RATE_RECRUITER", "1000/hour"),
        "status:read": _api_rate("API_RATE_STATUS_READ", "600/hour"),
        "client": _api_rate("API_RATE_CLIENT", "600/hour"),
        "user": _api_rate("API_RATE_USER", "1000/hour"),
        "anon": _api_rate("API_RATE_ANON", "100/hour"),
    },
    # JSON only, with a nesting limit: malformed or too deep bodies are a 400 in the error shape.
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser"],
    # orjson (api.renderers); times in UTC end in "Z" as DRF writes them.
    "DEFAULT_RENDERER_CLASSES": [
        "api.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "ORJSON_RENDERER_OPTIONS": [orjson.OPT_UTC_Z],
    "EXCEPTION_HANDLER": "api.exceptions.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "api.openapi.TalentbaseAutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    # Swagger UI and Redoc are served from this host, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "TITLE": "Talentbase API",
    "DESCRIPTION": (
        "Candidates, careers, non-compete windows and outreach for executive search.\n\n"
        "**Authentication**: a session (sign in at /api/auth/login/ for the browsable API) or an API key "
        "(`Authorization: Bearer <key>`; create one at POST /api/v1/tokens/ — it is shown once).\n\n"
        "**Roles**: admins see everything; recruiters and team leads see every candidate, but a confidential "
        "one only by pseudonym unless they own it or are on the owner's team, and then without names, "
        "aliases, contacts, compensation or notes (`identity_cleared` is false). A confidential note is "
        "visible to its author, the author's team lead and admins. Users without a recruiter profile (API "
        "clients) and `status:read` keys get 403 everywhere but the status endpoints.\n\n"
        "**Server-owned fields** (ids, author, owner on create, timestamps, pinyin, enforceable_end, "
        "days_left, computed fields) are read-only: a value sent for them is ignored.\n\n"
        '**Errors**: every 4xx has the body `{"error": {"status", "code", "message", "fields"}}`, '
        "`fields` only on 400. **Rates**: per key (or per user), 429 with `Retry-After` when exceeded.\n\n"
        "**Lists** use cursor pagination (`page_size` up to 100, follow `next`) and accept `ordering`. "
        "**Single resources** send ETag and Last-Modified and answer 304 to If-None-Match / If-Modified-Since."
    ),
    "VERSION": "1.0.0",
    # Tags (Swagger's groups) are the resource after /api/v1/: candidates, moves, status, ...
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.openapi.reader_shapes_any_of",
    ],
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "CurrencyEnum": "talent.models.candidates.Currency",
        "PayPeriodEnum": "talent.models.candidates.PayPeriod",
        "WindowStateEnum": "talent.noncompetes.WindowState",
        "MandateStatusEnum": "crm.models.mandates.Mandate.Status",
        "DuplicatePairStatusEnum": "talent.models.duplicates.DuplicatePair.Status",
        "StageEnum": "crm.models.mandates.Stage",
        "NonCompeteStatusEnum": "talent.models.noncompetes.NonCompete.Status",
        "CandidateSourceEnum": "talent.models.candidates.Candidate.Source",
        "ConsentChannelEnum": "talent.models.candidates.ConsentChannel",
    },
}

# --- Data in and out: imports, history, privacy ------------------------------
# Candidates with no activity for this many years are listed for a retention review.
TALENTBASE_RETENTION_YEARS = env_int("TALENTBASE_RETENTION_YEARS", 3)
# Largest spreadsheet accepted for an import, and rows per all-or-nothing batch.
IMPORT_MAX_FILE_BYTES = env_int("IMPORT_MAX_FILE_BYTES", 50 * 1024 * 1024)
IMPORT_BATCH_SIZE = env_int("IMPORT_BATCH_SIZE", 500)

# --- Production hardening -------------------------------------------------
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"
