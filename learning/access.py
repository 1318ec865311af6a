"""Who may open what: canonical page resolution and the enrollment gate.

Learner records point at the default-locale page; a translated page resolves to it
through its translation_key.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Subquery
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from .models import Enrollment, EnrollmentStatus, ProgramPage

STEPLEN = Page.steplen


class NotFound(Exception):
    """The page does not exist, is not live, or is not of the expected type."""


@dataclass(frozen=True)
class ItemRef:
    """A live content item and its live ancestors, all default-locale ids."""

    item_id: int
    module_id: int
    course_id: int
    program_id: int
    item_type: str
    duration_seconds: int | None
    is_free_preview: bool
    title: str


def default_language_code() -> str:
    from django.conf import settings

    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def canonical_pages(model, page_id: int):
    """A queryset of the default-locale page sharing `page_id`'s translation key."""
    return model.objects.filter(
        translation_key__in=Subquery(Page.objects.filter(id=page_id).values("translation_key")),
        locale__language_code=default_language_code(),
    )


# The default-locale twin of any locale's item with the ids of its live module, course and
# program, in one round trip and few joins (heartbeats pay this planning on every request).
RESOLVE_ITEM_SQL = """
SELECT i.id, ci.item_type, ci.duration_seconds, ci.is_free_preview, i.title, i.live,
    (SELECT array_agg(a.id ORDER BY a.depth DESC) FROM wagtailcore_page a
     WHERE a.live AND a.path IN (substr(i.path, 1, %(step)s * (i.depth - 1)),
        substr(i.path, 1, %(step)s * (i.depth - 2)), substr(i.path, 1, %(step)s * (i.depth - 3))))
FROM wagtailcore_page i
JOIN learning_contentitempage ci ON ci.page_ptr_id = i.id
WHERE i.translation_key = (SELECT translation_key FROM wagtailcore_page WHERE id = %(page_id)s)
    AND i.locale_id = (SELECT id FROM wagtailcore_locale WHERE language_code = %(language)s)
"""


def resolve_item(*, page_id: int) -> ItemRef:
    """The live canonical item for any locale's page id, or NotFound. One query."""
    with connection.cursor() as cursor:
        cursor.execute(
            RESOLVE_ITEM_SQL,
            {"language": default_language_code(), "step": STEPLEN, "page_id": page_id},
        )
        row = cursor.fetchone()
    if row is None:
        raise NotFound
    item_id, item_type, duration, free, title, live, ancestors = row
    if not live or not ancestors or len(ancestors) != 3:
        raise NotFound
    module_id, course_id, program_id = ancestors
    return ItemRef(
        item_id=item_id,
        module_id=module_id,
        course_id=course_id,
        program_id=program_id,
        item_type=item_type,
        duration_seconds=duration,
        is_free_preview=free,
        title=title,
    )


def resolve_program(*, page_id: int) -> ProgramPage:
    program = canonical_pages(ProgramPage, page_id).filter(live=True).first()
    if program is None:
        raise NotFound
    return program


def open_enrollment(*, learner, program_id: int) -> Enrollment | None:
    """The learner's enrollment in the program unless dropped."""
    if not learner.is_authenticated:
        return None
    return (
        Enrollment.objects.filter(learner=learner, program_id=program_id)
        .exclude(status=EnrollmentStatus.DROPPED)
        .first()
    )


def can_edit_pages(user) -> bool:
    return bool(
        user.is_authenticated and (user.is_staff or user.has_perm("wagtailadmin.access_admin"))
    )


def item_gate(request, page) -> str | None:
    """Where to send a visitor who may not open this item, or None to serve it.

    Open to everyone when a free preview, to editors and previews, and to learners
    enrolled in the program (not dropped). Opening it records the item as started.
    """
    from django.contrib import messages
    from django.http import Http404
    from django.utils.translation import gettext as _

    from .progress import start_item

    if getattr(request, "is_preview", False) or can_edit_pages(request.user):
        return None
    try:
        item = resolve_item(page_id=page.id)
    except NotFound:
        raise Http404 from None
    if item.is_free_preview and not request.user.is_authenticated:
        return None
    enrollment = open_enrollment(learner=request.user, program_id=item.program_id)
    if enrollment is not None:
        start_item(learner=request.user, item=item)
        return None
    if item.is_free_preview:
        return None
    messages.info(request, _("Enroll in the program to open this lesson."))
    program = Page.objects.filter(path=page.path[: STEPLEN * (page.depth - 3)]).first()
    return program.url if program else "/"
