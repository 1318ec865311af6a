import datetime as dt

import pytest

from learning.journey.access import resolve_item
from learning.journey.enrollment import change_status
from learning.journey.heartbeats import Claim, heartbeat, heartbeat_batch
from learning.journey.progress import (
    MAX_PROGRESS_DATA_BYTES,
    ProgressError,
    complete_item,
    start_item,
)
from learning.journey.recompute import recompute_program
from learning.models import DailyActivity, Enrollment, LearnerStats, Progress

from .journey_helpers import build_tree, make_learner, make_video, rewind_credit

pytestmark = pytest.mark.django_db


def test_opening_an_item_records_it_started_once(tree, learner):
    item = resolve_item(page_id=tree.items[0][0].id)
    start_item(learner=learner, item=item)
    start_item(learner=learner, item=item)
    progress = Progress.objects.get()
    assert progress.course_id == tree.courses[0].id and not progress.is_completed


def test_heartbeat_credits_no_more_than_wall_time(tree, learner):
    item = resolve_item(page_id=tree.items[0][0].id)
    start_item(learner=learner, item=item)
    rewind_credit(learner, 10)
    result = heartbeat(learner=learner, item=item, seconds=300)
    assert 10 <= result.credited_seconds <= 11
    assert heartbeat(learner=learner, item=item, seconds=300).credited_seconds == 0
    enrollment = Enrollment.objects.get()
    assert enrollment.time_spent_seconds == result.credited_seconds
    assert enrollment.last_activity_at is not None
    assert DailyActivity.objects.get().seconds == result.credited_seconds
    assert LearnerStats.objects.get().current_streak == 1


def test_heartbeat_credits_the_claim_when_less_than_elapsed(tree, learner):
    item = resolve_item(page_id=tree.items[0][0].id)
    start_item(learner=learner, item=item)
    rewind_credit(learner, 60)
    assert heartbeat(learner=learner, item=item, seconds=15).credited_seconds == 15


@pytest.mark.parametrize("seconds", [-1, 301, 10**9])
def test_absurd_seconds_are_refused(tree, learner, seconds):
    item = resolve_item(page_id=tree.items[0][0].id)
    with pytest.raises(ProgressError):
        heartbeat(learner=learner, item=item, seconds=seconds)
    assert not Progress.objects.exists()


def test_oversized_progress_data_is_refused(tree, learner):
    item = resolve_item(page_id=tree.items[0][0].id)
    with pytest.raises(ProgressError):
        heartbeat(
            learner=learner,
            item=item,
            seconds=1,
            progress_data={"state": {"x": "y" * MAX_PROGRESS_DATA_BYTES}},
        )
    assert not Progress.objects.exists()


def test_media_position_is_clamped_to_duration_and_completes_at_ninety_percent(tree, learner):
    video = make_video(tree.items[0][0], seconds=100)
    item = resolve_item(page_id=video.id)
    heartbeat(learner=learner, item=item, seconds=5, progress_data={"position": 50})
    assert not Progress.objects.get().is_completed
    result = heartbeat(learner=learner, item=item, seconds=5, progress_data={"position": 500})
    assert result.completed_now
    progress = Progress.objects.get()
    assert progress.progress_data["position"] == 100
    assert progress.is_completed


def test_complete_counts_once_and_completes_the_program(tree, learner):
    for item_page in tree.all_items:
        item = resolve_item(page_id=item_page.id)
        assert complete_item(learner=learner, item=item)[1]
        assert not complete_item(learner=learner, item=item)[1]
    enrollment = Enrollment.objects.get()
    assert enrollment.completed_items == enrollment.total_items == 4
    assert enrollment.completion_percentage == 100
    assert enrollment.status == "completed" and enrollment.completed_at
    assert enrollment.next_item_id is None
    assert DailyActivity.objects.get().items_completed == 4


def test_paused_enrollment_records_no_progress(tree, learner):
    change_status(enrollment=Enrollment.objects.get(), status="paused")
    item = resolve_item(page_id=tree.items[0][0].id)
    with pytest.raises(ProgressError) as excinfo:
        complete_item(learner=learner, item=item)
    assert excinfo.value.code == "paused"
    assert not Progress.objects.exists()


def test_not_enrolled_learner_records_no_progress(tree):
    stranger = make_learner("stranger@example.com")
    item = resolve_item(page_id=tree.items[0][0].id)
    with pytest.raises(ProgressError):
        heartbeat(learner=stranger, item=item, seconds=1)
    assert start_item(learner=stranger, item=item) is None
    assert not Progress.objects.exists()


def test_adding_an_item_later_lowers_the_percentage(tree, learner):
    for item_page in tree.items[0]:
        complete_item(learner=learner, item=resolve_item(page_id=item_page.id))
    assert Enrollment.objects.get().completion_percentage == 50
    from learning.models import ContentItemPage

    from .journey_helpers import paragraph

    tree.modules[0].add_child(instance=ContentItemPage(title="New", body=paragraph()))
    recompute_program(program_id=tree.program.id)
    enrollment = Enrollment.objects.get()
    assert (enrollment.completed_items, enrollment.total_items) == (2, 5)
    assert enrollment.completion_percentage == 40


def test_streak_counts_consecutive_days_in_learner_timezone(tree, learner):
    from learning.journey.activity import record_activity

    learner.timezone = "Asia/Tokyo"
    day_one = dt.datetime(2026, 11, 20, 16, 0, tzinfo=dt.UTC)  # 21 Nov in Tokyo
    record_activity(learner=learner, seconds=60, at=day_one)
    record_activity(learner=learner, seconds=60, at=day_one + dt.timedelta(days=1))
    row = DailyActivity.objects.order_by("day").first()
    assert row.day == dt.date(2026, 11, 21) and row.timezone == "Asia/Tokyo"
    stats = LearnerStats.objects.get()
    assert (stats.current_streak, stats.longest_streak) == (2, 2)
    learner.timezone = "America/New_York"
    record_activity(learner=learner, seconds=60, at=day_one + dt.timedelta(days=4))
    assert DailyActivity.objects.order_by("day").first().timezone == "Asia/Tokyo"
    stats.refresh_from_db()
    assert (stats.current_streak, stats.longest_streak) == (1, 2)


def test_course_with_unfinished_prerequisite_is_locked_and_skipped(tree, learner, client):
    second = tree.courses[1]
    second.prerequisites.add(tree.courses[0])
    second.save_revision().publish()
    enrollment = Enrollment.objects.get()
    from learning.journey.recompute import recompute_enrollment

    recompute_enrollment(enrollment=enrollment)
    client.force_login(learner)
    html = client.get(tree.program.url).content.decode()
    assert 'data-line-state="locked"' in html
    assert f"finish {tree.courses[0].title} first" in html
    for item_page in tree.items[0]:
        complete_item(learner=learner, item=resolve_item(page_id=item_page.id))
    assert Enrollment.objects.get().next_item_id == tree.items[1][0].id
    html = client.get(tree.program.url).content.decode()
    assert 'data-line-state="locked"' not in html


def test_items_open_at_once_share_the_wall_time(tree, learner):
    items = [resolve_item(page_id=page.id) for page in tree.all_items]
    for item in items:
        start_item(learner=learner, item=item)
    rewind_credit(learner, 10)
    credited = sum(
        heartbeat(learner=learner, item=item, seconds=10).credited_seconds for item in items
    )
    assert 10 <= credited <= 11
    assert Enrollment.objects.get().time_spent_seconds == credited
    assert DailyActivity.objects.get().seconds == credited


def test_a_batch_credits_in_client_order_up_to_the_wall_time(tree, learner):
    first, second = (resolve_item(page_id=page.id) for page in tree.items[0])
    rewind_credit(learner, 100)
    sent = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
    claims = [
        Claim(item=second, seconds=60, sent_at=sent + dt.timedelta(minutes=2)),
        Claim(item=first, seconds=60, sent_at=sent + dt.timedelta(minutes=1)),
    ]
    results = heartbeat_batch(learner=learner, claims=claims)
    assert results[1].credited_seconds == 60  # sent first, credited first
    assert 40 <= results[0].credited_seconds <= 41
    assert heartbeat_batch(learner=learner, claims=claims[:1])[0].credited_seconds == 0


def test_a_failing_batch_entry_writes_nothing_and_the_others_stand(tree, learner):
    item = resolve_item(page_id=tree.items[0][0].id)
    elsewhere = build_tree(title="Elsewhere")
    stranger_item = resolve_item(page_id=elsewhere.items[0][0].id)
    rewind_credit(learner, 100)
    results = heartbeat_batch(
        learner=learner,
        claims=[
            Claim(item=stranger_item, seconds=30),
            Claim(item=item, seconds=301),
            Claim(item=item, seconds=30),
        ],
    )
    assert results[0].code == "not_enrolled" and results[1].code == "invalid"
    assert results[2].credited_seconds == 30
    assert list(Progress.objects.values_list("content_item_id", flat=True)) == [item.item_id]
    assert Enrollment.objects.get(learner=learner, program=tree.program).time_spent_seconds == 30


def test_a_zero_or_failed_claim_leaves_the_wall_time_to_other_items(tree, learner):
    first, second = (resolve_item(page_id=page.id) for page in tree.items[0])
    elsewhere = resolve_item(page_id=build_tree(title="Elsewhere").items[0][0].id)
    rewind_credit(learner, 60)
    heartbeat(learner=learner, item=first, seconds=0, progress_data={"state": {"seeked": 1}})
    with pytest.raises(ProgressError):
        heartbeat(learner=learner, item=elsewhere, seconds=30)
    assert 60 <= heartbeat(learner=learner, item=second, seconds=60).credited_seconds <= 61
