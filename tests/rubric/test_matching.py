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


@pytest.mark.parametrize(("answer", "hint", "found"), [
    # '&': one clause, parts in the order written (a swapped pairing, not the correct contrast)
    ("L1 is MAP with a Gaussian prior, L2 with a Laplace prior.", "l1 & gaussian prior", True),
    ("L1 is MAP with a Laplace prior, L2 with a Gaussian prior.", "l1 & gaussian prior", False),
    ("it vanishes when the radius is larger than 1 and explodes when it is smaller than 1",
     "vanish & larger than 1 & explode & smaller than 1", True),
    ("it vanishes when the radius is smaller than 1 and explodes when it is larger than 1",
     "vanish & larger than 1 & explode & smaller than 1", False),
    # a truncated hint word is a prefix ("lagrang" was meant to read "Lagrangian")
    ("the Lagrangian gives Sw = λw", "lagrang", True),
    ("the margin is large", "marginaliz", False),
    # \mid and \Vert read as | and ||
    (r"$P(y\mid x) \propto P(x\mid y)P(y)$", "P(x|y)P(y)", True),
])
def test_clause_order_prefix_and_latex_bars(answer, hint, found):
    assert (find(Text(answer), hint) is not None) is found


@pytest.mark.parametrize("answer", [
    "Gated RNNs still can't be parallelised over time.",
    "You couldn't parallelise them over time.",
    "It wasn't parallel over time.",
])
def test_contracted_negations_negate(answer):
    match = find(Text(answer), "parallel over time")
    assert match is not None and match.negated


@pytest.mark.parametrize(("answer", "hint", "found"), [
    # prose wrapped by an editor: one sentence across the line break
    ("With L1 the solutions\nare sparse because of the corners.", "l1 + sparse", True),
    ("L2 does not give\nsparse solutions.", "l2 + sparse", True),
    # a real break: the line ends a sentence, or the next starts a list item or a capital
    ("L1 is one thing.\nsparse is another.", "l1 + sparse", False),
    ("Penalties: L1\n- sparse codes come from elsewhere", "l1 + sparse", False),
    ("Use L1\nSparse coding is another topic", "l1 + sparse", False),
])
def test_a_wrapped_line_continues_its_sentence(answer, hint, found):
    assert (find(Text(answer), hint) is not None) is found


def test_negation_survives_a_wrapped_line():
    match = find(Text("L2 does not give\nsparse solutions."), "l2 + sparse")
    assert match is not None and match.negated
