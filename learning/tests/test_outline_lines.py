"""The learner's outline lines (`{% outline_lines %}`), rendered in Python: every mark, the
course titles escaped, in the learner's language."""

from django.template import Context, Template
from django.utils import translation

OUTLINE = Template("{% load learner_pages %}{% outline_lines children %}")
CHILDREN = [
    {"title": "Done", "url": "/en/d/", "mark": {"state": "done", "percent": 100}},
    {"title": "Begun", "url": "/en/b/", "mark": {"state": "started", "percent": 40}},
    {
        "title": "Shut",
        "url": "/en/s/",
        "mark": {"state": "locked", "percent": 0, "locked_by": ["<b>Tea</b>", "Ink"]},
    },
    {"title": "Lesson", "url": "/en/l/", "mark": {"state": "todo", "minutes_left": 3}},
    {"title": "Bare", "url": "/en/x/", "mark": None},
]


def test_every_mark_with_what_a_learner_reads():
    html = OUTLINE.render(Context({"children": CHILDREN}))
    assert html.count('<li class="journey-outline__line"') == 5
    assert '<a href="/en/d/">Done</a>' in html and "Completed" in html
    assert "Started</span> 40%" in html
    # A locked line has no link, and says what to finish first, titles escaped.
    assert "<span>Shut</span>" in html and 'href="/en/s/"' not in html
    assert "Locked: finish &lt;b&gt;Tea&lt;/b&gt;, Ink first" in html
    assert '<span class="journey-mark__left">3 min left</span>' in html
    assert 'data-line-state=""><a href="/en/x/">Bare</a></li>' in html


def test_the_marks_speak_the_learners_language():
    with translation.override("fr"):
        html = OUTLINE.render(Context({"children": CHILDREN}))
    assert "Terminé" in html and "Commencé" in html
    assert "Verrouillé : terminez d'abord &lt;b&gt;Tea&lt;/b&gt;, Ink" in html
    assert "3 min restantes" in html
