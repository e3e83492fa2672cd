"""The parsed form of a formula: small immutable nodes the parser builds from tokens.
Evaluation (numeric sampling) and conversion to sympy (echo, exact checks) walk these."""

from __future__ import annotations

from dataclasses import dataclass


class Node:
    __slots__ = ()


@dataclass(frozen=True)
class Num(Node):
    text: str  # "2", "0.5"


@dataclass(frozen=True)
class Sym(Node):
    name: str
    sub: Node | None = None  # x_i -> Sym("x", Sym("i")); theta_{t+1}


@dataclass(frozen=True)
class Const(Node):
    name: str  # "e", "pi", "oo"


@dataclass(frozen=True)
class Neg(Node):
    x: Node


@dataclass(frozen=True)
class Add(Node):
    terms: tuple[Node, ...]


@dataclass(frozen=True)
class Mul(Node):
    factors: tuple[Node, ...]


@dataclass(frozen=True)
class Div(Node):
    num: Node
    den: Node


@dataclass(frozen=True)
class Pow(Node):
    base: Node
    exp: Node


@dataclass(frozen=True)
class Transpose(Node):
    x: Node


@dataclass(frozen=True)
class Call(Node):
    name: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Abs(Node):
    x: Node


@dataclass(frozen=True)
class Norm(Node):
    x: Node
    p: str = ""  # no index; ||x||_1 -> "1", ||x||_inf -> "oo", ||A||_F -> "F", ||x||_p -> "p"


@dataclass(frozen=True)
class Factorial(Node):
    x: Node


@dataclass(frozen=True)
class SumOver(Node):
    """sum_i body (op "sum") or prod_i body (op "prod")."""

    index: str
    body: Node
    lo: Node | None = None
    hi: Node | None = None
    op: str = "sum"


@dataclass(frozen=True)
class Deriv(Node):
    """d/dvar of body (an explicit differentiation step)."""

    var: str
    body: Node


@dataclass(frozen=True)
class Grad(Node):
    """nabla_v f(args): the gradient of f with respect to argument number ``wrt`` (0-based),
    evaluated at ``fn``'s arguments. ``var`` is the subscript as written (None if none)."""

    fn: Node  # a Call (f(theta, x, y)) or, written without arguments, a Sym (nabla_w L)
    var: Node | None = None
    wrt: int | str = 0


@dataclass(frozen=True)
class DerivLabel(Node):
    """dL/dw written as the left side of an equation: a name, not a computation.
    ``shown`` is the left side as written when it was not dL/dw (nabla l(w), sigma'(z))."""

    f: str
    var: str
    shown: Node | None = None


@dataclass(frozen=True)
class Parsed:
    """A whole input: one expression, or a chain joined by relations (=, <=, ...)."""

    items: tuple[Node, ...]
    ops: tuple[str, ...]

    @property
    def kind(self) -> str:
        if not self.ops:
            return "expression"
        return "equation" if all(op == "=" for op in self.ops) else "inequality"


def count_nodes(node: Node) -> int:
    total = 1
    for value in getattr(node, "__dict__", {}).values():
        total += _count(value)
    return total


def _count(value: object) -> int:
    if isinstance(value, Node):
        return count_nodes(value)
    if isinstance(value, tuple):
        return sum(_count(v) for v in value)
    return 0


count_ops_nodes = count_nodes
