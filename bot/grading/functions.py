"""Numeric meanings of the built-in functions, for numbers (mpmath) and arrays (numpy),
and how two values multiply (matrix product, elementwise, or scaling)."""

from __future__ import annotations

import mpmath
import numpy as np

MP = mpmath.mp


class Undefined(Exception):
    """The formula has no real value at this point."""


class TooLarge(Undefined):
    """A value exists but is beyond the engine's caps (9^9^9, 1000!)."""


def _float(v: object) -> object:
    return float(v) if isinstance(v, MP.mpf) else v


def _sigma(x):
    return 1 / (1 + MP.exp(-x))


def _exp(x):
    if x > 10_000:
        raise TooLarge("exp of a huge number")
    return MP.exp(x)


SCALAR = {
    "exp": _exp, "sin": MP.sin, "cos": MP.cos, "tan": MP.tan, "tanh": MP.tanh,
    "sinh": MP.sinh, "cosh": MP.cosh, "arctan": MP.atan, "erf": MP.erf, "Phi": MP.ncdf,
    "sigma": _sigma, "sigmoid": _sigma, "logistic": _sigma,
    "sigma'": lambda x: _sigma(x) * (1 - _sigma(x)),
    "sigmoid'": lambda x: _sigma(x) * (1 - _sigma(x)),
    "tanh'": lambda x: 1 - MP.tanh(x) ** 2,
    "relu": lambda x: x if x > 0 else MP.mpf(0),
    "relu'": lambda x: MP.mpf(1) if x > 0 else MP.mpf(0),
    "softplus": lambda x: MP.log(1 + MP.exp(x)),
    "sign": lambda x: MP.sign(x), "sgn": lambda x: MP.sign(x), "abs": abs,
    "Phi^-1": lambda p: MP.sqrt(2) * MP.erfinv(2 * p - 1) if 0 < p < 1 else _undefined(),
    "tanh^-1": MP.atanh, "sigma^-1": lambda p: MP.log(p / (1 - p)) if 0 < p < 1 else (
        _undefined()),
}


def _undefined():
    raise Undefined("outside the domain of the inverse")
ARRAY = {
    "exp": np.exp, "sin": np.sin, "cos": np.cos, "tanh": np.tanh,
    "sigma": lambda x: 1 / (1 + np.exp(-x)), "sigmoid": lambda x: 1 / (1 + np.exp(-x)),
    "logistic": lambda x: 1 / (1 + np.exp(-x)),
    "sigma'": lambda x: (1 / (1 + np.exp(-x))) * (1 - 1 / (1 + np.exp(-x))),
    "relu": lambda x: np.maximum(x, 0), "softplus": lambda x: np.log1p(np.exp(x)),
    "abs": np.abs, "sign": np.sign,
}


def array_norm(x: np.ndarray, p: str, value: object = None) -> float:
    """||x||_p of a vector (a row or a column); of a matrix, Frobenius (no index or F) or
    spectral (2); other matrix norms are ambiguous (induced or entrywise) and undefined here."""
    if min(x.shape) > 1:
        if p in ("", "F"):
            return float(np.linalg.norm(x))
        if p == "2":
            return float(np.linalg.norm(x, 2))
        raise Undefined("ambiguous matrix norm")
    flat = x.ravel()
    if p in ("", "2", "F"):
        return float(np.linalg.norm(flat))
    if p == "oo":
        return float(np.max(np.abs(flat)))
    order = float(value) if value is not None else float(p)
    if not order >= 1:
        raise Undefined("a p-norm needs p >= 1")
    return float(np.sum(np.abs(flat) ** order) ** (1 / order))


def softmax(x: object) -> object:
    if not isinstance(x, np.ndarray):
        return MP.mpf(1)
    z = x - x.max(axis=1, keepdims=True) if x.shape[1] > 1 else x - x.max()
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True) if x.shape[1] > 1 else e / e.sum()


def multiply(a: object, b: object) -> object:
    """Matrix product when shapes chain, elementwise when two arrays share a shape
    (x ⊙ y), scaling when one side is a number."""
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
        if a.shape[1] == b.shape[0]:
            out = a @ b
            return MP.mpf(float(out[0, 0])) if out.shape == (1, 1) else out
        if a.shape == b.shape:
            return a * b
        if a.size == 1 or b.size == 1:
            return a * b
        raise Undefined("matrix shapes do not match")
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return _float(a) * _float(b)
    return a * b


