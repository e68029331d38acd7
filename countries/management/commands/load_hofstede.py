from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from countries.loader import HOFSTEDE_CSV, ScoreFileError, load_hofstede


class Command(BaseCommand):
    help = "Load (or refresh) Hofstede's country scores; running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=HOFSTEDE_CSV, help="CSV to load")

    def handle(self, *args, **options):
        try:
            result = load_hofstede(options["file"])
        except (ScoreFileError, OSError) as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Hofstede scores loaded: {result.summary()}"))
