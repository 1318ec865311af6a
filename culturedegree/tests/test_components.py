"""The markup tags of templates/components: what a screen reader and a right-to-left reader get."""

from django.template import Context, Template
from django.templatetags.static import static


def render(source: str, **context) -> str:
    return Template("{% load components %}" + source).render(Context(context))


def test_an_icon_is_hidden_from_assistive_technology_and_points_into_the_sprite():
    html = render('{% icon "clock" %}')
    assert html == (
        '<svg class="icon" aria-hidden="true" focusable="false">'
        f'<use href="{static("img/icons.svg")}#clock"></use></svg>'
    )


def test_a_directional_icon_mirrors_and_a_variable_name_is_escaped():
    assert 'class="icon icon--directional"' in render('{% icon "arrow-right" directional=True %}')
    assert "#lock" in render("{% icon name %}", name="lock")
    assert "#&lt;b&gt;" in render("{% icon name %}", name="<b>")
