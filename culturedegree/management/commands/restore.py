"""`manage.py restore FILE`: load a `backup` file into an empty database (`make restore`)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from culturedegree.backups import BackupError, restore


class Command(BaseCommand):
    help = "Restore a custom-format dump into the configured database, which must be empty."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="A file written by `manage.py backup`.")

    def handle(self, *args, file: Path, **options):
        try:
            restore(path=file)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored {file}.")
