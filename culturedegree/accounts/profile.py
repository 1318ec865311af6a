"""Updating a user's profile."""

from django.db import transaction

from culturedegree.models import User


def update_profile(
    *,
    user: User,
    name: str,
    preferred_language: str,
    timezone: str,
    avatar=None,
    remove_avatar: bool = False,
) -> User:
    """Save the profile fields; a replaced or removed avatar file is deleted after commit."""
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        old_avatar_name = locked.avatar.name if locked.avatar else ""
        locked.name = name
        locked.preferred_language = preferred_language
        locked.timezone = timezone
        if avatar is not None:
            locked.avatar.save(avatar.name, avatar, save=False)
        elif remove_avatar:
            locked.avatar = ""
        locked.full_clean(exclude=["password"])
        locked.save()
        new_avatar_name = locked.avatar.name if locked.avatar else ""
        if old_avatar_name and old_avatar_name != new_avatar_name:
            storage = locked.avatar.storage
            transaction.on_commit(lambda: storage.delete(old_avatar_name))
    return locked
