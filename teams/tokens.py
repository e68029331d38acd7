"""The signed token in an invitation link: the invitation's id, signed with a timestamp.

The token alone grants nothing: the view still reads the invitation row, which must be
open (not accepted, not withdrawn) and younger than INVITATION_DAYS. Accepting sets
`accepted_at`, so a link works once.
"""

from django.core import signing

from teams.models import INVITATION_MAX_AGE

SALT = "teams.invitation"


def invitation_token(invitation_pk: int) -> str:
    return signing.dumps({"invitation": invitation_pk}, salt=SALT)


def read_invitation_token(token: str) -> tuple[int, bool]:
    """(invitation id, expired) from a token; BadSignature if it was not signed by us."""
    expired = False
    try:
        payload = signing.loads(token, salt=SALT, max_age=INVITATION_MAX_AGE)
    except signing.SignatureExpired:
        # Still our signature: read it to name the team and who to ask for a new link.
        payload = signing.loads(token, salt=SALT)
        expired = True
    pk = payload.get("invitation") if isinstance(payload, dict) else None
    if not isinstance(pk, int) or isinstance(pk, bool):
        raise signing.BadSignature("The token holds no invitation id.")
    return pk, expired
