"""Reads the pages and the API share: a place's discussions, and a thread's comment tree
in a constant number of queries (one recursive CTE for every comment, whatever the depth).
"""

from dataclasses import dataclass, field
from uuid import UUID

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.paginator import Paginator
from django.db.models import Q

from .access import Place, is_moderator, is_participant, module_ids_of
from .models import Comment, Discussion, Vote

# Levels shown inline; deeper replies open from "Continue this thread".
VISIBLE_DEPTH = 4
ROOTS_PER_PAGE = 30
DISCUSSIONS_PER_PAGE = 20


def discussions_in(
    *, place: Place, viewer, language: str = "", query: str = "", page: int = 1, block_id=""
):
    """A page of the place's discussions (a course's include its modules'; an item's
    place with a block: the discussions of that block), pinned first. Hidden ones only for
    moderators."""
    if place.item_id is not None and block_id:
        where = Q(item_id=place.item_id, block_id=block_id)
    elif place.module_id is not None:
        where = Q(module_id=place.module_id)
    else:
        where = Q(course_id=place.course_id) | Q(module_id__in=module_ids_of(place.course_id))
    rows = Discussion.objects.filter(where, is_deleted=False).select_related("author")
    if not is_moderator(user=viewer, program_id=place.program_id):
        rows = rows.filter(is_hidden=False)
    if language:
        rows = rows.filter(language=language)
    if query.strip():
        vector = SearchVector("title", weight="A", config="simple") + SearchVector(
            "body", weight="B", config="simple"
        )
        rows = rows.annotate(search=vector).filter(
            search=SearchQuery(query.strip(), config="simple", search_type="websearch")
        )
    rows = rows.order_by("-is_pinned", "-last_activity_at")
    return Paginator(rows, DISCUSSIONS_PER_PAGE).get_page(page)


@dataclass
class Node:
    comment: Comment
    depth: int
    children: list["Node"] = field(default_factory=list)
    more_below: bool = False  # replies deeper than VISIBLE_DEPTH
    voted: bool = False

    @property
    def shown(self) -> bool:
        return not (self.comment.is_deleted or self.comment.is_hidden)


@dataclass
class Thread:
    discussion: Discussion
    roots: list[Node]
    page: object  # the Paginator page of root comments
    moderator: bool
    participant: bool
    focus: Comment | None = None


COMMENT_FIELDS = (
    "id", "parent_id", "discussion_id", "author_id", "body", "body_html", "language",
    "is_edited", "is_deleted", "is_hidden", "vote_count", "endorsed_at", "created_at",
)  # fmt: skip


def _path(tree_path) -> list[UUID]:
    """django-tree-queries hands back path elements as integers when they convert to one,
    which UUIDs do."""
    return [UUID(int=value) if isinstance(value, int) else UUID(str(value)) for value in tree_path]


def _comment_rows(discussion: Discussion):
    return (
        Comment.objects.with_tree_fields()
        .tree_filter(discussion=discussion)
        .order_siblings_by("created_at")
        .select_related("author")
        .only(*COMMENT_FIELDS, "author__id", "author__name")
    )


def thread(
    *, discussion: Discussion, viewer, page: int = 1, focus_id: UUID | None = None
) -> Thread:
    """The discussion's comments as a tree: a page of top-level comments with their replies
    down to VISIBLE_DEPTH, or, with `focus_id`, that comment's own subtree."""
    rows = list(_comment_rows(discussion))
    focus = None
    if focus_id is not None:
        focus = next((row for row in rows if row.pk == focus_id), None)
        if focus is None:
            raise Comment.DoesNotExist
        rows = [row for row in rows if focus_id in _path(row.tree_path)]
    voted = set()
    if viewer.is_authenticated and rows:
        voted = set(
            Vote.objects.filter(voter=viewer, comment__discussion=discussion).values_list(
                "comment_id", flat=True
            )
        )
    base = focus.tree_depth if focus else 0
    nodes: dict = {}
    roots: list[Node] = []
    for row in rows:
        depth = row.tree_depth - base
        parent = nodes.get(row.parent_id)
        if depth >= VISIBLE_DEPTH:
            ancestor = nodes.get(_path(row.tree_path)[base + VISIBLE_DEPTH - 1])
            if ancestor is not None:
                ancestor.more_below = True
            continue
        node = Node(comment=row, depth=depth, voted=row.pk in voted)
        nodes[row.pk] = node
        if depth == 0:
            roots.append(node)
        elif parent is not None:
            parent.children.append(node)
    paginated = Paginator(roots, ROOTS_PER_PAGE).get_page(page)
    return Thread(
        discussion=discussion,
        roots=list(paginated),
        page=paginated,
        moderator=is_moderator(user=viewer, program_id=discussion.program_id),
        participant=is_participant(user=viewer, program_id=discussion.program_id),
        focus=focus,
    )


def comment_location(comment: Comment) -> tuple[int, UUID | None]:
    """Where a comment shows: (page of the thread, the comment to focus "Continue this
    thread" on, or None when it shows in the thread itself). One query."""
    rows = list(
        Comment.objects.with_tree_fields()
        .tree_filter(discussion_id=comment.discussion_id)
        .order_siblings_by("created_at")
        .values_list("pk", "parent_id", "tree_path")
    )
    roots = [pk for pk, parent_id, _path in rows if parent_id is None]
    path = _path(next(path for pk, _parent, path in rows if pk == comment.pk))
    page = roots.index(path[0]) // ROOTS_PER_PAGE + 1
    depth = len(path) - 1
    if depth < VISIBLE_DEPTH:
        return page, None
    return page, path[depth - (VISIBLE_DEPTH - 1)]


class NotVisible(Exception):
    """No such post, or not one the viewer may see: answered as 404."""


def open_discussion(*, viewer, discussion_id) -> Discussion:
    """The discussion, if the viewer takes part in its program (hidden ones: moderators)."""
    discussion = Discussion.objects.select_related("author").filter(pk=discussion_id).first()
    if discussion is None or not is_participant(user=viewer, program_id=discussion.program_id):
        raise NotVisible
    if discussion.is_hidden and not is_moderator(user=viewer, program_id=discussion.program_id):
        raise NotVisible
    return discussion


def open_comment(*, viewer, comment_id) -> Comment:
    comment = Comment.objects.select_related("discussion", "author").filter(pk=comment_id).first()
    if comment is None:
        raise NotVisible
    program_id = comment.discussion.program_id
    if not is_participant(user=viewer, program_id=program_id):
        raise NotVisible
    hidden = comment.is_hidden or comment.discussion.is_hidden
    if hidden and not is_moderator(user=viewer, program_id=program_id):
        raise NotVisible
    return comment
