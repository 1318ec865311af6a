"""Demo program: Japanese Arts and Aesthetics, written in English and French."""

from .japan_arts import TEA
from .japan_ink import INK
from .spec import (
    Course,
    Item,
    Module,
    Program,
    Requirement,
    T,
    audio,
    document,
    flashcards,
    image,
    quote,
    term,
    text,
    timeline,
    video,
)

FOUNDATIONS = Course(
    slug="foundations-of-japanese-aesthetics",
    title=T("Foundations of Japanese Aesthetics", "Les fondements de l'esthétique japonaise"),
    summary=T(
        "Three ideas that run through Japanese art: wabi-sabi, mono no aware and ma.",
        "Trois idées qui traversent l'art japonais : wabi-sabi, mono no aware et ma.",
    ),
    hours=8,
    objectives=[
        T(
            "Explain wabi-sabi, mono no aware and ma in your own words",
            "Expliquer wabi-sabi, mono no aware et ma avec vos propres mots",
        ),
        T(
            "Recognise these ideas in a garden, a poem or a bowl",
            "Reconnaître ces idées dans un jardin, un poème ou un bol",
        ),
        T(
            "Place the main periods of Japanese art in order",
            "Situer dans l'ordre les grandes périodes de l'art japonais",
        ),
    ],
    modules=[
        Module(
            slug="wabi-sabi",
            title=T("Wabi-sabi: beauty in imperfection", "Wabi-sabi : la beauté de l'imparfait"),
            summary=T(
                "Why a cracked bowl can be more admired than a flawless one.",
                "Pourquoi un bol fêlé peut être plus admiré qu'un bol parfait.",
            ),
            module_type="lesson",
            minutes=40,
            items=[
                Item(
                    slug="what-wabi-sabi-means",
                    title=T("What wabi-sabi means", "Ce que signifie wabi-sabi"),
                    item_type="text",
                    free_preview=True,
                    body=[
                        text(
                            T(
                                "Wabi-sabi joins two old words. Wabi first described the "
                                "loneliness of living far from society; it came to mean a quiet, "
                                "chosen simplicity. Sabi is the beauty that comes with age: "
                                "weathered wood, worn stone, the patina on a kettle.",
                                "Wabi-sabi réunit deux mots anciens. Wabi désignait d'abord la "
                                "solitude d'une vie éloignée de la société ; il en est venu à "
                                "signifier une simplicité calme et choisie. Sabi est la beauté "
                                "qui vient avec l'âge : le bois patiné, la pierre usée, la "
                                "patine d'une bouilloire.",
                            ),
                            T(
                                "Together they describe an aesthetic that values the "
                                "imperfect, the impermanent and the incomplete. Tea masters of "
                                "the sixteenth century made it the spirit of the tea room.",
                                "Ensemble, ils décrivent une esthétique qui valorise "
                                "l'imparfait, l'éphémère et l'inachevé. Les maîtres de thé du "
                                "XVIe siècle en ont fait l'esprit du pavillon de thé.",
                            ),
                        ),
                        term(
                            "wabi-sabi",
                            T("wah-bee sah-bee", "oua-bi sa-bi"),
                            "ja",
                            T(
                                "An aesthetic of simple, imperfect and impermanent things.",
                                "Une esthétique des choses simples, imparfaites et éphémères.",
                            ),
                        ),
                        quote(
                            T(
                                "A bowl repaired with gold does not hide its history; it shows it.",
                                "Un bol réparé à l'or ne cache pas son histoire : il la montre.",
                            ),
                            T(
                                "On kintsugi, the art of golden repair",
                                "À propos du kintsugi, l'art de la réparation à l'or",
                            ),
                        ),
                    ],
                ),
                Item(
                    slug="watching-light-change",
                    title=T("Watching light change", "Regarder la lumière changer"),
                    item_type="video",
                    body=[
                        video(
                            T("Dawn over the hills", "L'aube sur les collines"),
                            T(
                                "Before sunrise the hills are only outlines. As the sun "
                                "climbs, each ridge takes on its own colour.",
                                "Avant l'aube, les collines ne sont que des silhouettes. À "
                                "mesure que le soleil monte, chaque crête prend sa propre "
                                "couleur.",
                            ),
                            T(
                                "Nothing in the scene is still: this is the impermanence that "
                                "wabi-sabi asks us to notice.",
                                "Rien dans cette scène n'est immobile : c'est l'impermanence "
                                "que le wabi-sabi nous invite à remarquer.",
                            ),
                        ),
                    ],
                ),
                Item(
                    slug="key-words",
                    title=T(
                        "Key words of Japanese aesthetics", "Mots clés de l'esthétique japonaise"
                    ),
                    item_type="interactive",
                    body=[
                        flashcards(
                            T("Key words", "Mots clés"),
                            (
                                T("wabi", "wabi"),
                                T("Quiet, chosen simplicity.", "Une simplicité calme et choisie."),
                            ),
                            (
                                T("sabi", "sabi"),
                                T(
                                    "The beauty of age and wear.",
                                    "La beauté de l'âge et de l'usure.",
                                ),
                            ),
                            (
                                T("mono no aware", "mono no aware"),
                                T(
                                    "A gentle sadness at the passing of things.",
                                    "Une douce tristesse devant le passage des choses.",
                                ),
                            ),
                            (
                                T("ma", "ma"),
                                T(
                                    "Meaningful space or pause.",
                                    "Un espace ou une pause chargés de sens.",
                                ),
                            ),
                            (
                                T("yūgen", "yūgen"),
                                T("Deep, mysterious grace.", "Une grâce profonde et mystérieuse."),
                            ),
                        ),
                    ],
                ),
            ],
        ),
        Module(
            slug="mono-no-aware",
            title=T("Mono no aware: the pathos of things", "Mono no aware : l'émotion des choses"),
            summary=T(
                "The feeling that beauty is sharper because it passes.",
                "Le sentiment que la beauté est plus vive parce qu'elle passe.",
            ),
            module_type="lesson",
            minutes=35,
            items=[
                Item(
                    slug="norinaga-and-genji",
                    title=T("Norinaga and The Tale of Genji", "Norinaga et le Dit du Genji"),
                    item_type="text",
                    body=[
                        text(
                            T(
                                "The Tale of Genji was written by Murasaki Shikibu, a lady of "
                                "the Heian court, in the early eleventh century.",
                                "Le Dit du Genji a été écrit par Murasaki Shikibu, dame de la "
                                "cour de Heian, au début du XIe siècle.",
                            ),
                            T(
                                "Seven centuries later the scholar Motoori Norinaga "
                                "(1730–1801) argued that its heart was mono no aware: a "
                                "sensitivity to things that moves us because they do not last.",
                                "Sept siècles plus tard, le lettré Motoori Norinaga "
                                "(1730-1801) soutint que son cœur était le mono no aware : une "
                                "sensibilité aux choses qui nous émeut parce qu'elles ne durent "
                                "pas.",
                            ),
                        ),
                        term(
                            "mono no aware",
                            T("moh-noh noh ah-wah-reh", "mo-no no a-oua-ré"),
                            "ja",
                            T(
                                "The pathos of things: a feeling for their passing.",
                                "L'émotion des choses : la sensibilité à leur passage.",
                            ),
                        ),
                    ],
                ),
                Item(
                    slug="a-landscape-at-dawn",
                    title=T("A landscape at dawn", "Un paysage à l'aube"),
                    item_type="image",
                    body=[
                        image(
                            "dawn",
                            T(
                                "Layered hills in red and violet under a pale rising sun.",
                                "Des collines étagées, rouges et violettes, sous un pâle soleil "
                                "levant.",
                            ),
                            T(
                                "A moment that will not come again in the same way.",
                                "Un instant qui ne reviendra pas de la même façon.",
                            ),
                        ),
                        text(
                            T(
                                "Look at the picture for a full minute. Which part would you "
                                "miss first if the light changed?",
                                "Regardez l'image pendant une minute entière. Quelle partie "
                                "vous manquerait d'abord si la lumière changeait ?",
                            )
                        ),
                    ],
                ),
                Item(
                    slug="listening-to-a-scale",
                    title=T("Listening to the in scale", "Écouter la gamme in"),
                    item_type="audio",
                    body=[
                        audio(
                            T("A phrase in the in scale", "Une phrase dans la gamme in"),
                            "in",
                            293.66,
                            T(
                                "A synthesised plucked string walks up and down the in scale, "
                                "a five-note scale with two half steps that is heard in koto "
                                "music.",
                                "Une corde pincée synthétisée monte et descend la gamme in, une "
                                "gamme de cinq notes comprenant deux demi-tons, que l'on entend "
                                "dans la musique pour koto.",
                            ),
                        ),
                    ],
                ),
            ],
        ),
        Module(
            slug="ma",
            title=T("Ma: the space between", "Ma : l'espace entre les choses"),
            summary=T(
                "Pauses, gaps and empty space as part of the work.",
                "Les pauses, les intervalles et le vide comme partie de l'œuvre.",
            ),
            module_type="discussion",
            minutes=30,
            items=[
                Item(
                    slug="intervals",
                    title=T("Intervals in space and time", "Intervalles dans l'espace et le temps"),
                    item_type="text",
                    body=[
                        text(
                            T(
                                "Ma names the interval between things. In a room it is the "
                                "open floor; in Noh theatre, the stillness between movements; "
                                "in music, the silence that shapes the next note.",
                                "Ma désigne l'intervalle entre les choses. Dans une pièce, "
                                "c'est le sol laissé libre ; dans le théâtre nô, l'immobilité "
                                "entre deux gestes ; en musique, le silence qui donne forme à "
                                "la note suivante.",
                            ),
                            T(
                                "Discuss: where in your own surroundings does empty space do "
                                "some of the work?",
                                "À discuter : dans votre environnement, où le vide joue-t-il un "
                                "rôle ?",
                            ),
                        ),
                    ],
                ),
                Item(
                    slug="reading-list",
                    title=T("Reading list", "Liste de lecture"),
                    item_type="document",
                    body=[
                        document(
                            T(
                                "Japanese aesthetics: reading list",
                                "Esthétique japonaise : liste de lecture",
                            ),
                            T(
                                "Primary texts and introductions to read alongside the course.",
                                "Textes de référence et introductions à lire en parallèle du "
                                "cours.",
                            ),
                            "Murasaki Shikibu, The Tale of Genji (early 11th century).",
                            "Kamo no Chōmei, Hōjōki, An Account of My Hut (1212).",
                            "Yoshida Kenkō, Tsurezuregusa, Essays in Idleness (c. 1330).",
                            "Okakura Kakuzō, The Book of Tea (1906).",
                            "Tanizaki Jun'ichirō, In Praise of Shadows (1933).",
                        ),
                    ],
                ),
                Item(
                    slug="periods-of-japanese-art",
                    title=T("Periods of Japanese art", "Les périodes de l'art japonais"),
                    item_type="interactive",
                    body=[
                        timeline(
                            T("Periods of Japanese art", "Les périodes de l'art japonais"),
                            (
                                710,
                                "",
                                T("Nara period", "Époque de Nara"),
                                T(
                                    "A capital modelled on Tang China.",
                                    "Une capitale sur le modèle de la Chine des Tang.",
                                ),
                            ),
                            (
                                794,
                                "",
                                T("Heian period", "Époque de Heian"),
                                T(
                                    "Court literature flowers in Kyoto.",
                                    "La littérature de cour s'épanouit à Kyoto.",
                                ),
                            ),
                            (
                                1185,
                                "",
                                T("Kamakura period", "Époque de Kamakura"),
                                T(
                                    "Warrior government; Zen spreads.",
                                    "Gouvernement des guerriers ; le zen se répand.",
                                ),
                            ),
                            (
                                1336,
                                "",
                                T("Muromachi period", "Époque de Muromachi"),
                                T(
                                    "Ink painting, Noh and the tea room take shape.",
                                    "La peinture à l'encre, le nô et le pavillon de thé prennent forme.",
                                ),
                            ),
                            (
                                1573,
                                "",
                                T("Azuchi-Momoyama period", "Époque Azuchi-Momoyama"),
                                T(
                                    "Castles, gold screens and Sen no Rikyū.",
                                    "Châteaux, paravents dorés et Sen no Rikyū.",
                                ),
                            ),
                            (
                                1603,
                                "",
                                T("Edo period", "Époque d'Edo"),
                                T(
                                    "Peace, cities and the woodblock print.",
                                    "Paix, villes et estampe sur bois.",
                                ),
                            ),
                            (
                                1868,
                                "",
                                T("Meiji era", "Ère Meiji"),
                                T(
                                    "Japan opens to the world and Western art.",
                                    "Le Japon s'ouvre au monde et à l'art occidental.",
                                ),
                            ),
                        ),
                    ],
                ),
            ],
        ),
    ],
)

JAPAN = Program(
    slug="japanese-arts-and-aesthetics",
    title=T("Japanese Arts and Aesthetics", "Arts et esthétique du Japon"),
    summary=T(
        "Learn the ideas that shape Japanese art, wabi-sabi, mono no aware and ma, and follow "
        "them through the tea ceremony, calligraphy, ink painting and woodblock prints.",
        "Découvrez les idées qui façonnent l'art japonais, wabi-sabi, mono no aware et ma, et "
        "suivez-les à travers la cérémonie du thé, la calligraphie, la peinture à l'encre et "
        "l'estampe.",
    ),
    difficulty="beginner",
    weeks=9,
    thumbnail="enso",
    overview=[
        text(
            T(
                "This program starts with three ideas and then tests them against real "
                "practices. You will finish able to look at a bowl, a scroll or a print and "
                "say what its makers valued.",
                "Ce programme part de trois idées puis les confronte à des pratiques réelles. "
                "Vous saurez ensuite regarder un bol, un rouleau ou une estampe et dire ce "
                "que ses auteurs valorisaient.",
            )
        ),
        quote(
            T(
                "Simplicity is not the absence of things but the presence of attention.",
                "La simplicité n'est pas l'absence de choses mais la présence de l'attention.",
            ),
            T("A guiding thought of this program", "Une idée directrice de ce programme"),
        ),
        image(
            "enso",
            T(
                "A black ink circle drawn in one stroke on cream paper, with a small red seal.",
                "Un cercle à l'encre noire tracé d'un seul geste sur un papier crème, avec un petit sceau rouge.",
            ),
            T(
                "The ensō, a circle drawn in one breath.",
                "L'ensō, un cercle tracé d'un seul souffle.",
            ),
        ),
    ],
    courses=[FOUNDATIONS, TEA, INK],
    requirements=[
        Requirement(
            "required_courses",
            T("Required course", "Cours obligatoire"),
            ["foundations-of-japanese-aesthetics"],
        ),
        Requirement(
            "elective_group",
            T("Choose an art to study in depth", "Choisissez un art à approfondir"),
            ["the-way-of-tea", "ink-paper-and-print"],
            min_required=1,
        ),
    ],
    translate_to=("fr",),
)
