import time

from django.core.management.base import BaseCommand

from culturedegree import demo


class Command(BaseCommand):
    help = "Load the demo site: locales, home page, demo accounts and catalog. Idempotent."

    def handle(self, *args, **options):
        started = time.monotonic()
        demo.ensure_locales()
        demo.ensure_home_page()
        accounts = demo.ensure_demo_accounts()
        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready in {time.monotonic() - started:.1f}s.")
        )
        self.stdout.write("Sign in at http://127.0.0.1:8000/en/accounts/login/ with:")
        for account in accounts:
            self.stdout.write(f"  {account.role:<8} {account.email}  /  {account.password}")
        self.stdout.write("The Wagtail admin is at http://127.0.0.1:8000/admin/")
