"""Settings shared by every environment, read from the environment with safe defaults.

`dev.py` and `test.py` only change the defaults (Open Forms style); production uses this
module directly, so everything here must be safe when no variable is set: DEBUG is off and
SECRET_KEY is then required.
"""

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from . import BASE_DIR, read_env_file

read_env_file()
env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="django-insecure-alleen-voor-ontwikkeling")
else:
    SECRET_KEY = env("SECRET_KEY")  # required: raises ImproperlyConfigured when missing
# Earlier keys, after a rotation: sessions, reset links and the frozen versions' signatures
# (plandocument/ondertekening.py) made with them still verify.
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "django_htmx",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "import_export",
    "django_tasks",
    "django_tasks_db",
    # Our apps, in dependency order: each may use the ones above it, never below
    # (tests/test_lagen.py). basis: the ground helpers; plandocument: the document and its
    # approval, a reader of every step; mvoi: the project shell on top.
    "basis",
    "themes",
    "organisaties",
    "sso",
    "meldingen",
    "actieplan",
    "aanbestedingskalender",
    "jaarplanning",
    "evaluatie",
    "plandocument",
    "mvoi",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # A form sent after the session ended keeps what was typed for after the new login
    # (process_view, before LoginRequiredMiddleware's).
    "basis.sessie.InvoerBewarenMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # An idle session ends here, before any view (LoginRequiredMiddleware checks in
    # process_view, after this): the request then goes to the login page like any other
    # without a session, and the message says why.
    "basis.security.InactiviteitMiddleware",
    # With two-step verification on, nothing opens after the password alone.
    "organisaties.tweestaps.TweestapsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # A session that came through the organisation's provider: every few minutes the
    # provider is asked whether the person may still log in (sso/sessie.py). After
    # CSPMiddleware: its answer's form-action (logging out leads to the provider) counts.
    "sso.sessie.HercontroleMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "organisaties.middleware.ActieveOrganisatieMiddleware",
    "basis.security.NoStoreMiddleware",
    # AxesMiddleware last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mvoi.urls"
WSGI_APPLICATION = "mvoi.wsgi.application"

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
                "organisaties.context_processors.organisatie",
                "basis.sessie.bewaarde_invoer",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default, for development and the demo only: every request is one
    # transaction (ATOMIC_REQUESTS) that takes the write lock when it begins (IMMEDIATE),
    # so requests take turns, waiting up to 20 s, instead of failing with "database is
    # locked" when a reader turns writer. Fine for a few people; a slow request (a large
    # import) makes the others wait. Production runs on PostgreSQL, which needs none of it.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# PostgreSQL's planner prices a random read at 4 sequential ones (disks that seek). On SSD
# storage, what every server now has, 1.1 is the common setting: with 4, a step's figures
# read the theme rows of the whole installation (a parallel scan, 35 ms, growing as other
# organisations add tenders) instead of this plan's through their index (6 ms). Set on
# each new connection (basis/apps.py); 0 leaves the server's own value.
POSTGRES_RANDOM_PAGE_COST = env.float("POSTGRES_RANDOM_PAGE_COST", default=1.1)
if not 0 <= POSTGRES_RANDOM_PAGE_COST < 1000:
    raise ImproperlyConfigured("POSTGRES_RANDOM_PAGE_COST is een getal van 0 tot 1000.")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisaties.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses logins after too many failures.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "organisaties.wachtwoorden.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "actieplan:start"
LOGOUT_REDIRECT_URL = "login"

# Sessions live in the database, so app servers stay stateless.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
# And a session without a request for this long ends too (basis.security).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="actieplan-mvoi@localhost")
# This installation's address as people reach it: the links in e-mails the worker sends
# (no request to take it from) start with it.
MVOI_ADRES = env("MVOI_ADRES", default="http://127.0.0.1:8000")

# Single sign-on per organisation (sso/, docs/sso.md). The key that encrypts the providers'
# client secrets (Fernet; empty: derived from SECRET_KEY), how long a provider may take to
# answer, the clock skew allowed in an ID token's times, and how often a session that came
# through a provider asks it whether the person may still log in (seconds).
SSO_SLEUTEL = env("SSO_SLEUTEL", default="")
SSO_TIMEOUT = env.float("SSO_TIMEOUT", default=5.0)
SSO_KLOKVERSCHIL = env.int("SSO_KLOKVERSCHIL", default=60)
SSO_HERCONTROLE = env.int("SSO_HERCONTROLE", default=300)

CRISPY_ALLOWED_TEMPLATE_PACKS = ["nlds"]
CRISPY_TEMPLATE_PACK = "nlds"
CRISPY_CLASS_CONVERTERS = {
    "textinput": "utrecht-textbox utrecht-textbox--html-input",
    "emailinput": "utrecht-textbox utrecht-textbox--html-input",
    "numberinput": "utrecht-textbox utrecht-textbox--html-input",
    "urlinput": "utrecht-textbox utrecht-textbox--html-input",
    "passwordinput": "utrecht-textbox utrecht-textbox--html-input",
    "dateinput": "utrecht-textbox utrecht-textbox--html-input",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "select": "utrecht-select utrecht-select--html-select",
    "checkboxinput": "utrecht-checkbox utrecht-checkbox--html-input",
}

# Security headers. HTTPS settings are on unless DEBUG; a proxy in front terminates TLS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# No page uses the camera, microphone, location, payments, USB, sensors or the like: a
# script that slipped in (or a framed page) cannot ask for them (django-permissions-policy).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# django-axes: lock an account/IP pair for an hour after 5 failed logins.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/geblokkeerd.html"
# Behind a reverse proxy every request comes from the proxy's address; the lock would then
# hit everyone at once. REVERSE_PROXY_COUNT is the number of proxies in front of gunicorn
# that each append to X-Forwarded-For (0: none, REMOTE_ADDR is the client).
REVERSE_PROXY_COUNT = env.int("REVERSE_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "basis.security.client_ip"

# One upload may hold at most this many rows: checked while the file is read, before the
# rows are checked or imported, so no single upload keeps a worker busy for long. The
# import works in bulk (bench/import_rijen.py on PostgreSQL, 5,000 rows: new ones preview
# 1.6 s and confirm 3.3 s; all changed 2.8 s and 6.0 s; peak 158 MB), well within
# gunicorn's 30 s timeout, so a request does it and no background task is needed.
IMPORT_MAX_RIJEN = env.int("IMPORT_MAX_RIJEN", default=5000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint reports every page it lays out at INFO.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}},
}

# Background work (a plan's frozen PDF is rendered outside the request): the task state is
# in the database, so any app server may enqueue and any `manage.py db_worker` may run it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Two-step verification: the name authenticator apps show for the account.
OTP_TOTP_ISSUER = "Actieplan MVOI"
# The platform admin never shows an app's secret or the recovery codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Compulsory for the platform administrator, management and beheerders (and for every member
# of an organisation that asks for it). Turning it off is for a local look at the demo only;
# `check --deploy` warns when it is off.
TWEESTAPS_VERPLICHT = env.bool("TWEESTAPS_VERPLICHT", default=True)
