"""The catalog page: the root of the programs, with search and filters."""

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.search import index

from culturedegree.models import BasePage

from .base import LearningPage, tabs


class ProgramIndexPage(LearningPage):
    """The catalog of programs."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    edit_handler = tabs(content=content_panels)

    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["culturedegree.HomePage"]
    subpage_types = ["learning.ProgramPage"]
    max_count_per_parent = 1

    api_fields = [APIField("intro")]

    shows_journey = False
