"""Exact checks with sympy where they are cheap: scalar formulas are built as sympy objects
directly from parsed nodes (never from text), with the declared domains as assumptions, and
``expand``/``cancel`` of the difference decides. Anything else is left to sampling."""

from __future__ import annotations

import sympy

from bot.grading import ast as A
from bot.grading.evaluate import Context, symbol_name

ASSUME = {
    "real": {"real": True}, "positive": {"positive": True},
    "nonnegative": {"nonnegative": True}, "negative": {"negative": True},
    "nonzero": {"real": True, "nonzero": True}, "integer": {"integer": True},
    "positive_integer": {"integer": True, "positive": True},
    "index": {"integer": True, "positive": True},
}
FUNCS = {"exp": sympy.exp, "log": sympy.log, "ln": sympy.log, "sqrt": sympy.sqrt,
         "sin": sympy.sin, "cos": sympy.cos, "tan": sympy.tan, "tanh": sympy.tanh,
         "sinh": sympy.sinh, "cosh": sympy.cosh}
MAX_POWER = 12


class Unsupported(Exception):
    pass


def to_sympy(node: A.Node, ctx: Context) -> sympy.Expr:
    def sym(name: str) -> sympy.Symbol:
        domain = ctx.domains.get(name, "real")
        if domain.startswith(("matrix", "vector", "probability")):
            if domain != "probability":
                raise Unsupported(name)
            return sympy.Symbol(name, positive=True)
        return sympy.Symbol(name, **ASSUME.get(domain, {"real": True}))

    def go(n: A.Node) -> sympy.Expr:
        match n:
            case A.Num(text=t):
                return sympy.Rational(t)
            case A.Const(name="e"):
                return sympy.E
            case A.Const(name="pi"):
                return sympy.pi
            case A.Sym():
                return sym(symbol_name(n))
            case A.Neg(x=x):
                return -go(x)
            case A.Add(terms=ts):
                return sympy.Add(*[go(t) for t in ts])
            case A.Mul(factors=fs):
                return sympy.Mul(*[go(f) for f in fs])
            case A.Div(num=a, den=b):
                return go(a) / go(b)
            case A.Pow(base=b, exp=e):
                exponent = go(e)
                if exponent.is_Number and abs(exponent) > MAX_POWER:
                    raise Unsupported("large power")
                return sympy.Pow(go(b), exponent)
            case A.Call(name=name, args=(x,)) if name in FUNCS:
                return FUNCS[name](go(x))
            case A.Call(name=name, args=(x,)) if name in ("sigma", "sigmoid", "logistic"):
                return 1 / (1 + sympy.exp(-go(x)))
            case A.Abs(x=x):
                return sympy.Abs(go(x))
        raise Unsupported(type(n).__name__)

    if ctx.defined or ctx.unknown:
        raise Unsupported("spec functions")
    return go(node)


def _small(node: A.Node) -> bool:
    """Only small formulas without nested functions or big literals go to sympy: its
    automatic evaluation can otherwise take unbounded time (exp(exp(exp(100))))."""
    if A.count_ops_nodes(node) > 60:
        return False

    def ok(n: object, calls: int) -> bool:
        if isinstance(n, A.Num):
            return len(n.text) <= 6
        if isinstance(n, A.Call | A.Pow):
            calls += 1
            if calls > 2:
                return False
        if isinstance(n, A.Node):
            return all(ok(v, calls) for v in n.__dict__.values())
        if isinstance(n, tuple):
            return all(ok(v, calls) for v in n)
        return True

    return ok(node, 0)


def proved_equal(a: A.Node, b: A.Node, ctx: Context) -> bool:
    """True only when sympy shows a - b == 0 exactly (cheaply); False means 'not shown'."""
    if not (_small(a) and _small(b)):
        return False
    try:
        diff = to_sympy(a, ctx) - to_sympy(b, ctx)
    except (Unsupported, TypeError, ValueError, ZeroDivisionError):
        return False
    if diff == 0:
        return True
    if len(diff.atoms(sympy.Function)) > 4 or sympy.count_ops(diff) > 60:
        return False
    try:
        return sympy.expand(diff) == 0
    except (TypeError, ValueError, ZeroDivisionError, RecursionError):
        return False
