"""The server reads every video's and audio's duration from the file, and measures media
completion against it, never against what the client reports."""

import io
import struct

import pytest
from django.core.files.base import ContentFile
from wagtail.rich_text import RichText
from wagtailmedia.models import Media

from culturedegree.demo import sound
from culturedegree.demo.assets import ASSETS_DIR
from learning.content.media_duration import probe_duration
from learning.journey.access import resolve_item
from learning.journey.heartbeats import heartbeat
from learning.models import ContentItemPage, Progress

from .journey_helpers import rewind_credit

JSON = "application/json"


def box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mp4(seconds: int, *, timescale: int = 600, version: int = 0) -> bytes:
    if version == 1:
        header = bytes([1, 0, 0, 0]) + struct.pack(">QQIQ", 0, 0, timescale, seconds * timescale)
    else:
        header = bytes(4) + struct.pack(">IIII", 0, 0, timescale, seconds * timescale)
    return box(b"ftyp", b"isom" + bytes(4)) + box(b"moov", box(b"mvhd", header + bytes(80)))


def ogg_page(granule: int, serial: bytes, packet: bytes) -> bytes:
    return (
        b"OggS\x00\x02"
        + struct.pack("<q", granule)
        + serial
        + bytes(8)
        + bytes([1, len(packet)])
        + packet
    )


def ogg_vorbis(seconds: int, rate: int = 44_100) -> bytes:
    serial = b"\x01\x02\x03\x04"
    identification = b"\x01vorbis" + bytes(4) + b"\x02" + struct.pack("<I", rate) + bytes(13)
    return ogg_page(0, serial, identification) + ogg_page(seconds * rate, serial, b"audio")


def mp3_cbr(frames: int) -> bytes:
    # MPEG-1 layer III, 128 kbit/s, 44.1 kHz: 417 bytes a frame, 1152 samples.
    frame = b"\xff\xfb\x90\x64" + bytes(413)
    return b"ID3\x03\x00\x00\x00\x00\x00\x0a" + bytes(10) + frame * frames


@pytest.mark.parametrize(
    ("data", "seconds"),
    [
        ((ASSETS_DIR / "dawn.webm").read_bytes(), 6.0),
        (sound.plucked(scale="kora", root_hz=220), 12 * 0.45),
        (mp4(95), 95.0),
        (mp4(4000, timescale=1000, version=1), 4000.0),
        (ogg_vorbis(73), 73.0),
        (mp3_cbr(1000), 1000 * 417 * 8 / 128_000),
    ],
    ids=["webm", "wav", "mp4", "mp4-v1", "ogg", "mp3"],
)
def test_durations_are_read_from_each_container(data, seconds):
    assert probe_duration(io.BytesIO(data)) == pytest.approx(seconds, abs=0.05)


@pytest.mark.parametrize("data", [b"", b"not media at all", b"\x1a\x45\xdf\xa3" + b"0" * 64])
def test_unreadable_files_have_no_duration(data):
    assert probe_duration(io.BytesIO(data)) is None


@pytest.mark.django_db
def test_saving_media_reads_its_duration_from_the_file():
    media = Media(title="Song", type="audio", duration=1)
    media.file.save("song.wav", ContentFile(sound.plucked(scale="in", root_hz=330)), save=False)
    media.save()
    media.refresh_from_db()
    assert media.duration == pytest.approx(5.4)


@pytest.fixture
def long_video(tree):
    """Item 1.1 as a 95-second video whose page says, wrongly, that it lasts 1 second."""
    media = Media(title="Talk", type="video", duration=1, width=320, height=180)
    media.file.save("talk.mp4", ContentFile(mp4(95)), save=False)
    media.save()
    page = ContentItemPage.objects.get(pk=tree.items[0][0].pk)
    page.item_type = "video"
    page.duration_seconds = 1
    page.body = [
        ("video", {"media": media, "captions": [], "transcript": RichText("<p>Talk.</p>")})
    ]
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_an_item_takes_its_duration_from_its_media_file(long_video):
    long_video.refresh_from_db()
    assert long_video.duration_seconds == 95
    assert resolve_item(page_id=long_video.id).duration_seconds == 95


@pytest.mark.django_db
def test_claiming_a_short_video_does_not_complete_a_long_one(client, learner, long_video):
    rewind_credit(learner, 60)
    client.force_login(learner)
    response = client.post(
        f"/api/v1/progress/{long_video.id}/heartbeat",
        {"seconds": 2, "progress_data": {"position": 1, "duration": 1}},
        content_type=JSON,
    )
    assert response.status_code == 200, response.content
    assert response.json()["completed_now"] is False
    progress = Progress.objects.get(learner=learner)
    assert progress.progress_data == {"position": 1.0, "duration": 95.0}
    assert not progress.is_completed
    item = resolve_item(page_id=long_video.id)
    result = heartbeat(learner=learner, item=item, seconds=1, progress_data={"position": 900})
    assert result.completed_now
    assert Progress.objects.get(learner=learner).progress_data["position"] == 95.0


@pytest.mark.django_db
def test_the_demo_media_durations_come_from_their_files():
    from culturedegree.demo.assets import DemoAssets, demo_collection

    assets = DemoAssets(collection=demo_collection())
    assert assets.video().duration == 6.0
    assert assets.audio("kora", 220).duration == pytest.approx(12 * 0.45)


@pytest.mark.django_db
def test_the_migration_backfills_existing_media_and_items(long_video):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "learning.migrations.0003_heartbeats_watermark_and_durations"
    )
    Media.objects.update(duration=0)
    ContentItemPage.objects.filter(pk=long_video.pk).update(duration_seconds=None)
    migration.read_durations_from_files(apps, None)
    assert Media.objects.get(title="Talk").duration == 95.0
    assert ContentItemPage.objects.get(pk=long_video.pk).duration_seconds == 95
