"""Security headers, the Content-Security-Policy and cookie flags, as production sends them.

tests/settings.py relaxes the HTTPS-only settings for plain-HTTP tests, so the cookie
and HSTS tests read the production values from a fresh run of the settings module with
DEBUG off and apply them with override_settings.
"""

import re
import runpy
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.factories import CountryFactory

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"
SETTINGS_FILE = str(Path(settings.BASE_DIR) / "negotiation_prep" / "settings.py")
EXPECTED_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
HTTPS_NAMES = (
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
)


@pytest.fixture
def production(monkeypatch) -> dict:
    """The settings module's values with DEBUG off and no HTTPS-related overrides."""
    monkeypatch.setenv("DEBUG", "0")
    monkeypatch.setenv("SECRET_KEY", "a-production-like-secret-key-for-this-test-only-0123456789")
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_AGE"):
        monkeypatch.delenv(name, raising=False)
    return runpy.run_path(SETTINGS_FILE)


def _csp(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


# --- Content-Security-Policy -----------------------------------------------------------


def test_csp_allows_only_own_scripts_and_styles_on_a_public_page(client, db):
    response = client.get(reverse("login"))

    assert _csp(response) == EXPECTED_CSP


def test_csp_is_sent_on_signed_in_pages(client_user):
    response = client_user.get(reverse("plans:dashboard"))

    assert response.status_code == 200
    assert _csp(response) == EXPECTED_CSP


def test_csp_has_no_unsafe_inline_or_eval(client, db):
    header = client.get(reverse("login"))["Content-Security-Policy"]

    assert "unsafe" not in header
    assert "nonce-" not in header


def test_csp_is_sent_on_error_pages(client_user):
    response = client_user.get("/no-such-page/")

    assert response.status_code == 404
    assert _csp(response) == EXPECTED_CSP


def test_admin_country_change_page_loads_under_the_csp(client_trainer, hofstede):
    country = CountryFactory(code="X-CSP", name="Testland")

    response = client_trainer.get(reverse("admin:countries_country_change", args=[country.pk]))

    assert response.status_code == 200
    assert "Testland" in response.text
    assert _csp(response) == EXPECTED_CSP
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", response.text)
    assert inline == []


_INLINE = {
    "inline <script> block": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "<style> block": re.compile(r"<style[\s>]", re.IGNORECASE),
    "style= attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "inline event handler": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


def _inline_code(text: str) -> list[str]:
    return [name for name, pattern in _INLINE.items() if pattern.search(text)]


@pytest.mark.parametrize(
    "path",
    sorted(p.relative_to(TEMPLATES_DIR).as_posix() for p in TEMPLATES_DIR.rglob("*.html")),
)
def test_template_has_no_inline_script_or_style(path):
    found = _inline_code((TEMPLATES_DIR / path).read_text(encoding="utf-8"))

    assert found == [], f"templates/{path} has {', '.join(found)}: the CSP would block it"


def test_inline_code_detector_finds_each_kind():
    samples = [
        "<script>alert(1)</script>",
        "<style>p{}</style>",
        '<p style="color:red">',
        '<a onclick="go()">',
        '<a href="javascript:go()">',
    ]

    assert [_inline_code(sample) for sample in samples] == [[name] for name in _INLINE]
    assert _inline_code('<script src="/static/js/unsaved.js" defer></script>') == []


# --- Other headers ----------------------------------------------------------------------


def test_security_headers_are_sent(client_user):
    response = client_user.get(reverse("plans:dashboard"))

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_hsts_is_sent_over_https_in_production(client, db, production):
    with override_settings(**{name: production[name] for name in HTTPS_NAMES}):
        response = client.get(reverse("login"), secure=True)

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_hsts_is_not_sent_over_plain_http(client, db, production):
    with override_settings(SECURE_HSTS_SECONDS=production["SECURE_HSTS_SECONDS"]):
        response = client.get(reverse("login"))

    assert "Strict-Transport-Security" not in response


def test_plain_http_is_redirected_to_https_in_production(client, db, production):
    with override_settings(**{name: production[name] for name in HTTPS_NAMES}):
        response = client.get(reverse("login"))

    assert response.status_code == 301
    assert response.url.startswith("https://")


def test_healthz_answers_plain_http_in_production(client, db, production):
    with override_settings(**{name: production[name] for name in HTTPS_NAMES}):
        response = client.get(reverse("core:healthz"))

    assert response.status_code == 200


def test_hsts_is_off_in_development(monkeypatch):
    monkeypatch.setenv("DEBUG", "1")
    monkeypatch.delenv("SECURE_HSTS_SECONDS", raising=False)

    development = runpy.run_path(SETTINGS_FILE)

    assert development["SECURE_HSTS_SECONDS"] == 0
    assert development["SESSION_COOKIE_SECURE"] is False


# --- Cookies ----------------------------------------------------------------------------


def test_production_cookie_settings_are_hardened(production):
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["SESSION_COOKIE_HTTPONLY"] is True
    assert production["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert production["SESSION_COOKIE_AGE"] == 12 * 60 * 60
    assert production["CSRF_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_HTTPONLY"] is True
    assert production["CSRF_COOKIE_SAMESITE"] == "Lax"


def test_session_cookie_is_secure_httponly_and_lax_after_sign_in(client, user, production):
    with override_settings(**{name: production[name] for name in HTTPS_NAMES}):
        response = client.post(
            reverse("login"), {"username": user.username, "password": PASSWORD}, secure=True
        )

    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 12 * 60 * 60


def test_csrf_cookie_is_secure_httponly_and_lax(client, db, production):
    with override_settings(**{name: production[name] for name in HTTPS_NAMES}):
        response = client.get(reverse("login"), secure=True)

    cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_form_pages_carry_the_csrf_token_in_the_form_not_for_scripts(client, db):
    response = client.get(reverse("login"))

    assert 'name="csrfmiddlewaretoken"' in response.text


def test_a_post_without_the_csrf_token_is_refused(db, user):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)

    response = strict.post(reverse("login"), {"username": user.username, "password": PASSWORD})

    assert response.status_code == 403
    assert "_auth_user_id" not in strict.session
