"""Demo achievements, translated, and the demo learner's awards, streak and freeze.

Idempotent: achievements are found by their English name; awards are made once. Run after
the learner's history (culturedegree/demo/learner.py): the history's active days (a six-day run,
a gap, a day, a gap, four days up to today) give a daily streak of 4 with one freeze left,
7 days at best, so the three- and seven-day streaks are earned and the fourteen in progress.
"""

from django.db import transaction
from wagtail.models import Locale

from learning.models import CoursePage, ProgramPage

from .evaluation import award_special, evaluate_learner
from .models import Achievement, AchievementKind, UserAchievement

JAPAN = "japanese-arts-and-aesthetics"
FOUNDATIONS = "foundations-of-japanese-aesthetics"

# name, description, icon, points, kind, criteria (page slugs resolved below), translations.
ACHIEVEMENTS = [
    (
        "Three days running",
        "Learn on three days in a row (or three weeks, with a weekly goal).",
        "flame",
        20,
        AchievementKind.STREAK,
        {"length": 3},
        {
            "fr": ("Trois jours de suite", "Apprenez trois jours d'affilée (ou trois semaines)."),
            "ja": ("3日連続", "3日連続で学習しましょう(週の目標なら3週連続)。"),
            "ar": ("ثلاثة أيام متتالية", "تعلّم ثلاثة أيام متتالية (أو ثلاثة أسابيع)."),
        },
    ),
    (
        "A week of learning",
        "Keep your streak for seven days (or seven weeks).",
        "star",
        50,
        AchievementKind.STREAK,
        {"length": 7},
        {
            "fr": ("Une semaine d'apprentissage", "Gardez votre série sept jours (ou semaines)."),
            "ja": ("1週間の学び", "7日間(または7週間)連続記録を続けましょう。"),
            "ar": ("أسبوع من التعلّم", "حافظ على سلسلتك سبعة أيام (أو سبعة أسابيع)."),
        },
    ),
    (
        "Two weeks strong",
        "Keep your streak for fourteen days (or weeks).",
        "medal",
        100,
        AchievementKind.STREAK,
        {"length": 14},
        {
            "fr": ("Deux semaines solides", "Gardez votre série quatorze jours (ou semaines)."),
            "ja": ("2週間の継続", "14日間(または14週間)連続記録を続けましょう。"),
            "ar": ("أسبوعان من المثابرة", "حافظ على سلسلتك أربعة عشر يومًا (أو أسبوعًا)."),
        },
    ),
    (
        "Eye for beauty",
        "Complete every item of Foundations of Japanese Aesthetics.",
        "book-open",
        80,
        AchievementKind.COURSE_COMPLETION,
        {"course": FOUNDATIONS},
        {
            "fr": ("Œil pour la beauté", "Terminez tout le cours Fondements de l'esthétique."),
            "ja": ("美を見る目", "「日本の美意識の基礎」のすべての項目を修了しましょう。"),
            "ar": ("عين للجمال", "أكمل كل عناصر مقرر أسس الجماليات اليابانية."),
        },
    ),
    (
        "Japanese arts graduate",
        "Complete the program Japanese Arts and Aesthetics.",
        "trophy",
        300,
        AchievementKind.PROGRAM_COMPLETION,
        {"program": JAPAN},
        {
            "fr": ("Diplômé des arts japonais", "Terminez le programme Arts et esthétique."),
            "ja": ("日本芸術の修了者", "プログラム「日本の芸術と美学」を修了しましょう。"),
            "ar": ("خريج الفنون اليابانية", "أكمل برنامج الفنون والجماليات اليابانية."),
        },
    ),
    (
        "Helpful voice",
        "Have three of your answers accepted in the discussions.",
        "chat",
        60,
        AchievementKind.COMMUNITY,
        {"activity": "accepted_answers", "count": 3},
        {
            "fr": ("Voix utile", "Faites accepter trois de vos réponses dans les discussions."),
            "ja": ("頼れる声", "ディスカッションで回答が3回採用されましょう。"),
            "ar": ("صوت مفيد", "احصل على قبول ثلاث من إجاباتك في النقاشات."),
        },
    ),
    (
        "Founding learner",
        "Awarded by the team to the learners of the first cohort.",
        "compass",
        40,
        AchievementKind.SPECIAL,
        {},
        {
            "fr": ("Apprenant fondateur", "Décerné par l'équipe à la première promotion."),
            "ja": ("創設メンバー", "第1期の学習者にチームから贈られます。"),
            "ar": ("متعلم مؤسس", "تمنحه الفريق لمتعلمي الدفعة الأولى."),
        },
    ),
]
SPECIAL_REASON = "Joined the first cohort of the demo site."


def _criteria(criteria: dict) -> dict | None:
    resolved = dict(criteria)
    for key, model in (("course", CoursePage), ("program", ProgramPage)):
        if key in resolved:
            page = model.objects.filter(slug=resolved[key], locale__language_code="en").first()
            if page is None:
                return None
            resolved[key] = page.id
    return resolved


def ensure_achievements() -> list[Achievement]:
    default = Locale.get_default()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    made = []
    for name, description, icon, points, kind, criteria, translations in ACHIEVEMENTS:
        achievement = Achievement.objects.filter(name=name, locale=default).first()
        if achievement is None:
            resolved = _criteria(criteria)
            if resolved is None:
                continue
            achievement = Achievement(
                name=name,
                description=description,
                icon=icon,
                points=points,
                kind=kind,
                criteria=resolved,
                locale=default,
            )
            achievement.full_clean()
            achievement.save()
        for language, (t_name, t_description) in translations.items():
            locale = locales.get(language)
            if locale is None or achievement.has_translation(locale):
                continue
            translated = achievement.copy_for_translation(locale)
            translated.name, translated.description = t_name, t_description
            translated.save()
        made.append(achievement)
    return made


def ensure_learner_achievements(*, learner, awarded_by=None) -> int:
    """Evaluate the learner's achievements and make the special award once. Returns how many
    achievements the learner has earned."""
    ensure_achievements()
    with transaction.atomic():
        evaluate_learner(learner=learner)
        special = Achievement.objects.filter(
            name="Founding learner", locale=Locale.get_default()
        ).first()
        if (
            special is not None
            and awarded_by is not None
            and not UserAchievement.objects.filter(learner=learner, achievement=special).exists()
        ):
            award_special(
                achievement=special, learner=learner, by=awarded_by, reason=SPECIAL_REASON
            )
    return UserAchievement.objects.filter(learner=learner, earned_at__isnull=False).count()
