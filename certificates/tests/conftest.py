import shutil

import pytest

from learning.tests.module_worlds import rolled_back

from ..models import Certificate
from .certificate_helpers import graduate
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


@pytest.fixture(scope="module")
def graduation(django_db_setup, django_db_blocker, tmp_path_factory):
    """Ada's graduation (`graduate()`: seconds of completions, certificates and PDFs), built
    once for the module; each test runs in a savepoint of its own
    (learning.tests.module_worlds.rolled_back), so every test meets the same certificates
    whatever the one before it revoked, corrected or erased."""
    media = tmp_path_factory.mktemp("graduation-media")
    with rolled_back(django_db_blocker, media_root=media):
        yield graduate()[2].pk, media


@pytest.fixture
def certificate(graduation, settings, tmp_path):
    """Ada's program certificate from the module's graduation, read afresh, with the PDFs
    copied into the test's own MEDIA_ROOT (republishing a certificate deletes the file it
    replaces)."""
    pk, media = graduation
    settings.MEDIA_ROOT = str(tmp_path / "media")
    shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)
    return Certificate.objects.get(pk=pk)
