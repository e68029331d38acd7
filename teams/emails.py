"""The e-mails the teams app sends, as plain text from templates/teams/email/."""

import logging
import smtplib

from django.core.mail import send_mail
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def display_name(user) -> str:
    """How a person is named to others: their full name, else their username."""
    if user is None:
        return "a former member"
    return user.get_full_name() or user.get_username()


def send_team_email(*, template: str, context: dict, to: str) -> bool:
    """Render and send one e-mail; False (and an error in the log) if the server refused it."""
    subject = " ".join(render_to_string(f"teams/email/{template}_subject.txt", context).split())
    body = render_to_string(f"teams/email/{template}.txt", context)
    try:
        send_mail(subject, body, None, [to])
    except (smtplib.SMTPException, OSError):
        logger.exception("the %s e-mail could not be sent", template)
        return False
    return True
