"""Every formula in the references of seeds 1-30, verified independently with sympy (on our
own formulas, never on user text) or, where integration would be slow, numerically."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from bot.bank import load_bank
from bot.grading.engine import check

BANK = load_bank()
RNG = np.random.default_rng(0)


def sigmoid(t):
    return 1 / (1 + sp.exp(-t))


# -- 1 logistic regression ------------------------------------------------------------------
def test_1_sigmoid_derivative_and_per_example_gradient():
    z, w, x, y = sp.symbols("z w x y", real=True)
    assert sp.cancel(sp.together(sp.diff(sigmoid(z), z) - sigmoid(z) * (1 - sigmoid(z)))) == 0
    ll = y * sp.log(sigmoid(w * x)) + (1 - y) * sp.log(1 - sigmoid(w * x))
    grad = sp.diff(ll, w)
    hess = sp.diff(grad, w)
    claimed_grad = (y - sigmoid(w * x)) * x
    claimed_hess = -sigmoid(w * x) * (1 - sigmoid(w * x)) * x**2
    for point in RNG.uniform(-2, 2, size=(6, 3)):
        at = dict(zip((w, x, y), point, strict=True))
        assert math.isclose(float(grad.subs(at)), float(claimed_grad.subs(at)), abs_tol=1e-12)
        assert math.isclose(float(hess.subs(at)), float(claimed_hess.subs(at)), abs_tol=1e-12)


def test_1_matrix_form_and_hessian_numerically():
    X, y, w = RNG.normal(size=(6, 3)), RNG.integers(0, 2, 6), RNG.normal(size=3)
    s = 1 / (1 + np.exp(-X @ w))

    def ll(v):
        p = 1 / (1 + np.exp(-X @ v))
        return np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))

    eps = 1e-6
    numeric = np.array([(ll(w + eps * e) - ll(w - eps * e)) / (2 * eps) for e in np.eye(3)])
    assert np.allclose(numeric, X.T @ (y - s), atol=1e-6)
    hessian = -X.T @ np.diag(s * (1 - s)) @ X
    assert np.all(np.linalg.eigvalsh(hessian) <= 1e-12)  # negative semidefinite: concave


def test_1_softmax_gradient_probe():
    x = sp.Symbol("x", real=True)
    ws = sp.symbols("w0:3", real=True)
    logits = [wk * x for wk in ws]
    at = dict(zip((x, *ws), RNG.uniform(-1.5, 1.5, size=4).tolist(), strict=True))
    for label in range(3):
        ll = logits[label] - sp.log(sum(sp.exp(s) for s in logits))
        for k in range(3):
            p_k = sp.exp(logits[k]) / sum(sp.exp(s) for s in logits)
            claimed = (int(k == label) - p_k) * x
            assert math.isclose(float(sp.diff(ll, ws[k]).subs(at)), float(claimed.subs(at)),
                                abs_tol=1e-12)


# -- 2 least squares ------------------------------------------------------------------------
def test_2_gradient_and_normal_equations():
    X = sp.Matrix(3, 2, lambda i, j: sp.Symbol(f"x{i}{j}", real=True))
    y = sp.Matrix(3, 1, lambda i, _: sp.Symbol(f"y{i}", real=True))
    w = sp.Matrix(2, 1, lambda i, _: sp.Symbol(f"w{i}", real=True))
    loss = ((y - X * w).T * (y - X * w))[0]
    grad = sp.Matrix([sp.diff(loss, wi) for wi in w])
    assert (grad - (-2 * X.T * (y - X * w))).expand() == sp.zeros(2, 1)
    Xn = sp.Matrix([[1, 2], [0, 1], [3, -1]])
    yn = sp.Matrix([1, 2, 3])
    solution = sp.solve(list(Xn.T * Xn * w - Xn.T * yn), list(w))
    assert sp.Matrix([solution[w[0]], solution[w[1]]]) == (Xn.T * Xn).inv() * Xn.T * yn


def test_2_rank_deficient_min_norm_ridge_and_conditioning():
    X = RNG.normal(size=(3, 5))  # d > n: X^T X singular
    y = RNG.normal(size=3)
    assert np.linalg.matrix_rank(X.T @ X) == 3
    w_pinv = np.linalg.pinv(X) @ y
    w = np.zeros(5)  # gradient descent from zero converges to the min-norm interpolant
    for _ in range(4000):
        w -= 0.05 * X.T @ (X @ w - y)
    assert np.allclose(w, w_pinv, atol=1e-6)
    other = w_pinv + np.linalg.svd(X)[2][-1]  # add a null-space direction: same fit, larger norm
    assert np.allclose(X @ other, y) and np.linalg.norm(other) > np.linalg.norm(w_pinv)
    lam = 0.7
    ridge = np.linalg.solve(X.T @ X + lam * np.eye(5), X.T @ y)
    assert np.allclose(X.T @ (X @ ridge - y) + lam * ridge, 0)
    A = RNG.normal(size=(8, 3))
    assert math.isclose(np.linalg.cond(A.T @ A), np.linalg.cond(A) ** 2, rel_tol=1e-6)


# -- 3 bias-variance ------------------------------------------------------------------------
def test_3_decomposition_by_exact_expectation():
    f = sp.Rational(3, 2)  # true f(x) at the fixed x
    fits = [sp.Rational(1), sp.Rational(2), sp.Rational(5, 2)]  # f_hat over 3 equally likely D
    noise = [sp.Rational(-1), sp.Rational(1, 2), sp.Rational(1, 2)]  # zero mean, indep. of D
    p_noise = [sp.Rational(1, 3)] * 3
    assert sum(e * q for e, q in zip(noise, p_noise, strict=True)) == 0
    mse = sum((f + e - fh) ** 2 * q / 3 for fh in fits for e, q in zip(noise, p_noise, strict=True))
    mean_fit = sum(fits) / 3
    sigma2 = sum(e**2 * q for e, q in zip(noise, p_noise, strict=True))
    variance = sum((fh - mean_fit) ** 2 for fh in fits) / 3
    assert mse == sigma2 + (mean_fit - f) ** 2 + variance


def test_3_bagging_variance_of_correlated_average():
    rho, s2 = sp.symbols("rho sigma2", positive=True)
    B = 4
    cov = sp.Matrix(B, B, lambda i, j: s2 if i == j else rho * s2)
    ones = sp.ones(B, 1) / B
    assert sp.simplify((ones.T * cov * ones)[0] - (rho * s2 + (1 - rho) * s2 / B)) == 0


# -- 4 convexity ----------------------------------------------------------------------------
def test_4_first_order_condition_and_chord_for_a_convex_function():
    x, y, t = sp.symbols("x y t", real=True)
    f = sp.exp  # convex
    gap = f(y) - f(x) - sp.exp(x) * (y - x)  # f(y) >= f(x) + f'(x)(y - x)
    pts = RNG.uniform(-3, 3, size=(200, 2))
    assert all(float(gap.subs({x: a, y: b})) >= -1e-12 for a, b in pts[:40])
    q = (t * x + (1 - t) * y) ** 2 - (t * x**2 + (1 - t) * y**2)  # chord for x^2
    assert sp.expand(q + t * (1 - t) * (x - y) ** 2) == 0  # = −t(1−t)(x−y)² ≤ 0


# -- 5 PCA ----------------------------------------------------------------------------------
def test_5_lagrangian_eigen_variance_and_eckart_young():
    X = RNG.normal(size=(50, 4)) @ RNG.normal(size=(4, 4))
    X -= X.mean(axis=0)
    cov = X.T @ X / len(X)
    lam, U = np.linalg.eigh(cov)
    u = U[:, -1]
    assert np.allclose(cov @ u, lam[-1] * u)  # stationarity of u'Σu − λ(u'u − 1)
    assert math.isclose(u @ cov @ u, lam[-1])
    directions = RNG.normal(size=(200, 4))
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    assert np.all(np.einsum("ij,jk,ik->i", directions, cov, directions) <= lam[-1] + 1e-12)
    assert math.isclose(np.trace(cov), lam.sum())
    s = np.linalg.svd(X, compute_uv=False)
    assert np.allclose(np.sort(s**2 / len(X)), lam)
    k = 2
    P = U[:, -k:] @ U[:, -k:].T
    error = np.sum((X - X @ P) ** 2) / len(X)
    assert math.isclose(error, lam[:-k].sum(), rel_tol=1e-9)


# -- 6 / 28 SGD and stochastic approximation ------------------------------------------------
def test_6_sampled_gradient_is_unbiased():
    th = sp.Symbol("theta", real=True)
    a = [sp.Rational(1), sp.Rational(-2), sp.Rational(4)]
    losses = [(th - ai) ** 2 / 2 + ai * th**3 for ai in a]
    full = sp.diff(sum(losses) / 3, th)
    assert sp.expand(sum(sp.diff(loss, th) for loss in losses) / 3 - full) == 0


def test_6_constant_step_noise_ball_and_robbins_monro_convergence():
    eta, s2, v = sp.symbols("eta sigma2 v", positive=True)
    # θ ← θ − η(θ − a), a ~ (μ, σ²): stationary variance solves v = (1−η)² v + η² σ²
    stationary = sp.solve(sp.Eq(v, (1 - eta) ** 2 * v + eta**2 * s2), v)[0]
    assert sp.simplify(stationary - eta * s2 / (2 - eta)) == 0
    samples = RNG.normal(2.0, 1.0, size=(400, 3000))
    theta = np.zeros(400)
    for t in range(3000):
        theta -= 0.1 * (theta - samples[:, t])
    assert math.isclose(theta.var(), 0.1 / 1.9, rel_tol=0.2)  # a noise ball, not a point
    theta = np.zeros(400)
    for t in range(3000):  # η_t = 1/(t+1): Σ η = ∞, Σ η² < ∞; θ_t is the running mean
        theta -= (theta - samples[:, t]) / (t + 1)
    assert np.allclose(theta, samples.mean(axis=1)) and abs(theta.mean() - 2) < 0.01
    assert theta.var() < 1e-3


# -- 7 curse of dimensionality ---------------------------------------------------------------
def test_7_distance_moments_edge_length_and_shell():
    u, w = sp.symbols("u w", real=True)
    m1 = sp.integrate(sp.integrate((u - w) ** 2, (u, 0, 1)), (w, 0, 1))
    m2 = sp.integrate(sp.integrate((u - w) ** 4, (u, 0, 1)), (w, 0, 1))
    assert m1 == sp.Rational(1, 6) and m2 - m1**2 == sp.Rational(7, 180)
    # E‖x−y‖² = d/6, Var = 7d/180: relative spread sqrt(7d/180)/(d/6) ∝ 1/√d
    assert math.isclose(0.01 ** (1 / 100), 0.955, abs_tol=5e-4)
    assert (1 - 0.01) ** 1000 < 1e-4  # almost no volume within radius 0.99


# -- 8 lasso and ridge ----------------------------------------------------------------------
def test_8_soft_threshold_and_ridge_shrinkage():
    grid = np.linspace(-6, 6, 240001)
    for z in (-3.0, -0.4, 0.2, 1.7):
        for lam in (0.5, 2.0):
            best = grid[np.argmin((grid - z) ** 2 + lam * np.abs(grid))]
            assert abs(best - np.sign(z) * max(abs(z) - lam / 2, 0)) < 1e-4
    wv, zv, lv = sp.symbols("w z lambda", real=True)
    assert sp.solve(sp.diff((wv - zv) ** 2 + lv * wv**2, wv), wv) == [zv / (1 + lv)]


# -- 9 representer theorem -----------------------------------------------------------------
def test_9_kernel_ridge_equals_weight_space_ridge_and_gp_mean():
    Phi = RNG.normal(size=(6, 9))  # explicit features: k(x, x') = φ(x)ᵀφ(x')
    y, lam, phi_new = RNG.normal(size=6), 0.3, RNG.normal(size=9)
    w = np.linalg.solve(Phi.T @ Phi + lam * np.eye(9), Phi.T @ y)
    K = Phi @ Phi.T
    alpha = np.linalg.solve(K + lam * np.eye(6), y)
    assert np.allclose(w, Phi.T @ alpha)  # the optimum lies in the span of the data
    assert math.isclose(phi_new @ w, (Phi @ phi_new) @ alpha)  # = GP mean with σ² = λ


# -- 10 Lipschitz ---------------------------------------------------------------------------
def test_10_product_of_spectral_norms_bounds_the_gradient():
    W1, W2 = RNG.normal(size=(16, 5)), RNG.normal(size=(1, 16))
    bound = np.linalg.norm(W1, 2) * np.linalg.norm(W2, 2)
    for x in RNG.normal(size=(300, 5)):
        grad = (W2 * (W1 @ x > 0)) @ W1  # ReLU network f = W2 relu(W1 x)
        assert np.linalg.norm(grad) <= bound + 1e-9
    assert math.isclose(np.linalg.norm(np.eye(3)[0] - np.eye(3)[1]), math.sqrt(2))  # m/(√2K)


# -- 11 Bayes and Naive Bayes ---------------------------------------------------------------
def test_11_bayes_on_a_joint_table_and_naive_bayes_argmax():
    joint = {(a, b): Fraction(v, 20) for (a, b), v in
             zip(itertools.product((0, 1), repeat=2), (3, 5, 7, 5), strict=True)}
    p_a = {a: sum(v for (x, _), v in joint.items() if x == a) for a in (0, 1)}
    p_b = {b: sum(v for (_, x), v in joint.items() if x == b) for b in (0, 1)}
    for (a, b), v in joint.items():
        assert v / p_b[b] == (v / p_a[a]) * p_a[a] / p_b[b]
    prior = np.array([0.3, 0.7])
    cond = RNG.uniform(0.05, 0.95, size=(2, 4))  # p(x_j = 1 | y)
    for x in itertools.product((0, 1), repeat=4):
        lik = np.prod(np.where(np.array(x) == 1, cond, 1 - cond), axis=1)
        post = lik * prior / np.sum(lik * prior)
        score = np.log(prior) + np.sum(np.where(np.array(x) == 1, np.log(cond),
                                                np.log(1 - cond)), axis=1)
        assert np.argmax(post) == np.argmax(score)  # evidence p(x) drops out


# -- 12 KL divergence -----------------------------------------------------------------------
def test_12_gaussian_kl_by_moments_and_vae_term():
    x, m1, m2 = sp.symbols("x mu1 mu2", real=True)
    s1, s2 = sp.symbols("sigma1 sigma2", positive=True)

    def logpdf(m, s):
        return -sp.log(s) - sp.log(2 * sp.pi) / 2 - (x - m) ** 2 / (2 * s**2)

    integrand = sp.expand(logpdf(m1, s1) - logpdf(m2, s2))  # quadratic in x
    poly = sp.Poly(integrand, x)
    c2, c1, c0 = (poly.coeff_monomial(x**k) for k in (2, 1, 0))
    kl = c2 * (s1**2 + m1**2) + c1 * m1 + c0  # E_p[x] = μ1, E_p[x²] = σ1² + μ1²
    closed = sp.log(s2 / s1) + (s1**2 + (m1 - m2) ** 2) / (2 * s2**2) - sp.Rational(1, 2)
    assert sp.simplify(sp.expand_log(kl - closed, force=True)) == 0
    mu, s = sp.Symbol("mu", real=True), sp.Symbol("sigma", positive=True)
    vae = closed.subs({m1: mu, s1: s, m2: 0, s2: 1})
    assert sp.simplify(sp.expand_log(vae - (s**2 + mu**2 - 1 - sp.log(s**2)) / 2,
                                     force=True)) == 0


def test_12_gibbs_inequality_and_elbo_identity():
    for _ in range(50):
        p, q = RNG.dirichlet(np.ones(5)), RNG.dirichlet(np.ones(5))
        assert np.sum(p * np.log(p / q)) >= 0
    joint = RNG.uniform(0.1, 1, size=4)  # p(x, z) for one observed x and z in {0..3}
    q = RNG.dirichlet(np.ones(4))
    evidence = joint.sum()
    elbo = np.sum(q * (np.log(joint) - np.log(q)))
    kl = np.sum(q * np.log(q / (joint / evidence)))
    assert math.isclose(np.log(evidence), elbo + kl)


# -- 13 CLT confidence interval, Chebyshev --------------------------------------------------
def test_13_interval_and_chebyshev():
    half = 1.96 * math.sqrt(0.93 * 0.07 / 1000)
    assert math.isclose(half, 0.016, abs_tol=5e-4)
    n, p, eps = 200, 0.3, 0.08  # Chebyshev: P(|X̄ − p| ≥ ε) ≤ p(1−p)/(nε²)
    tail = sum(math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n + 1)
               if abs(k / n - p) >= eps)
    assert tail <= p * (1 - p) / (n * eps**2)


# -- 14 / 15 / 25 PAC, Hoeffding, Chernoff --------------------------------------------------
def test_14_finite_class_sample_complexity():
    m, eps, delta, H = sp.symbols("m epsilon delta H", positive=True)
    solution = sp.solve(sp.Eq(H * sp.exp(-eps * m), delta), m)[0]
    assert sp.simplify(solution - (sp.log(H) + sp.log(1 / delta)) / eps) == 0
    grid = np.linspace(0, 1, 101)
    assert np.all((1 - grid) ** 7 <= np.exp(-7 * grid) + 1e-15)  # (1−ε)^m ≤ e^{−εm}


def test_15_hoeffding_against_exact_binomial_tails_and_test_size():
    for n, p, eps in [(50, 0.5, 0.1), (200, 0.1, 0.05), (1000, 0.93, 0.02)]:
        two_sided = sum(math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n + 1)
                        if abs(k / n - p) >= eps)
        assert two_sided <= 2 * math.exp(-2 * n * eps**2)
    assert math.ceil(math.log(40) / (2 * 0.01**2)) == 18445
    assert math.isclose(math.sqrt(math.log(2 / 0.05) / (2 * 10_000)), 0.0136, abs_tol=1e-4)
    n, eps, delta, H = sp.symbols("n epsilon delta H", positive=True)
    solved = sp.solve(sp.Eq(2 * H * sp.exp(-2 * n * eps**2), delta), eps)
    target = sp.sqrt((sp.log(H) + sp.log(2 / delta)) / (2 * n))
    assert any(sp.simplify(sp.expand_log(s - target, force=True)) == 0 for s in solved)


def test_15_hoeffding_lemma_and_multiplicative_chernoff():
    for p in (0.05, 0.5, 0.9):
        for lam in np.linspace(-6, 6, 25):  # E e^{λ(X − p)} ≤ e^{λ²/8} for X ~ Bernoulli(p)
            mgf = p * math.exp(lam * (1 - p)) + (1 - p) * math.exp(-lam * p)
            assert mgf <= math.exp(lam**2 / 8) + 1e-12
    n, p = 300, 0.05
    mu = n * p
    for d in (0.5, 1.0, 2.0):
        upper = sum(math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n + 1)
                    if k >= (1 + d) * mu)
        assert upper <= math.exp(-(d**2) * mu / (2 + d))
    dl = 0.5
    lower = sum(math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n + 1)
                if k <= (1 - dl) * mu)
    assert lower <= math.exp(-(dl**2) * mu / 2)


# -- 16 importance sampling -----------------------------------------------------------------
def test_16_unbiased_variance_formula_and_optimal_proposal():
    p = np.array([0.5, 0.3, 0.15, 0.05])
    f = np.array([0.0, 1.0, 4.0, 30.0])
    mu = p @ f
    for q in (np.array([0.25] * 4), np.array([0.1, 0.2, 0.3, 0.4])):
        w = p / q
        assert math.isclose(q @ (f * w), mu)  # E_q[f w] = E_p[f]
        var = q @ (f * w) ** 2 - mu**2
        assert math.isclose(var, np.sum(f**2 * p**2 / q) - mu**2)
    q_star = np.abs(f) * p / np.sum(np.abs(f) * p)
    support = q_star > 0
    values = f[support] * p[support] / q_star[support]
    assert np.allclose(values, mu)  # zero variance for f ≥ 0
    assert np.sum(f**2 * p) - mu**2 > 0  # plain Monte Carlo from p has variance


# -- 17 martingales -------------------------------------------------------------------------
def test_17_likelihood_ratio_is_a_martingale_and_azuma():
    p, q = np.array([0.2, 0.5, 0.3]), np.array([0.4, 0.4, 0.2])
    assert math.isclose(p @ (q / p), 1.0)  # E_p[L_{t+1} | F_t] = L_t · E_p[q/p] = L_t
    n, eps = 100, 20  # ±1 random walk, |ΔM| ≤ 1: P(|M_n| ≥ ε) ≤ 2 exp(−ε²/(2n))
    tail = sum(math.comb(n, k) for k in range(n + 1) if abs(2 * k - n) >= eps) / 2**n
    assert tail <= 2 * math.exp(-(eps**2) / (2 * n))


# -- 18 stationarity ------------------------------------------------------------------------
def test_18_random_walk_variance_grows_and_its_difference_is_white_noise():
    s2 = sp.Symbol("sigma2", positive=True)
    t = 6
    cov = s2 * sp.eye(t)  # ε_1..ε_t white noise; X_t = Σ ε_i
    a = sp.ones(1, t)
    assert (a * cov * a.T)[0] == t * s2
    D = sp.zeros(t - 1, t)
    for i in range(t - 1):
        D[i, i], D[i, i + 1] = -1, 1
    L = sp.Matrix(t, t, lambda i, j: 1 if j <= i else 0)  # X = L ε
    assert D * L == sp.Matrix(t - 1, t, lambda i, j: 1 if j == i + 1 else 0)  # ΔX_t = ε_t


# -- 19 concept drift: label-shift prior correction -----------------------------------------
def test_19_prior_correction_under_label_shift():
    px_given_y = np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6]])  # fixed P(x|y)
    old, new = np.array([0.8, 0.2]), np.array([0.5, 0.5])
    post_old = (px_given_y * old[:, None]) / (px_given_y * old[:, None]).sum(0)
    post_new = (px_given_y * new[:, None]) / (px_given_y * new[:, None]).sum(0)
    corrected = post_old * (new / old)[:, None]
    assert np.allclose(corrected / corrected.sum(0), post_new)


# -- 20 Beta-Bernoulli ----------------------------------------------------------------------
def test_20_beta_posterior_mean_map_and_rule_of_succession():
    th = sp.Symbol("theta", positive=True)
    a, b, k, n = 2, 3, 4, 7
    post = th ** (a + k - 1) * (1 - th) ** (b + n - k - 1)
    z = sp.integrate(post, (th, 0, 1))
    assert sp.integrate(th * post, (th, 0, 1)) / z == sp.Rational(a + k, a + b + n)
    mode = sp.solve(sp.diff(sp.log(post), th), th)
    assert mode == [sp.Rational(a + k - 1, a + b + n - 2)]
    uniform = th**3  # 3 heads in 3 flips, Beta(1, 1) prior
    pred = sp.integrate(th * uniform, (th, 0, 1)) / sp.integrate(uniform, (th, 0, 1))
    assert pred == sp.Rational(4, 5)


# -- 21 / 22 vanishing gradients, activations ----------------------------------------------
def test_21_linear_rnn_gradient_is_a_matrix_power():
    Q = np.array([[1.0, 0.4], [0.3, 1.0]])
    for rho, grows in ((0.8, False), (1.2, True)):
        W = Q @ np.diag([rho, 0.5]) @ np.linalg.inv(Q)
        J = np.linalg.matrix_power(W, 40)  # ∂h_T/∂h_0 for h_t = W h_{t−1}
        assert np.allclose(J, Q @ np.diag([rho**40, 0.5**40]) @ np.linalg.inv(Q))
        size = float(np.linalg.norm(J))
        assert (size > 1e3) == grows and (size < 1e-2) == (not grows)


def test_22_sigmoid_and_tanh_derivative_bounds():
    z = sp.Symbol("z", real=True)
    d = sp.diff(sigmoid(z), z)
    assert sp.solve(sp.diff(d, z), z) == [0] and d.subs(z, 0) == sp.Rational(1, 4)
    assert sp.diff(sp.tanh(z), z).equals(1 - sp.tanh(z) ** 2)
    assert 1e-13 < 4.0**-20 < 1e-12
    h = RNG.normal(size=(20000,)) * 1.5  # He: E[relu(z)²] = Var(z)/2, so Var(W) = 2/n_in
    assert math.isclose(np.mean(np.maximum(h, 0) ** 2), 1.5**2 / 2, rel_tol=0.05)


# -- 23 backprop ----------------------------------------------------------------------------
def test_23_backprop_deltas_match_sympy_derivatives():
    x = sp.Matrix(sp.symbols("x0:2", real=True))
    y = sp.Matrix(sp.symbols("y0:2", real=True))
    W1 = sp.Matrix(2, 2, lambda i, j: sp.Symbol(f"a{i}{j}", real=True))
    W2 = sp.Matrix(2, 2, lambda i, j: sp.Symbol(f"c{i}{j}", real=True))
    a1 = W1 * x
    h = a1.applyfunc(sigmoid)
    yhat = W2 * h
    loss = ((yhat - y).T * (yhat - y))[0] / 2
    d2 = yhat - y
    d1 = (W2.T * d2).multiply_elementwise(h.applyfunc(lambda s: s * (1 - s)))
    names = list(x) + list(y) + list(W1) + list(W2)
    point = dict(zip(names, RNG.normal(size=len(names)).tolist(), strict=True))
    for W, claimed in ((W1, d1 * x.T), (W2, d2 * h.T)):
        exact = [float(sp.diff(loss, entry).subs(point)) for entry in W]
        assert np.allclose(exact, [float(c) for c in claimed.subs(point)], rtol=1e-10)


def test_23_cross_entropy_cancels_sigma_prime_and_mse_does_not():
    a, y = sp.symbols("a y", real=True)
    yh = sigmoid(a)
    bce = -(y * sp.log(yh) + (1 - y) * sp.log(1 - yh))
    assert sp.cancel(sp.together(sp.diff(bce, a) - (yh - y))) == 0
    assert sp.cancel(sp.together(sp.diff((yh - y) ** 2 / 2, a) - (yh - y) * yh * (1 - yh))) == 0


# -- 24 duality -----------------------------------------------------------------------------
def test_24_svm_dual_objective_from_stationarity():
    n, d = 3, 2
    al = sp.symbols("alpha0:3", real=True)
    ys = [1, -1, 1]
    X = sp.Matrix(n, d, lambda i, j: sp.Symbol(f"x{i}{j}", real=True))
    b = sp.Symbol("b", real=True)
    w = sum((al[i] * ys[i] * X.row(i).T for i in range(n)), sp.zeros(d, 1))
    lagr = (w.T * w)[0] / 2 - sum(al[i] * (ys[i] * ((w.T * X.row(i).T)[0] + b) - 1)
                                  for i in range(n))
    lagr = lagr.subs(al[2], -(al[0] * ys[0] + al[1] * ys[1]) / ys[2])  # Σ α_i y_i = 0
    dual = sum(al) - sum(al[i] * al[j] * ys[i] * ys[j] * (X.row(i) * X.row(j).T)[0]
                         for i in range(n) for j in range(n)) / 2
    dual = dual.subs(al[2], -(al[0] * ys[0] + al[1] * ys[1]) / ys[2])
    assert sp.expand(lagr - dual) == 0


def test_24_weak_and_strong_duality_on_a_small_problem():
    x, lam = sp.symbols("x lambda", real=True)
    lagr = x**2 + lam * (1 - x)  # min x² s.t. x ≥ 1; Slater holds
    g = lagr.subs(x, sp.solve(sp.diff(lagr, x), x)[0])
    assert sp.expand(g - (lam - lam**2 / 4)) == 0
    best = sp.solve(sp.diff(g, lam), lam)[0]
    assert g.subs(lam, best) == 1  # d* = p* = 1
    assert all(g.subs(lam, v) <= 1 for v in (0, 1, 3, 5))  # weak duality


# -- 26 Rademacher complexity ----------------------------------------------------------------
def test_26_linear_class_rademacher_bound_by_enumeration():
    n, B = 5, 2.0
    X = RNG.normal(size=(n, 3))
    R = np.max(np.linalg.norm(X, axis=1))
    signs = np.array(list(itertools.product((-1, 1), repeat=n)))
    sums = signs @ X
    assert math.isclose(np.mean(np.sum(sums**2, axis=1)), np.sum(X**2))  # cross terms vanish
    emp = B / n * np.mean(np.linalg.norm(sums, axis=1))  # sup over ‖w‖ ≤ B by Cauchy–Schwarz
    assert emp <= B / n * math.sqrt(np.sum(X**2)) <= B * R / math.sqrt(n) + 1e-12


# -- 27 no free lunch -----------------------------------------------------------------------
def test_27_every_learner_gets_half_off_the_training_set():
    domain, train = range(4), (0, 1)

    def majority(labels):  # learner 1: predict the majority training label everywhere
        return lambda _x: int(sum(labels) * 2 >= len(labels))

    def anti(labels):  # learner 2: predict the opposite of the first training label
        return lambda _x: 1 - labels[0]

    for learner in (majority, anti):
        total = Fraction(0)
        labelings = list(itertools.product((0, 1), repeat=len(domain)))
        for f in labelings:
            h = learner([f[i] for i in train])
            unseen = [x for x in domain if x not in train]
            total += Fraction(sum(h(x) == f[x] for x in unseen), len(unseen))
        assert total / len(labelings) == Fraction(1, 2)


# -- 29 Bellman -----------------------------------------------------------------------------
def test_29_bellman_operator_contracts_and_value_iteration_solves_it():
    S, A, gamma = 4, 3, 0.9
    P = RNG.dirichlet(np.ones(S), size=(S, A))
    R = RNG.normal(size=(S, A))

    def T(V):
        return np.max(R + gamma * P @ V, axis=1)

    for _ in range(50):
        V, U = RNG.normal(size=S) * 5, RNG.normal(size=S) * 5
        assert np.max(np.abs(T(V) - T(U))) <= gamma * np.max(np.abs(V - U)) + 1e-12
    V = np.zeros(S)
    for _ in range(400):
        V = T(V)
    assert np.allclose(V, T(V))
    r, p, v1, v2 = 0.3, 0.25, 1.5, -2.0  # the spec's two-successor backup
    assert math.isclose(r + gamma * np.dot([p, 1 - p], [v1, v2]),
                        r + gamma * (p * v1 + (1 - p) * v2))


# -- 30 policy gradient ---------------------------------------------------------------------
def test_30_score_function_baseline_and_variance():
    th = sp.symbols("t0:3", real=True)
    logits = list(th)
    pi = [sp.exp(t) / sum(sp.exp(u) for u in logits) for t in logits]
    rewards = [sp.Rational(5), sp.Rational(6), sp.Rational(7)]
    J = sum(p * r for p, r in zip(pi, rewards, strict=True))
    point = {th[0]: 0.1, th[1]: -0.4, th[2]: 0.3}
    probs = [float(p.subs(point)) for p in pi]
    for k in range(3):
        scores = [float(sp.diff(sp.log(pi[a]), th[k]).subs(point)) for a in range(3)]
        assert abs(np.dot(probs, scores)) < 1e-12  # Σ_a π ∇log π = ∇ Σ_a π = ∇1 = 0
        exact = float(sp.diff(J, th[k]).subs(point))
        for baseline in (0.0, 6.0):
            est = [s * (float(r) - baseline) for s, r in zip(scores, rewards, strict=True)]
            assert math.isclose(np.dot(probs, est), exact, rel_tol=1e-9)  # unbiased
        var = [np.dot(probs, np.square([s * (float(r) - b) for s, r in
                                        zip(scores, rewards, strict=True)])) - exact**2
               for b in (0.0, 6.0)]
        assert var[1] < var[0]  # all-positive rewards: the baseline cuts the variance


# -- the specs accept how candidates write the answer (what `viva check` runs) ----------------
SPELLINGS = [
    (1, "sum_i (y_i - sigma(w^T x_i)) x_i", "correct"),
    (1, "(y − σ(wᵀx)) x", "correct"),
    (1, r"\sum_{i=1}^{n} (y_i - \sigma(w^\top x_i)) x_i", "correct"),
    (1, "dl/dw = x*(y - 1/(1+exp(-w*x)))", "correct"),
    (1, "sum_i (sigma(w x_i) - y_i) x_i", "incorrect"),  # sign: the NLL gradient
    (1, "sum_i (y_i - w x_i) x_i", "incorrect"),  # the least-squares residual
    (1, "sum_i (y_i - sigma(w x_i))", "incorrect"),  # missing x_i
    (2, "w = (XᵀX)⁻¹Xᵀy", "correct"),
    (2, r"\hat w = (X^\top X)^{-1} X^\top y", "correct"),
    (2, "inv(X^T X) X^T y", "correct"),
    (2, "(X X^T)^{-1} X^T y", "incorrect"),
    (2, "(X^T X)^{-1} X y", "incorrect"),
    (3, "Bias² + Var + σ²", "correct"),
    (3, r"\mathrm{Bias}^2 + \mathrm{Var} + \sigma^2", "correct"),
    (3, "bias^2 + variance + noise", "correct"),
    (3, "bias + variance + sigma^2", "incorrect"),
    (6, "θ_{t+1} = θ_t − η g", "correct"),
    (6, r"\theta_{t+1} = \theta_t - \eta g", "correct"),
    (6, "theta_{t+1} = theta_t - eta_t g_t", "correct"),
    (6, "w_{t+1} = w_t - lr * g", "correct"),
    (6, "theta_{t+1} = theta_t + eta g", "incorrect"),
    (10, "|f(x) - f(y)| <= K |x - y|", "correct"),
    (10, "|f(x) − f(y)| ≤ L‖x − y‖", "correct"),
    (10, r"\|f(x) - f(y)\| \le K \|x - y\|", "correct"),
    (10, "|f(x) - f(y)| >= K |x - y|", "incorrect"),
    (11, "P(A|B) = P(B|A) P(A) / P(B)", "correct"),
    (11, "p(y|x) = p(x|y) p(y) / p(x)", "correct"),
    (11, r"P(A|B) = \frac{P(B|A) P(A)}{P(B)}", "correct"),
    (11, "P(A|B) = P(B|A) P(B) / P(A)", "incorrect"),
    (11, "P(A|B) = P(B|A) P(A)", "incorrect"),
    (12, "(σ² + μ² − 1)/2 − log σ", "correct"),
    (12, "0.5*(sigma^2 + mu^2 - 1 - log(sigma^2))", "correct"),
    (12, r"\frac{1}{2}(\mu^2 + \sigma^2 - 1 - \log \sigma^2)", "correct"),
    (12, "(sigma^2 + mu^2 - 1)/2 - log(sigma^2)", "incorrect"),
    (12, "(sigma^2 + mu^2 - 1)/2 + log(sigma)", "incorrect"),
    (15, "2e^{-2nε²}", "correct"),
    (15, "2exp(-2n eps^2)", "correct"),
    (15, "exp(-2 n epsilon^2)", "correct"),  # the one-sided bound
    (15, "2 exp(-2 t^2 / n)", "correct"),  # for the sum of n [0,1] variables
    (15, "2 exp(-n epsilon^2)", "incorrect"),
    (15, "2 exp(-2 n epsilon)", "incorrect"),
    (16, "f(x) p(x)/q(x)", "correct"),
    (16, r"\frac{1}{n}\sum_i f(x_i) \frac{p(x_i)}{q(x_i)}", "correct"),
    (16, "f(x) q(x)/p(x)", "incorrect"),  # the weight upside down
    (20, "(α + k)/(α + β + n)", "correct"),
    (20, r"\frac{\alpha + k}{\alpha + \beta + n}", "correct"),
    (20, "(a + k)/(a + b + n)", "correct"),
    (20, "(alpha + k - 1)/(alpha + beta + n - 2)", "incorrect"),  # the MAP, not the mean
    (20, "k/n", "incorrect"),
    (21, "lambda^T", "correct"),
    (21, "ρ^T", "correct"),
    (21, "lambda^(T-1)", "incorrect"),
    (22, "σ(z)(1 − σ(z))", "correct"),
    (22, r"\sigma(z)\left(1-\sigma(z)\right)", "correct"),
    (22, "e^{-z}/(1+e^{-z})^2", "correct"),
    (22, "sigma(z)(1 + sigma(z))", "incorrect"),
    (22, "1 - sigma(z)^2", "incorrect"),  # that is tanh'
    (23, "(W_2^T δ_2) ⊙ σ(a_1)(1 − σ(a_1))", "correct"),
    (23, "(W2^T delta2) * sigma(a1) * (1 - sigma(a1))", "correct"),
    (23, "(W2 delta2) * sigma(a1) * (1 - sigma(a1))", "incorrect"),  # transpose missing
    (23, "W2^T delta2", "incorrect"),  # no activation derivative
    (25, "sqrt(d/n)", "correct"),
    (25, r"\sqrt{\frac{d \log(n/d) + \log(1/\delta)}{n}}", "correct"),
    (25, "√((d + log(1/δ))/n)", "correct"),
    (25, "sqrt(n/d)", "incorrect"),
    (25, "d/n", "incorrect"),
    (29, "R + gamma (p V1 + (1 - p) V2)", "correct"),
    (29, "r + γ(p V_1 + (1 − p) V_2)", "correct"),
    (29, r"R + \gamma (p V_1 + (1-p) V_2)", "correct"),
    (29, "R + gamma (p V1 + p V2)", "incorrect"),
    (29, "gamma (p V1 + (1 - p) V2)", "incorrect"),
]


@pytest.mark.parametrize(("seed", "answer", "verdict"), SPELLINGS)
def test_candidate_spellings(seed, answer, verdict):
    result = check(BANK.get(str(seed)).symbolic, answer)
    assert result["verdict"] == verdict, (answer, result["read_as"], result["reason"])


def test_every_formula_question_1_30_has_correct_and_wrong_spellings():
    specs = {q.seed_number for q in BANK if q.symbolic and (q.seed_number or 99) <= 30}
    for seed in specs:
        verdicts = [v for s, _, v in SPELLINGS if s == seed]
        assert verdicts.count("correct") >= 2 and "incorrect" in verdicts, seed


def test_answer_set_has_every_band_for_seeds_1_to_30():
    import json
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "rubric" / "answers"
    bands: dict[int, set[str]] = {}
    for name in ("math", "probability", "optimization"):
        for line in (folder / f"{name}.jsonl").read_text().splitlines():
            if line.strip():
                answer = json.loads(line)
                bands.setdefault(int(answer["question"]), set()).add(answer["band"])
    assert {seed: bands.get(seed) for seed in range(1, 31)} == dict.fromkeys(
        range(1, 31), {"strong", "partial", "weak"})
