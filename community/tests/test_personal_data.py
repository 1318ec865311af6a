import pytest
from django.urls import reverse

from community import discussions
from community.access import resolve_place
from community.models import Comment, Discussion, PostEdit, Vote
from culturedegree import privacy

from .conftest import as_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def posts(tree, ada, bob):
    discussion = discussions.create_discussion(
        author=ada,
        place=resolve_place(module_id=tree.modules[0].id),
        title="My grandmother's alcove",
        body="First version",
        language="en",
    )
    discussions.edit_post(user=ada, post=discussion, body="Second version")
    comment = discussions.post_comment(
        author=bob, discussion=discussion, body="Lovely", language="en"
    )
    discussions.vote(user=ada, comment=comment)
    return discussion


def test_the_export_holds_the_learners_posts_votes_and_follows(posts, ada):
    data = privacy.export_personal_data(user=ada)
    assert data["community.Discussion"]["rows"][0]["body"] == "Second version"
    assert len(data["community.Vote"]["rows"]) == 1
    assert len(data["community.Follow"]["rows"]) == 1


def test_an_erased_learners_posts_stay_nameless_without_their_history(posts, ada, bob):
    privacy.erase_account(user=ada)
    discussion = Discussion.objects.get(pk=posts.pk)
    assert discussion.author_id is None and discussion.body == "Second version"
    assert not PostEdit.objects.filter(discussion=discussion).exists()
    assert not Vote.objects.exists()
    assert Comment.objects.get().author == bob
    page = as_user(bob).get(reverse("community:thread", args=[posts.pk])).content.decode()
    assert "Deleted learner" in page and "Ada" not in page
