"""Page factories for the learning tree, shared by every app's tests.

    program = build_program(courses=3, modules=3, items=3)
    item = ContentItemPageFactory(parent=ModulePageFactory(parent=CourseFactory()))

Pages are created live, without revisions (fast); call `page.save_revision().publish()` in
a test that needs history. Each factory creates its parents when none is given, and the
catalog (a ProgramIndexPage under the site's home page) is created on first use.
"""

import factory
import wagtail_factories
from wagtail.rich_text import RichText

from culturedegree import demo
from learning.content.pages import ContentType, Difficulty, ModuleType
from learning.models import (
    ContentItemPage,
    CoursePage,
    ModulePage,
    ProgramIndexPage,
    ProgramPage,
)


def catalog() -> ProgramIndexPage:
    """The catalog page, with the locales, home page and site it needs."""
    demo.ensure_locales()
    home = demo.ensure_home_page()
    existing = ProgramIndexPage.objects.child_of(home).first()
    if existing is not None:
        return existing
    return home.add_child(instance=ProgramIndexPage(title="Programs", slug="programs"))


def paragraph(text: str) -> tuple[str, RichText]:
    return ("paragraph", RichText(f"<p>{text}</p>"))


class ProgramIndexPageFactory(wagtail_factories.PageFactory):
    title = "Programs"
    slug = "programs"

    class Meta:
        model = ProgramIndexPage

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs.pop("parent", None)
        return catalog()


class ProgramPageFactory(wagtail_factories.PageFactory):
    parent = factory.LazyFunction(catalog)
    title = factory.Sequence(lambda n: f"Program {n}")
    summary = factory.LazyAttribute(lambda page: f"What {page.title} teaches, in one line.")
    difficulty = Difficulty.BEGINNER
    estimated_duration_weeks = 8
    overview = factory.LazyAttribute(lambda page: [paragraph(f"About {page.title}.")])

    class Meta:
        model = ProgramPage


class CoursePageFactory(wagtail_factories.PageFactory):
    parent = factory.SubFactory(ProgramPageFactory)
    title = factory.Sequence(lambda n: f"Course {n}")
    summary = factory.LazyAttribute(lambda page: f"What {page.title} covers.")
    estimated_hours = 6
    learning_objectives = factory.LazyAttribute(
        lambda page: [("objective", f"Explain the main ideas of {page.title}")]
    )

    class Meta:
        model = CoursePage


class ModulePageFactory(wagtail_factories.PageFactory):
    parent = factory.SubFactory(CoursePageFactory)
    title = factory.Sequence(lambda n: f"Module {n}")
    summary = "A module."
    module_type = ModuleType.LESSON
    estimated_minutes = 30

    class Meta:
        model = ModulePage


class ContentItemPageFactory(wagtail_factories.PageFactory):
    parent = factory.SubFactory(ModulePageFactory)
    title = factory.Sequence(lambda n: f"Item {n}")
    item_type = ContentType.TEXT
    body = factory.LazyAttribute(lambda page: [paragraph(f"The text of {page.title}.")])
    duration_seconds = None
    is_free_preview = False

    class Meta:
        model = ContentItemPage


# Keep the short names others may reach for.
CourseFactory = CoursePageFactory
ProgramFactory = ProgramPageFactory
ModuleFactory = ModulePageFactory
ContentItemFactory = ContentItemPageFactory


def build_program(
    *, courses: int = 3, modules: int = 3, items: int = 3, **program_fields
) -> ProgramPage:
    """A live program with `courses` courses of `modules` modules of `items` text items."""
    program = ProgramPageFactory(**program_fields)
    for c in range(1, courses + 1):
        course = CoursePageFactory(
            parent=program, title=f"{program.title} course {c}", slug=f"course-{c}"
        )
        for m in range(1, modules + 1):
            module = ModulePageFactory(
                parent=course, title=f"{course.title} module {m}", slug=f"module-{m}"
            )
            for i in range(1, items + 1):
                ContentItemPageFactory(
                    parent=module, title=f"{module.title} item {i}", slug=f"item-{i}"
                )
    return program


def staff_user(email: str, *, superuser: bool = False, groups=()):
    """A staff member who may enter the admin: staff must have two-factor on, so TOTP is."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from culturedegree.models import User

    user = User.objects.create_user(
        email=email, password="a-long-test-password", is_staff=True, is_superuser=superuser
    )
    user.groups.add(*groups)
    TOTP.activate(user, generate_totp_secret())
    return user
