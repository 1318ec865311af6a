"""Builders for the journey tests: a small program tree, learners, and threads."""

import datetime as dt
import threading
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone
from wagtail.models import Locale

from culturedegree import demo
from learning.models import (
    ContentItemPage,
    CoursePage,
    HeartbeatWindow,
    ModulePage,
    ProgramIndexPage,
    ProgramPage,
)


@dataclass
class Tree:
    program: ProgramPage
    courses: list[CoursePage] = field(default_factory=list)
    modules: list[ModulePage] = field(default_factory=list)
    items: list[list[ContentItemPage]] = field(default_factory=list)

    @property
    def all_items(self) -> list[ContentItemPage]:
        return [item for course_items in self.items for item in course_items]


def paragraph(text: str = "Read this.") -> list:
    return [("paragraph", f"<p>{text}</p>")]


def build_tree(*, courses: int = 2, items_per_course: int = 2, title: str = "Silk Road") -> Tree:
    demo.ensure_locales()
    home = demo.ensure_home_page()
    catalog = ProgramIndexPage.objects.child_of(home).first()
    if catalog is None:
        catalog = home.add_child(instance=ProgramIndexPage(title="Programs", slug="programs"))
    program = catalog.add_child(
        instance=ProgramPage(title=title, summary="A path.", estimated_duration_weeks=4)
    )
    tree = Tree(program=program)
    for c in range(courses):
        course = program.add_child(
            instance=CoursePage(
                title=f"{title} course {c + 1}", summary="A course.", estimated_hours=2
            )
        )
        module = course.add_child(
            instance=ModulePage(title=f"Module {c + 1}", estimated_minutes=10)
        )
        tree.courses.append(course)
        tree.modules.append(module)
        tree.items.append(
            [
                module.add_child(
                    instance=ContentItemPage(
                        title=f"Item {c + 1}.{i + 1}", body=paragraph(), duration_seconds=120
                    )
                )
                for i in range(items_per_course)
            ]
        )
    return tree


def make_video(item: ContentItemPage, *, seconds: int = 4) -> ContentItemPage:
    ContentItemPage.objects.filter(pk=item.pk).update(item_type="video", duration_seconds=seconds)
    item.refresh_from_db()
    return item


def make_learner(email: str = "ada@example.com", **fields):
    return demo.ensure_user(email, "a-long-password-2026", **fields)


def rewind_credit(learner, seconds: float) -> None:
    """Pretend the learner's time was last credited `seconds` ago (server clock), so that
    much wall time is there to credit."""
    now = timezone.now()
    HeartbeatWindow.objects.update_or_create(
        learner_id=learner.pk,
        defaults={
            "credited_until": now - dt.timedelta(seconds=seconds),
            "window_start": now.replace(second=0, microsecond=0),
            "count": 0,
        },
    )


def translate_tree(tree: Tree, language: str = "fr") -> dict[int, int]:
    """Translate every page of the tree into `language` and publish; default id -> translated id."""
    locale = Locale.objects.get(language_code=language)
    mapping = {}
    pages = [tree.program, *tree.courses, *tree.modules, *tree.all_items]
    for page in pages:
        translated = page.copy_for_translation(locale, copy_parents=True)
        translated.save_revision().publish()
        mapping[page.id] = translated.id
    return mapping


def session_token(learner) -> str:
    """Sign in as an app (allauth headless) and return the X-Session-Token."""
    from django.test import Client

    login = Client(enforce_csrf_checks=True).post(
        "/_allauth/app/v1/auth/login",
        {"email": learner.email, "password": "a-long-password-2026"},
        content_type="application/json",
    )
    assert login.status_code == 200, login.content
    return login.json()["meta"]["session_token"]


def run_together(target, count: int = 8) -> list:
    barrier = threading.Barrier(count)
    results: list = []
    errors: list = []

    def worker():
        try:
            barrier.wait()
            results.append(target())
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results
