"""The test suite: real PostgreSQL, immediate tasks, captured email."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
WHITENOISE_USE_FINDERS = True
SERVE_MEDIA = True
# A fixed issuer key, so tests never write one under var/ (not a secret: tests only).
CERTIFICATES_SIGNING_KEY = "9b1f1c7ad3c0e1a4f6d2b8e7c5a3f1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4"
# Browser tests wait for the live server to finish what closing pages sent (testing/inflight.py).
MIDDLEWARE = ["culturedegree.testing.inflight.InFlightMiddleware", *MIDDLEWARE]  # noqa: F405
