"""The one-program tree the community and assessments benches share: migrated database,
locales and home page, a catalog, and Bench > Bench course > Bench module, each made once.
Call after django.setup()."""

from django.core.management import call_command

from culturedegree import demo
from learning.models import CoursePage, ModulePage, ProgramIndexPage, ProgramPage


def bench_tree() -> tuple[ProgramPage, CoursePage, ModulePage]:
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    demo.ensure_locales()
    home = demo.ensure_home_page()
    catalog = ProgramIndexPage.objects.child_of(home).first() or home.add_child(
        instance=ProgramIndexPage(title="Programs", slug="programs")
    )
    program = ProgramPage.objects.child_of(catalog).first() or catalog.add_child(
        instance=ProgramPage(title="Bench", summary="A path.", estimated_duration_weeks=4)
    )
    course = CoursePage.objects.child_of(program).first() or program.add_child(
        instance=CoursePage(title="Bench course", summary="A course.", estimated_hours=2)
    )
    module = ModulePage.objects.child_of(course).first() or course.add_child(
        instance=ModulePage(title="Bench module", estimated_minutes=10)
    )
    return program, course, module
