"""Make cached learner pages stale when an achievement's definition changes.

My learning's achievements panel is kept per learner under the content version
(certificates.dashboard_panel), and it shows every achievement's name, description, icon and
points, in the learner's language. Editors change those through Wagtail's snippet views and
translators through wagtail-localize, which saves the translated row itself: a model signal is
the one place every such save and delete passes. The version moves after the change commits, as
a publish does (learning.signal_handlers). Connected by CertificatesConfig.ready()."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from learning.content.caching import bump_content_version

from .models import Achievement


def _achievement_changed(**kwargs) -> None:
    transaction.on_commit(bump_content_version)


def register_signal_handlers() -> None:
    post_save.connect(
        _achievement_changed, sender=Achievement, dispatch_uid="certificates-achievement-saved"
    )
    post_delete.connect(
        _achievement_changed, sender=Achievement, dispatch_uid="certificates-achievement-deleted"
    )
