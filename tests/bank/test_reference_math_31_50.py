"""Every formula in the references of seeds 31-40 (architectures), checked independently:
sympy on our own formulas, numpy on random instances. Seeds 41-50 are in
test_reference_math_41_50.py; how candidates spell the symbolic answers is in
test_reference_spellings_31_50.py."""

from __future__ import annotations

import itertools
import math
from statistics import NormalDist

import numpy as np
import sympy as sp

RNG = np.random.default_rng(31)
PHI = NormalDist()


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def gaussian_moment(power: int) -> int:
    """E[g^n] for g ~ N(0, 1): 0 for odd n, (n - 1)!! for even n."""
    return 0 if power % 2 else math.prod(range(power - 1, 0, -2))


def expectation(expr: sp.Expr, gaussians: list[sp.Symbol]) -> sp.Expr:
    """E[expr] for independent standard normal ``gaussians`` (expr a polynomial in them)."""
    poly = sp.Poly(sp.expand(expr), *gaussians)
    return sum(coeff * math.prod(gaussian_moment(k) for k in powers)
               for powers, coeff in poly.terms())


# -- 31 attention -----------------------------------------------------------------------
def test_31_dot_product_variance_is_dk_and_scaling_restores_one():
    d = 6
    q, k = sp.symbols(f"q0:{d}"), sp.symbols(f"k0:{d}")
    dot = sum(a * b for a, b in zip(q, k, strict=True))
    assert expectation(dot, [*q, *k]) == 0
    assert expectation(dot**2, [*q, *k]) == d  # Var(q.k) = d_k
    assert expectation((dot / sp.sqrt(d)) ** 2, [*q, *k]) == 1


def test_31_softmax_jacobian_is_diag_p_minus_ppT_and_vanishes_when_saturated():
    z = sp.symbols("z0:3")
    p = [sp.exp(zi) / sum(sp.exp(zj) for zj in z) for zi in z]
    jac = sp.Matrix(3, 3, lambda i, j: sp.diff(p[i], z[j]))
    pv = sp.Matrix(p)
    assert sp.simplify(jac - (sp.diag(*p) - pv * pv.T)) == sp.zeros(3, 3)
    logits = np.linspace(-1, 1, 8)
    norms = []
    for scale in (1, 64):  # the std of unscaled logits grows like sqrt(d_k)
        pn = softmax(scale * logits)
        norms.append(np.abs(np.diag(pn) - np.outer(pn, pn)).max())
    assert norms[0] > 0.05 and norms[1] < 1e-6


def test_31_attention_rows_are_convex_combinations_and_causal_mask_hides_the_future():
    n, d = 5, 4
    q, k, v = (RNG.normal(size=(n, d)) for _ in range(3))
    mask = np.triu(np.full((n, n), -np.inf), 1)
    weights = softmax(q @ k.T / np.sqrt(d) + mask)
    assert np.all(weights >= 0) and np.allclose(weights.sum(axis=1), 1)
    assert np.all(weights[np.triu_indices(n, 1)] == 0)
    v2 = v.copy()
    v2[-1] += 100  # changing the last token's value leaves earlier outputs alone
    assert np.allclose((weights @ v)[:-1], (weights @ v2)[:-1])


def test_31_multi_head_parameters_do_not_depend_on_the_number_of_heads():
    d, h = sp.symbols("d h", positive=True)
    per_head = 3 * d * (d / h)  # W_Q, W_K, W_V of size d x d/h
    assert sp.expand(h * per_head + d * d) == 4 * d**2  # + W_O
    n = sp.Symbol("n", positive=True)
    flops = 2 * n * n * d + 2 * n * n * d  # QK^T and weights @ V, multiply-adds x 2
    assert sp.degree(flops, n) == 2


# -- 32 positional encodings ------------------------------------------------------------
def test_32_shift_by_k_is_a_rotation_independent_of_pos():
    pos, k, w = sp.symbols("pos k omega", real=True)
    rot = sp.Matrix([[sp.cos(k * w), sp.sin(k * w)], [-sp.sin(k * w), sp.cos(k * w)]])
    pair = sp.Matrix([sp.sin(w * pos), sp.cos(w * pos)])
    shifted = sp.Matrix([sp.sin(w * pos + w * k), sp.cos(w * pos + w * k)])
    assert sp.expand(sp.expand_trig(shifted) - rot * pair) == sp.zeros(2, 1)
    dot = sp.expand(sp.expand_trig((pair.T * shifted)[0]))
    pythagoras = {sp.sin(w * pos) ** 2: 1 - sp.cos(w * pos) ** 2}
    assert sp.expand(dot.subs(pythagoras)) == sp.cos(k * w)  # depends only on k


def test_32_wavelengths_run_from_2pi_to_10000_2pi():
    i, d = sp.symbols("i d", positive=True)
    omega = 10000 ** (-2 * i / d)
    assert 2 * sp.pi / omega.subs(i, 0) == 2 * sp.pi
    assert sp.limit(2 * sp.pi / omega, i, d / 2) == 20000 * sp.pi


def test_32_rope_scores_depend_only_on_the_relative_position():
    def rope(x, m, base=10000.0):
        half = x.reshape(-1, 2)
        theta = m * base ** (-2 * np.arange(len(half)) / x.size)
        c, s = np.cos(theta), np.sin(theta)
        return np.stack([c * half[:, 0] - s * half[:, 1], s * half[:, 0] + c * half[:, 1]],
                        axis=1).ravel()

    q, k = RNG.normal(size=8), RNG.normal(size=8)
    for m, n in [(0, 5), (3, 8), (10, 15), (2, 2)]:
        assert np.isclose(rope(q, m) @ rope(k, n), q @ rope(k, n - m))
    assert np.isclose(rope(q, 3) @ rope(k, 8), rope(q, 10) @ rope(k, 15))


# -- 33 RNN / LSTM / GRU ----------------------------------------------------------------
def test_33_parameter_counts():
    n, m = sp.symbols("n m", positive=True, integer=True)
    block = n * n + n * m + n  # W (n x n), U (n x m), b (n)
    assert sp.factor(block) == n * (n + m + 1)
    assert sp.factor(3 * block) == 3 * n * (n + m + 1)  # GRU: z, r, candidate
    assert sp.factor(4 * block) == 4 * n * (n + m + 1)  # LSTM: f, i, o, candidate


def test_33_rnn_jacobian_and_lstm_gru_direct_paths():
    n = 4
    w, u, x, h0 = RNG.normal(size=(n, n)), RNG.normal(size=(n, 3)), RNG.normal(size=3), \
        RNG.normal(size=n)

    def step(h):
        return np.tanh(w @ h + u @ x)

    h1, eps = step(h0), 1e-6
    numeric = np.stack([(step(h0 + eps * e) - step(h0 - eps * e)) / (2 * eps)
                        for e in np.eye(n)], axis=1)
    assert np.allclose(numeric, np.diag(1 - h1**2) @ w, atol=1e-6)
    f, i, g, z, h_tilde = sp.symbols("f i g z htilde")
    c_prev, h_prev = sp.symbols("c_prev h_prev")
    assert sp.diff(f * c_prev + i * g, c_prev) == f  # diag(f_t): no W on the cell path
    assert sp.diff((1 - z) * h_prev + z * h_tilde, h_prev) == 1 - z


# -- 34 graph convolution ---------------------------------------------------------------
def _graph(n=7, p=0.5):
    while True:
        a = np.triu((RNG.random((n, n)) < p).astype(float), 1)
        a = a + a.T
        if np.all(np.linalg.matrix_power(a + np.eye(n), n)[0] > 0):  # connected
            return a


def test_34_renormalised_adjacency_spectrum_and_over_smoothing_limit():
    a = _graph()
    at = a + np.eye(len(a))
    deg = at.sum(axis=1)
    a_hat = at / np.sqrt(np.outer(deg, deg))
    vals, vecs = np.linalg.eigh(a_hat)
    assert vals.max() <= 1 + 1e-12 and vals.min() > -1
    top = vecs[:, -1] * np.sign(vecs[0, -1])
    assert np.allclose(top, np.sqrt(deg) / np.linalg.norm(np.sqrt(deg)))
    smoothed = np.linalg.matrix_power(a_hat, 400) @ RNG.normal(size=(len(a), 3))
    assert np.allclose(smoothed / np.sqrt(deg)[:, None], smoothed[0] / np.sqrt(deg[0]),
                       atol=1e-6)  # every feature column proportional to sqrt(degree)


def test_34_first_order_chebyshev_filter_and_permutation_equivariance():
    a = _graph()
    n = len(a)
    d = a.sum(axis=1)
    norm = a / np.sqrt(np.outer(d, d))
    lap = np.eye(n) - norm
    x, t0, t1 = RNG.normal(size=n), 0.7, -0.7
    assert np.allclose(t0 * x + t1 * (lap - np.eye(n)) @ x, t0 * x - t1 * norm @ x)
    assert np.allclose(t0 * x + t1 * (lap - np.eye(n)) @ x, t0 * (np.eye(n) + norm) @ x)

    def gcn(adj, h, w):
        at = adj + np.eye(len(adj))
        dg = at.sum(axis=1)
        return np.tanh(at / np.sqrt(np.outer(dg, dg)) @ h @ w)

    h, w = RNG.normal(size=(n, 3)), RNG.normal(size=(3, 2))
    perm = np.eye(n)[RNG.permutation(n)]
    assert np.allclose(gcn(perm @ a @ perm.T, perm @ h, w), perm @ gcn(a, h, w))


def test_34_one_wl_cannot_tell_two_triangles_from_a_hexagon():
    def cycle(nodes):
        return {(u, v) for u, v in zip(nodes, nodes[1:] + nodes[:1], strict=True)}

    def adjacency(edges, n=6):
        a = np.zeros((n, n))
        for u, v in edges:
            a[u, v] = a[v, u] = 1
        return a

    def wl(a, rounds=4):
        colours = [0] * len(a)
        for _ in range(rounds):
            sig = [(colours[v], tuple(sorted(colours[u] for u in np.flatnonzero(a[v]))))
                   for v in range(len(a))]
            table = {s: k for k, s in enumerate(sorted(set(sig)))}
            colours = [table[s] for s in sig]
        return sorted(colours)

    triangles = adjacency(cycle([0, 1, 2]) | cycle([3, 4, 5]))
    hexagon = adjacency(cycle([0, 1, 2, 3, 4, 5]))
    assert wl(triangles) == wl(hexagon)
    assert np.trace(np.linalg.matrix_power(triangles, 3)) / 6 == 2  # not isomorphic:
    assert np.trace(np.linalg.matrix_power(hexagon, 3)) == 0  # 2 triangles vs none


def test_34_spec_matrix_form_is_the_neighbour_sum():
    h, w = RNG.normal(size=(4, 3)), RNG.normal(size=(3, 3))
    assert np.allclose(w @ h.T @ np.ones(4), w @ h.sum(axis=0))


# -- 35 Laplacian eigenmaps -------------------------------------------------------------
def test_35_quadratic_form_and_generalised_eigenproblem():
    n = 3
    w = sp.Matrix(n, n, lambda i, j: sp.Symbol(f"w{min(i, j)}{max(i, j)}") if i != j else 0)
    y = sp.Matrix(sp.symbols(f"y0:{n}"))
    deg = sp.diag(*[sum(w.row(i)) for i in range(n)])
    lap = deg - w
    penalty = sp.Rational(1, 2) * sum(w[i, j] * (y[i] - y[j]) ** 2
                                      for i in range(n) for j in range(n))
    assert sp.expand(penalty - (y.T * lap * y)[0]) == 0
    a = _graph(8)
    weights = a * RNG.uniform(0.5, 2, size=a.shape)
    weights = (weights + weights.T) / 2
    dg = weights.sum(axis=1)
    lap_n = np.diag(dg) - weights
    assert np.allclose(lap_n @ np.ones(8), 0)  # L1 = 0: the constant eigenvector
    vals, z = np.linalg.eigh(lap_n / np.sqrt(np.outer(dg, dg)))  # D^-1/2 L D^-1/2
    ys = z / np.sqrt(dg)[:, None]  # solutions of L y = lambda D y
    assert np.allclose(lap_n @ ys, np.diag(dg) @ ys * vals)
    emb = ys[:, 1:3]  # drop lambda_0 = 0, keep the next two
    assert np.allclose(emb.T @ np.diag(dg) @ emb, np.eye(2))
    assert np.isclose(np.trace(emb.T @ lap_n @ emb), vals[1] + vals[2])
    assert np.allclose(ys[:, 0] / ys[0, 0], 1) and abs(vals[0]) < 1e-10


def test_35_zero_eigenvalue_multiplicity_counts_components():
    a = np.zeros((6, 6))
    for u, v in [(0, 1), (1, 2), (3, 4), (4, 5)]:
        a[u, v] = a[v, u] = 1
    vals = np.linalg.eigvalsh(np.diag(a.sum(axis=1)) - a)
    assert np.sum(np.abs(vals) < 1e-10) == 2


# -- 36 normalising flows ---------------------------------------------------------------
def test_36_change_of_variables_for_an_affine_flow():
    z, a, b = sp.symbols("z a b", positive=True)
    x = a * z + b
    log_pz = -z**2 / 2 - sp.log(2 * sp.pi) / 2
    log_px = -((x - b) / a) ** 2 / 2 - sp.log(2 * sp.pi * a**2) / 2  # N(b, a^2) at x
    assert sp.simplify(log_px - (log_pz - sp.log(sp.diff(x, z)))) == 0


def test_36_density_form_through_the_inverse():
    """p_X(x) = p_Z(f^{-1}(x)) |det ∂f^{-1}/∂x|, the accepted density form, for x = a z + b."""
    x, a, b = sp.symbols("x a b", positive=True)
    inverse = (x - b) / a
    p_z = sp.exp(-inverse**2 / 2) / sp.sqrt(2 * sp.pi)
    normal = sp.exp(-(x - b) ** 2 / (2 * a**2)) / sp.sqrt(2 * sp.pi * a**2)  # N(b, a^2)
    assert sp.simplify(p_z * sp.Abs(sp.diff(inverse, x)) - normal) == 0


def test_36_affine_coupling_inverse_and_log_determinant():
    w1, w2 = RNG.normal(size=(2, 3)), RNG.normal(size=(2, 3))

    def s(xa):
        return np.tanh(w1.T @ xa)

    def t(xa):
        return w2.T @ xa

    def forward(x):
        xa, xb = x[:2], x[2:]
        return np.concatenate([xa, xb * np.exp(s(xa)) + t(xa)])

    def inverse(y):
        ya, yb = y[:2], y[2:]
        return np.concatenate([ya, (yb - t(ya)) * np.exp(-s(ya))])

    x, eps = RNG.normal(size=5), 1e-6
    assert np.allclose(inverse(forward(x)), x)
    jac = np.stack([(forward(x + eps * e) - forward(x - eps * e)) / (2 * eps)
                    for e in np.eye(5)], axis=1)
    assert np.allclose(np.triu(jac[:2, 2:]), 0)  # block-triangular
    assert np.isclose(np.log(abs(np.linalg.det(jac))), s(x[:2]).sum(), atol=1e-6)


# -- 37 ELBO ----------------------------------------------------------------------------
def test_37_elbo_plus_posterior_kl_is_the_evidence():
    k = 5
    prior, lik, q = RNG.dirichlet(np.ones(k)), RNG.uniform(0.05, 1, size=k), RNG.dirichlet(
        np.ones(k))
    evidence = np.log(prior @ lik)
    posterior = prior * lik / (prior @ lik)
    elbo = q @ np.log(lik) - q @ np.log(q / prior)  # E_q log p(x|z) - KL(q || p(z))
    assert np.isclose(elbo, q @ (np.log(prior * lik) - np.log(q)))
    assert np.isclose(evidence, elbo + q @ np.log(q / posterior))
    assert elbo < evidence  # Jensen


def test_37_gaussian_kl_to_standard_normal():
    mu, x = sp.Symbol("mu", real=True), sp.Symbol("x", real=True)
    sigma = sp.Symbol("sigma", positive=True)
    g = sp.Symbol("g")  # x = mu + sigma g, g ~ N(0, 1)
    log_q = -sp.log(sigma) - (x - mu) ** 2 / (2 * sigma**2)
    log_p = -x**2 / 2
    kl = -sp.log(sigma) + expectation(sp.expand((log_q - log_p + sp.log(sigma))
                                                .subs(x, mu + sigma * g)), [g])
    assert sp.simplify(kl - ((mu**2 + sigma**2 - 1) / 2 - sp.log(sigma))) == 0
    assert sp.simplify(kl - (mu**2 + sigma**2 - 1 - sp.log(sigma**2)) / 2) == 0


def test_37_reparameterised_gradient_is_unbiased():
    mu, sigma = 0.7, 1.3
    eps = RNG.normal(size=200_000)
    grad_mu = np.mean(2 * (mu + sigma * eps))  # d/dmu E[z^2] with z = mu + sigma eps
    assert abs(grad_mu - 2 * mu) < 0.03


# -- 38 GANs ----------------------------------------------------------------------------
def _kl(p, q):
    return float(np.sum(np.where(p > 0, p * np.log(np.where(p > 0, p, 1) / q), 0)))


def test_38_optimal_discriminator_and_jsd_value():
    a, b, dd = sp.symbols("a b D", positive=True)
    value = a * sp.log(dd) + b * sp.log(1 - dd)
    (best,) = sp.solve(sp.diff(value, dd), dd)
    assert sp.simplify(best - a / (a + b)) == 0
    assert sp.simplify(sp.diff(value, dd, 2).subs(dd, best) + (a + b) ** 3 / (a * b)) == 0
    p_data, p_g = RNG.dirichlet(np.ones(6)), RNG.dirichlet(np.ones(6))
    d_star = p_data / (p_data + p_g)
    v = p_data @ np.log(d_star) + p_g @ np.log(1 - d_star)
    m = (p_data + p_g) / 2
    jsd = (_kl(p_data, m) + _kl(p_g, m)) / 2
    assert np.isclose(v, 2 * jsd - np.log(4))
    # the non-saturating loss sees KL(p_g || p_data) = E_pg[log(1 - D*) - log D*]
    assert np.isclose(p_g @ (np.log(1 - d_star) - np.log(d_star)), _kl(p_g, p_data))


def test_38_jsd_is_constant_log2_on_disjoint_supports():
    p, q = np.array([0.5, 0.5, 0, 0]), np.array([0, 0, 0.3, 0.7])
    m = (p + q) / 2
    assert np.isclose((_kl(p, m) + _kl(q, m)) / 2, np.log(2))


# -- 39 AR vs MLM -----------------------------------------------------------------------
def test_39_chain_rule_is_exact_but_pseudo_likelihood_is_not_normalised():
    joint = RNG.dirichlet(np.ones(8)).reshape(2, 2, 2)
    for x in itertools.product(range(2), repeat=3):
        p1 = joint.sum(axis=(1, 2))[x[0]]
        p2 = joint[x[0], x[1]].sum() / joint[x[0]].sum()
        p3 = joint[x] / joint[x[0], x[1]].sum()
        assert np.isclose(np.log(p1) + np.log(p2) + np.log(p3), np.log(joint[x]))
    pseudo = 0.0
    for x in itertools.product(range(2), repeat=3):
        conditionals = [joint[x] / joint[tuple(x[:t]) + (slice(None),) + tuple(x[t + 1:])].sum()
                        for t in range(3)]
        pseudo += math.prod(conditionals)
    assert not np.isclose(pseudo, 1.0)
    assert math.isclose(0.15 * 0.8, 0.12) and math.isclose(0.15 * 0.1, 0.015)


# -- 40 diffusion -----------------------------------------------------------------------
def test_40_forward_marginal_by_composition():
    alphas = sp.symbols("alpha1:4", positive=True)  # alpha_t = 1 - beta_t
    x0, e = sp.Symbol("x0"), sp.symbols("e1:4")
    x = x0
    for a_t, e_t in zip(alphas, e, strict=True):
        x = sp.sqrt(a_t) * x + sp.sqrt(1 - a_t) * e_t
    alpha_bar = math.prod(alphas)
    assert sp.simplify(sp.diff(x, x0) - sp.sqrt(alpha_bar)) == 0
    noise_var = expectation(sp.expand((x - sp.sqrt(alpha_bar) * x0) ** 2), list(e))
    assert sp.simplify(noise_var - (1 - alpha_bar)) == 0


def test_40_score_of_the_marginal_is_minus_eps_over_sigma():
    xt, x0, ab, eps = sp.symbols("x_t x_0 alphabar epsilon", positive=True)
    log_q = -(xt - sp.sqrt(ab) * x0) ** 2 / (2 * (1 - ab))
    score = sp.diff(log_q, xt).subs(xt, sp.sqrt(ab) * x0 + sp.sqrt(1 - ab) * eps)
    assert sp.simplify(score + eps / sp.sqrt(1 - ab)) == 0

