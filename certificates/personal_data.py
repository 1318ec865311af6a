"""What achievements and certificates hold about a person (docs/decisions/0028-personal-
data.md).

Achievements. Deleting an account deletes the learner's awards, progress towards them,
streak goals and leaderboard opt-ins (one per program) with it. A special award made *by* a
staff member who deletes their account stays with the learner; its `awarded_by` becomes
empty (the audit log keeps who it was).

Certificates. Policy (docs/decisions/0034-certificates-and-credentials.md): a certificate
outlives its holder's account, because someone may still need to check a printed one.
Erasing the account unlinks the certificate, removes the name from it (metadata, the stored
credential, the PDF) and deletes the name-correction history; the public page then shows the
serial, program, date, grade and status, and says the name is no longer published. The
credential the learner downloaded keeps verifying; the status list keeps saying whether it
is revoked.
"""

from culturedegree import privacy

from .models import (
    Certificate,
    LeaderboardOptIn,
    LearnerGoals,
    NameCorrection,
    UserAchievement,
)


def export_achievements(user):
    return [
        {
            "achievement": row.achievement.name,
            "achievement_id": str(row.achievement_id),
            "kind": row.achievement.kind,
            "points": row.achievement.points,
            "progress": row.progress,
            "earned_at": row.earned_at,
            "reason": row.reason,
        }
        for row in UserAchievement.objects.filter(learner=user)
        .select_related("achievement")
        .order_by("earned_at", "achievement__name")
    ]


def export_goals(user):
    return list(
        LearnerGoals.objects.filter(learner=user).values(
            "goal_kind",
            "days_per_week",
            "vacation_since",
            "current_streak",
            "longest_streak",
            "freezes",
            "freezes_used",
        )
    )


privacy.register(UserAchievement, exporter=export_achievements, eraser=privacy.deleted_with_account)
privacy.register(LearnerGoals, exporter=export_goals, eraser=privacy.deleted_with_account)


def export_leaderboard_opt_ins(user):
    return [
        {
            "program": row.program.title,
            "program_id": row.program_id,
            "appears_since": row.opted_in_at,
        }
        for row in LeaderboardOptIn.objects.filter(learner=user)
        .select_related("program")
        .order_by("opted_in_at")
    ]


privacy.register(
    LeaderboardOptIn, exporter=export_leaderboard_opt_ins, eraser=privacy.deleted_with_account
)


def export_certificates(user):
    return [
        {
            "id": str(certificate.pk),
            "serial": certificate.serial,
            "title": certificate.title,
            "issued_at": certificate.issued_at,
            "name": certificate.holder_name,
            "name_public": certificate.name_public,
            "grade": certificate.metadata.get("grade"),
            "completion_date": certificate.metadata.get("completion_date"),
            "revoked_at": certificate.revoked_at,
            "revocation_reason": certificate.revocation_reason,
            "credential": certificate.credential,
        }
        for certificate in Certificate.objects.filter(learner=user).order_by("issued_at")
    ]


def erase_certificates(user):
    for certificate in Certificate.objects.filter(learner=user):
        if certificate.pdf:
            certificate.pdf.delete(save=False)
        certificate.learner = None
        certificate.name_public = False
        certificate.metadata = {**certificate.metadata, "name": "", "language": ""}
        certificate.credential = {}
        certificate.save(update_fields=["learner", "name_public", "metadata", "credential", "pdf"])
        certificate.name_corrections.all().delete()


def export_name_corrections(user):
    return [
        {
            "serial": correction.certificate.serial,
            "requested_name": correction.requested_name,
            "previous_name": correction.previous_name,
            "explanation": correction.explanation,
            "status": correction.status,
            "requested_at": correction.requested_at,
            "decided_at": correction.decided_at,
        }
        for correction in NameCorrection.objects.filter(certificate__learner=user)
        .select_related("certificate")
        .order_by("requested_at")
    ]


def unlink_decisions(user):
    # A staff member's account erased: their decisions stay, without them.
    NameCorrection.objects.filter(decided_by=user).update(decided_by=None)


privacy.register(Certificate, exporter=export_certificates, eraser=erase_certificates)
privacy.register(
    NameCorrection,
    exporter=export_name_corrections,
    eraser=unlink_decisions,
)
