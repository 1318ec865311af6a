"""The quiz page's form, read into the same answers the API takes (one parser for the
page's submit and its autosave)."""

from typing import Any

from django.http import QueryDict

from .grading import Question


def field_name(question: Question, part: str = "") -> str:
    return f"q-{question.id}" + (f"-{part}" if part else "")


def answers_from_form(data: QueryDict, questions: dict[str, Question]) -> dict[str, Any]:
    """Answers by question id, for every question (the form is the whole state): None for a
    question left blank, a malformed value as sent so that checking refuses it."""
    answers: dict[str, Any] = dict.fromkeys(questions)
    for qid, question in questions.items():
        name = field_name(question)
        kind = question.kind
        if kind == "multiple_choice":
            if data.getlist(name):
                answers[qid] = data.getlist(name)
        elif kind == "true_false":
            value = data.get(name)
            if value in ("true", "false"):
                answers[qid] = value == "true"
            elif value:
                answers[qid] = value
        elif kind == "numeric":
            value = (data.get(name) or "").strip().replace(",", ".")
            if value:
                try:
                    answers[qid] = float(value)
                except ValueError:
                    answers[qid] = value
        elif kind == "ordering":
            places = {}
            for option in question.options:
                raw = data.get(field_name(question, option.key))
                if raw:
                    # Ties go by the opaque key, never by the editor's (right) order.
                    places[option.key] = (int(raw) if raw.isdigit() else 999, option.key)
            if len(places) == len(question.options):
                answers[qid] = sorted(places, key=places.get)
        elif kind == "matching":
            chosen = {
                pair.left_key: data.get(field_name(question, pair.left_key))
                for pair in question.pairs
                if data.get(field_name(question, pair.left_key))
            }
            if chosen:
                answers[qid] = chosen
        else:
            value = data.get(name)
            if value is not None and value.strip():
                answers[qid] = value
    return answers
