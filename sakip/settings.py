"""SAKIP-SOP settings: one module, driven by environment variables.

Every value that differs between a laptop, CI and production comes from the
environment (or a `.env` file beside manage.py); see `.env.example`.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=env.bool("DJANGO_DEBUG", default=False))
# Development without a key would be a nuisance; production without one must fail.
SECRET_KEY = env(
    "SECRET_KEY",
    default=env(
        "DJANGO_SECRET_KEY", default="" if not DEBUG else "dev-only-insecure-key"
    ),
)
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY belum diatur (lihat .env.example).")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Public base URL printed in QR codes on signed documents.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_fsm",
    "axes",
    "csp",
    "umum",
    "organisasi",
    "kinerja",
    "dokumen",
    "sop",
    "laporan",
    "monev",
    "cadangan",
    "django_tasks",
    "django_tasks_db",
    "unduhan",
    "bench",  # benchmark tooling (manage.py buat_data_bench); no models, no URLs unless BENCH_FLOOR
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "umum.sesi.SentuhSesiMiddleware",  # the idle timeout, without a session write per request
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sakip.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "organisasi.context_processors.pegawai",
            ],
        },
    },
]

WSGI_APPLICATION = "sakip.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Django's cache (the rendered measurement tables, the verification page's rate-limit
# counts). Local memory by default, per process, enough for the embedded start; several
# app servers share one: CACHE_URL=rediscache://127.0.0.1:6379/1 (needs the `redis`
# package, pinned in requirements.txt) or dbcache://sakip_cache (after
# `manage.py createcachetable`).
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# The embedded SQLite default serves several people at once: write-ahead logging lets readers
# go on while one writes, a transaction takes the write lock when it begins (IMMEDIATE), so
# two read-then-write transactions cannot deadlock into "database is locked", and a writer
# waits up to SQLITE_TIMEOUT seconds for its turn instead of failing (Django 5.1+ options).
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL",
    "transaction_mode": "IMMEDIATE",
    "timeout": env.int("SQLITE_TIMEOUT", default=20),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        **SQLITE_OPTIONS,
        **DATABASES["default"].get("OPTIONS", {}),
    }

# Persistent connections: a worker keeps its connection CONN_MAX_AGE seconds instead of
# opening one per request, and checks it before reusing it in a new request
# (CONN_HEALTH_CHECKS), so a restarted database costs one failed check, not an error page.
# The environment wins over the URL's conn_max_age/conn_health_checks; off in development,
# whose server opens a thread (and so a connection) per request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int(
    "CONN_MAX_AGE",
    default=DATABASES["default"].get("CONN_MAX_AGE", 0 if DEBUG else 600),
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool(
    "CONN_HEALTH_CHECKS", default=DATABASES["default"].get("CONN_HEALTH_CHECKS", True)
)
DATABASES["default"].setdefault("TEST", {})
if env("TEST_DATABASE_NAME", default=""):
    DATABASES["default"]["TEST"]["NAME"] = env("TEST_DATABASE_NAME")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Argon2id at OWASP's parameters (umum/hashers.py says why); PBKDF2 still verifies old hashes.
PASSWORD_HASHERS = [
    "umum.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"

# Background tasks (Django's Tasks framework through its backport django-tasks): the
# database backend of django-tasks-db, so any machine's `manage.py db_worker` pulls them
# from PostgreSQL with no other server. TASKS_BACKEND=django_tasks.backends.immediate.
# ImmediateBackend runs them inside the request instead (development without a worker).
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Sessions end after 30 minutes without activity.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
# ... counted from the session's last write, which umum.sesi.SentuhSesiMiddleware makes at
# most once per SESSION_TOUCH_INTERVAL seconds instead of on every request (an UPDATE each).
SESSION_TOUCH_INTERVAL = env.int("SESSION_TOUCH_INTERVAL", default=60)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Sign-in throttling (django-axes): 5 failures lock the user name for 30 minutes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/terkunci.html"
# Number of reverse proxies in front of the app that append to X-Forwarded-For (nginx with
# `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;` counts as one). 0: the
# header is ignored and REMOTE_ADDR is the client. Lock-outs and the verification page's
# rate limit key on this address (umum/klien.py), so behind a proxy set it, or every client
# shares the proxy's address and anyone can lock anyone out.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "umum.klien.alamat_klien"

# Internationalisation: Bahasa Indonesia first, English can follow via locale/.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["umum.formats"]

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# No MEDIA_URL route: uploaded evidence and documents are served only by views
# that check the reader's rights.
MEDIA_URL = "/berkas-tidak-publik/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
# `make bench` only: routes the benchmark's floor view (bench/views.py) at /bench/floor/.
BENCH_FLOOR = env.bool("BENCH_FLOOR", default=False)
# Several app servers share evidence and documents: either MEDIA_ROOT on a shared
# mount, or S3-compatible object storage (MinIO, etc.) with MEDIA_STORAGE=s3.
# Files are never public: views read them through the storage after a rights check.
if env("MEDIA_STORAGE", default="file") == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": env("S3_ENDPOINT_URL", default=None),
            "access_key": env("S3_ACCESS_KEY", default=None),
            "secret_key": env("S3_SECRET_KEY", default=None),
            "region_name": env("S3_REGION", default=None),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Anonymous lookups on the public verification page: at most this many per client address
# in a window of this many seconds, then 429 (counted in the default cache).
VERIFIKASI_BATAS_ANONIM = env.int("VERIFIKASI_BATAS_ANONIM", default=20)
VERIFIKASI_JENDELA_DETIK = env.int("VERIFIKASI_JENDELA_DETIK", default=600)
# Largest evidence file (bukti dukung) accepted, in bytes.
# Monitoring SOP AP (monev): a step "berjalan dengan baik" is suggested from this share of runs
# done within the time standard (percent) and no recurring return reason.
MONEV_AMBANG_TEPAT_WAKTU = env.int("MONEV_AMBANG_TEPAT_WAKTU", default=80)
BUKTI_MAX_BYTES = env.int("BUKTI_MAX_BYTES", default=10 * 1024 * 1024)
# Uploads are refused as soon as they pass their page's limit (umum/uploads.py), not after
# being received whole: URL name -> (bytes per file, files per request). The request as a
# whole may carry those files plus 1 MiB of other fields; a larger body is not read.
UNGGAHAN_BATAS = {
    "dokumen:verifikasi": (20 * 1024 * 1024, 1),  # dokumen.forms.MAKS_BERKAS
    "kinerja:impor": (2 * 1024 * 1024, 1),  # kinerja.forms.MAX_IMPOR_BYTES
    "sop:tugas_isi": (
        BUKTI_MAX_BYTES,
        10,
    ),  # one evidence file per row, sop.selectors.pengumpulan.GRID_PER_HALAMAN rows
}
UNGGAHAN_BATAS_BAKU = (BUKTI_MAX_BYTES, 1)
FILE_UPLOAD_HANDLERS = [
    "umum.uploads.BatasUnggahan",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

EMAIL_CONFIG = env.email(
    "EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25"
)
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="sakip@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security headers. Pages carry no inline script or style attribute handlers.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https")
    if env.bool("BEHIND_PROXY", default=False)
    else None
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
