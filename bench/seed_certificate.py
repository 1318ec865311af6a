"""One issued certificate in the bench database, for the verification page and credential
JSON benches; prints its id. Idempotent: the certificate of the bench learner is reused.

The bench catalog is bulk-inserted without learners, so the certificate is issued directly
(`certificates.issuing.issue` with a completion result) rather than by finishing 250 items.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")


def main() -> None:
    import django

    django.setup()
    from django.utils import timezone

    from certificates import grading
    from certificates.issuing import issue, publish
    from culturedegree.models import User
    from learning.models import ProgramPage

    learner, _ = User.objects.get_or_create(
        email="certificate-bench@example.com", defaults={"name": "Amina Okafor"}
    )
    program = ProgramPage.objects.filter(locale__language_code="en").order_by("path").first()
    result = grading.Result(completed_at=timezone.now(), grade=grading.COMPLETED_GRADE)
    certificate, created = issue(learner=learner, program=program, result=result)
    if created or not certificate.credential:
        publish(certificate=certificate)
    print(certificate.pk)


if __name__ == "__main__":
    main()
