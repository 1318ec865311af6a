"""A discussion module completes on the learner's first substantive post there."""

import pytest

from community import discussions
from community.access import resolve_place
from community.discussions import is_substantive
from learning.models import Enrollment, Progress
from learning.tests.journey_helpers import translate_tree

pytestmark = pytest.mark.django_db
LONG = "In my grandmother's house the empty alcove is the most important part of the room."


def completed(learner) -> int:
    return Progress.objects.filter(learner=learner, is_completed=True).count()


def test_a_short_post_does_not_complete_the_module(tree, ada):
    place = resolve_place(module_id=tree.modules[1].id)
    discussions.create_discussion(
        author=ada, place=place, title="Hi", body="Hello all!", language="en"
    )
    assert completed(ada) == 0


def test_the_first_substantive_post_completes_every_item_of_the_module(tree, ada, bob):
    place = resolve_place(module_id=tree.modules[1].id)
    discussion = discussions.create_discussion(
        author=bob, place=place, title="Ma", body="Short.", language="en"
    )
    discussions.post_comment(author=ada, discussion=discussion, body=LONG, language="en")
    assert completed(ada) == len(tree.items[1])
    enrollment = Enrollment.objects.get(learner=ada)
    assert enrollment.completed_items == len(tree.items[1])


def test_posts_in_a_lesson_module_complete_nothing(tree, ada):
    place = resolve_place(module_id=tree.modules[0].id)
    discussions.create_discussion(author=ada, place=place, title="Ma", body=LONG, language="en")
    assert completed(ada) == 0


def test_a_translated_module_id_resolves_to_the_canonical_module(tree, ada):
    french = translate_tree(tree, "fr")
    place = resolve_place(module_id=french[tree.modules[1].id])
    assert place.module_id == tree.modules[1].id
    discussions.create_discussion(author=ada, place=place, title="Ma", body=LONG, language="fr")
    assert completed(ada) == len(tree.items[1])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Great point!", False),
        ("> " + LONG + "\n\nAgreed.", False),
        (LONG, True),
        (
            "床の間は何も置かないことで部屋全体の重さを受け止める場所だと祖母はよく言っていました。私も今ではその意味が少しわかる気がします。",
            True,
        ),
        ("間が大事", False),
    ],
)
def test_what_counts_as_substantive(body, expected):
    assert is_substantive(body) is expected
