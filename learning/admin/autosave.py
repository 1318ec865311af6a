"""The add form and its autosave: one page, however the two requests cross.

Wagtail's editor autosaves a new page by posting the add form in the background, which
creates the page; the form then switches to the page's edit URL once that response
arrives. A "Save draft" (or submit, or publish) clicked while the autosave is still on its
way posts to the add URL again, and was refused with "The slug … is already in use". Such a
post is the same editor continuing the page they have just created, so it is handled as an
edit of that page.
"""

from datetime import timedelta

from django.urls import resolve, reverse
from django.utils import timezone
from wagtail import hooks

# How long after its first revision a never-published draft counts as "just created".
JUST_CREATED = timedelta(minutes=10)


def page_just_autosaved(*, parent, page_class, slug: str, user):
    """The draft `user` created under `parent` with `slug` moments ago, if any."""
    if not slug:
        return None
    page = (
        parent.get_children()
        .filter(slug=slug, owner=user, live=False, first_published_at__isnull=True)
        .type(page_class)
        .first()
    )
    if page is None:
        return None
    first_revision = page.revisions.order_by("created_at").first()
    if first_revision is None or first_revision.created_at < timezone.now() - JUST_CREATED:
        return None
    if page.revisions.exclude(user=user).exists():
        return None
    return page


@hooks.register("before_create_page")
def continue_the_autosaved_page(request, parent_page, page_class):
    if request.method != "POST":
        return None
    page = page_just_autosaved(
        parent=parent_page,
        page_class=page_class,
        slug=request.POST.get("slug", ""),
        user=request.user,
    )
    if page is None:
        return None
    # The edit view registered for this page type, as its own URL would reach it.
    edit = resolve(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return edit.func(request, *edit.args, **edit.kwargs)
