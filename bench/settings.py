"""Settings for the catalog bench: production's, over plain HTTP on 127.0.0.1, quiet logs."""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 60)
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from culturedegree.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# `bench/run.py --no-page-cache` measures the pages as rendered, not served from the page cache.
ANONYMOUS_PAGE_CACHE_SECONDS = int(os.environ.get("BENCH_PAGE_CACHE_SECONDS", "300"))
# wrk sends thousands of look-ups a second from one address: the public limit would answer 429.
CERTIFICATES_LOOKUPS_PER_MINUTE = 10**9
