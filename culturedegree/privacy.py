"""Personal data (SECURITY.md item 22): one registry of what each app holds about a person.

Every model with a foreign key or one-to-one field to the user is either registered here,
with an exporter (what the person downloads) and an eraser (what deleting their account does
to it), or exempted with the reason. Apps register in their `personal_data.py`, which is
imported at start-up; culturedegree/tests/test_privacy.py fails on a model that is neither.
See docs/decisions/0028-personal-data.md.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from . import audit

Exporter = Callable[[Any], list[dict[str, Any]]]
Eraser = Callable[[Any], None]


def deleted_with_account(user) -> None:
    """The eraser of rows whose foreign key cascades: deleting the user deletes them."""


@dataclass(frozen=True)
class Registration:
    model: type[models.Model]
    exporter: Exporter | None = None
    eraser: Eraser | None = None
    exempt_reason: str = ""

    @property
    def key(self) -> str:
        return self.model._meta.label


_registry: dict[type[models.Model], Registration] = {}


def register(model: type[models.Model], *, exporter: Exporter, eraser: Eraser) -> None:
    """`exporter(user)` returns the rows as JSON-ready dicts; `eraser(user)` runs inside the
    account's deletion, before the user row goes."""
    _registry[model] = Registration(model=model, exporter=exporter, eraser=eraser)


def exempt(model: type[models.Model], *, reason: str) -> None:
    """A model that points at users but holds nothing the person needs to take away."""
    _registry[model] = Registration(model=model, exempt_reason=reason)


def registrations() -> dict[type[models.Model], Registration]:
    return dict(_registry)


def autodiscover() -> None:
    autodiscover_modules("personal_data")


def models_pointing_at_users() -> set[type[models.Model]]:
    """Every installed model declaring a foreign key or one-to-one field to the user model
    (many-to-many through tables included; inherited fields count on the parent)."""
    from django.apps import apps

    user_model = get_user_model()
    return {
        model
        for model in apps.get_models(include_auto_created=True)
        for field in model._meta.local_fields
        if field.is_relation and field.related_model is user_model
    }


def export_personal_data(*, user) -> dict[str, Any]:
    """Everything the registry knows about `user`, section by model, in registry order."""
    sections = {}
    for registration in _registry.values():
        if registration.exporter is None:
            continue
        rows = registration.exporter(user)
        if rows:
            sections[registration.key] = {
                "title": str(registration.model._meta.verbose_name_plural),
                "rows": rows,
            }
    return {"exported_at": timezone.now().isoformat(), "user_id": str(user.pk), **sections}


def record_export(*, user, request, format: str) -> None:
    audit.log_user_event(
        user=user, action=audit.DATA_EXPORTED, request=request, by=user, data={"format": format}
    )


def erase_account(*, user) -> None:
    """Delete the account. Erasers run from the user's pre_delete signal, so deleting a user
    in the admin erases the same way; the audit keeps a nameless entry of the deletion."""
    with transaction.atomic():
        # No request address: it would be personal data of an erased account again.
        audit.log_user_event(user=user, action=audit.ACCOUNT_ERASED, by=user)
        get_user_model().objects.get(pk=user.pk).delete()


def run_erasers(sender, instance, **kwargs) -> None:
    for registration in _registry.values():
        if registration.eraser is not None:
            registration.eraser(instance)
