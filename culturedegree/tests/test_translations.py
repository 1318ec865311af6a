"""The interface ships complete in French, Japanese and Arabic.

The .po files are read with a small parser of our own (polib is not a dependency) and
checked against the compiled .mo files that the site loads at run time.
"""

import ast
import gettext
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.translation.template import templatize

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
TRANSLATED_LANGUAGES = ["fr", "ja", "ar"]
PLURAL_FORMS = {"fr": 2, "ja": 1, "ar": 6}
PRINTF_PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-+ #0]*\d*(?:\.\d+)?[sdifr%]")
BRACE_PLACEHOLDER = re.compile(r"\{\w*\}")
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
# The directories `make messages` skips; everything else it scans, as this test does.
NOT_SCANNED = {".venv", "var", "node_modules", ".git", "static_collected", "media", "htmlcov"}
GETTEXT_FUNCTIONS = {
    "_": 0,
    "gettext": 0,
    "gettext_lazy": 0,
    "gettext_noop": 0,
    "ngettext": 0,
    "ngettext_lazy": 0,
    "pgettext": 1,
    "pgettext_lazy": 1,
    "npgettext": 1,
    "npgettext_lazy": 1,
}
STRING_LITERAL = r"""u?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
TEMPLATE_CALL = re.compile(
    rf"(?<![\w.])(_|gettext|ngettext|pgettext|npgettext)\(\s*({STRING_LITERAL})(?:\s*,\s*({STRING_LITERAL}))?"
)


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0


def parse_po(path: Path) -> list[Entry]:
    """Entries of a .po file, obsolete ones (#~) left out; the header is entry 0."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int] | None = None

    def start() -> Entry:
        nonlocal entry
        if entry is None:
            entry = Entry()
        return entry

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            if entry is not None and target is not None and not line:
                entries.append(entry)
                entry, target = None, None
            continue
        if line.startswith("#,"):
            start().flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            keyword, rest = "", line
        value = ast.literal_eval(rest)
        current = start()
        if keyword == "msgctxt":
            current.msgctxt, target = value, ("msgctxt", 0)
        elif keyword == "msgid":
            current.msgid, current.line, target = value, number, ("msgid", 0)
        elif keyword == "msgid_plural":
            current.msgid_plural, target = value, ("msgid_plural", 0)
        elif keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
            current.msgstr[index], target = value, ("msgstr", index)
        elif keyword == "" and target is not None:
            name, index = target
            if name == "msgstr":
                current.msgstr[index] += value
            else:
                setattr(current, name, (getattr(current, name) or "") + value)
        else:
            raise AssertionError(f"{path}:{number}: cannot parse {raw!r}")
    if entry is not None and target is not None:
        entries.append(entry)
    return entries


def po_files() -> list[Path]:
    return sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))


def scanned_files(*suffixes: str) -> list[Path]:
    root = Path(settings.BASE_DIR)
    return sorted(
        path
        for suffix in suffixes
        for path in root.rglob(f"*{suffix}")
        if not NOT_SCANNED.intersection(path.relative_to(root).parts)
    )


def marked_in_python(path: Path) -> set[tuple[str | None, str]]:
    """(context, msgid) of every gettext call with literal arguments in a module."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in GETTEXT_FUNCTIONS:
            continue
        position = GETTEXT_FUNCTIONS[name]
        literals = [arg.value if isinstance(arg, ast.Constant) else None for arg in node.args]
        if len(literals) > position and isinstance(literals[position], str):
            context = literals[0] if position else None
            found.add((context, literals[position]))
    return found


def marked_in_template(path: Path) -> set[tuple[str | None, str]]:
    """(context, msgid) of every string a template marks, as makemessages sees them."""
    found = set()
    for match in TEMPLATE_CALL.finditer(
        templatize(path.read_text(encoding="utf-8"), origin=str(path))
    ):
        name, first, second = match.groups()
        if name.startswith("p"):
            found.add((ast.literal_eval(first), ast.literal_eval(second)))
        else:
            found.add((None, ast.literal_eval(first)))
    return found


def placeholders(text: str) -> Counter:
    return Counter(PRINTF_PLACEHOLDER.findall(text) + BRACE_PLACEHOLDER.findall(text))


def describe(path: Path, entry: Entry) -> str:
    return f"{path.relative_to(LOCALE_DIR)}:{entry.line} {entry.msgid!r}"


def test_each_interface_language_has_a_django_catalog():
    for language in TRANSLATED_LANGUAGES:
        po = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
        assert po.exists(), f"{po} is missing: run `make messages`"
        assert po.with_suffix(".mo").exists(), (
            f"{po.with_suffix('.mo')} is missing: run `make messages`"
        )
        assert len(parse_po(po)) > 100, f"{po} holds almost nothing: was makemessages run?"


def test_every_string_marked_in_the_code_is_translated():
    """Catches strings added after the last `make messages`, before any user meets them."""
    marked = {}
    for path in scanned_files(".py"):
        for key in marked_in_python(path):
            marked.setdefault(key, path)
    for path in scanned_files(".html", ".txt"):
        for key in marked_in_template(path):
            marked.setdefault(key, path)
    assert len(marked) > 100, (
        "found almost no marked strings: is the scan looking in the right place?"
    )
    root = Path(settings.BASE_DIR)
    for language in TRANSLATED_LANGUAGES:
        _header, *entries = parse_po(LOCALE_DIR / language / "LC_MESSAGES" / "django.po")
        translated = {
            (entry.msgctxt, entry.msgid) for entry in entries if all(entry.msgstr.values())
        }
        missing = [
            f"{path.relative_to(root)}: {msgid!r}"
            for (context, msgid), path in sorted(marked.items(), key=lambda item: str(item[1]))
            if msgid and (context, msgid) not in translated
        ]
        assert not missing, (
            f"Not in locale/{language}, run `make messages` and translate:\n" + "\n".join(missing)
        )


@pytest.mark.parametrize("path", po_files(), ids=lambda path: str(path.relative_to(LOCALE_DIR)))
def test_catalog_is_complete_and_keeps_placeholders_and_markup(path):
    language = path.parent.parent.name
    header, *entries = parse_po(path)
    assert header.msgid == "", f"{path} has no header entry"
    assert "fuzzy" not in header.flags, f"{path}: the header is still marked fuzzy"
    assert f"nplurals={PLURAL_FORMS[language]};" in header.msgstr[0], (
        f"{path}: Plural-Forms should declare nplurals={PLURAL_FORMS[language]}"
    )
    problems = []
    for entry in entries:
        where = describe(path, entry)
        if "fuzzy" in entry.flags:
            problems.append(f"{where}: fuzzy")
        forms = PLURAL_FORMS[language] if entry.msgid_plural else 1
        if sorted(entry.msgstr) != list(range(forms)):
            problems.append(f"{where}: expected {forms} translation(s), got {sorted(entry.msgstr)}")
        source = entry.msgid_plural or entry.msgid
        for index, translation in entry.msgstr.items():
            if not translation.strip():
                problems.append(f"{where}: msgstr[{index}] is empty")
                continue
            if placeholders(translation) != placeholders(source):
                problems.append(f"{where}: msgstr[{index}] placeholders differ: {translation!r}")
            if sorted(HTML_TAG.findall(translation)) != sorted(HTML_TAG.findall(entry.msgid)):
                problems.append(f"{where}: msgstr[{index}] markup differs: {translation!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", po_files(), ids=lambda path: str(path.relative_to(LOCALE_DIR)))
def test_compiled_catalog_matches_its_po_file(path):
    """The site runs from the committed .mo files, so they must hold every translation."""
    mo = path.with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run `manage.py compilemessages`"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    _header, *entries = parse_po(path)
    stale = []
    for entry in entries:
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural:
            for index, translation in entry.msgstr.items():
                count = next(n for n in range(1000) if compiled.plural(n) == index)
                if compiled.ngettext(key, entry.msgid_plural, count) != translation:
                    stale.append(f"{describe(path, entry)} form {index}")
        elif compiled.gettext(key) != entry.msgstr[0]:
            stale.append(describe(path, entry))
    assert not stale, "Out of date .mo, run `manage.py compilemessages`:\n" + "\n".join(stale)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected", "direction"),
    [
        ("fr", ["Se connecter", "Créer un compte", "Aller au contenu"], "ltr"),
        ("ja", ["ログイン", "新規登録", "本文へスキップ"], "ltr"),
        ("ar", ["تسجيل الدخول", "إنشاء حساب", "انتقل إلى المحتوى"], "rtl"),
    ],
)
def test_sign_in_page_speaks_the_language_of_its_url(client, language, expected, direction):
    response = client.get(f"/{language}/accounts/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html
    for text in expected:
        assert text in html, f"/{language}/accounts/login/ does not show {text!r}"
    assert "Skip to content" not in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["Apprenez à votre rythme", "Programmes à la une"]),
        ("ja", ["自分のペースで学ぼう", "注目のプログラム"]),
        ("ar", ["تعلّم على وتيرتك", "برامج مميزة"]),
    ],
)
def test_home_page_interface_is_translated(client, site, language, expected):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in expected:
        assert text in html, f"/{language}/ does not show {text!r}"
    assert "Learn at your own pace" not in html
