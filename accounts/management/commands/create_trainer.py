import getpass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.services import trainer_create_or_promote


class Command(BaseCommand):
    help = "Create a trainer (staff, in the Trainers group, not a superuser) or promote a user."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-from-env",
            metavar="VAR",
            help="Read the new user's password from this environment variable.",
        )
        parser.add_argument("--no-input", action="store_true", help="Do not prompt for a password.")

    def handle(self, *args, username, email, password_from_env, no_input, **options):
        import os

        password = None
        if password_from_env:
            password = os.environ.get(password_from_env)
            if not password:
                raise CommandError(f"Environment variable {password_from_env} is empty or unset.")
        elif not no_input and options.get("interactive", True) and os.isatty(0):
            password = getpass.getpass("Password (leave empty to keep or set later): ") or None
        if password:
            try:
                validate_password(password)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
        user, created = trainer_create_or_promote(username=username, email=email, password=password)
        verb = "Created" if created else "Promoted"
        self.stdout.write(self.style.SUCCESS(f"{verb} trainer {user.username}."))
        if created and not password:
            self.stdout.write("No password set: use 'manage.py changepassword' or password reset.")
