"""Who may open what: canonical page resolution and the enrollment gate.

Learner records point at the default-locale page; a translated page resolves to it
through its translation_key.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Subquery
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from culturedegree.admin_access import may_access_admin
from learning.models import Enrollment, EnrollmentStatus, ProgramPage

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
    # Whether the item's course names prerequisites at all: only then is the learner's lock
    # worth a query (course_lock).
    has_prerequisites: bool = False


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
        substr(i.path, 1, %(step)s * (i.depth - 2)), substr(i.path, 1, %(step)s * (i.depth - 3)))),
    EXISTS (SELECT 1 FROM learning_coursepage_prerequisites r
        JOIN wagtailcore_page c ON c.id = r.from_coursepage_id
        WHERE c.path = substr(i.path, 1, %(step)s * (i.depth - 2)))
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
    item_id, item_type, duration, free, title, live, ancestors, has_prerequisites = row
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
        has_prerequisites=has_prerequisites,
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
    return bool(user.is_authenticated and (user.is_staff or may_access_admin(user)))


# The live prerequisites of a course the learner has not finished: an item of a live module
# not completed, or a live assessment of a live module not passed. The same rule as
# structure.prerequisites_met (items and assessments are the course's units), for one course.
UNFINISHED_PREREQUISITES_SQL = """
SELECT c.id, c.title FROM learning_coursepage_prerequisites r
JOIN wagtailcore_page c ON c.id = r.to_coursepage_id AND c.live
WHERE r.from_coursepage_id = %(course)s AND (EXISTS (
    SELECT 1 FROM wagtailcore_page i
    JOIN wagtailcore_page m ON m.live AND m.path = left(i.path, -%(step)s)
    WHERE i.live AND i.depth = c.depth + 2
        AND i.path BETWEEN c.path || %(lowest)s AND c.path || %(highest)s
        AND NOT EXISTS (SELECT 1 FROM learning_progress p WHERE p.learner_id = %(learner)s
            AND p.content_item_id = i.id AND p.is_completed))
    OR EXISTS (
    SELECT 1 FROM wagtailcore_page m
    JOIN learning_assessment a ON a.module_id = m.id AND a.live AND a.locale_id = m.locale_id
    WHERE m.live AND m.depth = c.depth + 1
        AND m.path BETWEEN c.path || %(module_lowest)s AND c.path || %(module_highest)s
        AND NOT EXISTS (SELECT 1 FROM learning_assessmentpass ap
            WHERE ap.learner_id = %(learner)s AND ap.assessment_id = a.id)))
ORDER BY c.path
"""
# The course's modules and items are the paths one and two steps below it: ranges the path
# index answers.
ITEM_PATHS_BELOW_COURSE = {
    "lowest": "0" * 2 * STEPLEN,
    "highest": "Z" * 2 * STEPLEN,
    "module_lowest": "0" * STEPLEN,
    "module_highest": "Z" * STEPLEN,
    "step": STEPLEN,
}


@dataclass(frozen=True)
class CourseLock:
    """A course the learner may not work in yet: the courses to finish first (default-locale
    ids and titles, in tree order)."""

    course_id: int
    prerequisites: tuple[tuple[int, str], ...]

    @property
    def prerequisite_ids(self) -> list[int]:
        return [course_id for course_id, _title in self.prerequisites]

    @property
    def message(self) -> str:
        titles = ", ".join(f"“{title}”" for _id, title in self.prerequisites)
        return f"This course is locked: finish {titles} first."


def course_lock(*, learner, course_id: int) -> CourseLock | None:
    """The lock on a (default-locale) course for this learner, or None when it is open.

    The one place the prerequisite rule is enforced: item, module and course pages, the
    learner API's start, heartbeat and complete, documents and the content API all ask here.
    """
    if learner is None or not getattr(learner, "is_authenticated", True):
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            UNFINISHED_PREREQUISITES_SQL,
            {
                "course": course_id,
                "learner": learner.pk,
                "step": STEPLEN,
                **ITEM_PATHS_BELOW_COURSE,
            },
        )
        rows = cursor.fetchall()
    if not rows:
        return None
    return CourseLock(course_id=course_id, prerequisites=tuple((pk, title) for pk, title in rows))


@dataclass(frozen=True)
class ItemAccess:
    """What a learner may do with a content item's body."""

    readable: bool  # the body, its documents and media
    enrolled: bool  # an enrollment that is not dropped
    lock: CourseLock | None = None


def item_access(*, learner, item: ItemRef) -> ItemAccess:
    """Free previews are open to everyone; anything else needs an enrollment in the program
    (not dropped) and a course whose prerequisites are finished."""
    enrolled = open_enrollment(learner=learner, program_id=item.program_id) is not None
    lock = None
    if enrolled and item.has_prerequisites:
        lock = course_lock(learner=learner, course_id=item.course_id)
    return ItemAccess(
        readable=item.is_free_preview or (enrolled and lock is None), enrolled=enrolled, lock=lock
    )


def may_read_item_body(*, user, page_id: int) -> bool:
    """Whether `user` may read this content item's body (the content API, documents)."""
    if can_edit_pages(user):
        return True
    try:
        item = resolve_item(page_id=page_id)
    except NotFound:
        return False
    return item_access(learner=user, item=item).readable


# The live content items (any locale) whose body names the document: a document block's
# `document`, a caption track's `file`.
DOCUMENT_ITEMS_SQL = """
SELECT p.id FROM learning_contentitempage ci
JOIN wagtailcore_page p ON p.id = ci.page_ptr_id
WHERE p.live AND jsonb_path_exists(ci.body::jsonb,
    '$.**.value ? (@.document == $id || @.file == $id)', jsonb_build_object('id', %(document)s))
ORDER BY p.id
"""


def may_download_document(*, user, document_id: int) -> bool:
    """A document follows the items that use it: downloadable when the user may read one of
    them. A document no live item uses is for editors only."""
    if can_edit_pages(user):
        return True
    with connection.cursor() as cursor:
        cursor.execute(DOCUMENT_ITEMS_SQL, {"document": document_id})
        page_ids = [row[0] for row in cursor.fetchall()]
    return any(may_read_item_body(user=user, page_id=page_id) for page_id in page_ids)
