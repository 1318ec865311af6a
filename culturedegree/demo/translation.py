"""Translating demo pages through wagtail-localize, so translations stay linked to the source."""

from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue

from .spec import FRENCH

DICTIONARIES = {"fr": FRENCH}


def _translated_data(source_data: str, dictionary: dict[str, str]) -> str:
    english = StringValue(source_data).render_text()
    return StringValue.from_plaintext(dictionary.get(english, english)).data


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
    segments = StringSegment.objects.filter(source=source).select_related("string")
    StringTranslation.objects.bulk_create(
        [
            StringTranslation(
                translation_of_id=segment.string_id,
                locale=locale,
                context_id=segment.context_id,
                data=_translated_data(segment.string.data, dictionary),
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                last_translated_by=user,
            )
            for segment in segments
        ],
        ignore_conflicts=True,
    )
    # wagtail-localize publishes on commit from the page object it holds; inside the seed's
    # single transaction that object's tree counts go stale as children are translated.
    # Save a draft, then publish a freshly loaded revision.
    translation.save_target(user=user, publish=False)
    translated = page.get_translation(locale)
    Revision.objects.get(pk=translated.latest_revision_id).publish(user=user)
    return True
