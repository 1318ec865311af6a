"""Demo program, continued: calligraphy, ink painting and woodblock prints."""

from .spec import (
    Course,
    Item,
    Module,
    T,
    document,
    flashcards,
    image,
    text,
    timeline,
    video,
)

INK = Course(
    slug="ink-paper-and-print",
    title=T("Ink, Paper and Print", "Encre, papier et estampe"),
    summary=T(
        "Calligraphy, ink painting and the woodblock prints of the floating world.",
        "La calligraphie, la peinture à l'encre et les estampes du monde flottant.",
    ),
    hours=10,
    prerequisites=["foundations-of-japanese-aesthetics"],
    objectives=[
        T(
            "Describe the tools and styles of calligraphy",
            "Décrire les outils et les styles de la calligraphie",
        ),
        T(
            "Explain how ink painting builds depth",
            "Expliquer comment la peinture à l'encre crée la profondeur",
        ),
        T(
            "Describe who made a woodblock print, and how",
            "Décrire qui fabriquait une estampe, et comment",
        ),
    ],
    modules=[
        Module(
            slug="calligraphy",
            title=T("Calligraphy (shodō)", "La calligraphie (shodō)"),
            summary=T(
                "The brush, the ink and three styles of writing.",
                "Le pinceau, l'encre et trois styles d'écriture.",
            ),
            module_type="lesson",
            minutes=40,
            items=[
                Item(
                    slug="four-treasures",
                    title=T("The four treasures", "Les quatre trésors"),
                    item_type="text",
                    free_preview=True,
                    body=[
                        text(
                            T(
                                "Calligraphers speak of the four treasures of the study: the "
                                "brush, the ink stick, the inkstone and the paper.",
                                "Les calligraphes parlent des quatre trésors du lettré : le "
                                "pinceau, le bâton d'encre, la pierre à encre et le papier.",
                            ),
                            T(
                                "Three styles range from the careful regular script (kaisho) "
                                "through the semi-cursive (gyōsho) to the flowing cursive "
                                "(sōsho).",
                                "Trois styles vont de l'écriture régulière et soignée (kaisho) "
                                "à la cursive fluide (sōsho), en passant par la semi-cursive "
                                "(gyōsho).",
                            ),
                        ),
                    ],
                ),
                Item(
                    slug="an-enso",
                    title=T("An ensō", "Un ensō"),
                    item_type="image",
                    body=[
                        image(
                            "enso",
                            T(
                                "A black ink circle drawn in one stroke on cream paper, with a small red seal.",
                                "Un cercle à l'encre noire tracé d'un seul geste sur un papier crème, avec un petit sceau rouge.",
                            ),
                            T(
                                "In Zen practice the ensō is drawn in a single breath.",
                                "Dans la pratique zen, l'ensō se trace d'un seul souffle.",
                            ),
                        ),
                    ],
                ),
                Item(
                    slug="scripts",
                    title=T("The scripts of Japanese", "Les écritures du japonais"),
                    item_type="interactive",
                    body=[
                        flashcards(
                            T("Scripts and styles", "Écritures et styles"),
                            (
                                T("kanji", "kanji"),
                                T(
                                    "Characters borrowed from Chinese.",
                                    "Caractères empruntés au chinois.",
                                ),
                            ),
                            (
                                T("hiragana", "hiragana"),
                                T(
                                    "A rounded syllabary, once linked to court women's writing.",
                                    "Un syllabaire arrondi, autrefois associé à l'écriture des dames de la cour.",
                                ),
                            ),
                            (
                                T("katakana", "katakana"),
                                T(
                                    "An angular syllabary, used today for foreign words.",
                                    "Un syllabaire anguleux, utilisé aujourd'hui pour les mots étrangers.",
                                ),
                            ),
                            (
                                T("sōsho", "sōsho"),
                                T("The flowing cursive style.", "Le style cursif et fluide."),
                            ),
                        ),
                    ],
                ),
            ],
        ),
        Module(
            slug="ink-painting",
            title=T("Ink painting (suibokuga)", "La peinture à l'encre (suibokuga)"),
            summary=T("Depth from a single colour.", "La profondeur avec une seule couleur."),
            module_type="lesson",
            minutes=35,
            items=[
                Item(
                    slug="sesshu",
                    title=T("Sesshū and the art of ink", "Sesshū et l'art de l'encre"),
                    item_type="text",
                    body=[
                        text(
                            T(
                                "Sesshū Tōyō (1420–1506), a Zen monk, travelled to Ming China "
                                "in 1467 and came back to paint landscapes of great force.",
                                "Sesshū Tōyō (1420-1506), moine zen, se rendit dans la Chine "
                                "des Ming en 1467 et en revint pour peindre des paysages d'une "
                                "grande force.",
                            ),
                            T(
                                "His splashed-ink landscape of 1495 builds mountains from a "
                                "few quick washes, pale for distance and dark for what is near.",
                                "Son paysage à l'encre éclaboussée de 1495 bâtit des montagnes "
                                "en quelques lavis rapides, pâles pour le lointain, sombres "
                                "pour le proche.",
                            ),
                        ),
                    ],
                ),
                Item(
                    slug="layers-of-a-landscape",
                    title=T("Layers of a landscape", "Les plans d'un paysage"),
                    item_type="video",
                    body=[
                        video(
                            T("From pale to dark", "Du pâle au sombre"),
                            T(
                                "Watch how the far hills stay pale while the near ones grow "
                                "dark. Ink painters use the same layering of tone to show "
                                "distance.",
                                "Observez comment les collines lointaines restent pâles tandis "
                                "que les plus proches s'assombrissent. Les peintres à l'encre "
                                "utilisent ce même étagement des tons pour montrer la distance.",
                            ),
                        ),
                    ],
                ),
                Item(
                    slug="practice-sheet",
                    title=T("Practice sheet", "Fiche d'exercice"),
                    item_type="document",
                    body=[
                        document(
                            T("Ink wash practice sheet", "Fiche d'exercice de lavis"),
                            T(
                                "Five short exercises in ink tone.",
                                "Cinq exercices courts sur les tons d'encre.",
                            ),
                            "1. Grind ink until it is dark; make a wash of three tones.",
                            "2. Paint three hills, palest first.",
                            "3. Paint a branch in one stroke.",
                            "4. Leave half the paper empty.",
                            "5. Compare your sheet with a friend's.",
                        ),
                    ],
                ),
            ],
        ),
        Module(
            slug="woodblock-prints",
            title=T("Woodblock prints (ukiyo-e)", "Les estampes (ukiyo-e)"),
            summary=T("Pictures of the floating world.", "Images du monde flottant."),
            module_type="project",
            minutes=50,
            items=[
                Item(
                    slug="the-floating-world",
                    title=T("Pictures of the floating world", "Images du monde flottant"),
                    item_type="text",
                    body=[
                        text(
                            T(
                                "Ukiyo-e flourished in the cities of the Edo period. A print "
                                "was the work of four people: a publisher, a designer, a "
                                "carver and a printer.",
                                "L'ukiyo-e s'épanouit dans les villes de l'époque d'Edo. Une "
                                "estampe était l'œuvre de quatre personnes : un éditeur, un "
                                "dessinateur, un graveur et un imprimeur.",
                            ),
                            T(
                                "Project: choose a print by Hokusai or Hiroshige and describe "
                                "how it uses space, line and colour.",
                                "Projet : choisissez une estampe d'Hokusai ou d'Hiroshige et "
                                "décrivez comment elle utilise l'espace, la ligne et la couleur.",
                            ),
                        ),
                    ],
                ),
                Item(
                    slug="waves",
                    title=T("Waves", "Vagues"),
                    item_type="image",
                    body=[
                        image(
                            "waves",
                            T(
                                "Rows of blue waves with a small white peak behind them.",
                                "Des rangées de vagues bleues avec un petit sommet blanc à l'arrière.",
                            ),
                            T(
                                "An illustration inspired by the layered blues of woodblock prints.",
                                "Une illustration inspirée des bleus étagés des estampes.",
                            ),
                        ),
                    ],
                ),
                Item(
                    slug="ukiyo-e-milestones",
                    title=T("Milestones of ukiyo-e", "Les jalons de l'ukiyo-e"),
                    item_type="interactive",
                    body=[
                        timeline(
                            T("Milestones of ukiyo-e", "Les jalons de l'ukiyo-e"),
                            (
                                1765,
                                "",
                                T("Full-colour prints", "Estampes en couleurs"),
                                T(
                                    "Suzuki Harunobu's brocade prints (nishiki-e).",
                                    "Les estampes « de brocart » (nishiki-e) de Suzuki Harunobu.",
                                ),
                            ),
                            (
                                1831,
                                T("c. 1831", "vers 1831"),
                                T("Hokusai's great wave", "La grande vague d'Hokusai"),
                                T(
                                    "From Thirty-six Views of Mount Fuji.",
                                    "Tirée des Trente-six vues du mont Fuji.",
                                ),
                            ),
                            (
                                1833,
                                "",
                                T("Hiroshige's Tōkaidō", "Le Tōkaidō d'Hiroshige"),
                                T(
                                    "The Fifty-three Stations of the Tōkaidō.",
                                    "Les Cinquante-trois relais du Tōkaidō.",
                                ),
                            ),
                            (
                                1867,
                                "",
                                T("Paris Exposition", "Exposition universelle de Paris"),
                                T(
                                    "Japanese works feed the taste called Japonisme.",
                                    "Les œuvres japonaises nourrissent le goût appelé japonisme.",
                                ),
                            ),
                        ),
                    ],
                ),
            ],
        ),
    ],
)
