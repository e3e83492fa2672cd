"""Phrase matching as candidates write: stems, typos, symbols, and negation in scope."""

from __future__ import annotations

import pytest

from bot.grading.rubric import Text, find


@pytest.mark.parametrize(("answer", "hint"), [
    ("The Gram matrix must be invertible.", "invertible"),
    ("X needs full column rank", "full rank"),  # stems and adjacency
    ("weights are regularised towards zero", "regularized"),  # British vs American
    ("the hessain is negative semidefinite", "hessian"),  # a typo
    ("we use σ(1−σ) for the derivative", "sigma(1-sigma)"),  # Unicode vs ASCII
    ("L1 yields sparse solutions", "l1 + sparse"),
])
def test_matches(answer, hint):
    assert find(Text(answer), hint) is not None


@pytest.mark.parametrize(("answer", "hint"), [
    ("the loss is convex", "concave"),
    ("we compute the gradient", "sigmoid derivative"),
    ("L1 is one thing. Sparse is another sentence.", "l1 + sparse"),
])
def test_non_matches(answer, hint):
    assert find(Text(answer), hint) is None


@pytest.mark.parametrize(("answer", "negated"), [
    ("L2 does not give sparse solutions.", True),
    ("It is a misconception that L2 gives sparse solutions.", True),
    ("L2 gives sparse solutions, not L1.", False),
    ("Contrary to popular belief, L2 isn't sparse.", True),
    ("Ridge (L2) gives sparse solutions.", False),
])
def test_negation_scope(answer, negated):
    match = find(Text(answer), "l2 + sparse")
    assert match is not None and match.negated is negated
