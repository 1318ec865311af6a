import pytest

from certificates import issuing
from certificates.models import Certificate
from certificates.numbering import check_digit, format_serial, normalise
from learning.journey.enrollment import enroll
from learning.models import Enrollment
from learning.tests.journey_helpers import build_tree, make_learner

from .certificate_helpers import complete_all, graduate

pytestmark = pytest.mark.django_db


def test_completing_a_program_issues_its_certificate_and_one_per_course():
    tree, learner, certificate = graduate()
    assert Certificate.objects.filter(learner=learner, course__isnull=False).count() == 2
    assert certificate.metadata["name"] == "Ada Lovelace"
    assert certificate.metadata["title"] == "Silk Road"
    assert certificate.metadata["grade"] == "Pass"
    assert certificate.metadata["program_revision"] == tree.program.live_revision_id
    assert certificate.metadata["completion_date"]
    assert certificate.template_revision_id is not None
    assert normalise(certificate.serial) == certificate.serial
    assert certificate.credential["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert certificate.pdf.name.endswith(".pdf")


def test_nothing_is_issued_before_completion():
    tree = build_tree()
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    complete_all(learner=learner, tree=tree, items=tree.all_items[:1])
    assert not Certificate.objects.exists()
    complete_all(learner=learner, tree=tree, items=tree.items[0][1:])
    # The first course is done: its certificate, and still none for the program.
    assert list(Certificate.objects.values_list("course_id", flat=True)) == [tree.courses[0].id]


def test_issuing_again_returns_the_same_certificate():
    _tree, learner, _certificate = graduate()
    enrollment = Enrollment.objects.get(learner=learner)
    assert issuing.issue_due(enrollment_id=enrollment.pk) == []
    assert Certificate.objects.filter(learner=learner).count() == 3


def test_serials_are_sequential_with_a_check_digit_that_catches_typing_errors():
    serial = format_serial(year=2026, number=123)
    assert serial.startswith("CD-2026-000123-")
    assert normalise(serial.lower().replace("-", " ")) == serial
    body = "2026000123"
    good = check_digit(body)
    for position in range(len(body)):
        for digit in "0123456789":
            if digit != body[position]:
                typo = body[:position] + digit + body[position + 1 :]
                assert check_digit(typo) != good
    swapped = "2026001023"
    assert check_digit(swapped) != good
    assert normalise("CD-2026-000123-" + str((int(good) + 1) % 10)) is None
    assert normalise("not a serial") is None
