"""Discussions and their threaded comments (the seed's `discussions` and `comments`)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from tree_queries.models import TreeNode

from .ids import uuid7


class DiscussionKind(models.TextChoices):
    DISCUSSION = "discussion", _("Discussion")
    QUESTION = "question", _("Question")


class Discussion(models.Model):
    """A thread in exactly one course or one module (never both), optionally about one
    block of a content item. Page references are default-locale pages."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    program = models.ForeignKey("learning.ProgramPage", on_delete=models.PROTECT, related_name="+")
    course = models.ForeignKey(
        "learning.CoursePage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="discussions",
    )
    module = models.ForeignKey(
        "learning.ModulePage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="discussions",
    )
    # "Discuss this" on a block: the item and the block's stable StreamField id.
    item = models.ForeignKey(
        "learning.ContentItemPage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="discussions",
    )
    block_id = models.CharField(max_length=64, blank=True)
    # Empty once the author erased their account (docs/decisions/0033-community.md).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="discussions",
    )
    kind = models.CharField(max_length=12, choices=DiscussionKind.choices, default="discussion")
    title = models.CharField(max_length=200)
    body = models.TextField()
    body_html = models.TextField()
    language = models.CharField(max_length=10)
    is_pinned = models.BooleanField(default=False)
    is_locked = models.BooleanField(default=False)
    is_hidden = models.BooleanField(default=False)
    is_edited = models.BooleanField(default=False)
    is_deleted = models.BooleanField(default=False)
    accepted_answer = models.ForeignKey(
        "community.Comment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_activity_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")
        permissions = [("moderate_discussions", _("Can moderate discussions"))]
        constraints = [
            models.CheckConstraint(
                condition=(Q(course__isnull=False) & Q(module__isnull=True))
                | (Q(course__isnull=True) & Q(module__isnull=False)),
                name="discussion_course_xor_module",
            ),
            models.CheckConstraint(
                condition=Q(block_id="") | Q(item__isnull=False),
                name="discussion_block_needs_item",
            ),
        ]
        indexes = [
            models.Index(
                fields=["module", "-is_pinned", "-last_activity_at"], name="idx_discussions_module"
            ),
            models.Index(
                fields=["course", "-is_pinned", "-last_activity_at"], name="idx_discussions_course"
            ),
            models.Index(fields=["item", "block_id"], name="idx_discussions_block"),
        ]

    def __str__(self) -> str:
        return self.title


class Comment(TreeNode):
    """A reply in a discussion, threaded by `parent` (an adjacency list read with a
    recursive CTE). Ids are time-ordered so the table can be partitioned by date."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    discussion = models.ForeignKey(Discussion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="comments"
    )
    body = models.TextField()
    body_html = models.TextField()
    language = models.CharField(max_length=10)
    is_edited = models.BooleanField(default=False)
    is_deleted = models.BooleanField(default=False)
    is_hidden = models.BooleanField(default=False)
    vote_count = models.PositiveIntegerField(default=0)
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    endorsed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["discussion", "created_at"], name="idx_comments_discussion"),
            models.Index(fields=["author", "-created_at"], name="idx_comments_author"),
        ]

    def __str__(self) -> str:
        return self.body[:60]


class Vote(models.Model):
    """One learner's up-vote on a comment; the unique pair makes it race-safe."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_votes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "voter"], name="vote_once_per_comment")
        ]

    def __str__(self) -> str:
        return f"{self.voter_id} +1 {self.comment_id}"


class Follow(models.Model):
    """The user hears about every new comment in the discussion."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    discussion = models.ForeignKey(Discussion, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="discussion_follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["discussion", "user"], name="follow_once")]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.discussion_id}"


class PostEdit(models.Model):
    """The text a post had before an edit, for moderators."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    discussion = models.ForeignKey(
        Discussion, null=True, blank=True, on_delete=models.CASCADE, related_name="edits"
    )
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="edits"
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    previous_title = models.CharField(max_length=200, blank=True)
    previous_body = models.TextField()
    edited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-edited_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(discussion__isnull=True) ^ Q(comment__isnull=True),
                name="edit_of_one_post",
            )
        ]

    def __str__(self) -> str:
        return f"edit of {self.discussion_id or self.comment_id} at {self.edited_at}"
