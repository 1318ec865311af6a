"""Set-up that takes seconds, built once for a test module and met by each of its tests as
it was built (the access matrices' worlds, the certificate pages' graduation...)."""

from contextlib import contextmanager
from dataclasses import fields, is_dataclass, replace
from types import SimpleNamespace

from django.db import transaction
from django.db.models import Model
from django.test import override_settings


@contextmanager
def rolled_back(django_db_blocker, *, media_root=None):
    """A transaction for a module-scoped fixture's set-up, rolled back when the module ends.
    Each test runs in a savepoint of its own inside it (pytest-django's transaction, nested),
    so whatever a test changes is gone before the next one starts. Files the set-up stores
    go to `media_root`, a directory of the module's."""
    settings = {"MEDIA_ROOT": str(media_root)} if media_root else {}
    with override_settings(**settings), django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def afresh(value):
    """`value` with every model instance in it read again from the database, so what one test
    refreshed or cached on an object (a revision, a user's permissions, a page's URL) never
    reaches the next. Walks lists, tuples, dicts, dataclasses and namespaces."""
    if isinstance(value, Model):
        return type(value)._default_manager.get(pk=value.pk)
    if isinstance(value, list | tuple):
        return type(value)(afresh(item) for item in value)
    if isinstance(value, dict):
        return {key: afresh(item) for key, item in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: afresh(getattr(value, f.name)) for f in fields(value)})
    if isinstance(value, SimpleNamespace):
        return SimpleNamespace(**{name: afresh(item) for name, item in vars(value).items()})
    return value
