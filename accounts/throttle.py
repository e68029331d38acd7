"""What django-axes records about a failed sign-in (see AXES_* in the settings)."""

from django.http import HttpRequest

# django-axes keeps the username in a 255-character column. Django's sign-in form does
# not limit what it passes on, so a longer name (or one that NFKC normalisation expands)
# would make PostgreSQL refuse the row and the sign-in page fail with a 500.
USERNAME_MAX = 255


def axes_username(request: HttpRequest, credentials: dict | None) -> str:
    """The username as typed, cut to fit the column axes stores it in."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(username)[:USERNAME_MAX]
