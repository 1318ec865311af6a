import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from certificates.certificate_demo import PROGRAM as CERTIFIED_PROGRAM
from certificates.certificate_demo import ensure_demo_certificates
from certificates.demo import ensure_learner_achievements
from community.demo import DEMO_MODERATOR_EMAIL, DEMO_MODERATOR_PASSWORD, ensure_demo_discussions
from culturedegree import demo
from culturedegree.demo import build_catalog
from culturedegree.demo.assessments import (
    ensure_demo_assessments,
    ensure_quiz_takers,
    pass_program_quizzes,
)
from culturedegree.demo.learner import ensure_learner_history
from culturedegree.models import User
from learning.models import ProgramPage


class Command(BaseCommand):
    help = "Load the demo site: locales, home page, demo accounts and catalog. Idempotent."

    def handle(self, *args, **options):
        started = time.monotonic()
        demo.ensure_locales()
        home = demo.ensure_home_page()
        accounts = demo.ensure_demo_accounts()
        admin = User.objects.get(email__iexact=demo.DEMO_ADMIN_EMAIL)
        # Wagtail logs every publish at INFO; the catalog publishes a few hundred revisions.
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        catalog = build_catalog(home=home, owner=admin)
        groups = demo.ensure_editorial_groups(catalog=catalog.programs[0].get_parent())
        demo.ensure_review_workflow(
            catalog=catalog.programs[0].get_parent(), reviewers=groups["Reviewers"]
        )
        accounts += demo.ensure_editorial_accounts(groups)
        for program in catalog.programs:
            demo.ensure_program_instructors(program=program)
        assessments = ensure_demo_assessments(
            programs=catalog.programs,
            languages_of=lambda program: [
                page.locale.language_code for page in program.get_translations()
            ],
        )
        taken = ensure_quiz_takers(quiz=assessments[0], program=catalog.programs[0])
        self.stdout.write(
            f"Assessments: {len(assessments)} (a quiz per course, one peer-reviewed project);"
            f" {taken} quiz takers added."
        )
        learner = User.objects.get(email__iexact=demo.DEMO_LEARNER_EMAIL)
        if ensure_learner_history(learner=learner):
            self.stdout.write(f"{learner.email}: two enrollments and 17 days of history.")
        earned = ensure_learner_achievements(learner=learner, awarded_by=admin)
        self.stdout.write(f"{learner.email}: {earned} achievements earned.")
        certified = ProgramPage.objects.filter(
            slug=CERTIFIED_PROGRAM, locale__language_code="en"
        ).first()
        if certified is not None:
            pass_program_quizzes(learner=learner, program=certified, staff=admin)
        if ensure_demo_certificates(learner=learner):
            self.stdout.write(f"{learner.email}: program, course and revoked certificates.")
        seeded = ensure_demo_discussions(programs=catalog.programs)
        if seeded:
            self.stdout.write(f"Discussions in {seeded} courses.")
        accounts.append(
            demo.DemoAccount("moderator", DEMO_MODERATOR_EMAIL, DEMO_MODERATOR_PASSWORD)
        )
        if catalog.created_pages or catalog.translated_pages:
            # The publishes above queued their index updates for the task worker; build the
            # index now so search works the moment the site starts, worker or not.
            call_command("update_index", verbosity=0)
        self.stdout.write(
            f"Catalog: {len(catalog.programs)} programs, {catalog.created_pages} pages created, "
            f"{catalog.translated_pages} translated."
        )
        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready in {time.monotonic() - started:.1f}s.")
        )
        self.stdout.write("Sign in at http://127.0.0.1:8000/en/accounts/login/ with:")
        for account in accounts:
            self.stdout.write(f"  {account.role:<8} {account.email}  /  {account.password}")
        self.stdout.write("The Wagtail admin is at http://127.0.0.1:8000/admin/")
