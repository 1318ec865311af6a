"""Grading on the server: pure functions over the questions of a pinned revision.

A question arrives here as a `Question` whose options carry per-attempt keys (`keys.py`):
the browser only ever sees those keys, never the position or the correctness of an option.
"""

import math
import unicodedata
from dataclasses import dataclass, field
from typing import Any

FLOAT_SLACK = 1e-9
# Combining marks that change a kana into another one (か/が, は/ぱ): letters, not accents.
KANA_VOICING = {"\u3099", "\u309a"}


def fold(text: str) -> str:
    """Fold width (NFKC), case, diacritics and spacing, so "Kyoto" matches "Kyōto" and its
    full-width form; kana and kanji stay themselves (accept "京都" by listing it)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(
        ch for ch in decomposed if not unicodedata.combining(ch) or ch in KANA_VOICING
    )
    return " ".join(unicodedata.normalize("NFC", stripped).split())


@dataclass(frozen=True)
class Option:
    key: str
    text: str
    correct: bool = False


@dataclass(frozen=True)
class Pair:
    left_key: str
    left: str
    right_key: str
    right: str


@dataclass
class Question:
    id: str
    kind: str
    prompt: str
    points: int
    feedback_correct: str = ""
    feedback_incorrect: str = ""
    options: list[Option] = field(default_factory=list)  # choices; ordering: right order
    pairs: list[Pair] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    answer: Any = None  # true/false ("true"/"false") or the number
    tolerance: float = 0.0
    max_words: int | None = None

    @property
    def staff_graded(self) -> bool:
        return self.kind == "essay"


@dataclass(frozen=True)
class Outcome:
    points: float
    max_points: int
    correct: bool | None  # None: waits for staff


class InvalidAnswer(ValueError):
    """The answer's shape does not fit the question."""


def check_answer(question: Question, answer: Any) -> Any:
    """The answer, normalised, or InvalidAnswer. Types are strict: no coercion from text."""
    kind = question.kind
    option_keys = {option.key for option in question.options}
    if answer is None:
        return None
    if kind == "single_choice":
        if not isinstance(answer, str) or answer not in option_keys:
            raise InvalidAnswer("Choose one of the question's options.")
        return answer
    if kind == "multiple_choice":
        if not isinstance(answer, list) or not all(isinstance(a, str) for a in answer):
            raise InvalidAnswer("Send a list of the question's option keys.")
        if not set(answer) <= option_keys:
            raise InvalidAnswer("Choose among the question's options.")
        return sorted(set(answer))
    if kind == "true_false":
        if not isinstance(answer, bool):
            raise InvalidAnswer("Send true or false.")
        return answer
    if kind in ("short_answer", "essay"):
        if not isinstance(answer, str) or len(answer) > (20000 if kind == "essay" else 500):
            raise InvalidAnswer("Send text, not too long.")
        return answer
    if kind == "numeric":
        if isinstance(answer, bool) or not isinstance(answer, int | float):
            raise InvalidAnswer("Send a number.")
        if not math.isfinite(answer):
            raise InvalidAnswer("Send a finite number.")
        return answer
    if kind == "ordering":
        if (
            not isinstance(answer, list)
            or sorted(answer) != sorted(option_keys)
            or not all(isinstance(a, str) for a in answer)
        ):
            raise InvalidAnswer("Send every item's key once, in your order.")
        return answer
    if kind == "matching":
        lefts = {pair.left_key for pair in question.pairs}
        rights = {pair.right_key for pair in question.pairs}
        if not isinstance(answer, dict) or not set(answer) <= lefts:
            raise InvalidAnswer("Match the question's prompts.")
        if not all(isinstance(v, str) and v in rights for v in answer.values()):
            raise InvalidAnswer("Match each prompt to one of the question's answers.")
        return dict(answer)
    raise InvalidAnswer("Unknown question type.")


def grade(question: Question, answer: Any) -> Outcome:
    """Points for a checked answer (check_answer), within 0 and the question's points."""
    points = question.points
    if question.staff_graded:
        return Outcome(0.0, points, None)
    fraction = _fraction(question, answer) if answer is not None else 0.0
    fraction = min(1.0, max(0.0, fraction))
    return Outcome(round(points * fraction, 4), points, fraction >= 1.0 - FLOAT_SLACK)


def _fraction(question: Question, answer: Any) -> float:
    kind = question.kind
    if kind == "single_choice":
        return 1.0 if any(o.key == answer and o.correct for o in question.options) else 0.0
    if kind == "multiple_choice":
        right = {o.key for o in question.options if o.correct}
        wrong = {o.key for o in question.options if not o.correct}
        chosen = set(answer)
        gained = len(chosen & right) / len(right) if right else 0.0
        lost = len(chosen & wrong) / len(wrong) if wrong else 0.0
        return gained - lost
    if kind == "true_false":
        return 1.0 if answer == (question.answer == "true") else 0.0
    if kind == "short_answer":
        folded = fold(answer)
        return 1.0 if folded and folded in {fold(a) for a in question.accepted} else 0.0
    if kind == "numeric":
        return (
            1.0 if abs(answer - float(question.answer)) <= question.tolerance + FLOAT_SLACK else 0.0
        )
    if kind == "ordering":
        expected = [o.key for o in question.options]
        return sum(1 for a, b in zip(answer, expected, strict=False) if a == b) / len(expected)
    if kind == "matching":
        matches = {pair.left_key: pair.right_key for pair in question.pairs}
        right_by_text = {pair.right_key: pair.right for pair in question.pairs}
        hits = sum(
            1
            for left, right in answer.items()
            # Two prompts may share a match text: either of its keys is right.
            if right_by_text.get(right) == right_by_text[matches[left]]
        )
        return hits / len(matches)
    return 0.0


def correct_answer(question: Question) -> Any:
    """What the review shows as the right answer, once the review options allow it."""
    kind = question.kind
    if kind in ("single_choice", "multiple_choice"):
        return [o.text for o in question.options if o.correct]
    if kind == "ordering":
        return [o.text for o in question.options]
    if kind == "matching":
        return [[pair.left, pair.right] for pair in question.pairs]
    if kind == "short_answer":
        return list(question.accepted)
    if kind == "true_false":
        return question.answer == "true"
    if kind == "numeric":
        return {"value": question.answer, "tolerance": question.tolerance}
    return None
