"""Question blocks of an assessment. Each question is a StreamField block: its block id is
a stable UUID, kept by every revision and by wagtail-localize's translation copies, so an
attempt's answers stay keyed to the same question in every language and revision."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

TEMPLATE = "learning/assessments/blocks/question_preview.html"


class QuestionBlock(blocks.StructBlock):
    """What every question has: the prompt, its points and feedback for each outcome."""

    prompt = blocks.TextBlock(label=_("Question"))
    points = blocks.IntegerBlock(label=_("Points"), default=1, min_value=1, max_value=100)
    feedback_correct = blocks.TextBlock(label=_("Feedback when right"), required=False, default="")
    feedback_incorrect = blocks.TextBlock(
        label=_("Feedback when wrong"), required=False, default=""
    )

    class Meta:
        template = TEMPLATE


class ChoiceOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Option"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)


def _check_choices(value, *, exactly_one: bool):
    options = value.get("options") or []
    correct = sum(1 for option in options if option["correct"])
    if len(options) < 2:
        raise StructBlockValidationError(
            {"options": ValidationError(_("Give two options or more."))}
        )
    if exactly_one and correct != 1:
        message = _("Mark exactly one option correct.")
        raise StructBlockValidationError({"options": ValidationError(message)})
    if not exactly_one and correct < 1:
        message = _("Mark at least one option correct.")
        raise StructBlockValidationError({"options": ValidationError(message)})


class SingleChoiceBlock(QuestionBlock):
    options = blocks.ListBlock(ChoiceOptionBlock(), label=_("Options"), min_num=2)

    def clean(self, value):
        value = super().clean(value)
        _check_choices(value, exactly_one=True)
        return value

    class Meta:
        icon = "radio-full"
        label = _("Single choice")
        preview_value = {
            "prompt": "Which city was Japan's capital for over a thousand years?",
            "options": [{"text": "Kyoto", "correct": True}, {"text": "Osaka", "correct": False}],
        }


class MultipleChoiceBlock(QuestionBlock):
    """Partial credit: each right option chosen earns its share, each wrong one takes a
    share away, never below zero."""

    options = blocks.ListBlock(ChoiceOptionBlock(), label=_("Options"), min_num=2)

    def clean(self, value):
        value = super().clean(value)
        _check_choices(value, exactly_one=False)
        return value

    class Meta:
        icon = "tasks"
        label = _("Multiple choice")
        preview_value = {
            "prompt": "Which are tea ceremony utensils?",
            "options": [
                {"text": "Chasen", "correct": True},
                {"text": "Chawan", "correct": True},
                {"text": "Katana", "correct": False},
            ],
        }


class TrueFalseBlock(QuestionBlock):
    answer = blocks.ChoiceBlock(
        label=_("Answer"), choices=[("true", _("True")), ("false", _("False"))], default="true"
    )

    class Meta:
        icon = "circle-check"
        label = _("True or false")
        preview_value = {"prompt": "Wabi-sabi values imperfection.", "answer": "true"}


class ShortAnswerBlock(QuestionBlock):
    """Matched after folding case, diacritics, width and spacing (grading.fold)."""

    accepted = blocks.ListBlock(
        blocks.CharBlock(max_length=200), label=_("Accepted answers"), min_num=1
    )

    class Meta:
        icon = "pilcrow"
        label = _("Short answer")
        preview_value = {"prompt": "Name the old capital.", "accepted": ["Kyōto", "京都"]}


class NumericBlock(QuestionBlock):
    answer = blocks.FloatBlock(label=_("Answer"))
    tolerance = blocks.FloatBlock(label=_("Tolerance (±)"), default=0, min_value=0)

    class Meta:
        icon = "decimal"
        label = _("Number")
        preview_value = {"prompt": "In what year did the Heian period begin?", "answer": 794}


class OrderingBlock(QuestionBlock):
    """Items in their right order; learners see them shuffled. Each item in its place
    earns its share of the points."""

    items = blocks.ListBlock(
        blocks.CharBlock(max_length=200), label=_("Items, in the right order"), min_num=2
    )

    class Meta:
        icon = "list-ol"
        label = _("Ordering")
        preview_value = {"prompt": "Order the periods.", "items": ["Nara", "Heian", "Kamakura"]}


class MatchPairBlock(blocks.StructBlock):
    left = blocks.CharBlock(label=_("Prompt"), max_length=200)
    right = blocks.CharBlock(label=_("Its match"), max_length=200)


class MatchingBlock(QuestionBlock):
    """Each prompt matched to the right answer earns its share of the points."""

    pairs = blocks.ListBlock(MatchPairBlock(), label=_("Pairs"), min_num=2)

    class Meta:
        icon = "link"
        label = _("Matching")
        preview_value = {
            "prompt": "Match each art to its material.",
            "pairs": [{"left": "Ikebana", "right": "Flowers"}, {"left": "Shodō", "right": "Ink"}],
        }


class EssayBlock(QuestionBlock):
    """Graded by staff; the attempt waits for their grade before it passes or fails."""

    guidance = blocks.TextBlock(label=_("Guidance for graders"), required=False, default="")
    max_words = blocks.IntegerBlock(label=_("Word limit"), required=False, min_value=1)

    class Meta:
        icon = "doc-full"
        label = _("Essay")
        preview_value = {"prompt": "What does the tea ceremony teach about hospitality?"}


class QuestionStreamBlock(blocks.StreamBlock):
    single_choice = SingleChoiceBlock()
    multiple_choice = MultipleChoiceBlock()
    true_false = TrueFalseBlock()
    short_answer = ShortAnswerBlock()
    numeric = NumericBlock()
    ordering = OrderingBlock()
    matching = MatchingBlock()
    essay = EssayBlock()


class RubricLevelBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Level"), max_length=200)
    points = blocks.IntegerBlock(label=_("Points"), min_value=0, max_value=100)


class CriterionBlock(blocks.StructBlock):
    """One criterion of a rubric, with its levels from weakest to strongest."""

    title = blocks.CharBlock(label=_("Criterion"), max_length=200)
    description = blocks.TextBlock(label=_("What graders look for"), required=False, default="")
    levels = blocks.ListBlock(RubricLevelBlock(), label=_("Levels"), min_num=2)

    class Meta:
        icon = "list-ul"
        label = _("Criterion")
        template = "learning/assessments/blocks/criterion_preview.html"
        preview_value = {
            "title": "Sources",
            "levels": [{"label": "Few", "points": 0}, {"label": "Well chosen", "points": 4}],
        }


class RubricStreamBlock(blocks.StreamBlock):
    criterion = CriterionBlock()
