"""Demo discussions for `seed_demo`: in every demo course a pinned welcome from the
instructor, a question in French with an endorsed, accepted answer, and an English
discussion with a threaded reply and a mention. Idempotent: a course that has discussions
already is left alone."""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import GroupPagePermission, Page

from culturedegree import demo as site_demo

from . import discussions, moderation
from .access import CoursePage, ModulePage, enroll, resolve_place
from .models import Discussion, DiscussionKind

DEMO_MODERATOR_EMAIL = "moderator@culturedegree.test"
DEMO_MODERATOR_PASSWORD = "culture-moderator-2026"  # noqa: S105 - printed for the demo
LEARNERS = {
    "amara": ("amara.diallo@culturedegree.test", "Amara Diallo"),
    "kenji": ("kenji.sato@culturedegree.test", "Kenji Sato"),
    "chloe": ("chloe.martin@culturedegree.test", "Chloé Martin"),
    "lena": ("lena.fischer@culturedegree.test", "Lena Fischer"),
}


@dataclass(frozen=True)
class CourseTalk:
    question_title: str
    question: str
    answers: tuple[tuple[str, str], ...]  # (who, text); the first is endorsed and accepted
    topic_title: str
    topic: str
    replies: tuple[tuple[str, str], ...]  # (who, text); each replies to the one before


WELCOME = (
    "Welcome to **{course}**! I'm Naomi, and I'll be reading along with you.\n\n"
    "A few things that make this space work well:\n\n"
    "- Introduce yourself in a reply: where you are, and what brought you here.\n"
    "- Ask anything, in English or French. Mark a thread as a *question* and the best "
    "answer can be accepted.\n"
    "- Quote the lesson you are talking about, so others can find it.\n\n"
    "Be generous with each other. See you in the threads."
)

TALKS = {
    "foundations-of-japanese-aesthetics": CourseTalk(
        question_title="Wabi-sabi et le kintsugi : même idée ?",
        question=(
            "Je me demande si le kintsugi (réparer un bol avec de l'or) est vraiment un "
            "exemple de wabi-sabi, ou si c'est une lecture occidentale récente. Dans la leçon, "
            "on parle d'imperfection acceptée, mais l'or attire justement le regard, non ?"
        ),
        answers=(
            (
                "kenji",
                "Bonne question. Les deux se recoupent sans être identiques : le wabi-sabi "
                "accepte l'usure et l'impermanence, le kintsugi montre l'histoire de l'objet. "
                "Le lien entre les deux est surtout une lecture du XXe siècle, mais la "
                "pratique de réparation à la laque, elle, est ancienne (période Muromachi).",
            ),
            (
                "lena",
                "J'ajouterais que l'or n'est pas là pour cacher la fissure, mais pour "
                "l'accepter. C'est peut-être ça, le point commun.",
            ),
        ),
        topic_title="Where do you see ma in your own city?",
        topic=(
            "After the lesson on ma I started noticing pauses everywhere: the gap between "
            "two buildings on my street, the silence before a train leaves. Where do you "
            "notice empty space doing some of the work where you live?"
        ),
        replies=(
            (
                "chloe",
                "In Lyon, the traboules: covered passages that open onto tiny courtyards. "
                "You walk from noise into quiet in three steps, and the quiet is the point.",
            ),
            (
                "kenji",
                "@ChloéMartin that's a lovely example. In Osaka it's the few seconds of "
                "stillness at a level crossing, when everyone stops and the bell rings.",
            ),
        ),
    ),
    "the-way-of-tea": CourseTalk(
        question_title="Pourquoi le pavillon de thé est-il si petit ?",
        question=(
            "Quatre tatamis et demi, c'est minuscule. Est-ce que c'est uniquement "
            "symbolique, ou y a-t-il une raison pratique à cette taille ?"
        ),
        answers=(
            (
                "amara",
                "Les deux. Sen no Rikyū voulait que l'hôte et les invités soient proches, "
                "sans hiérarchie : même le samouraï laisse son sabre dehors et entre à genoux "
                "par la petite porte (nijiriguchi). La petite taille rend cette égalité "
                "concrète.",
            ),
            (
                "kenji",
                "Et pratiquement, une petite pièce se chauffe avec le seul foyer du thé en hiver.",
            ),
        ),
        topic_title="My first time whisking matcha",
        topic=(
            "I tried whisking matcha at home after the lesson on utensils. It took me five "
            "attempts to get any foam at all. Does anyone have tips for the wrist movement?"
        ),
        replies=(
            (
                "lena",
                "Think of drawing the letter M quickly, not stirring in circles. And the "
                "water should be hot but not boiling, around 80 °C.",
            ),
            (
                "chloe",
                "@LenaFischer the M trick worked for me too. Also: sift the powder first, "
                "otherwise you get little green lumps.",
            ),
        ),
    ),
    "ink-paper-and-print": CourseTalk(
        question_title="Combien de planches pour une estampe en couleurs ?",
        question=(
            "Dans la leçon sur l'ukiyo-e, on dit qu'il fallait une planche par couleur. "
            "Pour une estampe de Hokusai comme la Grande Vague, ça fait combien de planches ?"
        ),
        answers=(
            (
                "lena",
                "Pour la Grande Vague, on estime entre cinq et sept planches : une pour le "
                "trait (la planche de contour), puis une par couleur, avec le fameux bleu de "
                "Prusse. Le repérage se faisait avec des encoches (kentō) dans le bois.",
            ),
            (
                "amara",
                "Merci ! Je n'avais jamais entendu parler des kentō.",
            ),
        ),
        topic_title="Paper you can hear",
        topic=(
            "The video on washi mentioned that papermakers judge a sheet by its sound. I "
            "held a sheet of kozo paper at a shop this week and it really does sound "
            "different from printer paper: softer, almost like cloth. Has anyone else tried?"
        ),
        replies=(
            (
                "kenji",
                "Yes! My grandfather made paper in Mino. He used to flick a sheet near his "
                "ear to check it was even all the way across.",
            ),
            (
                "amara",
                "@KenjiSato that's wonderful. Did he ever say what an uneven sheet sounds like?",
            ),
        ),
    ),
    "griots-and-the-oral-tradition": CourseTalk(
        question_title="Un griot peut-il changer l'histoire qu'il raconte ?",
        question=(
            "Si l'épopée de Soundiata est transmise de mémoire depuis des siècles, est-ce "
            "que chaque griot la modifie ? Comment sait-on ce qui est « fidèle » ?"
        ),
        answers=(
            (
                "amara",
                "Chez nous on dit que le griot garde le squelette et habille le corps. Les "
                "généalogies et les grands épisodes restent fixes ; les louanges, les "
                "digressions et l'adresse au public changent selon l'auditoire. La fidélité "
                "se juge par les autres griots, pas par un texte écrit.",
            ),
            (
                "chloe",
                "C'est fascinant : une fidélité contrôlée par une communauté plutôt que par "
                "un document.",
            ),
        ),
        topic_title="Songs that carried your family's history",
        topic=(
            "The lesson on praise singing made me think about the songs my family sings at "
            "weddings, which name people I never met. Do you have songs like that, that "
            "carry names or places from your family's past?"
        ),
        replies=(
            (
                "lena",
                "In my grandmother's village in Bavaria there's a song that lists every farm "
                "in the valley. Nobody remembers who wrote it, but everyone knows their verse.",
            ),
            (
                "amara",
                "@LenaFischer a verse per farm is almost a genealogy! That's exactly the kind "
                "of memory the griots keep.",
            ),
        ),
    ),
    "instruments-of-west-africa": CourseTalk(
        question_title="Pourquoi la kora a-t-elle 21 cordes ?",
        question=(
            "J'ai lu qu'une kora a 21 cordes, mais j'ai vu des vidéos avec 22 ou plus. "
            "Est-ce qu'il y a une raison symbolique au chiffre 21 ?"
        ),
        answers=(
            (
                "kenji",
                "La kora classique a bien 21 cordes, réparties en deux rangées (11 et 10). "
                "Certains y lisent les générations d'ancêtres, mais c'est surtout l'étendue "
                "nécessaire au répertoire mandingue. Des musiciens comme Toumani Diabaté ou "
                "Seckou Keita ont ajouté des cordes pour jouer d'autres gammes.",
            ),
            (
                "chloe",
                "Et les clés en bois ont souvent été remplacées par des mécaniques de "
                "guitare, pour accorder plus vite.",
            ),
        ),
        topic_title="Talking drums and tonal languages",
        topic=(
            "I had no idea the talking drum imitates the tones of a spoken language. Does "
            "that mean a drummer from one language can't be understood by speakers of "
            "another?"
        ),
        replies=(
            (
                "amara",
                "Mostly, yes: the drum follows the pitch pattern of a particular language, "
                "like Yoruba. Listeners fill in the words from the melody and from set phrases.",
            ),
            (
                "kenji",
                "@AmaraDiallo so it's closer to whistled languages than to Morse code? That "
                "changes how I hear the recordings in the lesson.",
            ),
        ),
    ),
    "modern-sounds": CourseTalk(
        question_title="Qu'est-ce qui distingue le mbalax de l'afrobeat ?",
        question=(
            "Dans le module sur les musiques modernes, on parle du mbalax et de l'afrobeat. "
            "À l'écoute, je confonds un peu les deux. Quelles sont les différences principales ?"
        ),
        answers=(
            (
                "chloe",
                "Le mbalax vient du Sénégal et repose sur les rythmes du sabar, très rapides "
                "et syncopés (écoutez Youssou N'Dour). L'afrobeat vient du Nigeria avec Fela "
                "Kuti : des morceaux longs, des cuivres, une basse funk et un tempo plus posé.",
            ),
            (
                "lena",
                "Un bon test : si vous pouvez danser lentement dessus, c'est probablement de "
                "l'afrobeat !",
            ),
        ),
        topic_title="Your favourite album from the lesson's playlist",
        topic=(
            "The playlist at the end of the lesson is great. Which album would you give to "
            "a friend who has never heard West African music?"
        ),
        replies=(
            (
                "kenji",
                "Amadou & Mariam, Dimanche à Bamako. Joyful, easy to get into, and the "
                "lyrics are simple enough to follow even in French.",
            ),
            (
                "chloe",
                "@KenjiSato great pick. I'd add Ali Farka Touré and Toumani Diabaté, In the "
                "Heart of the Moon, for a quieter evening.",
            ),
        ),
    ),
}


def _permission(model, codename: str, name: str) -> Permission:
    """The permission, made if a flushed database lost it (post_migrate makes it otherwise)."""
    return Permission.objects.get_or_create(
        codename=codename,
        content_type=ContentType.objects.get_for_model(model),
        defaults={"name": name},
    )[0]


def ensure_moderators(*, program) -> Group:
    """The program's Moderators group: moderates its discussions, enters the admin for the
    report queue."""
    group, _ = Group.objects.get_or_create(name=f"Moderators · {program.title}"[:150])
    group.permissions.add(
        _permission(Discussion, "moderate_discussions", "Can moderate discussions"),
        _permission(Page, "view_page", "Can view page"),
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
    )
    for page in program.get_translations(inclusive=True):
        # A page permission that lets them edit nothing: the scope of their role.
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_permission(Page, "view_page", "Can view page")
        )
    return group


def _people(programs) -> dict:
    people = {
        key: site_demo.ensure_user(email, "culture-learner-2026", name=name)
        for key, (email, name) in LEARNERS.items()
    }
    people["naomi"] = site_demo.ensure_user(
        DEMO_MODERATOR_EMAIL, DEMO_MODERATOR_PASSWORD, name="Naomi Ueda"
    )
    for program in programs:
        people["naomi"].groups.add(ensure_moderators(program=program))
        for key in LEARNERS:
            enroll(learner=people[key], program=program)
    return people


def _post(people, discussion, who, text, parent=None):
    return discussions.post_comment(
        author=people[who],
        discussion=discussion,
        body=text,
        language="fr" if discussion.language == "fr" else "en",
        parent_id=parent.pk if parent else None,
        rate_limited=False,
    )


@transaction.atomic
def ensure_demo_discussions(*, programs) -> int:
    """Discussions in each demo course; returns how many courses got them."""
    people = _people(programs)
    seeded = 0
    for program in programs:
        for course in CoursePage.objects.child_of(program).live().order_by("path"):
            talk = TALKS.get(course.slug)
            if talk is None or Discussion.objects.filter(course=course).exists():
                continue
            _seed_course(people=people, course=course, talk=talk)
            seeded += 1
    return seeded


def _seed_course(*, people, course, talk: CourseTalk) -> None:
    naomi = people["naomi"]
    course_place = resolve_place(course_id=course.pk)
    welcome = discussions.create_discussion(
        author=naomi,
        place=course_place,
        title=f"Welcome to {course.title}",
        body=WELCOME.format(course=course.title),
        language="en",
        rate_limited=False,
    )
    moderation.set_pinned(user=naomi, discussion=welcome, pinned=True, reason="Welcome post")
    _post(people, welcome, "amara", "Bonjour from Dakar! I teach music at a lycée and want "
          "to bring these stories to my students.")  # fmt: skip
    _post(people, welcome, "lena", "Hello from Munich. I'm here because of a trip last year "
          "that I keep thinking about.")  # fmt: skip

    asker = talk.answers[-1][0] if talk.answers[-1][0] != talk.answers[0][0] else "chloe"
    question = discussions.create_discussion(
        author=people[asker],
        place=course_place,
        title=talk.question_title,
        body=talk.question,
        language="fr",
        kind=DiscussionKind.QUESTION,
        rate_limited=False,
    )
    best = _post(people, question, *talk.answers[0])
    _post(people, question, *talk.answers[1], parent=best)
    discussions.endorse(user=naomi, comment=best)
    discussions.accept_answer(user=people[asker], comment=best)

    module = ModulePage.objects.child_of(course).live().filter(module_type="discussion").first()
    module = module or ModulePage.objects.child_of(course).live().first()
    place = resolve_place(module_id=module.pk) if module else course_place
    starter = next(key for key in LEARNERS if key not in {who for who, _ in talk.replies})
    topic = discussions.create_discussion(
        author=people[starter],
        place=place,
        title=talk.topic_title,
        body=talk.topic,
        language="en",
        rate_limited=False,
    )
    parent = None
    for who, text in talk.replies:
        parent = _post(people, topic, who, text, parent=parent)
