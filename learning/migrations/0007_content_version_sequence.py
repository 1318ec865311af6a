"""The content version lives in a PostgreSQL sequence, out of the cache's reach.

It used to be a cache entry, which culling could evict and restart at 1, making fragments cached
under an old version reachable again. The sequence starts above the version the cache holds now
(if it still holds one), so the version never goes backwards across this change either.
"""

from django.db import migrations

SEQUENCE = "learning_content_version"
OLD_CACHE_KEY = "learning:content-version"


def create_sequence(apps, schema_editor):
    from django.core.cache import cache
    from django.db import transaction

    try:
        with transaction.atomic():  # a savepoint: a missing cache table must not abort the rest
            start = int(cache.get(OLD_CACHE_KEY) or 0) + 1
    except Exception:  # noqa: BLE001 - no cache (table not created yet): nothing cached either
        start = 1
    schema_editor.execute(f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE} START WITH {start:d}")


def drop_sequence(apps, schema_editor):
    schema_editor.execute(f"DROP SEQUENCE IF EXISTS {SEQUENCE}")


class Migration(migrations.Migration):
    dependencies = [("learning", "0006_search_vocabulary")]

    operations = [migrations.RunPython(create_sequence, drop_sequence)]
