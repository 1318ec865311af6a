"""The demo catalog's files: drawn images, synthesised audio, a tiny video, captions, documents.

Each is found by title in the demo collection, so a second run reuses the first run's files.
"""

from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtailmedia import get_media_model

from . import drawing, sound

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
COLLECTION_NAME = "Demo catalog"
# Durations are not given: saving a media item reads it from the file (learning.content.media_duration).
VIDEO = {"name": "dawn.webm", "width": 320, "height": 180}
CAPTION_TRACKS = [("en", "English", "dawn.en.vtt"), ("fr", "Français", "dawn.fr.vtt")]


def demo_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


@dataclass
class DemoAssets:
    """Caches the demo's files by key for one run of the builder."""

    collection: Collection
    images: dict = field(default_factory=dict)
    media: dict = field(default_factory=dict)
    documents: dict = field(default_factory=dict)

    def image(self, name: str):
        if name not in self.images:
            model = get_image_model()
            title = f"Demo illustration: {name}"
            image = model.objects.filter(title=title, collection=self.collection).first()
            if image is None:
                image = model(title=title, collection=self.collection)
                image.file = ImageFile(BytesIO(drawing.png_bytes(name)), name=f"{name}.png")
                image.save()
            self.images[name] = image
        return self.images[name]

    def video(self):
        if "video" not in self.media:
            model = get_media_model()
            title = "Demo video: dawn over the hills"
            media = model.objects.filter(title=title, collection=self.collection).first()
            if media is None:
                media = model(
                    title=title,
                    type="video",
                    collection=self.collection,
                    width=VIDEO["width"],
                    height=VIDEO["height"],
                )
                media.file.save(
                    VIDEO["name"], ContentFile((ASSETS_DIR / VIDEO["name"]).read_bytes()), False
                )
                media.save()
            self.media["video"] = media
        return self.media["video"]

    def audio(self, scale: str, root_hz: float):
        key = f"{scale}-{root_hz:g}"
        if key not in self.media:
            model = get_media_model()
            title = f"Demo recording: {scale} scale from {root_hz:g} Hz"
            media = model.objects.filter(title=title, collection=self.collection).first()
            if media is None:
                data = sound.plucked(scale=scale, root_hz=root_hz)
                media = model(title=title, type="audio", collection=self.collection)
                media.file.save(f"{key}.wav", ContentFile(data), False)
                media.save()
            self.media[key] = media
        return self.media[key]

    def caption_tracks(self) -> list[dict]:
        return [
            {"language": language, "label": label, "file": self._document_from_file(filename).pk}
            for language, label, filename in CAPTION_TRACKS
        ]

    def text_document(self, title: str, lines: list[str]):
        if title not in self.documents:
            model = get_document_model()
            document = model.objects.filter(title=title, collection=self.collection).first()
            if document is None:
                document = model(title=title, collection=self.collection)
                content = "\n".join([title, "", *lines, ""]).encode()
                slug = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")
                document.file.save(f"{slug}.txt", ContentFile(content), False)
                document.save()
            self.documents[title] = document
        return self.documents[title]

    def _document_from_file(self, filename: str):
        if filename not in self.documents:
            model = get_document_model()
            title = f"Demo captions: {filename}"
            document = model.objects.filter(title=title, collection=self.collection).first()
            if document is None:
                document = model(title=title, collection=self.collection)
                document.file.save(
                    filename, ContentFile((ASSETS_DIR / filename).read_bytes()), False
                )
                document.save()
            self.documents[filename] = document
        return self.documents[filename]
