"""From a revision's question blocks to what grading reads and what the learner sees.

Options get a key per attempt (an HMAC of the attempt's seed, the question and the option's
place), so the browser can neither tell which option is right nor read the right order of
an ordering question from the keys. The seed also draws a pool and shuffles the options.
"""

import random
from typing import Any

from django.utils.crypto import salted_hmac

from .grading import Option, Pair, Question

SALT = "learning.assessments.option"


def option_key(seed: int, question_id: str, place: str) -> str:
    return salted_hmac(SALT, f"{seed}:{question_id}:{place}").hexdigest()[:12]


def questions_of(stream, *, seed: int) -> dict[str, Question]:
    """Every question block of a StreamValue, keyed for the attempt with `seed`."""
    questions = {}
    for child in stream:
        questions[child.id] = _question(child.block_type, child.id, child.value, seed)
    return questions


def _question(kind: str, qid: str, value, seed: int) -> Question:
    question = Question(
        id=qid,
        kind=kind,
        prompt=value["prompt"],
        points=value["points"] or 1,
        feedback_correct=value.get("feedback_correct") or "",
        feedback_incorrect=value.get("feedback_incorrect") or "",
    )
    if kind in ("single_choice", "multiple_choice"):
        question.options = [
            Option(option_key(seed, qid, str(i)), option["text"], bool(option["correct"]))
            for i, option in enumerate(value["options"])
        ]
    elif kind == "ordering":
        question.options = [
            Option(option_key(seed, qid, str(i)), text) for i, text in enumerate(value["items"])
        ]
    elif kind == "matching":
        question.pairs = [
            Pair(
                option_key(seed, qid, f"l{i}"),
                pair["left"],
                option_key(seed, qid, f"r{i}"),
                pair["right"],
            )
            for i, pair in enumerate(value["pairs"])
        ]
    elif kind == "short_answer":
        question.accepted = [text for text in value["accepted"] if text]
    elif kind == "true_false":
        question.answer = value["answer"]
    elif kind == "numeric":
        question.answer = value["answer"]
        question.tolerance = value.get("tolerance") or 0.0
    elif kind == "essay":
        question.max_words = value.get("max_words")
    return question


def draw(question_ids: list[str], *, pool_size: int | None, seed: int) -> list[str]:
    """The questions of an attempt: all of them, or `pool_size` drawn at random, in the
    editor's order."""
    if not pool_size or pool_size >= len(question_ids):
        return list(question_ids)
    chosen = set(random.Random(seed).sample(question_ids, pool_size))  # noqa: S311 (not security)
    return [qid for qid in question_ids if qid in chosen]


def shuffled(items: list, *, seed: int, question_id: str, enabled: bool = True) -> list:
    if not enabled:
        return list(items)
    order = list(items)
    random.Random(f"{seed}:{question_id}").shuffle(order)  # noqa: S311 (not security)
    return order


def for_learner(question: Question, *, seed: int, shuffle: bool, number: int) -> dict[str, Any]:
    """The question as the learner sees it: prompt, points and keyed options, no answers."""
    shown: dict[str, Any] = {
        "id": question.id,
        "number": number,
        "type": question.kind,
        "prompt": question.prompt,
        "points": question.points,
        "options": [],
        "prompts": [],
    }
    if question.kind in ("single_choice", "multiple_choice"):
        options = shuffled(question.options, seed=seed, question_id=question.id, enabled=shuffle)
        shown["options"] = [{"key": o.key, "text": o.text} for o in options]
    elif question.kind == "ordering":
        # Always shuffled: the editor's order is the answer.
        options = shuffled(question.options, seed=seed, question_id=question.id)
        shown["options"] = [{"key": o.key, "text": o.text} for o in options]
    elif question.kind == "matching":
        rights = shuffled(question.pairs, seed=seed, question_id=question.id)
        shown["prompts"] = [{"key": p.left_key, "text": p.left} for p in question.pairs]
        shown["options"] = [{"key": p.right_key, "text": p.right} for p in rights]
    elif question.kind == "true_false":
        shown["options"] = [{"key": "true", "text": "true"}, {"key": "false", "text": "false"}]
    if question.kind == "essay" and question.max_words:
        shown["max_words"] = question.max_words
    return shown
