"""Demo program: Music and Memory in West Africa (English)."""

from .spec import (
    Course,
    Item,
    Module,
    Program,
    Requirement,
    audio,
    document,
    embed,
    flashcards,
    image,
    quote,
    term,
    text,
    timeline,
    video,
)
from .west_africa_modern import MODERN

GRIOTS = Course(
    slug="griots-and-the-oral-tradition",
    title="Griots and the Oral Tradition",
    summary="The hereditary musicians and historians of the Mande world, and the epic they keep.",
    hours=8,
    objectives=[
        "Describe the role of the jeli in Mande society",
        "Retell the outline of the Sundiata epic",
        "Place the Mali Empire on a map and in time",
    ],
    modules=[
        Module(
            slug="who-are-the-griots",
            title="Who are the griots?",
            summary="Musicians, genealogists, advisers and go-betweens.",
            module_type="lesson",
            minutes=40,
            items=[
                Item(
                    slug="keepers-of-memory",
                    title="Keepers of memory",
                    item_type="text",
                    free_preview=True,
                    body=[
                        text(
                            "In the Mande languages of Mali, Guinea, Senegal and The Gambia, a "
                            "griot is called a jeli. The role is hereditary: families such as "
                            "the Kouyaté and the Diabaté have passed it down for centuries.",
                            "A jeli recites genealogies, sings praise, advises leaders and "
                            "speaks for families at weddings and in disputes. Before writing "
                            "was widespread, the jeli was the archive.",
                        ),
                        term(
                            "jeli",
                            "JEH-lee",
                            "bm",
                            "A hereditary musician and oral historian of the Mande peoples.",
                        ),
                    ],
                ),
                Item(
                    slug="a-kora-line",
                    title="A kora-style line",
                    item_type="audio",
                    body=[
                        audio(
                            "A plucked line in a kora-style tuning",
                            "kora",
                            220.0,
                            "A synthesised plucked string plays a rising and falling "
                            "pentatonic line, the kind of repeating pattern (kumbengo) over "
                            "which a kora player improvises.",
                        ),
                    ],
                ),
                Item(
                    slug="words-of-the-griot",
                    title="Words of the griot's art",
                    item_type="interactive",
                    body=[
                        flashcards(
                            "Words of the griot's art",
                            ("jeli", "A hereditary musician and oral historian."),
                            ("jeliya", "The art and knowledge of the jeli."),
                            ("kumbengo", "The repeating accompaniment pattern on the kora."),
                            ("birimintingo", "The improvised runs between sung passages."),
                            ("fasa", "A praise song for a family or a person."),
                        ),
                    ],
                ),
            ],
        ),
        Module(
            slug="the-epic-of-sundiata",
            title="The Epic of Sundiata",
            summary="The founding story of the Mali Empire, as griots tell it.",
            module_type="lesson",
            minutes=45,
            items=[
                Item(
                    slug="the-lion-of-mali",
                    title="The lion of Mali",
                    item_type="text",
                    body=[
                        text(
                            "Sundiata Keita, the founder of the Mali Empire, was born unable "
                            "to walk, the epic says, and rose to defeat Sumanguru, the "
                            "sorcerer-king of Sosso, at the battle of Kirina around 1235.",
                            "The epic lives in performance, and each griot tells it a little "
                            "differently. A well-known version, told by the griot Mamadou "
                            "Kouyaté, was written down in French by the historian Djibril "
                            "Tamsir Niane and published in 1960.",
                        ),
                        quote(
                            "In Africa, when an old person dies, a library burns.",
                            "Amadou Hampâté Bâ, as his 1960 words at UNESCO are usually quoted",
                        ),
                    ],
                ),
                Item(
                    slug="the-mali-empire",
                    title="The Mali Empire in time",
                    item_type="interactive",
                    body=[
                        timeline(
                            "The Mali Empire and after",
                            (1235, "c. 1235", "Battle of Kirina", "Sundiata defeats Sumanguru."),
                            (
                                1324,
                                "",
                                "Mansa Musa's pilgrimage",
                                "His gold in Cairo becomes legend.",
                            ),
                            (
                                1352,
                                "1352–1353",
                                "Ibn Battuta visits Mali",
                                "He describes the court of Mansa Sulayman.",
                            ),
                            (
                                1468,
                                "",
                                "Songhai takes Timbuktu",
                                "Sonni Ali's Songhai rises as Mali declines.",
                            ),
                            (1591, "", "Battle of Tondibi", "A Moroccan army defeats Songhai."),
                        ),
                    ],
                ),
                Item(
                    slug="a-mosque-of-earth",
                    title="A mosque of earth",
                    item_type="image",
                    body=[
                        image(
                            "mosque",
                            "A mud-brick mosque with five towers studded with wooden beams, under a pale sky.",
                            "The Sudano-Sahelian style, whose beams (toron) also serve as scaffolding for replastering.",
                        ),
                    ],
                ),
            ],
        ),
        Module(
            slug="griots-today",
            title="Griots today",
            summary="From royal courts to recording studios.",
            module_type="discussion",
            minutes=30,
            items=[
                Item(
                    slug="from-courts-to-radio",
                    title="From courts to radio",
                    item_type="text",
                    body=[
                        text(
                            "Griots still sing at weddings and naming ceremonies, and many "
                            "now record and tour. The kora player Toumani Diabaté (1965–2024) "
                            "and the ngoni player Bassekou Kouyaté carried hereditary "
                            "repertoires to audiences around the world.",
                            "Discuss: what changes when a praise song is sold as a recording "
                            "rather than sung for the family it praises?",
                        ),
                    ],
                ),
                Item(
                    slug="listening-guide",
                    title="Listening guide",
                    item_type="document",
                    body=[
                        document(
                            "Griot music: a listening guide",
                            "What to listen for in a griot performance, one page.",
                            "Listen for the repeating pattern (kumbengo) under the voice.",
                            "Notice when the player breaks into fast runs (birimintingo).",
                            "Listen for names: whom is the song praising?",
                            "Notice how the audience answers and rewards the singer.",
                        ),
                    ],
                ),
                Item(
                    slug="mali-on-the-map",
                    title="Mali on the map",
                    item_type="interactive",
                    body=[
                        embed(
                            "https://www.openstreetmap.org/#map=6/13.0/-6.0",
                            "The upper Niger valley",
                            "The heartland of the Mali Empire, between Bamako and Ségou.",
                        ),
                    ],
                ),
            ],
        ),
    ],
)

INSTRUMENTS = Course(
    slug="instruments-of-west-africa",
    title="Instruments of West Africa",
    summary="The kora, the balafon, the ngoni and the drums that talk.",
    hours=10,
    prerequisites=["griots-and-the-oral-tradition"],
    objectives=[
        "Describe how the kora, balafon and ngoni are built and played",
        "Explain how a talking drum imitates speech",
        "Recognise each instrument by ear and by sight",
    ],
    modules=[
        Module(
            slug="the-kora",
            title="The kora",
            summary="Twenty-one strings and a calabash.",
            module_type="lesson",
            minutes=40,
            items=[
                Item(
                    slug="how-a-kora-is-built",
                    title="How a kora is built",
                    item_type="text",
                    free_preview=True,
                    body=[
                        text(
                            "A kora is a harp-lute: a large calabash cut in half and covered "
                            "with cowhide, a long hardwood neck, and usually twenty-one "
                            "strings in two rows on either side of a tall bridge.",
                            "The player holds two handles and plucks with thumbs and index "
                            "fingers, keeping a pattern going with one hand while the other "
                            "improvises.",
                        ),
                    ],
                ),
                Item(
                    slug="a-kora-drawn",
                    title="A kora, drawn",
                    item_type="image",
                    body=[
                        image(
                            "kora",
                            "A drawing of a kora: a round calabash body with a long neck and two fans of strings.",
                            "The strings run from the neck to a tall bridge standing on the skin.",
                        ),
                    ],
                ),
                Item(
                    slug="daybreak-with-captions",
                    title="Daybreak, with captions",
                    item_type="video",
                    body=[
                        video(
                            "Daybreak over the hills",
                            "A short illustrated clip of the sun rising over hills. Many "
                            "kora pieces are played at gatherings that last until dawn.",
                            "Use this clip to try the captions and transcript controls.",
                        ),
                    ],
                ),
            ],
        ),
        Module(
            slug="balafon-and-ngoni",
            title="Balafon and ngoni",
            summary="Wood, gourds and a lute older than the banjo.",
            module_type="lesson",
            minutes=35,
            items=[
                Item(
                    slug="the-sosso-bala",
                    title="The Sosso Bala",
                    item_type="text",
                    body=[
                        text(
                            "The balafon is a xylophone of wooden keys over gourd resonators. "
                            "Tradition holds that the Sosso Bala, a balafon kept by the "
                            "Kouyaté family in Niagassola, Guinea, belonged to Sumanguru "
                            "himself.",
                            "UNESCO proclaimed the cultural space of the Sosso Bala a "
                            "masterpiece of oral and intangible heritage in 2001.",
                        ),
                        term(
                            "ngoni",
                            "n-GOH-nee",
                            "bm",
                            "A lute with a skin-covered wooden body, often cited among the African ancestors of the banjo.",
                        ),
                    ],
                ),
                Item(
                    slug="name-that-instrument",
                    title="Name that instrument",
                    item_type="interactive",
                    body=[
                        flashcards(
                            "Instruments",
                            ("kora", "A 21-string harp-lute with a calabash body."),
                            ("balafon", "A wooden xylophone with gourd resonators."),
                            ("ngoni", "A plucked lute with a skin-covered body."),
                            ("djembe", "A goblet-shaped drum played with bare hands."),
                            ("tama", "An hourglass talking drum squeezed under the arm."),
                        ),
                    ],
                ),
                Item(
                    slug="a-balafon-phrase",
                    title="A balafon-like phrase",
                    item_type="audio",
                    body=[
                        audio(
                            "A struck phrase",
                            "kora",
                            330.0,
                            "A synthesised phrase with short, struck notes, to compare with "
                            "the longer ring of the kora line in the first course.",
                        ),
                    ],
                ),
            ],
        ),
        Module(
            slug="drums-that-talk",
            title="Drums that talk",
            summary="How pitch lets a drum speak a tonal language.",
            module_type="quiz",
            minutes=30,
            items=[
                Item(
                    slug="speaking-with-pitch",
                    title="Speaking with pitch",
                    item_type="text",
                    body=[
                        text(
                            "Many West African languages, such as Yoruba, are tonal: the "
                            "pitch of a syllable changes its meaning. An hourglass drum, "
                            "squeezed under the arm to tighten its heads, can follow those "
                            "pitches closely enough to be understood.",
                        ),
                        term("dùndún", "doon-doon", "yo", "The Yoruba hourglass talking drum."),
                    ],
                ),
                Item(
                    slug="rhythm-notes",
                    title="Rhythm notes",
                    item_type="document",
                    body=[
                        document(
                            "Rhythm notes",
                            "A short sheet of clapping exercises to prepare for the quiz.",
                            "Clap four even beats; count them aloud.",
                            "Clap three against two: both hands together on one.",
                            "Say a sentence aloud and tap its rising and falling pitch.",
                        ),
                    ],
                ),
                Item(
                    slug="a-baobab-evening",
                    title="A baobab evening",
                    item_type="image",
                    body=[
                        image(
                            "savanna",
                            "A baobab tree silhouetted against an orange evening sky with a low sun.",
                            "Drumming often gathers people in the cool of the evening.",
                        ),
                    ],
                ),
            ],
        ),
    ],
)

WEST_AFRICA = Program(
    slug="music-and-memory-in-west-africa",
    title="Music and Memory in West Africa",
    summary=(
        "Meet the griots who keep history in song, learn the instruments they play, and "
        "follow their music into the cities of the twentieth century."
    ),
    difficulty="intermediate",
    weeks=10,
    thumbnail="savanna",
    overview=[
        text(
            "West African music is a way of remembering. This program begins with the "
            "griots and the epic of Sundiata, then turns to the instruments and to the "
            "modern styles that carry the same voice."
        ),
        image(
            "savanna",
            "A baobab tree silhouetted against an orange evening sky with a low sun.",
            "The savanna of the upper Niger, heartland of the Mali Empire.",
        ),
        timeline(
            "Eight centuries in four dates",
            (1235, "c. 1235", "Mali founded", "Sundiata's victory at Kirina."),
            (1324, "", "Mansa Musa's pilgrimage", "Mali's wealth becomes famous."),
            (1957, "", "Ghana independent", "Highlife celebrates."),
            (1970, "", "Afrobeat", "Fela Kuti's Africa 70 in Lagos."),
        ),
    ],
    courses=[GRIOTS, INSTRUMENTS, MODERN],
    requirements=[
        Requirement("required_courses", "Required course", ["griots-and-the-oral-tradition"]),
        Requirement(
            "elective_group",
            "Then at least one of",
            ["instruments-of-west-africa", "modern-sounds"],
            min_required=1,
        ),
    ],
)
