"""Project submissions: the text is the attempt's answer, files are stored privately.

A file is accepted when its extension is allowed, its first bytes are what that extension
promises (sniffed here, never trusted from the browser) and it is no larger than
PROJECT_FILE_MAX_BYTES. It is served only to the learner, staff of the program and the
peers assigned to review the submission, always as a download.
"""

from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..models import AssessmentAttempt, AttemptFile
from .attempts import AttemptError, locked_attempt, past_deadline

TEXT_TYPES = {".txt": "text/plain", ".md": "text/markdown"}
ZIP_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
}
SIGNATURES = {
    ".pdf": (b"%PDF-", "application/pdf"),
    ".png": (b"\x89PNG\r\n\x1a\n", "image/png"),
    ".jpg": (b"\xff\xd8\xff", "image/jpeg"),
    ".jpeg": (b"\xff\xd8\xff", "image/jpeg"),
    **{ext: (b"PK\x03\x04", kind) for ext, kind in ZIP_TYPES.items()},
}
ALLOWED_EXTENSIONS = sorted({*SIGNATURES, *TEXT_TYPES})


@dataclass(frozen=True)
class Checked:
    name: str
    content_type: str


def check_upload(upload) -> Checked:
    """The upload's safe name and its sniffed type, or AttemptError (code invalid)."""
    name = PurePath(upload.name or "file").name[-150:] or "file"
    extension = PurePath(name).suffix.lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise AttemptError(
            f"Files of this type are not accepted. Send {', '.join(ALLOWED_EXTENSIONS)}.",
            code="invalid",
        )
    if upload.size > settings.PROJECT_FILE_MAX_BYTES:
        limit = settings.PROJECT_FILE_MAX_BYTES // (1024 * 1024)
        raise AttemptError(f"The file is larger than {limit} MB.", code="too_large")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if extension in TEXT_TYPES:
        if b"\x00" in head or not _is_utf8(head):
            raise AttemptError("This text file is not plain UTF-8 text.", code="invalid")
        return Checked(name, TEXT_TYPES[extension])
    signature, content_type = SIGNATURES[extension]
    if not head.startswith(signature):
        raise AttemptError(f"The file's content is not a {extension} file.", code="invalid")
    return Checked(name, content_type)


def _is_utf8(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A character cut at the end of the sniffed bytes is fine.
        return exc.start >= len(head) - 3
    return True


def add_file(*, learner, attempt_id, upload) -> AttemptFile:
    """Attach a checked file to the learner's open project attempt."""
    checked = check_upload(upload)
    with transaction.atomic():
        attempt = locked_attempt(learner=learner, attempt_id=attempt_id)
        if attempt.assessment.is_quiz:
            raise AttemptError("Only projects take files.", code="invalid")
        if not attempt.is_open or past_deadline(attempt, timezone.now()):
            raise AttemptError("This attempt has been submitted.", code="closed")
        if attempt.files.count() >= settings.PROJECT_MAX_FILES:
            raise AttemptError(
                f"At most {settings.PROJECT_MAX_FILES} files a submission.", code="invalid"
            )
        stored = AttemptFile(
            attempt=attempt, name=checked.name, content_type=checked.content_type, size=upload.size
        )
        stored.file.save(checked.name, upload, save=False)
        stored.save()
    return stored


def remove_file(*, learner, file_id) -> None:
    with transaction.atomic():
        stored = (
            AttemptFile.objects.select_related("attempt")
            .filter(pk=file_id, attempt__learner=learner)
            .first()
        )
        if stored is None:
            raise AttemptError("Unknown file.", code="not_found")
        locked_attempt(learner=learner, attempt_id=stored.attempt_id)
        if not stored.attempt.is_open:
            raise AttemptError("This attempt has been submitted.", code="closed")
        stored.delete()
        transaction.on_commit(lambda: stored.file.delete(save=False))


def readable_files(*, user):
    """The files `user` may download: their own, their programs' as staff, and those of the
    submissions they were assigned to review."""
    from .staff import attempts_for_staff

    if not user.is_authenticated:
        return AttemptFile.objects.none()
    return AttemptFile.objects.filter(
        Q(attempt__learner=user)
        | Q(attempt__reviews__reviewer=user)
        | Q(attempt__in=attempts_for_staff(user=user))
    ).distinct()


def attempt_files(attempt: AssessmentAttempt) -> list[AttemptFile]:
    return list(attempt.files.all())
