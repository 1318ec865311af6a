"""An untranslated page shown in the Arabic interface: only its content is marked English
and left to right; the interface around it stays Arabic and right to left."""

import pytest
from bs4 import BeautifulSoup

from learning.journey.access import resolve_item
from learning.journey.progress import complete_item

pytestmark = pytest.mark.django_db


def arabic(client, page) -> BeautifulSoup:
    response = client.get("/ar/" + page.url.removeprefix("/en/"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def language_of(element) -> tuple[str, str]:
    """The language and direction an element inherits (lang/dir of its nearest ancestors)."""
    lang = next((e["lang"] for e in [element, *element.parents] if e.get("lang")), None)
    direction = next((e["dir"] for e in [element, *element.parents] if e.get("dir")), None)
    return lang, direction


ENGLISH = ("en", "ltr")
ARABIC = ("ar", "rtl")


def test_fallback_item_marks_its_title_and_body_but_not_its_frame(client, tree, learner):
    item = tree.items[0][1]
    complete_item(learner=learner, item=resolve_item(page_id=item.id))
    client.force_login(learner)

    html = arabic(client, item)

    assert language_of(html.find("article", class_="item")) == ARABIC
    assert language_of(html.h1) == ENGLISH
    assert language_of(html.find(class_="item__body")) == ENGLISH
    eyebrow = html.find("p", class_="eyebrow")
    assert language_of(eyebrow) == ARABIC and "2 من 2" in eyebrow.text
    state = html.find(attrs={"data-progress-state": True})
    assert language_of(state) == ARABIC and "مكتمل" in state.text
    undo = html.find("form", attrs={"data-completion-form": "uncomplete"})
    assert not undo.has_attr("hidden") and language_of(undo.button) == ARABIC
    previous = html.find("a", rel="prev")
    assert language_of(previous) == ARABIC
    assert language_of(previous.find(class_="item-nav__label")) == ARABIC
    assert language_of(previous.find(class_="item-nav__title")) == ENGLISH
    assert "icon--directional" in str(previous)
    crumbs = html.find("nav", class_="breadcrumb")
    assert language_of(crumbs) == ARABIC
    assert all(language_of(link) == ENGLISH for link in crumbs.find_all("a"))


@pytest.mark.parametrize("level", ["program", "course", "module"])
def test_fallback_outline_pages_mark_only_their_content(client, tree, learner, level):
    page = {"program": tree.program, "course": tree.courses[0], "module": tree.modules[0]}[level]

    html = arabic(client, page)

    article = html.find("article", class_=level)
    assert language_of(article) == ARABIC
    assert language_of(html.h1) == ENGLISH
    assert language_of(html.find("p", class_="eyebrow")) == ARABIC
    assert html.find(attrs={"data-untranslated-notice": True})["lang"] == "ar"
    headings = article.find_all("h2")
    assert headings and all(language_of(h2) == ARABIC for h2 in headings)
    names = {p.title for p in [*tree.courses, *tree.modules, *tree.all_items]}
    titles = article.find_all(string=lambda text: text.strip() in names)
    assert len(titles) >= 2
    assert all(language_of(title.parent) == ENGLISH for title in titles), titles


def test_a_page_in_the_interface_language_carries_no_extra_marking(client, tree):
    html = BeautifulSoup(client.get(tree.program.url).content, "html.parser")
    assert html.h1.get("lang") is None and html.h1.get("dir") is None
    assert language_of(html.h1) == ("en", "ltr")


def test_links_from_a_fallback_page_keep_the_learners_language(client, tree, learner):
    client.force_login(learner)

    html = arabic(client, tree.program)

    continue_link = html.find(attrs={"data-journey-cta": True}).find("a", class_="button")
    assert continue_link["href"] == "/ar" + tree.items[0][0].url.removeprefix("/en")
    journey = html.find(class_="journey-outline")
    links = [a["href"] for a in journey.find_all("a")]
    assert links and all(href.startswith("/ar/") for href in links)
