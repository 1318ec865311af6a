import pytest

from .helpers import build_tree, enroll, make_learner


@pytest.fixture
def tree():
    """A program of two courses, one module each, two items per module."""
    return build_tree()


@pytest.fixture
def learner(tree):
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    return learner
