"""Validation of the content tree that the Wagtail forms and the models share."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Words the learner site may route on under a program or course; a page with such a slug
# would be shadowed or would shadow the route.
RESERVED_SLUGS = frozenset(
    {"admin", "api", "accounts", "documents", "media", "static", "search", "enroll", "progress"}
)


def validate_content_slug(slug: str) -> None:
    if slug.lower() in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is reserved by the site. Choose another slug."),
            code="reserved_slug",
            params={"slug": slug},
        )
    if slug != slug.lower():
        raise ValidationError(
            _("Use lowercase letters in the slug: “%(lower)s” rather than “%(slug)s”."),
            code="uppercase_slug",
            params={"slug": slug, "lower": slug.lower()},
        )


def find_prerequisite_cycle(
    *, course_id: int, prerequisite_ids: Iterable[int], edges: dict[int, set[int]]
) -> list[int] | None:
    """A path course -> ... -> course through prerequisites, if choosing them closes a loop.

    `edges` maps each other course to its saved prerequisites.
    """
    graph = {**edges, course_id: set(prerequisite_ids)}
    stack: list[tuple[int, list[int]]] = [(course_id, [course_id])]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        for successor in graph.get(node, ()):
            if successor == course_id:
                return [*path, course_id]
            if successor not in seen:
                seen.add(successor)
                stack.append((successor, [*path, successor]))
    return None
