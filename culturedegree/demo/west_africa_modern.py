"""Demo program, continued: modern West African styles (English)."""

from .spec import (
    Course,
    Item,
    Module,
    audio,
    document,
    embed,
    flashcards,
    quote,
    text,
    timeline,
    video,
)

MODERN = Course(
    slug="modern-sounds",
    title="Modern Sounds: Highlife to Afrobeat",
    summary="How twentieth-century cities mixed old rhythms with guitars and horns.",
    hours=9,
    prerequisites=["griots-and-the-oral-tradition"],
    objectives=[
        "Describe highlife, Afrobeat and mbalax",
        "Connect each style to its city and its time",
        "Explain the political voice of Afrobeat",
    ],
    modules=[
        Module(
            slug="highlife",
            title="Highlife",
            summary="Dance bands of the Gold Coast.",
            module_type="lesson",
            minutes=35,
            items=[
                Item(
                    slug="king-of-highlife",
                    title="The King of Highlife",
                    item_type="text",
                    body=[
                        text(
                            "Highlife grew in the Gold Coast, today's Ghana, in the early "
                            "twentieth century, joining local rhythms to brass bands and "
                            "guitars. In the 1950s the bandleader E. T. Mensah was hailed as "
                            "its king.",
                        ),
                    ],
                ),
                Item(
                    slug="highlife-words",
                    title="Words of highlife",
                    item_type="interactive",
                    body=[
                        flashcards(
                            "Words of highlife",
                            (
                                "palm-wine music",
                                "Guitar music of bars and gatherings, an ancestor of guitar highlife.",
                            ),
                            ("dance-band highlife", "Big-band highlife with horns, for ballrooms."),
                            (
                                "guitar band",
                                "Smaller groups led by guitar, often touring with concert parties.",
                            ),
                        ),
                    ],
                ),
                Item(
                    slug="independence-sounds",
                    title="Sounds of independence",
                    item_type="interactive",
                    body=[
                        timeline(
                            "Music and independence",
                            (
                                1957,
                                "",
                                "Ghana independent",
                                "Highlife is the sound of the celebrations.",
                            ),
                            (
                                1960,
                                "",
                                "Nigeria and Mali independent",
                                "A year of new states across West Africa.",
                            ),
                            (1970, "", "Africa 70", "Fela Kuti names his band Africa 70."),
                            (
                                1977,
                                "",
                                "Kalakuta raided",
                                "Soldiers attack Fela's compound after the album Zombie.",
                            ),
                        ),
                    ],
                ),
            ],
        ),
        Module(
            slug="afrobeat",
            title="Afrobeat",
            summary="Fela Kuti, Tony Allen and the long groove.",
            module_type="lesson",
            minutes=40,
            items=[
                Item(
                    slug="fela-and-tony-allen",
                    title="Fela and Tony Allen",
                    item_type="text",
                    body=[
                        text(
                            "In Lagos in the late 1960s and 1970s, Fela Kuti (1938–1997) and "
                            "the drummer Tony Allen built Afrobeat from highlife, jazz, funk "
                            "and Yoruba rhythms: long pieces, interlocking guitars and horns, "
                            "and lyrics that mocked military rule.",
                        ),
                        quote(
                            "The groove comes first; the argument rides on top of it.",
                            "A way to listen to Afrobeat",
                        ),
                    ],
                ),
                Item(
                    slug="groove-clip",
                    title="Watching a build-up",
                    item_type="video",
                    body=[
                        video(
                            "A slow build",
                            "The light in this clip rises slowly, layer after layer, as an "
                            "Afrobeat piece adds one instrument at a time before the voice "
                            "comes in.",
                        ),
                    ],
                ),
                Item(
                    slug="afrobeat-notes",
                    title="Afrobeat notes",
                    item_type="document",
                    body=[
                        document(
                            "Afrobeat listening notes",
                            "Questions to ask of any Afrobeat piece.",
                            "Which instrument starts, and what does each add?",
                            "How long before the voice enters?",
                            "Who or what do the lyrics criticise?",
                        ),
                    ],
                ),
            ],
        ),
        Module(
            slug="sahel-sounds",
            title="Mbalax and the Sahel sound",
            summary="Dakar's sabar drums and the guitars of northern Mali.",
            module_type="discussion",
            minutes=30,
            items=[
                Item(
                    slug="mbalax-and-desert-blues",
                    title="Mbalax and desert blues",
                    item_type="text",
                    body=[
                        text(
                            "In Senegal, Youssou N'Dour made mbalax famous, setting the fast "
                            "rhythms of sabar drums under pop songs sung in Wolof.",
                            "In northern Mali, Ali Farka Touré (1939–2006) played guitar "
                            "music that listeners abroad called desert blues, and Tuareg "
                            "groups such as Tinariwen carried a related sound worldwide.",
                        ),
                    ],
                ),
                Item(
                    slug="dakar-on-the-map",
                    title="Dakar on the map",
                    item_type="interactive",
                    body=[
                        embed(
                            "https://www.openstreetmap.org/#map=11/14.7167/-17.4677",
                            "Dakar",
                            "The capital of Senegal and of mbalax.",
                        ),
                    ],
                ),
                Item(
                    slug="evening-listening",
                    title="Evening listening",
                    item_type="audio",
                    body=[
                        audio(
                            "A closing phrase",
                            "kora",
                            196.0,
                            "A last synthesised kora-style phrase to close the program. "
                            "Discuss: which modern style keeps most of the griot's role?",
                        ),
                    ],
                ),
            ],
        ),
    ],
)
