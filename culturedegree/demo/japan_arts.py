"""Demo program, continued: the way of tea."""

from .spec import (
    Course,
    Item,
    Module,
    T,
    audio,
    document,
    embed,
    flashcards,
    image,
    quote,
    term,
    text,
    timeline,
)

TEA = Course(
    slug="the-way-of-tea",
    title=T("The Way of Tea", "La voie du thé"),
    summary=T(
        "How a cup of powdered tea became an art of hospitality.",
        "Comment une tasse de thé en poudre est devenue un art de l'hospitalité.",
    ),
    hours=10,
    prerequisites=["foundations-of-japanese-aesthetics"],
    objectives=[
        T("Trace the history of tea in Japan", "Retracer l'histoire du thé au Japon"),
        T(
            "Name the parts of a tea room and its utensils",
            "Nommer les parties d'un pavillon de thé et ses ustensiles",
        ),
        T("Plan a simple tea gathering", "Préparer une réunion de thé simple"),
    ],
    modules=[
        Module(
            slug="from-china-to-japan",
            title=T("From Chinese tea to Japanese ritual", "Du thé chinois au rituel japonais"),
            summary=T(
                "Monks, warlords and tea masters.", "Moines, seigneurs de guerre et maîtres de thé."
            ),
            module_type="lesson",
            minutes=40,
            items=[
                Item(
                    slug="eisai",
                    title=T("Eisai and powdered tea", "Eisai et le thé en poudre"),
                    item_type="text",
                    free_preview=True,
                    body=[
                        text(
                            T(
                                "The monk Eisai returned from Song China in 1191 with the "
                                "Zen teachings of the Rinzai school and the habit of whisking "
                                "powdered green tea.",
                                "Le moine Eisai revint de la Chine des Song en 1191 avec "
                                "l'enseignement zen de l'école Rinzai et l'habitude de battre "
                                "le thé vert en poudre.",
                            ),
                            T(
                                "In 1211 he wrote Kissa Yōjōki, a short book praising tea as "
                                "a medicine. Tea drinking spread from monasteries to the "
                                "warrior class.",
                                "En 1211, il écrivit le Kissa Yōjōki, un court ouvrage qui "
                                "vante le thé comme remède. L'usage du thé passa des "
                                "monastères à la classe des guerriers.",
                            ),
                        ),
                    ],
                ),
                Item(
                    slug="masters-of-tea",
                    title=T("Masters of tea", "Les maîtres de thé"),
                    item_type="interactive",
                    body=[
                        timeline(
                            T("Masters of tea", "Les maîtres de thé"),
                            (
                                1191,
                                "",
                                T("Eisai returns from China", "Eisai revient de Chine"),
                                T(
                                    "Powdered tea reaches Japanese monasteries.",
                                    "Le thé en poudre arrive dans les monastères japonais.",
                                ),
                            ),
                            (
                                1460,
                                T("15th century", "XVe siècle"),
                                T("Murata Jukō", "Murata Jukō"),
                                T(
                                    "Brings a simpler, Zen-minded tea to small rooms.",
                                    "Apporte un thé plus simple, imprégné de zen, dans de petites pièces.",
                                ),
                            ),
                            (
                                1540,
                                T("16th century", "XVIe siècle"),
                                T("Takeno Jōō", "Takeno Jōō"),
                                T(
                                    "Deepens the wabi style of tea.",
                                    "Approfondit le style wabi du thé.",
                                ),
                            ),
                            (
                                1587,
                                "",
                                T(
                                    "The Great Kitano Tea Gathering",
                                    "La grande réunion de thé de Kitano",
                                ),
                                T(
                                    "Toyotomi Hideyoshi invites people of every rank.",
                                    "Toyotomi Hideyoshi invite des gens de tous rangs.",
                                ),
                            ),
                            (
                                1591,
                                "",
                                T("Death of Sen no Rikyū", "Mort de Sen no Rikyū"),
                                T(
                                    "Ordered by Hideyoshi to take his own life.",
                                    "Contraint par Hideyoshi à se donner la mort.",
                                ),
                            ),
                        ),
                    ],
                ),
                Item(
                    slug="a-tea-bowl",
                    title=T("A tea bowl", "Un bol à thé"),
                    item_type="image",
                    body=[
                        image(
                            "tea-bowl",
                            T(
                                "A dark, hand-shaped tea bowl with green tea inside, on a wooden shelf.",
                                "Un bol à thé sombre, façonné à la main, contenant du thé vert, sur une étagère en bois.",
                            ),
                            T(
                                "Rikyū favoured plain bowls such as the raku ware of the potter Chōjirō.",
                                "Rikyū préférait les bols sobres, comme les raku du potier Chōjirō.",
                            ),
                        ),
                    ],
                ),
            ],
        ),
        Module(
            slug="the-tea-room",
            title=T("The tea room", "Le pavillon de thé"),
            summary=T(
                "A small room designed for equality and attention.",
                "Une petite pièce conçue pour l'égalité et l'attention.",
            ),
            module_type="lesson",
            minutes=35,
            items=[
                Item(
                    slug="four-and-a-half-mats",
                    title=T("Four and a half mats", "Quatre tatamis et demi"),
                    item_type="text",
                    body=[
                        text(
                            T(
                                "A classic small tea room measures four and a half tatami "
                                "mats. Guests enter through a low door, so everyone, whatever "
                                "their rank, must bow to come in.",
                                "Un pavillon de thé classique mesure quatre tatamis et demi. "
                                "Les invités entrent par une porte basse : chacun, quel que "
                                "soit son rang, doit s'incliner pour entrer.",
                            ),
                        ),
                        term(
                            "tokonoma",
                            T("toh-koh-noh-mah", "to-ko-no-ma"),
                            "ja",
                            T(
                                "The alcove where a scroll and flowers are shown.",
                                "L'alcôve où l'on expose un rouleau et des fleurs.",
                            ),
                        ),
                        term(
                            "nijiriguchi",
                            T("nee-jee-ree-goo-chee", "ni-dji-ri-gou-tchi"),
                            "ja",
                            T(
                                "The small crawl-in entrance of the tea room.",
                                "La petite entrée basse du pavillon de thé.",
                            ),
                        ),
                        term(
                            "roji",
                            T("roh-jee", "ro-dji"),
                            "ja",
                            T(
                                "The garden path that leads guests to the tea room.",
                                "Le chemin de jardin qui mène les invités au pavillon.",
                            ),
                        ),
                    ],
                ),
                Item(
                    slug="kyoto-on-the-map",
                    title=T("Kyoto on the map", "Kyoto sur la carte"),
                    item_type="interactive",
                    body=[
                        embed(
                            "https://www.openstreetmap.org/#map=12/35.0116/135.7681",
                            T("Kyoto", "Kyoto"),
                            T(
                                "The city where the great tea schools are based.",
                                "La ville où siègent les grandes écoles de thé.",
                            ),
                        ),
                    ],
                ),
                Item(
                    slug="a-quiet-interlude",
                    title=T("A quiet interlude", "Un interlude paisible"),
                    item_type="audio",
                    body=[
                        audio(
                            T("Interlude for a tea gathering", "Interlude pour une réunion de thé"),
                            "in",
                            196.0,
                            T(
                                "A slow synthesised phrase in the in scale, to listen to while "
                                "you imagine the sound of water heating in the kettle.",
                                "Une phrase lente synthétisée dans la gamme in, à écouter en "
                                "imaginant le bruit de l'eau qui chauffe dans la bouilloire.",
                            ),
                        ),
                    ],
                ),
            ],
        ),
        Module(
            slug="hosting-a-gathering",
            title=T("Hosting a gathering", "Recevoir pour le thé"),
            summary=T(
                "Principles and utensils, put into practice.",
                "Principes et ustensiles, mis en pratique.",
            ),
            module_type="project",
            minutes=60,
            items=[
                Item(
                    slug="four-principles",
                    title=T("The four principles", "Les quatre principes"),
                    item_type="text",
                    body=[
                        text(
                            T(
                                "The tea tradition that descends from Rikyū names four "
                                "principles: harmony (wa), respect (kei), purity (sei) and "
                                "tranquillity (jaku).",
                                "La tradition du thé issue de Rikyū nomme quatre principes : "
                                "l'harmonie (wa), le respect (kei), la pureté (sei) et la "
                                "tranquillité (jaku).",
                            ),
                            T(
                                "Project: invite one or two people for tea. Choose one object "
                                "to display, and write a few lines on how each principle "
                                "guided you.",
                                "Projet : invitez une ou deux personnes pour le thé. Choisissez "
                                "un objet à exposer et écrivez quelques lignes sur la façon "
                                "dont chaque principe vous a guidé.",
                            ),
                        ),
                        quote(
                            T(
                                "Ichigo ichie: one time, one meeting.",
                                "Ichigo ichie : une fois, une rencontre.",
                            ),
                            T("A saying of the tea tradition", "Un dicton de la tradition du thé"),
                        ),
                    ],
                ),
                Item(
                    slug="utensils",
                    title=T("Utensils of tea", "Les ustensiles du thé"),
                    item_type="interactive",
                    body=[
                        flashcards(
                            T("Utensils", "Ustensiles"),
                            (T("chawan", "chawan"), T("The tea bowl.", "Le bol à thé.")),
                            (T("chasen", "chasen"), T("The bamboo whisk.", "Le fouet en bambou.")),
                            (
                                T("chashaku", "chashaku"),
                                T("The bamboo tea scoop.", "La cuillère à thé en bambou."),
                            ),
                            (
                                T("natsume", "natsume"),
                                T(
                                    "The lacquered caddy for thin tea.",
                                    "La boîte laquée pour le thé léger.",
                                ),
                            ),
                            (T("kama", "kama"), T("The iron kettle.", "La bouilloire en fonte.")),
                        ),
                    ],
                ),
                Item(
                    slug="gathering-checklist",
                    title=T("Gathering checklist", "Liste pour la réunion de thé"),
                    item_type="document",
                    body=[
                        document(
                            T("Tea gathering checklist", "Liste pour une réunion de thé"),
                            T(
                                "A one-page checklist for your project.",
                                "Une liste d'une page pour votre projet.",
                            ),
                            "Sweep the path and sprinkle it with water.",
                            "Hang one scroll; place one flower.",
                            "Heat the water; warm the bowl.",
                            "Whisk, serve, and clean each utensil in front of the guest.",
                        ),
                    ],
                ),
            ],
        ),
    ],
)
