"""A plan file waiting between the import preview and its confirm.

Any app server may answer the confirm, so the file waits in the shared database cache
(settings.CACHES, table np_cache), not on one server's disk: its raw bytes under a random
key, with the id of the user who uploaded it, for PENDING_SECONDS. Confirming uses it up.
"""

import secrets

from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import transaction

from counterparties.models import Counterparty
from plans.exchange import plan_import
from plans.models import Plan

PENDING_SECONDS = 60 * 60
KEY_BYTES = 24  # 32 URL-safe characters
_PREFIX = "plan-import:"


class PendingImportGone(Exception):
    """The waiting file expired, was used already, or was never this user's."""


def pending_import_store(*, owner: User, raw: bytes) -> str:
    """Keep a validated file for `owner`; returns the key for the preview's address."""
    key = secrets.token_urlsafe(KEY_BYTES)
    cache.set(_PREFIX + key, {"owner": owner.pk, "raw": raw}, PENDING_SECONDS)
    return key


def pending_import_raw(*, owner: User, key: str) -> bytes | None:
    """The waiting file, or None if it expired, never existed or is another user's."""
    if len(key) > 64:
        return None
    entry = cache.get(_PREFIX + key)
    if not isinstance(entry, dict) or entry.get("owner") != owner.pk:
        return None
    return entry["raw"]


def pending_import_discard(*, owner: User, key: str) -> None:
    """Forget the waiting file (the user cancelled). Another user's key is left alone."""
    if pending_import_raw(owner=owner, key=key) is not None:
        cache.delete(_PREFIX + key)


@transaction.atomic
def pending_import_confirm(*, owner: User, key: str, attach_to: Counterparty | None) -> Plan:
    """Import the waiting file once, and forget it.

    Deleting the cache row is the claim: of two confirms sent together only the one whose
    delete removed the row imports. The cache lives in the same database, so a failed
    import (ImportFailed) rolls the delete back and the preview stays usable. Raises
    PendingImportGone when there is nothing (left) to import.
    """
    raw = pending_import_raw(owner=owner, key=key)
    if raw is None or not cache.delete(_PREFIX + key):
        raise PendingImportGone(key)
    return plan_import(owner=owner, raw=raw, attach_to=attach_to)
