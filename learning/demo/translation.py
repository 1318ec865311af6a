"""Translating demo pages through wagtail-localize, so translations stay linked to the source."""

from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue

from .spec import FRENCH

DICTIONARIES = {"fr": FRENCH}


def translate_page(*, page: Page, locale: Locale, user=None) -> bool:
    """Create `page`'s translation into `locale` from the demo's dictionary; False if it exists.

    A string missing from the dictionary (a slug, a name, a language code) is the same in
    both languages; it is recorded as translated to itself, as an editor would confirm it.
    """
    if page.get_translation_or_none(locale) is not None:
        return False
    dictionary = DICTIONARIES[locale.language_code]
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        english = StringValue(segment.string.data).render_text()
        french = dictionary.get(english, english)
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": StringValue.from_plaintext(french).data,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
            },
        )
    translation.save_target(user=user, publish=True)
    return True
