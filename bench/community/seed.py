"""Seed the community bench database: a program, two learners, a 3-comment thread and a
500-comment thread 25 levels deep. Prints the ids as JSON. Run by bench/community/run.py."""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()


from bench.tree import bench_tree  # noqa: E402
from community import discussions  # noqa: E402
from community.access import enroll, resolve_place  # noqa: E402
from community.markdown import render  # noqa: E402
from community.models import Comment, Discussion  # noqa: E402
from culturedegree import demo  # noqa: E402
from learning.models import ContentItemPage  # noqa: E402

PASSWORD = "bench-password-2026"  # noqa: S105 - a local bench database


def build() -> dict:
    program, _course, module = bench_tree()
    if not ContentItemPage.objects.child_of(module).exists():
        module.add_child(instance=ContentItemPage(title="Item", body=[]))
    people = [
        demo.ensure_user(f"bench{n}@example.com", PASSWORD, name=f"Bench Learner{n}")
        for n in range(2)
    ]
    for person in people:
        enroll(learner=person, program=program)
    place = resolve_place(module_id=module.pk)
    small = Discussion.objects.filter(title="Small thread").first()
    large = Discussion.objects.filter(title="Large thread").first()
    if large is None:
        small = discussions.create_discussion(
            author=people[0], place=place, title="Small thread", body="s", language="en",
            rate_limited=False,
        )  # fmt: skip
        large = discussions.create_discussion(
            author=people[0], place=place, title="Large thread", body="l", language="en",
            rate_limited=False,
        )  # fmt: skip
        for discussion, count, depth in ((small, 3, 2), (large, 500, 25)):
            parent = None
            for n in range(count):
                parent = Comment.objects.create(
                    discussion=discussion,
                    parent=parent if n % depth else None,
                    author=people[n % 2],
                    body=f"Comment {n} with **some** text.",
                    body_html=render(f"Comment {n} with **some** text."),
                    language="en",
                )
            Discussion.objects.filter(pk=discussion.pk).update(comment_count=count)
    return {
        "small": str(small.pk),
        "large": str(large.pk),
        "emails": [person.email for person in people],
        "password": PASSWORD,
    }


if __name__ == "__main__":
    print(json.dumps(build()))
