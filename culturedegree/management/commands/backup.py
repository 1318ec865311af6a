"""`manage.py backup`: a pg_dump custom-format file under var/backups/ (`make backup`)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from culturedegree.backups import BackupError, backup


class Command(BaseCommand):
    help = "Dump the database to a timestamped custom-format file (restore with `restore`)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            type=Path,
            default=settings.VAR_DIR / "backups",
            help="Where to write the file (default: var/backups/).",
        )

    def handle(self, *args, directory: Path, **options):
        try:
            path = backup(directory=directory)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(path))
