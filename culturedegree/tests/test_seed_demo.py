"""`seed_demo` builds the demo: a complete, valid, translated catalog, the demo learner's
history, achievements and streak, and the discussions; a second run changes nothing.

The demo is seeded once for the module (it is the slowest thing the suite builds), committed
as `make run` leaves it, with its media files in a directory of its own; each test reads it
in its own transaction, rolled back. Afterwards every table is emptied and the migrated rows
put back, as after a transactional test.
"""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import StringSegment, StringTranslation

from certificates.demo import ensure_learner_achievements
from certificates.models import Achievement, Certificate, UserAchievement
from certificates.streaks import streak_for
from community.demo import ensure_demo_discussions
from community.models import Comment, Discussion
from culturedegree import audit
from culturedegree.demo import DEMO_LEARNER_EMAIL
from culturedegree.models import User
from learning.content.blocks import ContentStreamBlock
from learning.journey.activity import local_day
from learning.models import (
    ContentItemPage,
    CoursePage,
    DailyActivity,
    Enrollment,
    LearnerStats,
    LearningEvent,
    ModulePage,
    ProgramPage,
    Progress,
)
from learning.tests.factories import staff_user
from learning.tests.search_helpers import result_titles

pytestmark = pytest.mark.django_db

EVERY_CONTENT_BLOCK = set(ContentStreamBlock().child_blocks)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory, row_snapshots):
    """The demo, seeded and committed (on-commit work runs as it does under `make run`);
    yields the media directory its images were written to."""
    from django.db import connection
    from django.test import override_settings

    media = tmp_path_factory.mktemp("seeded-demo-media")
    # Background work goes to the database queue, as under `make run`, and no worker runs it:
    # the demo must be whole (searchable included) before `make run`'s worker starts.
    queued = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with (
        override_settings(MEDIA_ROOT=str(media), TASKS=queued),
        django_db_blocker.unblock(),
    ):
        call_command("seed_demo", stdout=StringIO())
        yield media
        row_snapshots.reset(connection)


@pytest.fixture(autouse=True)
def _media_root(settings, seeded):
    """The seeded images' files, for pages that render them."""
    settings.MEDIA_ROOT = str(seeded)


def seed(capture) -> None:
    # wagtail-localize publishes translations on commit; run those callbacks as a commit would.
    with capture(execute=True):
        call_command("seed_demo", stdout=StringIO())


def counts() -> dict:
    return {
        "pages": Page.objects.count(),
        "live": Page.objects.live().count(),
        "revisions": Revision.objects.count(),
        "programs": ProgramPage.objects.count(),
        "items": ContentItemPage.objects.count(),
        "translations": StringTranslation.objects.count(),
    }


def assert_each_program_has_three_courses_of_three_modules_of_three_items():
    english = Locale.objects.get(language_code="en")
    programs = ProgramPage.objects.filter(locale=english).live()
    assert programs.count() >= 2
    for program in programs:
        courses = CoursePage.objects.child_of(program).live()
        assert courses.count() >= 3
        for course in courses:
            modules = ModulePage.objects.child_of(course).live()
            assert modules.count() >= 3
            for module in modules:
                assert ContentItemPage.objects.child_of(module).live().count() >= 3


def assert_every_content_block_type_is_used_and_every_body_is_valid():
    used = set()
    for item in ContentItemPage.objects.filter(locale__language_code="en"):
        used |= {block.block_type for block in item.body}
        item.body.stream_block.clean(item.body)
        item.full_clean()
    assert used == EVERY_CONTENT_BLOCK


def assert_requirements_have_an_elective_group_and_prerequisites_are_set():
    program = ProgramPage.objects.get(
        slug="japanese-arts-and-aesthetics", locale__language_code="en"
    )
    groups = program.requirement_groups()
    assert [group.min_required for group in groups] == [1, 1]
    assert len(groups[1].course_ids) == 2
    tea = CoursePage.objects.get(slug="the-way-of-tea", locale__language_code="en")
    assert [c.slug for c in tea.prerequisites.all()] == ["foundations-of-japanese-aesthetics"]


def assert_one_program_is_fully_translated_into_french_and_linked():
    french = Locale.objects.get(language_code="fr")
    program = ProgramPage.objects.get(
        slug="japanese-arts-and-aesthetics", locale__language_code="en"
    )
    translated = program.get_translation(french)
    assert translated.live
    assert translated.title == "Arts et esthétique du Japon"
    assert translated.difficulty == program.difficulty
    source_tree = program.get_descendants(inclusive=True)
    assert translated.get_descendants(inclusive=True).live().count() == source_tree.count()
    for page in source_tree:
        assert page.get_translation(french).live
    segments = StringSegment.objects.filter(source__object_id=program.translation_key)
    assert segments.exists()
    for segment in segments:
        assert StringTranslation.objects.filter(
            translation_of=segment.string_id, locale=french, context=segment.context_id
        ).exists(), segment.string.data
    item = ContentItemPage.objects.get(slug="what-wabi-sabi-means", locale=french)
    assert "Wabi-sabi réunit deux mots anciens." in str(item.body[0].value)


def learner_records() -> dict:
    """Every row the demo learner's history consists of, field by field."""
    learner = User.objects.get(email=DEMO_LEARNER_EMAIL)
    return {
        "enrollments": list(Enrollment.objects.filter(learner=learner).order_by("pk").values()),
        "progress": list(Progress.objects.filter(learner=learner).order_by("pk").values()),
        "events": list(LearningEvent.objects.filter(actor=learner).order_by("pk").values()),
        "days": list(DailyActivity.objects.filter(learner=learner).order_by("day").values()),
        "stats": list(LearnerStats.objects.filter(learner=learner).values()),
    }


def assert_the_demo_learner_has_certificates(learner, africa):
    certificates = Certificate.objects.filter(learner=learner)
    assert certificates.filter(program=africa.program, revoked_at__isnull=True).count() == 1
    assert certificates.filter(course__isnull=False, revoked_at__isnull=True).count() >= 1
    revoked = certificates.get(revoked_at__isnull=False)
    assert revoked.replaced_by is not None and revoked.revocation_reason
    assert not certificates.filter(credential={}).exists()


def assert_the_demo_learner_has_lived_in_both_programs(client):
    learner = User.objects.get(email=DEMO_LEARNER_EMAIL)
    enrollments = {
        e.program.slug: e for e in Enrollment.objects.filter(learner=learner).select_related()
    }
    assert set(enrollments) == {
        "japanese-arts-and-aesthetics",
        "music-and-memory-in-west-africa",
    }
    japan = enrollments["japanese-arts-and-aesthetics"]
    africa = enrollments["music-and-memory-in-west-africa"]
    # West Africa was finished today (certificates.demo), so there are certificates to show.
    assert (japan.status, africa.status) == ("active", "completed")
    assert (japan.completed_items, africa.completed_items) == (5, africa.total_items)
    assert_the_demo_learner_has_certificates(learner, africa)
    assert japan.target_completion_date is not None
    today = local_day(learner=learner, at=timezone.now())[0]
    assert japan.enrolled_at < timezone.now() - dt.timedelta(days=15)

    # A video half watched, to resume: it is the next item, and its page starts where it was.
    video = Progress.objects.get(learner=learner, content_item_id=japan.next_item_id)
    assert video.content_item.specific.item_type == "video"
    assert not video.is_completed
    assert 0 < video.progress_data["position"] < video.progress_data["duration"]
    completed = Progress.objects.filter(learner=learner, is_completed=True)
    # Every item of West Africa, electives included (certificates.demo finishes them all).
    africa_done = completed.filter(course__path__startswith=africa.program.path).count()
    assert africa_done >= africa.total_items
    assert completed.count() == 5 + africa_done

    # Days of history that agree with the records: one row per active day, time and
    # completions adding up to the enrollments', events spread over those days.
    days = DailyActivity.objects.filter(learner=learner)
    assert days.count() == 11 and days.filter(day=today).exists()
    assert sum(d.seconds for d in days) == japan.time_spent_seconds + africa.time_spent_seconds
    assert sum(d.items_completed for d in days) == 5 + africa_done
    assert {e.timestamp.date() for e in LearningEvent.objects.filter(actor=learner)} >= {
        today - dt.timedelta(days=n) for n in (16, 9, 1)
    }
    assert not LearningEvent.objects.filter(actor=learner, timestamp__gt=timezone.now()).exists()
    stats = LearnerStats.objects.get(learner=learner)
    assert (stats.current_streak, stats.longest_streak) == (4, 6)

    client.force_login(learner)
    html = client.get("/en/my-learning/").content.decode()
    assert "Watching light change" in html.split("Your activity")[0]  # continue where I was
    # One streak on the page: the goal streak, with the freeze the demo learner used.
    assert html.split("data-goal-streak>")[1].split("</dd>")[0].strip().endswith("4")
    assert "data-goal-longest>7<" in html and "Current streak" not in html
    # West Africa is finished, so only Japan has a forecast.
    assert "On track" in html and html.count("At your pace you finish around") == 1
    video_page = ContentItemPage.objects.get(pk=japan.next_item_id)
    assert (
        f'data-position="{video.progress_data["position"]}"'
        in client.get(video_page.url).content.decode()
    )
    [row] = [
        r for r in client.get("/api/v1/dashboard").json()["enrollments"] if r["id"] == str(japan.pk)
    ]
    assert row["on_track"] == "on_track"
    client.logout()


def assert_tree_counts_are_consistent():
    for page in Page.objects.all():
        assert page.numchild == Page.objects.child_of(page).count(), page


def assert_every_item_page_renders_in_english_and_french(client):
    client.force_login(staff_user("root@example.org", superuser=True))
    program = ProgramPage.objects.get(
        slug="japanese-arts-and-aesthetics", locale__language_code="en"
    )
    french = Locale.objects.get(language_code="fr")
    for item in ContentItemPage.objects.descendant_of(program).live():
        for page in (item, item.get_translation(french)):
            response = client.get(page.url)
            assert response.status_code == 200, page.url
            html = response.content.decode()
            if item.item_type in {"video", "audio"}:
                assert "data-media" in html
            if item.item_type == "video":
                language = page.locale.language_code
                assert f'srclang="{language}"' in html.split(" default>")[0].rsplit("<track", 1)[1]
            if item.item_type == "image":
                assert "Culture Degree" in html and "CC BY 4.0" in html


def test_seed_demo_builds_a_complete_translated_catalog_and_is_idempotent(
    migrated_data, django_capture_on_commit_callbacks, client
):
    # No time limits here: timings belong in bench/, and a busy CI machine is not a defect.
    assert_each_program_has_three_courses_of_three_modules_of_three_items()
    assert_every_content_block_type_is_used_and_every_body_is_valid()
    assert_requirements_have_an_elective_group_and_prerequisites_are_set()
    assert_one_program_is_fully_translated_into_french_and_linked()
    assert_tree_counts_are_consistent()
    assert_every_item_page_renders_in_english_and_french(client)
    client.logout()
    assert_the_demo_learner_has_lived_in_both_programs(client)

    before = counts()
    history = learner_records()
    seed(django_capture_on_commit_callbacks)
    assert counts() == before
    assert learner_records() == history


def test_the_demo_is_searchable_before_any_worker_runs(client):
    """Search reads the index, which `seed_demo` fills itself: a newcomer finds the demo's
    pages on the first page load, with the task worker not yet started."""
    assert "Griots and the Oral Tradition" in result_titles(client.get("/en/search/?q=griot"))
    assert result_titles(client.get("/en/programs/?q=tea")) == ["Japanese Arts and Aesthetics"]


def test_the_demo_learner_has_achievements_and_a_streak_with_a_freeze(
    django_capture_on_commit_callbacks,
):
    learner = User.objects.get(email__iexact=DEMO_LEARNER_EMAIL)
    # Idempotent: a second run (seed_demo runs on every `make run`) changes nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert ensure_learner_achievements(learner=learner, awarded_by=None) == 3
    earned = UserAchievement.objects.filter(learner=learner, earned_at__isnull=False)
    assert set(earned.values_list("achievement__name", flat=True)) == {
        "Three days running",
        "A week of learning",
        "Founding learner",
    }
    progress = dict(
        UserAchievement.objects.filter(learner=learner, earned_at__isnull=True).values_list(
            "achievement__name", "progress"
        )
    )
    assert progress["Two weeks strong"] == {"current": 4, "target": 14}
    assert progress["Eye for beauty"]["current"] == 5
    streak = streak_for(learner=learner)
    assert (streak.current, streak.longest, streak.freezes) == (4, 7, 1)
    assert len(streak.freezes_used) == 2
    assert Achievement.objects.filter(locale__language_code="ar").count() == 7
    assert (
        audit.entries_about(learner).filter(action="certificates.achievement_awarded").count() == 1
    )


def test_every_demo_course_gets_a_pinned_welcome_two_languages_and_an_accepted_answer():
    programs = list(ProgramPage.objects.filter(locale__language_code="en").live())
    for course in CoursePage.objects.filter(locale__language_code="en"):
        in_course = Discussion.objects.filter(course=course)
        assert in_course.filter(is_pinned=True, title__startswith="Welcome").count() == 1
        question = in_course.get(kind="question")
        assert question.language == "fr"
        assert question.accepted_answer.endorsed_at is not None
        topic = Discussion.objects.filter(module__in=course.get_children(), language="en").get()
        replies = list(Comment.objects.filter(discussion=topic).order_by("created_at"))
        assert len(replies) == 2 and replies[1].parent_id == replies[0].pk
    assert ensure_demo_discussions(programs=programs) == 0
