import django.utils.timezone
from django.db import migrations, models

from learning.content.media_duration import media_file_duration


def read_durations_from_files(apps, schema_editor):
    """Existing media get the duration their file states; items take it from their media."""
    media_model = apps.get_model("wagtailmedia", "Media")
    durations = {}
    for media in media_model.objects.filter(type__in=["video", "audio"]).exclude(file=""):
        seconds = media_file_duration(media.file)
        if seconds:
            media_model.objects.filter(pk=media.pk).update(duration=seconds)
        durations[media.pk] = seconds or media.duration
    item_model = apps.get_model("learning", "ContentItemPage")
    for item in item_model.objects.filter(item_type__in=["video", "audio"]):
        for entry in item.body.raw_data:
            if entry["type"] in ("video", "audio"):
                seconds = durations.get((entry.get("value") or {}).get("media"))
                if seconds:
                    item_model.objects.filter(pk=item.pk).update(duration_seconds=round(seconds))
                    break


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0002_heartbeat_window"),
        ("wagtailmedia", "0005_alter_media_options"),
    ]

    operations = [
        migrations.AddField(
            model_name="heartbeatwindow",
            name="credited_until",
            field=models.DateTimeField(default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="contentitempage",
            name="duration_seconds",
            field=models.PositiveIntegerField(
                blank=True,
                help_text=(
                    "For video and audio, read from the media file when the page is saved."
                    " Type it only for a file whose length cannot be read."
                ),
                null=True,
                verbose_name="duration (seconds)",
            ),
        ),
        migrations.RunPython(read_durations_from_files, migrations.RunPython.noop),
    ]
