"""The production settings module with the few changes tests need.

Tests run with DEBUG off (pytest-django forces it), over plain HTTP, without a
collectstatic run; the rest is exactly what production uses.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")

from negotiation_prep.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# django-axes logs every sign-in at INFO; the suite signs in thousands of times.
AXES_VERBOSE = False
LOGGING = {**LOGGING, "loggers": {"axes": {"level": "WARNING"}}}  # noqa: F405
# Close connections after each request: the live server's threads would otherwise keep
# one open and block pytest-django from dropping the PostgreSQL test database.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
