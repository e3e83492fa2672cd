"""Numeric evaluation of parsed formulas at random points of the declared domains.

Scalars are mpmath numbers (30 digits), matrices and vectors numpy arrays. A point outside
a function's real domain (log of a negative, division by zero) raises ``Undefined``; the
caller skips or counts it. Unknown functions (f, P, E[...]) are random functions: the same
arguments give the same value within one sample point, so f(x) - f(x) is 0 but E[x + y]
is not E[x] + E[y] — the engine never assumes more than it knows.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, field

import mpmath
import numpy as np

from bot.grading import ast as A
from bot.grading.functions import (
    ARRAY,
    SCALAR,
    TooLarge,
    Undefined,
    _float,
    array_norm,
    multiply,
    softmax,
)
from bot.grading.limits import MAX_EVAL_STEPS, MAX_EXPONENT, MAX_FACTORIAL, out_of_time

MP = mpmath.mp
MP.dps = 30
SHAPE = re.compile(r"^(matrix|vector)\((\w+)(?:,(\w+))?\)$")
MAX_SUM = 12


@dataclass
class Context:
    """What the spec says about names: domains, defined and unknown functions."""

    domains: dict[str, str] = field(default_factory=dict)
    defined: dict[str, tuple[tuple[str, ...], A.Node]] = field(default_factory=dict)
    unknown: set[str] = field(default_factory=set)

    def shape_of(self, name: str) -> tuple[str, str | None] | None:
        match = SHAPE.match(self.domains.get(name, ""))
        if not match:
            return None
        kind, a, b = match.groups()
        return (a, b) if kind == "matrix" else (a, None)

    @property
    def has_arrays(self) -> bool:
        return any(self.shape_of(n) for n in self.domains)


class Point:
    """One random sample: values are drawn on first use and then fixed."""

    def __init__(self, ctx: Context, rng: random.Random):
        self.ctx = ctx
        self.rng = rng
        self.values: dict[str, object] = {}
        self.sizes: dict[str, int] = {}
        self.calls: dict[tuple, object] = {}
        self.seed = rng.random()

    def size(self, dim: str) -> int:
        if dim not in self.sizes:
            self.sizes[dim] = self.rng.randint(2, 4)
        return self.sizes[dim]

    def value(self, name: str) -> object:
        if name not in self.values:
            self.values[name] = self._draw(name)
        return self.values[name]

    def _draw(self, name: str) -> object:
        ctx = self.ctx
        shape = ctx.shape_of(name)
        if shape is not None:
            rows = self.size(shape[0])
            cols = self.size(shape[1]) if shape[1] else 1
            return np.array([[self.rng.gauss(0, 1) for _ in range(cols)] for _ in range(rows)])
        if any((s := ctx.shape_of(n)) and name in s for n in ctx.domains):
            return MP.mpf(self.size(name))  # a dimension used as a number (sqrt(d))
        if name in ("n", "N") and name not in ctx.domains:
            return MP.mpf(self.size("n"))  # an undeclared n is the number of terms
        return self.scalar(ctx.domains.get(name, "real"))

    def scalar(self, domain: str) -> object:
        r = self.rng
        if domain == "positive":
            return MP.exp(MP.mpf(r.uniform(-2, 2)))
        if domain == "nonnegative":
            return MP.mpf(r.uniform(0, 4))
        if domain == "negative":
            return -MP.exp(MP.mpf(r.uniform(-2, 2)))
        if domain == "nonzero":
            return r.choice((-1, 1)) * MP.exp(MP.mpf(r.uniform(-2, 2)))
        if domain == "probability":
            return MP.mpf(r.uniform(0.02, 0.98))
        if domain == "integer":
            return MP.mpf(r.randint(-5, 6))
        if domain in ("positive_integer", "index"):
            return MP.mpf(r.randint(1, 7))
        scale = 2.5 if r.random() < 0.8 else 8.0
        return MP.mpf(r.uniform(-scale, scale))

    def family(self, base: str, index: int, count: int) -> object:
        """x_i inside sum_i: row i of a declared X, entry i of a declared vector x, or the
        i-th of ``count`` draws from x's domain."""
        for name in (base.upper(), base):
            shape = self.ctx.shape_of(name)
            if shape and name in self.ctx.domains:
                array = self.value(name)
                if not 1 <= index <= array.shape[0]:  # x_0 or x_{-5}: no such row
                    raise Undefined("index outside the array")
                row = array[index - 1]
                return row.reshape(-1, 1) if shape[1] else MP.mpf(float(row[0]))
        key = f"{base}[{index}]"
        if key not in self.values:
            self.values[key] = self.scalar(self.ctx.domains.get(base, "real"))
        return self.values[key]

    def random_function(self, name: str, args: tuple) -> object:
        key = (name, tuple(_key(a) for a in args))
        if key not in self.calls:
            digest = hashlib.sha256(f"{self.seed}|{key}".encode()).digest()
            self.calls[key] = MP.mpf(int.from_bytes(digest[:6], "big")) / 2**48 * 4 - 2
        return self.calls[key]


def _key(value: object) -> object:
    if isinstance(value, np.ndarray):
        return tuple(np.round(value, 9).ravel().tolist())
    return MP.nstr(value, 15) if isinstance(value, MP.mpf) else str(value)


def _real(value: object) -> object:
    if isinstance(value, MP.mpc):
        if abs(value.imag) > 1e-25 * max(1, abs(value.real)):
            raise Undefined("complex value")
        return value.real
    if isinstance(value, np.ndarray):
        if not np.all(np.isfinite(value)):
            raise Undefined("not finite")
        return value
    if isinstance(value, MP.mpf) and not MP.isfinite(value):
        raise Undefined("not finite")
    return value


class Evaluator:
    def __init__(self, point: Point):
        self.p = point
        self.ctx = point.ctx
        self.steps = 0

    def run(self, node: A.Node, bound: dict[str, object] | None = None) -> object:
        return _real(self.ev(node, bound or {}))

    def ev(self, n: A.Node, b: dict[str, object]) -> object:
        self.steps += 1
        if self.steps > MAX_EVAL_STEPS:  # sums nested in sums: too much work, not a hang
            raise TooLarge("too much work to evaluate")
        if not self.steps & 255 and out_of_time():
            raise TooLarge("too much work to evaluate in the time allowed")
        method = getattr(self, f"_{type(n).__name__}")
        return method(n, b)

    def _Num(self, n: A.Num, b):
        return MP.mpf(n.text)

    def _Const(self, n: A.Const, b):
        if n.name == "oo":
            raise Undefined("infinity")
        return MP.e if n.name == "e" else MP.pi

    def _Sym(self, n: A.Sym, b):
        if n.sub is None:
            if n.name in b:
                return b[n.name]
            return self.p.value(n.name)
        if isinstance(n.sub, A.Sym) and n.sub.sub is None and n.sub.name in b:
            return self.p.family(n.name, int(b[n.sub.name]), 0)
        return self.p.value(symbol_name(n))

    def _Neg(self, n: A.Neg, b):
        return -self.ev(n.x, b)

    def _Add(self, n: A.Add, b):
        values = [self.ev(t, b) for t in n.terms]
        if any(isinstance(v, np.ndarray) for v in values):
            values = [_float(v) for v in values]
            shapes = {v.shape for v in values if isinstance(v, np.ndarray)}
            if len(shapes) > 1 and not all(1 in s or s == () for s in shapes):
                raise Undefined("adding arrays of different shapes")
        total = values[0]
        for v in values[1:]:
            total = total + v
        return total

    def _Mul(self, n: A.Mul, b):
        total = self.ev(n.factors[0], b)
        for f in n.factors[1:]:
            total = multiply(total, self.ev(f, b))
        return total

    def _Div(self, n: A.Div, b):
        num, den = self.ev(n.num, b), self.ev(n.den, b)
        if isinstance(den, np.ndarray):
            if den.size != 1:
                # elementwise, as in sigma(z) = 1/(1 + exp(-z)) applied to a vector
                if isinstance(num, np.ndarray) and num.shape != den.shape:
                    raise Undefined("division by a matrix")
                if np.any(np.abs(den) < 1e-300):
                    raise Undefined("division by zero")
                return _float(num) / den
            den = float(den.ravel()[0])
        if den == 0:
            raise Undefined("division by zero")
        return (_float(num) / float(den)) if isinstance(num, np.ndarray) else num / den

    def _Pow(self, n: A.Pow, b):
        if isinstance(n.exp, A.Sym) and n.exp.name == "__star__":
            return self.p.value(symbol_name(n.base) + "*")
        base = self.ev(n.base, b)
        exp = self.ev(n.exp, b)
        if isinstance(exp, np.ndarray):
            raise Undefined("matrix exponent")
        if isinstance(base, np.ndarray):
            if base.shape[0] == base.shape[1] and float(exp) == int(exp):
                k = int(exp)
                if abs(k) > MAX_EXPONENT:
                    raise TooLarge("exponent too large")
                if k < 0:
                    if abs(np.linalg.det(base)) < 1e-12:
                        raise Undefined("singular matrix")
                    return np.linalg.matrix_power(np.linalg.inv(base), -k)
                return np.linalg.matrix_power(base, k)
            if base.size == 1:
                base = MP.mpf(float(base.ravel()[0]))
            else:
                return np.power(base, float(exp))
        if (abs(exp) > MAX_EXPONENT and abs(base) > 1) or abs(base) > MP.mpf("1e1000"):
            raise TooLarge("number too large")
        if base == 0 and exp <= 0:
            raise Undefined("zero to a non-positive power")
        if abs(exp) > MAX_EXPONENT and abs(base) < 1:
            # 0.5^-9999990: mpmath would work out every bit; the size says enough
            log_size = exp * MP.log(abs(base))
            if log_size > 2300:  # beyond 1e1000, as above
                raise TooLarge("number too large")
            if base > 0 or exp == int(exp):
                sign = -1 if base < 0 and int(exp) % 2 else 1
                return sign * MP.exp(log_size)
        return MP.power(base, exp)

    def _Transpose(self, n: A.Transpose, b):
        value = self.ev(n.x, b)
        return value.T if isinstance(value, np.ndarray) else value

    def _Abs(self, n: A.Abs, b):
        value = self.ev(n.x, b)
        if isinstance(value, np.ndarray):
            return np.abs(value) if value.size > 1 else abs(float(value.ravel()[0]))
        return abs(_real(value))

    def _Norm(self, n: A.Norm, b):
        value = self.ev(n.x, b)
        if isinstance(value, np.ndarray):
            return MP.mpf(array_norm(value, n.p, self.ev(A.Sym(n.p), b) if n.p.isalpha()
                                     and n.p not in ("F", "oo") else None))
        return abs(_real(value))

    def _Factorial(self, n: A.Factorial, b):
        value = self.ev(n.x, b)
        if isinstance(value, np.ndarray) or value < 0 or value != int(value):
            raise Undefined("factorial of a non-natural number")
        if value > MAX_FACTORIAL:
            raise TooLarge("factorial too large")
        return MP.factorial(value)

    def _SumOver(self, n: A.SumOver, b):
        lo = int(self.ev(n.lo, b)) if n.lo is not None else 1
        if n.hi is not None:
            hi_value = self.ev(n.hi, b)
            if isinstance(n.hi, A.Sym) and n.hi.name not in self.ctx.domains:
                hi_value = MP.mpf(self.p.size(n.hi.name))
            hi = int(hi_value)
        else:
            hi = self.p.size("n") + lo - 1
        if hi - lo + 1 > MAX_SUM or hi < lo:
            raise Undefined("sum range")
        if n.op == "prod":
            total: object = MP.mpf(1)
            for i in range(lo, hi + 1):
                term = self.ev(n.body, {**b, n.index: MP.mpf(i)})
                if isinstance(term, np.ndarray) or isinstance(total, np.ndarray):
                    raise Undefined("product of arrays over an index")
                total = total * term
                if abs(total) > MP.mpf("1e1000"):
                    raise TooLarge("product too large")
            return total
        total = MP.mpf(0)
        for i in range(lo, hi + 1):
            term = self.ev(n.body, {**b, n.index: MP.mpf(i)})
            total = total + term if not isinstance(term, np.ndarray) else _float(total) + term
        return total

    def _Deriv(self, n: A.Deriv, b):
        h = MP.mpf("1e-12")
        x0 = b[n.var] if n.var in b else self.p.value(n.var)
        if isinstance(x0, np.ndarray):
            raise Undefined("derivative with respect to an array")
        up = _real(self.ev(n.body, {**b, n.var: x0 + h}))
        down = _real(self.ev(n.body, {**b, n.var: x0 - h}))
        if isinstance(up, np.ndarray) or isinstance(down, np.ndarray):
            return (np.asarray(up, float) - np.asarray(down, float)) / (2 * float(h))
        return (up - down) / (2 * h)

    def _Grad(self, n: A.Grad, b):
        """The gradient of a known one-argument function is its derivative there; of an
        unknown one, a random function of the arguments (one per argument position)."""
        fn = n.fn
        if isinstance(fn, A.Sym):
            return self.p.random_function(f"nabla[{n.wrt}]{symbol_name(fn)}", ())
        if (isinstance(fn, A.Call) and len(fn.args) == 1 and n.wrt == 0
                and self._known(fn.name)):
            x0 = self.ev(fn.args[0], b)
            if isinstance(x0, np.ndarray):
                raise Undefined("gradient of a function of an array")
            probe = A.Deriv("__at__", A.Call(fn.name, (A.Sym("__at__"),)))
            return self._Deriv(probe, {**b, "__at__": x0})
        if isinstance(fn, A.Call):
            args = tuple(self.ev(a, b) for a in fn.args)
            return self.p.random_function(f"nabla[{n.wrt}]{fn.name}", args)
        raise Undefined("gradient of an expression")

    def _known(self, name: str) -> bool:
        if name in self.ctx.unknown:
            return False
        return name in self.ctx.defined or name in SCALAR or name in ("log", "ln", "sqrt")

    def _DerivLabel(self, n: A.DerivLabel, b):
        return self.p.random_function(f"d{n.f}/d{n.var}", ())

    def _Call(self, n: A.Call, b):
        name = n.name
        if name in self.ctx.defined:
            params, body = self.ctx.defined[name]
            if len(params) != len(n.args):
                raise Undefined("wrong number of arguments")
            args = [self.ev(a, b) for a in n.args]
            return self.ev(body, {**b, **dict(zip(params, args, strict=True))})
        args = [self.ev(a, b) for a in n.args]
        if name in ("log", "ln"):
            (x,) = args
            if isinstance(x, np.ndarray):
                if np.any(x <= 0):
                    raise Undefined("log of a non-positive number")
                return np.log(x)
            if x <= 0:
                raise Undefined("log of a non-positive number")
            return MP.log(x)
        if name == "sqrt":
            (x,) = args
            if isinstance(x, np.ndarray):
                if np.any(x < 0):
                    raise Undefined("sqrt of a negative number")
                return np.sqrt(x)
            if x < 0:
                raise Undefined("sqrt of a negative number")
            return MP.sqrt(x)
        if name in ("max", "min") and len(args) > 1 and not any(
                isinstance(a, np.ndarray) for a in args):
            return max(args) if name == "max" else min(args)
        if name == "inv" and len(args) == 1:
            return self._Pow(A.Pow(n.args[0], A.Num("-1")), b)
        if name == "factorial" and len(args) == 1:
            return self._Factorial(A.Factorial(n.args[0]), b)
        if name == "softmax":
            return softmax(args[0])
        if name in ("det", "tr", "trace", "Tr") and isinstance(args[0], np.ndarray):
            m = args[0]
            return MP.mpf(float(np.linalg.det(m) if name == "det" else np.trace(m)))
        if len(args) == 1 and name in SCALAR and name not in self.ctx.unknown:
            x = args[0]
            if isinstance(x, np.ndarray):
                if name not in ARRAY:
                    raise Undefined(f"{name} of an array")
                with np.errstate(all="raise"):
                    try:
                        return ARRAY[name](x)
                    except FloatingPointError:
                        raise Undefined("overflow") from None
            return SCALAR[name](x)
        return self.p.random_function(name, tuple(args))


def symbol_name(n: A.Node) -> str:
    """The identity of a subscripted symbol: theta_{t+1} -> 'theta_{t+1}'."""
    if not isinstance(n, A.Sym):
        return "__expr__"
    if n.sub is None:
        return n.name
    return f"{n.name}_{{{plain(n.sub)}}}"


def plain(n: A.Node) -> str:
    from bot.grading.printer import to_text

    return to_text(n)
