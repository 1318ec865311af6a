from django import template

register = template.Library()


@register.filter
def mark_for(marks: dict, page) -> dict | None:
    """The learner's mark for a page of any locale (marks are keyed by translation key)."""
    if not marks or page is None:
        return None
    return marks.get(str(getattr(page, "translation_key", "")))
