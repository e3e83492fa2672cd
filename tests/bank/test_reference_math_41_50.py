"""Every formula in the references of seeds 41-50 (robustness), checked independently:
sympy on our own formulas, numpy on random instances."""

from __future__ import annotations

import itertools
from statistics import NormalDist

import numpy as np
import sympy as sp

RNG = np.random.default_rng(41)
PHI = NormalDist()


# -- 41 adversarial perturbations -------------------------------------------------------
def test_41_fgsm_is_the_linf_maximiser_of_the_linearised_loss():
    g, eps = RNG.normal(size=6), 0.1
    vertices = eps * np.array(list(itertools.product((-1, 1), repeat=6)))  # LP optimum
    best = vertices[np.argmax(vertices @ g)]
    assert np.allclose(best, eps * np.sign(g))
    assert np.isclose(g @ best, eps * np.abs(g).sum())  # the dual norm: eps ||g||_1
    inside = RNG.uniform(-eps, eps, size=(5000, 6))
    assert np.all(inside @ g <= eps * np.abs(g).sum())
    ball = RNG.normal(size=(5000, 6))
    ball = eps * ball / np.linalg.norm(ball, axis=1, keepdims=True)
    l2 = eps * g / np.linalg.norm(g)
    assert np.all(ball @ g <= g @ l2 + 1e-12) and np.isclose(g @ l2, eps * np.linalg.norm(g))


def test_41_linear_score_change_grows_with_dimension():
    eps, changes = 0.01, []
    for d in (1000, 10000):
        w = RNG.normal(size=d)
        change = w @ (eps * np.sign(w))
        assert np.isclose(change, eps * np.abs(w).sum())  # eps ||w||_1
        assert abs(change / (eps * d) - np.sqrt(2 / np.pi)) < 0.05  # E|w_j| = sqrt(2/pi)
        changes.append(change)
    assert 8 < changes[1] / changes[0] < 12  # linear in d at a fixed per-pixel budget


def test_41_pgd_projection_onto_the_linf_ball_is_clipping():
    x, eps = RNG.uniform(size=5), 0.05
    step = x + RNG.normal(scale=0.2, size=5)
    projected = np.clip(step, x - eps, x + eps)
    candidates = x + RNG.uniform(-eps, eps, size=(4000, 5))
    dist = np.linalg.norm(candidates - step, axis=1)
    assert np.linalg.norm(projected - step) <= dist.min() + 1e-12


# -- 42 certified robustness ------------------------------------------------------------
def test_42_smoothing_radius_is_tight_for_a_linear_classifier():
    w, b, sigma = RNG.normal(size=4), 0.3, 0.5
    x = RNG.normal(size=4)
    margin = (w @ x + b) / np.linalg.norm(w)  # signed distance to the decision boundary
    p_a = PHI.cdf(abs(margin) / sigma)  # P(f(x + eta) = f(x)), eta ~ N(0, sigma^2 I)
    p_b = 1 - p_a
    radius = sigma / 2 * (PHI.inv_cdf(p_a) - PHI.inv_cdf(p_b))
    assert np.isclose(radius, abs(margin)) and np.isclose(radius, sigma * PHI.inv_cdf(p_a))
    s, pa, pb = sp.symbols("sigma p_A p_B", positive=True)
    inv = sp.sqrt(2) * sp.erfinv(2 * pa - 1)  # Phi^-1
    r = s / 2 * (inv - sp.sqrt(2) * sp.erfinv(2 * pb - 1))
    assert sp.diff(r, s).subs({pa: 0.9, pb: 0.05}) > 0 and sp.diff(r, pa).subs(pa, 0.9) > 0


def test_42_an_l2_certificate_covers_only_r_over_sqrt_d_in_linf():
    d, radius = 3072, 0.5
    linf_radius = radius / np.sqrt(d)
    corner = np.full(d, linf_radius)  # the corner of the linf ball is the farthest in l2
    assert np.isclose(np.linalg.norm(corner), radius) and linf_radius < 0.01 < 8 / 255


# -- 43 adversarial training ------------------------------------------------------------
def test_43_danskin_gradient_at_the_inner_maximiser():
    x, y, eps = 1.5, 0.4, 0.3

    def robust(theta):  # max over |delta| <= eps of (theta (x + delta) - y)^2
        deltas = np.linspace(-eps, eps, 20001)
        return np.max((theta * (x + deltas) - y) ** 2)

    theta, h = 0.8, 1e-5
    delta_star = eps * np.sign(theta * x - y) * np.sign(theta)
    danskin = 2 * (theta * (x + delta_star) - y) * (x + delta_star)
    assert np.isclose((robust(theta + h) - robust(theta - h)) / (2 * h), danskin, rtol=1e-3)


# -- 44 shift ---------------------------------------------------------------------------
def test_44_importance_weighting_corrects_covariate_shift():
    p, q, loss = RNG.dirichlet(np.ones(6)), RNG.dirichlet(np.ones(6)), RNG.uniform(size=6)
    assert np.isclose(p @ (q / p * loss), q @ loss)  # E_P[w l] = E_Q[l], w = q/p


# -- 45 OOD -----------------------------------------------------------------------------
def test_45_energy_score_and_the_typical_set():
    logits = RNG.normal(size=(100, 10))
    neg_energy = np.log(np.exp(logits).sum(axis=1))  # -E(x) = logsumexp f(x)
    assert np.all(neg_energy >= logits.max(axis=1))
    assert np.all(neg_energy <= logits.max(axis=1) + np.log(10))
    d = 1000
    samples = RNG.normal(size=(500, d))
    log_density = -0.5 * (samples**2).sum(axis=1)  # up to a constant
    assert np.all(log_density < 0)  # the mode (log density 0) beats every real sample ...
    norms = np.linalg.norm(samples, axis=1)
    assert np.all(np.abs(norms / np.sqrt(d) - 1) < 0.1)  # ... which sit on a shell ~ sqrt(d)


# -- 46 fairness ------------------------------------------------------------------------
def test_46_chouldechova_identity_and_parity_versus_equalised_odds():
    p, fnr, fpr, n = sp.symbols("p FNR FPR N", positive=True)
    tp, fp = n * p * (1 - fnr), n * (1 - p) * fpr
    ppv = tp / (tp + fp)
    assert sp.simplify(p / (1 - p) * (1 - ppv) / ppv * (1 - fnr) - fpr) == 0
    tpr, pa, pb = sp.symbols("TPR p_a p_b", positive=True)
    positive_rate = tpr * pa + fpr * (1 - pa) - (tpr * pb + fpr * (1 - pb))
    assert sp.factor(positive_rate) == sp.factor((tpr - fpr) * (pa - pb))


def test_46_a_calibrated_score_averages_to_the_base_rate():
    for base in (0.2, 0.5):
        s = np.clip(RNG.beta(2, 2, size=200_000) * 2 * base, 0, 1)
        y = RNG.random(s.size) < s  # calibrated: P(Y = 1 | S = s) = s
        assert abs(s.mean() - y.mean()) < 0.01


# -- 48 PAC in adversarial domains ------------------------------------------------------
def test_48_thresholds_have_vc_one_but_an_adversary_forces_a_mistake_every_round():
    points = np.array([0.3, 0.7])
    labellings = {tuple(points >= t) for t in np.linspace(-0.1, 1.1, 241)}
    assert (True, False) not in labellings  # two points cannot be shattered: VC = 1
    learners = {  # each predicts from the labelled history
        "always-1": lambda history, x: True,
        "nearest": lambda history, x: min(history, key=lambda h: abs(h[0] - x))[1]
        if history else False,
        "erm-midpoint": lambda history, x: x >= (max([h[0] for h in history if not h[1]],
                                                     default=0) + min([h[0] for h in history
                                                                       if h[1]], default=1)) / 2,
    }
    for learner in learners.values():
        lo, hi, history = 0.0, 1.0, []
        for _ in range(30):  # bisection: label = the opposite of the prediction
            x = (lo + hi) / 2
            label = not learner(history, x)
            history.append((x, label))
            lo, hi = (lo, x) if label else (x, hi)
        threshold = (lo + hi) / 2  # still consistent with all 30 labels: 30 mistakes
        assert all((x >= threshold) == label for x, label in history)


def test_48_hedge_regret_is_below_sqrt_t_log_n_over_2():
    t_rounds, n = 2000, 10
    losses = RNG.uniform(size=(t_rounds, n))
    losses[:, 3] -= 0.05  # one good expert
    losses = np.clip(losses, 0, 1)
    eta = np.sqrt(8 * np.log(n) / t_rounds)
    weights, total = np.ones(n), 0.0
    for row in losses:
        total += weights / weights.sum() @ row
        weights *= np.exp(-eta * row)
    regret = total - losses.sum(axis=0).min()
    assert regret <= np.sqrt(t_rounds * np.log(n) / 2)


# -- 49 emergence -----------------------------------------------------------------------
def test_49_exact_match_of_l_tokens_turns_a_smooth_curve_into_a_jump():
    scale = np.linspace(0, 10, 201)
    per_token = 1 / (1 + np.exp(-(scale - 5)))  # smooth in log-compute
    exact = per_token**10
    late = per_token > 0.7  # the last ~40 % of the scale range
    assert exact[~late].max() < 0.03 and exact[-1] > 0.9
    rise = np.diff(exact)[late[1:]].sum() / (exact[-1] - exact[0])
    assert rise > 0.95 and np.diff(per_token)[late[1:]].sum() / per_token[-1] < 0.35
    tokens = RNG.random((100_000, 10)) < 0.8
    assert abs(tokens.all(axis=1).mean() - 0.8**10) < 0.01  # independent tokens: p^L


def test_49_chinchilla_compute_optimal_size_grows_like_c_to_beta_over_alpha_plus_beta():
    a, b, alpha, beta = 400.0, 410.0, 0.34, 0.28  # L = E + A/N^alpha + B/D^beta, D = C/6N
    sizes = np.logspace(6, 13, 20001)

    def best(c):
        return sizes[np.argmin(a / sizes**alpha + b / (c / (6 * sizes)) ** beta)]

    slope = np.log(best(1e24) / best(1e21)) / np.log(1e3)
    assert abs(slope - beta / (alpha + beta)) < 0.01


def test_42_lipschitz_margin_certificate():
    w = RNG.normal(size=(5, 8))  # logits of a linear model: L = ||W||_2
    lip = np.linalg.norm(w, 2)
    for _ in range(50):
        x = RNG.normal(size=8)
        logits = w @ x
        top = int(np.argmax(logits))
        margin = logits[top] - np.max(np.delete(logits, top))
        certified = margin / (np.sqrt(2) * lip)
        for j in set(range(5)) - {top}:  # the worst direction against each runner-up
            direction = (w[j] - w[top]) / np.linalg.norm(w[j] - w[top])
            assert np.argmax(w @ (x + 0.999 * certified * direction)) == top
            flip = (logits[top] - logits[j]) / np.linalg.norm(w[top] - w[j])
            assert flip >= certified  # ||w_top - w_j|| <= sqrt(2) L
            assert (w @ (x + 1.001 * flip * direction))[j] > (w @ (x + 1.001 * flip * direction))[top]
