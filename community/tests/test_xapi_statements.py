"""Discussion posts export as valid xAPI statements (ralph's models), like the journey's."""

import pytest
from ralph.models.xapi.base.statements import BaseXapiStatement

from community import discussions
from community.access import resolve_place
from learning.journey.events import as_statement
from learning.models import LearningEvent

pytestmark = pytest.mark.django_db


def test_commented_and_replied_validate_as_xapi(tree, ada, bob, settings):
    settings.SITE_URL = "https://culturedegree.example"
    discussion = discussions.create_discussion(
        author=ada,
        place=resolve_place(module_id=tree.modules[0].id),
        title="Ma",
        body="Where is it?",
        language="en",
    )
    discussions.post_comment(author=bob, discussion=discussion, body="Here", language="en")
    events = LearningEvent.objects.filter(verb__in=["commented", "replied"]).order_by("timestamp")
    statements = [as_statement(event) for event in events]
    for statement in statements:
        BaseXapiStatement.model_validate(statement)
    assert [s["verb"]["id"] for s in statements] == [
        "http://adlnet.gov/expapi/verbs/commented",
        "http://id.tincanapi.com/verb/replied",
    ]
