"""The bench's signed-in learner: enrolled in 10 programs, part-way through program 17.

Run with the bench settings on the bench database; prints a JSON line with the session cookie's
name and value, which wrk sends with every request of the learner rows. Idempotent: the learner,
enrollments and progress are made once; each run opens a fresh session.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/cd_site_bench \\
        .venv/bin/python bench/learner.py
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

EMAIL = "bench-learner@example.com"
PROGRAM_SLUGS = [f"program-{n}" for n in (17, 1, 2, 3, 4, 5, 6, 7, 8, 9)]
# The item the learner rows open: started, not finished (the "item in progress").
ITEM_PATH = ("course-3", "module-2", "item-4")


def learner_with_progress():
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    from learning.journey.access import resolve_item
    from learning.journey.enrollment import enroll
    from learning.journey.progress import begin_item, complete_item
    from learning.models import ProgramPage, Progress

    user, created = get_user_model().objects.get_or_create(
        email=EMAIL, defaults={"name": "Bench Learner"}
    )
    if created:
        user.set_unusable_password()
        user.save()
    for slug in PROGRAM_SLUGS:
        enroll(learner=user, program=ProgramPage.objects.get(slug=slug))
    if not Progress.objects.filter(learner=user).exists():
        program = ProgramPage.objects.get(slug=PROGRAM_SLUGS[0])
        # Courses 1 and 2 finished (course 3's lock, if any, is open), course 3 begun.
        items = Page.objects.filter(path__startswith=program.path, depth=program.depth + 3)
        for page in items.order_by("path"):
            ref = resolve_item(page_id=page.pk)
            course_slug = Page.objects.get(pk=ref.course_id).slug
            if course_slug in ("course-1", "course-2"):
                complete_item(learner=user, item=ref)
        course = Page.objects.get(path__startswith=program.path, slug=ITEM_PATH[0])
        module = Page.objects.get(path__startswith=course.path, slug=ITEM_PATH[1])
        for page in Page.objects.filter(path__startswith=module.path, depth=module.depth + 1):
            ref = resolve_item(page_id=page.pk)
            if page.slug == ITEM_PATH[2]:
                begin_item(learner=user, item=ref)
            elif page.slug < ITEM_PATH[2]:
                complete_item(learner=user, item=ref)
    return user


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    user = learner_with_progress()
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    print(json.dumps({"cookie": f"{settings.SESSION_COOKIE_NAME}={cookie.value}"}))


if __name__ == "__main__":
    main()
