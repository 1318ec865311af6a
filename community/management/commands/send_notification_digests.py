from django.core.management.base import BaseCommand

from community.notifications.email import send_daily_digests


class Command(BaseCommand):
    help = "Queue today's notification digests for people who chose a daily email. Run once a day."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="Send them here, not through a task."
        )

    def handle(self, *args, **options):
        if options["now"]:
            self.stdout.write(f"{send_daily_digests.call()} digest emails sent.")
        else:
            send_daily_digests.enqueue()
            self.stdout.write("Digest task queued.")
