from django.core.management.base import BaseCommand

from learning.assessments.attempts import expire_due


class Command(BaseCommand):
    help = (
        "Submit every assessment attempt whose time ran out, with the answers saved by then."
        " Safe to run every minute beside the task that each timed attempt schedules."
    )

    def handle(self, *args, **options):
        count = expire_due()
        self.stdout.write(f"Submitted {count} expired attempt(s).")
