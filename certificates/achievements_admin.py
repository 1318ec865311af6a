"""Achievements in the Wagtail admin: the snippet (translatable through wagtail-localize), its
form with one field per criteria key, and the staff's special award with a reason."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from learning.models import CoursePage, ProgramPage

from .award_access import may_award, may_list_awards
from .criteria import community, module_for
from .criteria.assessment import assessment_choices
from .evaluation import ACHIEVEMENT_AWARDED, AwardError, award_special
from .journey import default_language_code
from .models import Achievement, AchievementKind, UserAchievement


class PageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class AchievementForm(WagtailAdminModelForm):
    """The criteria as plain fields, checked by the module of the chosen type; an error is
    shown on the field it concerns."""

    criteria_course = PageChoiceField(
        queryset=None, required=False, label=gettext_lazy("Course to complete")
    )
    criteria_program = PageChoiceField(
        queryset=None, required=False, label=gettext_lazy("Program to complete")
    )
    criteria_length = forms.IntegerField(
        required=False,
        label=gettext_lazy("Streak length"),
        help_text=gettext_lazy("Days for a daily goal, weeks for a weekly goal."),
    )
    criteria_activity = forms.ChoiceField(
        required=False, label=gettext_lazy("Community activity"), choices=()
    )
    criteria_count = forms.IntegerField(required=False, label=gettext_lazy("How many times"))
    criteria_assessment = forms.CharField(
        required=False,
        label=gettext_lazy("Assessment to pass"),
        help_text=gettext_lazy("The assessment's id."),
    )
    criteria_min_score = forms.IntegerField(
        required=False, label=gettext_lazy("Lowest passing score (%)")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = default_language_code()
        self.fields["program"].queryset = ProgramPage.objects.filter(
            locale__language_code=language
        ).order_by("path")
        self.fields["criteria_course"].queryset = CoursePage.objects.filter(
            locale__language_code=language
        ).order_by("path")
        self.fields["criteria_program"].queryset = ProgramPage.objects.filter(
            locale__language_code=language
        ).order_by("path")
        self.fields["criteria_activity"].choices = [
            ("", "---------"),
            *community.ACTIVITIES.items(),
        ]
        choices = assessment_choices()
        if choices:
            self.fields["criteria_assessment"] = forms.ChoiceField(
                required=False,
                label=self.fields["criteria_assessment"].label,
                choices=[("", "---------"), *choices],
            )
        for key, value in (self.instance.criteria or {}).items():
            if f"criteria_{key}" in self.fields:
                self.initial.setdefault(f"criteria_{key}", value)

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if not kind:
            return cleaned
        module = module_for(kind)
        values = {key: cleaned.get(f"criteria_{key}") for key in module.FIELDS}
        try:
            self.instance.criteria = module.clean(values)
        except ValidationError as exc:
            for key, errors in exc.message_dict.items():
                self.add_error(f"criteria_{key}", errors)
        return cleaned


class AchievementViewSet(SnippetViewSet):
    model = Achievement
    icon = "pick"
    menu_label = gettext_lazy("Achievements")
    add_to_admin_menu = True
    menu_order = 290
    list_display = ["name", "kind", "program", "points", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("description"),
            FieldPanel("icon"),
            FieldPanel("points"),
            FieldPanel("kind"),
            FieldPanel("program", widget=forms.Select),
            MultiFieldPanel(
                [
                    FieldPanel("criteria_course"),
                    FieldPanel("criteria_program"),
                    FieldPanel("criteria_length"),
                    FieldPanel("criteria_activity"),
                    FieldPanel("criteria_count"),
                    FieldPanel("criteria_assessment"),
                    FieldPanel("criteria_min_score"),
                ],
                heading=gettext_lazy("Criteria"),
                help_text=gettext_lazy(
                    "Fill in the fields of the type chosen above: course completion needs a "
                    "course, program completion a program, a streak its length, community an "
                    "activity and how many times, assessment the assessment and its score. "
                    "Special achievements are awarded by staff."
                ),
            ),
            FieldPanel("is_active"),
        ],
        base_form_class=AchievementForm,
    )


class AwardForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Learner's email address"))
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=gettext_lazy("Kept in the audit log with the award."),
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        learner = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if learner is None:
            raise ValidationError(_("No active account has this email address."))
        self.cleaned_data["learner"] = learner
        return email


def award_view(request, pk):
    achievement = get_object_or_404(
        Achievement.objects.select_related("program"), pk=pk, kind=AchievementKind.SPECIAL
    )
    if not may_award(user=request.user, achievement=achievement):
        raise Http404
    form = AwardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        learner = form.cleaned_data["learner"]
        try:
            award_special(
                achievement=achievement,
                learner=learner,
                by=request.user,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except AwardError as exc:
            form.add_error(exc.field, str(exc))
        else:
            messages.success(
                request,
                _("%(name)s awarded to %(email)s.")
                % {"name": achievement.name, "email": learner.email},
            )
            listing = may_list_awards(request.user)
            return redirect("achievement_awards:index" if listing else "certificates_award_choose")
    return TemplateResponse(
        request,
        "certificates/admin/award.html",
        {"achievement": achievement, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _list_url() -> str:
    return reverse("wagtailsnippets_certificates_achievement:list")


register_snippet(AchievementViewSet)


@hooks.register("register_admin_urls")
def achievement_admin_urls():
    return [
        path(
            "achievements/<uuid:pk>/award/",
            award_view,
            name="certificates_award_achievement",
        )
    ]


@hooks.register("register_snippet_listing_buttons")
def award_button(snippet, user, next_url=None):
    is_special = isinstance(snippet, Achievement) and snippet.kind == AchievementKind.SPECIAL
    if is_special and may_award(user=user, achievement=snippet):
        yield ListingButton(
            _("Award to a learner"),
            reverse("certificates_award_achievement", args=[snippet.pk]),
            priority=20,
        )


@hooks.register("before_delete_snippet")
def keep_earned_achievements(request, instances):
    """An achievement learners earned is made inactive, not deleted: refuse with a message
    (single and bulk delete). Progress towards one nobody earned goes with it."""
    achievements = [obj for obj in instances if isinstance(obj, Achievement)]
    if not achievements:
        return None
    earned = UserAchievement.objects.filter(
        achievement__in=achievements, earned_at__isnull=False
    ).values_list("achievement__name", flat=True)
    names = sorted(set(earned))
    if names:
        messages.error(
            request,
            _("Learners have earned %(names)s: make it inactive instead of deleting it.")
            % {"names": ", ".join(names)},
        )
        return redirect(_list_url())
    if request.method == "POST":
        UserAchievement.objects.filter(achievement__in=achievements).delete()
    return None


@hooks.register("register_log_actions")
def achievement_log_actions(actions):
    label = gettext_lazy("Achievement awarded by staff")
    actions.register_action(ACHIEVEMENT_AWARDED, label, label)
