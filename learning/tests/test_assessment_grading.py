"""Grading properties (hypothesis): bounds, monotonicity, shuffling and folding."""

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learning.assessments.grading import Option, Pair, Question, check_answer, fold, grade

pytestmark = pytest.mark.django_db
keys = [f"k{i}" for i in range(6)]


@st.composite
def choice_questions(draw):
    count = draw(st.integers(min_value=2, max_value=6))
    flags = draw(st.lists(st.booleans(), min_size=count, max_size=count).filter(any))
    points = draw(st.integers(min_value=1, max_value=10))
    options = [Option(keys[i], f"option {i}", flag) for i, flag in enumerate(flags)]
    return Question(id="q", kind="multiple_choice", prompt="?", points=points, options=options)


@given(choice_questions(), st.data())
def test_a_score_stays_within_zero_and_the_maximum(question, data):
    chosen = data.draw(st.lists(st.sampled_from([o.key for o in question.options]), unique=True))
    outcome = grade(question, check_answer(question, chosen))
    assert 0 <= outcome.points <= question.points


@given(choice_questions(), st.data())
def test_a_more_correct_answer_never_scores_lower(question, data):
    chosen = set(data.draw(st.lists(st.sampled_from([o.key for o in question.options]))))
    before = grade(question, sorted(chosen)).points
    right_missing = [o.key for o in question.options if o.correct and o.key not in chosen]
    wrong_chosen = [o.key for o in question.options if not o.correct and o.key in chosen]
    if right_missing:
        assert grade(question, sorted(chosen | {right_missing[0]})).points >= before
    if wrong_chosen:
        assert grade(question, sorted(chosen - {wrong_chosen[0]})).points >= before


@given(choice_questions(), st.data(), st.randoms())
def test_shuffling_the_options_never_changes_a_score(question, data, rng):
    chosen = data.draw(st.lists(st.sampled_from([o.key for o in question.options]), unique=True))
    shuffled = list(question.options)
    rng.shuffle(shuffled)
    other = Question(**{**question.__dict__, "options": shuffled})
    assert grade(question, sorted(chosen)) == grade(other, sorted(chosen))


@given(st.integers(min_value=2, max_value=6), st.randoms(), st.data())
def test_matching_more_pairs_right_never_scores_lower(count, rng, data):
    pairs = [Pair(f"l{i}", f"left {i}", f"r{i}", f"right {i}") for i in range(count)]
    question = Question(id="m", kind="matching", prompt="?", points=3, pairs=pairs)
    answer = {p.left_key: f"r{rng.randrange(count)}" for p in pairs}
    before = grade(question, answer).points
    wrong = [left for left, right in answer.items() if right != "r" + left[1:]]
    if wrong:
        fixed = {**answer, wrong[0]: "r" + wrong[0][1:]}
        assert grade(question, fixed).points >= before
    assert 0 <= before <= 3


@given(st.text(max_size=30), st.text(max_size=30))
def test_folding_is_symmetric_and_idempotent(a, b):
    assert (fold(a) == fold(b)) == (fold(b) == fold(a))
    assert fold(fold(a)) == fold(a)


def test_folding_matches_accents_width_case_and_spacing_but_keeps_kana():
    full_width = "\uff2b\uff39\uff2f\uff34\uff2f"
    assert fold("Kyōto") == fold("kyoto") == fold(full_width) == fold("  KYOTO ")
    assert fold("が") != fold("か")
    question = Question(
        id="s", kind="short_answer", prompt="?", points=1, accepted=["Kyōto", "京都"]
    )
    assert grade(question, "kyoto").correct and grade(question, "京都").correct
    assert not grade(question, "Osaka").correct


def test_ordering_and_numeric_tolerance():
    options = [Option(k, k) for k in keys[:4]]
    ordering = Question(id="o", kind="ordering", prompt="?", points=4, options=options)
    assert grade(ordering, keys[:4]).points == 4
    swapped = [keys[1], keys[0], keys[2], keys[3]]
    assert grade(ordering, swapped).points == 2
    numeric = Question(id="n", kind="numeric", prompt="?", points=1, answer=3.14, tolerance=0.01)
    assert grade(numeric, 3.15).correct and not grade(numeric, 3.2).correct
    shuffled = list(keys[:4])
    random.Random(1).shuffle(shuffled)
    assert 0 <= grade(ordering, shuffled).points <= 4
