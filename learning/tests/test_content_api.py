"""The headless content API (Wagtail API v3 at /api/v3/)."""

import json

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, PageViewRestriction

from learning.journey.enrollment import enroll
from learning.models import ContentItemPage, CoursePage, ProgramPage
from learning.tests.factories import ProgramPageFactory, build_program, catalog
from learning.tests.journey_helpers import build_tree, make_learner, session_token, translate_tree

pytestmark = pytest.mark.django_db

API = "/api/v3"


def test_openapi_document_describes_the_learning_page_types(client):
    response = client.get(f"{API}/openapi.json")

    assert response.status_code == 200
    schemas = response.json()["components"]["schemas"]
    assert any("ProgramPage" in name for name in schemas)
    assert any("ContentItemPage" in name for name in schemas)


def test_lists_programs_filtered_by_type(client):
    build_program(courses=1, modules=1, items=1, title="Andean Textiles")

    response = client.get(f"{API}/pages/", {"type": "learning.ProgramPage"})

    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["title"] for item in items] == ["Andean Textiles"]


def test_lists_children_of_a_program_in_tree_order(client):
    program = build_program(courses=3, modules=1, items=1)

    response = client.get(f"{API}/pages/", {"child_of": program.pk})

    assert response.status_code == 200
    assert sorted(item["title"] for item in response.json()["items"]) == [
        f"{program.title} course {n}" for n in (1, 2, 3)
    ]


def test_filters_by_locale(client):
    ProgramPageFactory(title="English program")

    assert (
        client.get(f"{API}/pages/", {"type": "learning.ProgramPage", "locale": "fr"}).json()[
            "items"
        ]
        == []
    )
    english = client.get(f"{API}/pages/", {"type": "learning.ProgramPage", "locale": "en"})
    assert [item["title"] for item in english.json()["items"]] == ["English program"]


def test_detail_has_fields_streamfield_json_and_thumbnail_rendition(client):
    image = Image.objects.create(title="Loom", file=get_test_image_file())
    program = ProgramPageFactory(title="Looms", thumbnail=image, estimated_duration_weeks=6)

    data = client.get(f"{API}/pages/{program.pk}/").json()

    assert data["estimated_duration_weeks"] == 6
    assert data["difficulty"] == "beginner"
    assert data["overview"][0]["type"] == "paragraph"
    assert data["thumbnail"]["url"].startswith("/media/images/")
    assert data["thumbnail"]["width"] == 640


def test_an_enrollment_only_body_is_withheld_from_anonymous_callers_a_free_preview_is_not(
    client,
):
    program = build_program(courses=1, modules=1, items=2)
    item, preview = ContentItemPage.objects.descendant_of(program).order_by("path")
    ContentItemPage.objects.filter(pk=preview.pk).update(is_free_preview=True)

    data = client.get(f"{API}/pages/{item.pk}/").json()

    assert data["title"] == item.title and data["item_type"] == "text"
    assert data["body"] is None
    assert client.get(f"{API}/pages/{preview.pk}/").json()["body"][0]["type"] == "paragraph"
    listed = client.get(f"{API}/pages/", {"child_of": item.get_parent().pk, "fields": "body"})
    bodies = {row["id"]: row["body"] for row in listed.json()["items"]}
    assert bodies[item.pk] is None and bodies[preview.pk][0]["type"] == "paragraph"


def test_enrolled_learners_read_the_body_by_session_or_session_token(client):
    program = build_program(courses=1, modules=1, items=1)
    item = ContentItemPage.objects.descendant_of(program).get()
    learner, stranger = make_learner(), make_learner("stranger@example.com")
    enroll(learner=learner, program=program)

    client.force_login(learner)
    assert client.get(f"{API}/pages/{item.pk}/").json()["body"][0]["type"] == "paragraph"
    app = Client(headers={"X-Session-Token": session_token(learner)})
    assert app.get(f"{API}/pages/{item.pk}/").json()["body"][0]["type"] == "paragraph"
    # The token's answer is never cached for the next anonymous caller.
    assert Client().get(f"{API}/pages/{item.pk}/").json()["body"] is None
    other = Client(headers={"X-Session-Token": session_token(stranger)})
    assert other.get(f"{API}/pages/{item.pk}/").json()["body"] is None


def _item_with_document(*, free: bool):
    program = build_program(courses=1, modules=1, items=1)
    item = ContentItemPage.objects.descendant_of(program).get()
    document = Document.objects.create(title="Reading list")
    document.file.save("reading.txt", ContentFile(b"Chapter one"), save=True)
    item.body = [("document", {"document": document, "description": "What to read."})]
    item.is_free_preview = free
    item.save_revision().publish()
    return program, item, document


def test_an_enrollment_only_document_does_not_download_anonymously(client):
    program, _item, document = _item_with_document(free=False)

    response = client.get(document.url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(f"/media/{document.file.name}").status_code == 404
    learner = make_learner()
    enroll(learner=learner, program=program)
    app = Client(headers={"X-Session-Token": session_token(learner)})
    response = app.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Chapter one"


def test_a_free_previews_document_downloads_for_everyone_an_unused_one_for_editors(client):
    _program, _item, document = _item_with_document(free=True)
    unused = Document.objects.create(title="Draft notes")
    unused.file.save("notes.txt", ContentFile(b"Notes"), save=True)

    assert client.get(document.url).status_code == 200
    assert client.get(unused.url).status_code == 302


def test_drafts_and_private_pages_never_appear(client):
    program = build_program(courses=2, modules=1, items=1)
    draft, private = CoursePage.objects.child_of(program).order_by("path")
    draft.unpublish()
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    hidden_item = ContentItemPage.objects.descendant_of(private).get()

    listing = client.get(f"{API}/pages/", {"descendant_of": program.pk}).json()["items"]

    assert listing == []
    assert client.get(f"{API}/pages/{draft.pk}/").status_code == 404
    assert client.get(f"{API}/pages/{private.pk}/").status_code == 404
    assert client.get(f"{API}/pages/{hidden_item.pk}/").status_code == 404


def test_a_session_does_not_unlock_drafts(client, django_user_model):
    editor = django_user_model.objects.create_superuser(email="ed@example.com", password="x" * 14)
    client.force_login(editor)
    program = ProgramPageFactory(live=False)

    assert client.get(f"{API}/pages/{program.pk}/").status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"type": "learning.NoSuchPage"},
        {"child_of": "not-a-number"},
        {"locale": "xx", "child_of": -4},
        {"limit": "lots"},
        {"child_of": 1, "descendant_of": 1},
    ],
)
def test_malformed_filters_get_a_4xx_json_answer(client, params):
    catalog()

    response = client.get(f"{API}/pages/", params)

    assert 400 <= response.status_code < 500
    assert response["Content-Type"].split(";")[0] in (
        "application/json",
        "application/problem+json",
    )
    assert response.json()


def test_anonymous_callers_cannot_write(client):
    index = catalog()

    response = client.post(
        f"{API}/pages/",
        {"meta": {"type": "learning.ProgramPage", "parent_id": index.pk}, "title": "Spam"},
        content_type="application/json",
    )

    assert response.status_code in (401, 403)
    assert not ProgramPage.objects.filter(title="Spam").exists()


def test_absolute_urls_come_from_site_url(client, settings):
    build_program(courses=1, modules=1, items=1, title="Looms")

    row = client.get(f"{API}/pages/", {"type": "learning.ProgramPage"}).json()["items"][0]

    assert row["meta"]["detail_url"] == f"{settings.SITE_URL}{API}/pages/{row['id']}/"
    assert row["meta"]["html_url"].startswith(f"{settings.SITE_URL}/en/programs/")
    assert "localhost" not in json.dumps(row)


def test_limit_goes_up_to_100(client):
    catalog()

    assert client.get(f"{API}/pages/", {"limit": 100}).status_code == 200
    assert client.get(f"{API}/pages/", {"limit": 101}).status_code == 400


def test_fields_work_on_listings(client):
    build_program(courses=2, modules=1, items=1)

    rows = client.get(
        f"{API}/pages/", {"type": "learning.CoursePage", "fields": "summary,estimated_hours"}
    ).json()["items"]

    assert rows and all(row["summary"] and row["estimated_hours"] == 6 for row in rows)
    unknown = client.get(f"{API}/pages/", {"type": "learning.CoursePage", "fields": "nope"})
    assert unknown.status_code == 400 and "nope" in unknown.json()["detail"]


def test_the_api_root_answers_json(client, settings):
    response = client.get(f"{API}/")

    assert response.status_code == 200
    assert response.json()["pages"] == f"{settings.SITE_URL}{API}/pages/"


def test_locale_fr_gives_french_ids_and_titles_throughout(client):
    tree = build_tree()
    tree.program.requirements = [
        ("required_courses", {"title": "Required", "courses": list(tree.courses)})
    ]
    tree.program.save_revision().publish()
    french = translate_tree(tree, "fr")
    for page_id in french.values():
        page = Page.objects.get(pk=page_id).specific
        page.title = f"{page.title} (fr)"
        page.save_revision().publish()
    french_ids = set(french.values())

    # An app that knows the English program id asks for its French children.
    children = client.get(f"{API}/pages/", {"child_of": tree.program.pk, "locale": "fr"}).json()
    assert {row["id"] for row in children["items"]} == {french[c.pk] for c in tree.courses}
    assert all(row["title"].endswith("(fr)") for row in children["items"])
    below = client.get(f"{API}/pages/", {"descendant_of": tree.program.pk, "locale": "fr"}).json()
    assert below["count"] == len(french) - 1
    assert {row["id"] for row in below["items"]} <= french_ids
    program = client.get(f"{API}/pages/{french[tree.program.pk]}/").json()
    assert program["meta"]["parent"]["meta"]["html_url"].endswith("/fr/programs/")
    course_ids = program["requirements"][0]["value"]["course_ids"]
    assert course_ids == [french[c.pk] for c in tree.courses]


def test_an_editors_api_token_reads_every_body(client):
    from wagtail.models import APIToken

    from learning.tests.factories import staff_user

    program = build_program(courses=1, modules=1, items=1)
    item = ContentItemPage.objects.descendant_of(program).get()
    _token, plaintext = APIToken.create_token(
        user=staff_user("editor@example.com", superuser=True), name="app"
    )

    editor = Client(headers={"Authorization": f"Bearer {plaintext}"})
    assert editor.get(f"{API}/pages/{item.pk}/").json()["body"][0]["type"] == "paragraph"
    assert client.get(f"{API}/pages/{item.pk}/").json()["body"] is None


def test_an_anonymous_listing_costs_the_same_few_queries_for_twenty_programs(
    client, django_assert_max_num_queries
):
    """The site, its language trees and the view restrictions are kept per content version;
    a page's locale comes with it, each page's URL is kept too, and so is the count: the
    content version and the pages."""
    for number in range(20):
        build_program(courses=1, modules=1, items=1, title=f"Program {number}")
    client.get(f"{API}/pages/", {"type": "learning.ProgramPage", "limit": 20})
    with django_assert_max_num_queries(2):
        items = client.get(f"{API}/pages/", {"type": "learning.ProgramPage", "limit": 20})
    assert len(items.json()["items"]) == 20


def listed(client, **query) -> tuple[int, int]:
    body = client.get(f"{API}/pages/", {"type": "learning.ProgramPage", **query}).json()
    return body["count"], len(body["items"])


def test_a_kept_count_follows_a_publish_and_an_unpublish_at_once(
    client, django_capture_on_commit_callbacks
):
    """A visitor's listing count is kept per content version (paginate_within_bigint): the
    next listing after a publish or an unpublish counts again."""
    with django_capture_on_commit_callbacks(execute=True):
        build_program(courses=1, modules=1, items=1, title="Andean Textiles")
    assert listed(client) == (1, 1)
    assert listed(client, limit=1, offset=1) == (1, 0)  # paging shares the count
    with django_capture_on_commit_callbacks(execute=True):
        second = build_program(courses=1, modules=1, items=1, title="Silk Roads")
    assert listed(client) == (2, 2)
    with django_capture_on_commit_callbacks(execute=True):
        second.unpublish()
    assert listed(client) == (1, 1)
    assert listed(client, title="Andean Textiles") == (1, 1)  # a filter has its own count
    assert listed(client, title="Silk Roads") == (0, 0)


def test_a_count_is_never_shared_between_visitors_who_see_different_pages(
    client, django_capture_on_commit_callbacks
):
    """Behind a password: the visitor who gave it counts the page, the one who did not does
    not, back to back in the same worker; a signed-in learner (counted afresh each time)
    sees what a visitor sees, as a browser session never opens restricted pages here."""
    with django_capture_on_commit_callbacks(execute=True):
        build_program(courses=1, modules=1, items=1, title="Andean Textiles")
        behind_password = build_program(courses=1, modules=1, items=1, title="Silk Roads")
        restriction = PageViewRestriction.objects.create(
            page=behind_password, restriction_type="password", password="silk"
        )
        behind_sign_in = build_program(courses=1, modules=1, items=1, title="Griots")
        PageViewRestriction.objects.create(page=behind_sign_in, restriction_type="login")
    insider = Client()
    session = insider.session
    session[PageViewRestriction.passed_view_restrictions_session_key] = [restriction.pk]
    session.save()
    signed_in = Client()
    signed_in.force_login(make_learner("count@example.com"))
    for _ in range(2):
        assert listed(client) == (1, 1)
        assert listed(insider) == (2, 2)
        assert listed(signed_in) == (1, 1)  # a browser session does not open the API's pages


def test_a_view_restriction_hides_a_page_from_a_listing_answered_before_it(
    client, django_capture_on_commit_callbacks
):
    program = build_program(courses=1, modules=1, items=1, title="Andean Textiles")
    assert client.get(f"{API}/pages/", {"type": "learning.ProgramPage"}).json()["items"]
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=program, restriction_type="login")
    assert client.get(f"{API}/pages/", {"type": "learning.ProgramPage"}).json()["items"] == []


def test_a_kept_url_follows_a_new_slug_and_a_move(client, django_capture_on_commit_callbacks):
    """Pages' URLs are kept per content version (learning.content.shared.url_parts): a
    published slug change and a move show in the next listing, with the listing warm."""
    program = build_program(courses=2, modules=1, items=1, title="Andean Textiles")
    first, second = program.get_children().specific()

    def html_urls() -> dict[int, str]:
        rows = client.get(f"{API}/pages/", {"type": "learning.CoursePage"}).json()["items"]
        return {row["id"]: row["meta"]["html_url"] for row in rows}

    assert html_urls()[first.pk].endswith(f"/{program.slug}/{first.slug}/")
    with django_capture_on_commit_callbacks(execute=True):
        first.slug = "weaving-in-cusco"
        first.save_revision().publish()
    assert html_urls()[first.pk].endswith(f"/{program.slug}/weaving-in-cusco/")
    other = build_program(courses=1, modules=1, items=1, title="Silk Roads")
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=second.pk).move(other, pos="last-child")
    assert html_urls()[second.pk].endswith(f"/{other.slug}/{second.slug}/")
