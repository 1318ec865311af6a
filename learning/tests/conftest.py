"""Fixtures shared by the journey tests. A test module may override any of them."""

import pytest

from learning.journey.enrollment import enroll

from .journey_helpers import build_tree, make_learner, session_token


@pytest.fixture
def tree():
    """A program of two courses, one module each, two items per module."""
    return build_tree()


@pytest.fixture
def learner(tree):
    """A learner enrolled in `tree`'s program."""
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    return learner


@pytest.fixture
def token(learner):
    """`learner`'s allauth headless session token."""
    return session_token(learner)
