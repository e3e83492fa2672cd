"""The parser's rules for derivatives, gradients, expectations and left-side labels
(a mixin of ``bot.grading.parser.Parser``; no eval anywhere).

- ``dL/dw``, ``∂ℓ(w)/∂w``, ``\\frac{\\partial L}{\\partial w}`` are derivative *names*;
  ``d/dw (expr)`` and ``\\frac{d}{dw} expr`` are derivatives to compute.
- ``∇_x L(θ, x, y)`` is the gradient of L with respect to its argument x (argument number 1);
  ``∇ℓ(θ; x, y)`` is with respect to the parameters before the ``;``; a gradient of a
  function of several arguments written without either is refused as ambiguous.
- ``E_q[...]``, ``E_{q(z|x)}[...]``, ``E_{z~q}[...]`` are expectations under q (a different
  function from ``E_p[...]``); ``E[...]`` and ``E_z[...]`` name no distribution.
- On the left of ``=``, a derivative or gradient name (``∇ℓ(w) =``, ``σ'(z) =``,
  ``d/dw L(w) =``) is a label: the equation is compared by its right side.
"""

from __future__ import annotations

from bot.grading import ast as A
from bot.grading.limits import MathInputError

D_WORDS = ("d", "partial")
BUILTIN_VALUES = {"exp", "log", "ln", "sqrt", "sin", "cos", "tan", "tanh", "sinh", "cosh",
                  "arctan", "sigma", "sigmoid", "logistic", "relu", "softplus", "softmax",
                  "abs", "erf", "Phi"}


class CalculusRules:
    # -- derivatives --------------------------------------------------------------------
    def derivative_frac(self, num: A.Node, den: A.Node) -> A.Node | None:
        """\\frac{dL}{dw}, \\frac{\\partial \\ell(w)}{\\partial w} -> a name; \\frac{d}{dw} -> d/dw of
        what follows; other fractions with a bare d or ∂ in them are refused."""
        var = _d_of(den)
        if var is not None:
            if _is_d(num):
                return A.Deriv(var, self.power())
            target = _d_of_node(num)
            if target is not None:
                return A.DerivLabel(_name_of(target), var)
        if _mentions_partial(num) or _mentions_partial(den):
            raise MathInputError("I can read first derivatives like \\frac{\\partial L}"
                                 "{\\partial w}, not this one.")
        return None

    def is_derivative_slash(self) -> bool:
        """At the token after d/∂: 'L / d w', '/ d w', or 'l ( w ) / d w'."""
        t1, t2 = self.tok, self.peek(1)
        if t1.kind == "OP" and t1.text == "/" and t2.kind == "NAME" and t2.text in D_WORDS:
            return self.peek(2).kind == "NAME"
        if t1.kind != "NAME":
            return False
        k = 1 + self.inverse_width(1)  # ∂f^{-1}/∂x: the inverse's derivative
        t2 = self.peek(k)
        if t2.kind == "OP" and t2.text == "(":
            k = self.matching(self.i + k) - self.i + 1
            if k <= 0:
                return False
        slash, d, var = self.peek(k), self.peek(k + 1), self.peek(k + 2)
        return (slash.kind == "OP" and slash.text == "/" and d.kind == "NAME"
                and d.text in D_WORDS and var.kind == "NAME")

    def slash_derivative(self) -> A.Node:
        if self.is_op("/"):  # d/dw expr
            self.take()
            self.take()
            var = self.take().text
            return A.Deriv(var, self.power())
        f = self.take().text  # dL/dw, ∂ℓ(w)/∂w, ∂f^{-1}/∂x
        if width := self.inverse_width():
            for _ in range(width):
                self.take()
            f += "^-1"
        if self.is_op("("):
            self.arguments()
        self.take()
        self.take()
        var = self.take().text
        return A.DerivLabel(f, var)

    def matching(self, start: int) -> int:
        """Index of the ')' closing the '(' at token ``start``, or -1."""
        depth = 0
        for k in range(start, len(self.toks)):
            tok = self.toks[k]
            if tok.kind == "OP" and tok.text in ("(", "[", "{"):
                depth += 1
            elif tok.kind == "OP" and tok.text in (")", "]", "}"):
                depth -= 1
                if depth == 0:
                    return k
        return -1

    # -- gradients ----------------------------------------------------------------------
    def gradient(self) -> A.Node:
        var = None
        if self.is_op("_"):
            self.take()
            var = self.group() if self.is_op("{", "(") else self.atom_subscript()
        if self.is_op("^"):
            raise MathInputError("I can't read second derivatives (∇²) yet.")
        if self.tok.kind == "END" or (self.tok.kind == "OP" and self.tok.text not in
                                      ("(", "[", "{", "|", "||", "FRAC")):
            raise MathInputError("∇ needs what it differentiates, like ∇_w L(w).")
        self.semicolon = None
        target = self.primary()
        semicolon = self.semicolon
        if isinstance(target, A.Call) and target.name not in ("given",):
            return A.Grad(target, var, self.wrt(target, var, semicolon))
        if isinstance(target, A.Sym):  # ∇_w L is the name dL/dw (∇L: with respect to θ)
            return A.DerivLabel(target.name, _text(var) if var is not None else "theta")
        if var is None:
            raise MathInputError("Write which variable the gradient is taken with respect "
                                 "to, like ∇_w (...).")
        if not isinstance(var, A.Sym) or var.sub is not None:
            raise MathInputError("The gradient's variable must be a name, like ∇_w.")
        return A.Deriv(var.name, target)

    def wrt(self, call: A.Call, var: A.Node | None, semicolon: int | None) -> int | str:
        args = tuple(a for a in call.args if not _is_given(a))
        if len(args) <= 1:
            return 0
        if var is not None:
            for k, arg in enumerate(args):
                if arg == var:
                    return k
            for k, arg in enumerate(args):  # ∇_θ ℓ(θ_t, x, y): the θ slot, taken at θ_t
                if isinstance(arg, A.Sym) and isinstance(var, A.Sym) and var.sub is None \
                        and arg.name == var.name:
                    return k
            return _text(var)
        if semicolon == 1:
            return 0
        if semicolon:
            return f"first {semicolon}"
        raise MathInputError(f"∇{call.name}(...) has several arguments: write which one the "
                             f"gradient is taken with respect to, like ∇_x {call.name}(...), "
                             f"or put the parameters before a ';'.")

    # -- expectations -------------------------------------------------------------------
    def expectation(self) -> A.Node:
        """At the token after E: an optional subscript naming the distribution, then [...] or
        (...)."""
        dist = None
        if self.is_op("_"):
            self.take()
            dist = self.distribution()
        if not self.is_op("[", "("):
            raise MathInputError("Write what the expectation is of, like E[x] or E_q[f(z)].")
        close = "]" if self.tok.text == "[" else ")"
        args = self.arguments(close)
        return A.Call("E" if dist is None else f"E_{dist}", args)

    def distribution(self) -> str | None:
        """E_q, E_{q(z|x)}, E_{z~q}, E_{z \\sim q_\\phi(z|x)}, E_{x}: the distribution's name,
        or None when the subscript only names the variable."""
        if not self.is_op("{", "("):
            node = self.atom_subscript()
            return self.distribution_name(node)
        end = self.matching(self.i)
        tilde = next((k for k in range(self.i + 1, end) if self.toks[k].text == "~"), None)
        close = {"{": "}", "(": ")"}[self.take().text]
        saved = self.abs_depth
        self.abs_depth = 1
        if tilde is not None:  # E_{(x, y) ~ D}: what is drawn does not change the expectation
            self.i = tilde + 1
            dist = self.distribution_name(self.expr(), sure=True)
        else:
            first = self.expr()
            while self.is_op(","):
                self.take()
                self.expr()
            dist = self.distribution_name(first)
        self.abs_depth = saved
        if not self.is_op(close, "}", ")"):
            self.expect(close)
        self.take()
        return dist

    def distribution_name(self, node: A.Node, sure: bool = False) -> str | None:
        if isinstance(node, A.Call):
            return node.name
        if isinstance(node, A.Sym):
            if sure or node.name in self.unknown or node.name in self.functions - BUILTIN_VALUES:
                return node.name
            return None
        if sure:
            raise MathInputError("I can't read the distribution after '~'.")
        return None

    # -- labels -------------------------------------------------------------------------
    def as_label(self, node: A.Node) -> A.Node:
        """The left side of an equation that only names a derivative becomes a label."""
        if isinstance(node, A.Grad):
            target = node.fn
            var = node.var if node.var is not None else _nth_arg(target, node.wrt)
            return A.DerivLabel(_name_of(target), _text(var) if var is not None else "?",
                                node)
        if isinstance(node, A.Call) and node.name.endswith("'") and len(node.args) == 1:
            return A.DerivLabel(node.name.rstrip("'"), _text(node.args[0]), node)
        if isinstance(node, A.Deriv) and self.names_a_function(node.body, node.var):
            return A.DerivLabel(_name_of(node.body), node.var, node)
        return node

    def names_a_function(self, body: A.Node, var: str) -> bool:
        if isinstance(body, A.Sym):
            return body.name != var and body.sub is None
        return isinstance(body, A.Call) and body.name not in BUILTIN_VALUES


def _is_d(node: A.Node) -> bool:
    return isinstance(node, A.Sym) and node.name in D_WORDS and node.sub is None


def _d_of(node: A.Node) -> str | None:
    """'d w' or '∂ w' (a product of the d and a name) -> 'w'."""
    target = _d_of_node(node)
    if isinstance(target, A.Sym):
        return _text(target)
    return None


def _d_of_node(node: A.Node) -> A.Node | None:
    if isinstance(node, A.Mul) and len(node.factors) == 2 and _is_d(node.factors[0]):
        target = node.factors[1]
        if isinstance(target, A.Sym | A.Call):
            return target
        if (isinstance(target, A.Pow) and isinstance(target.base, A.Sym) and target.base.sub is None
                and target.exp == A.Neg(A.Num("1"))):
            return A.Sym(f"{target.base.name}^-1")  # \frac{\partial f^{-1}}{\partial x}
    return None


def _mentions_partial(node: A.Node) -> bool:
    if isinstance(node, A.Sym):
        return node.name == "partial"
    if isinstance(node, A.Node):
        return any(_mentions_partial(v) for v in node.__dict__.values())
    if isinstance(node, tuple):
        return any(_mentions_partial(v) for v in node)
    return False


def _is_given(node: A.Node) -> bool:
    return isinstance(node, A.Call) and node.name == "given"


def _nth_arg(target: A.Node, wrt: int | str) -> A.Node | None:
    if isinstance(target, A.Call) and isinstance(wrt, int) and wrt < len(target.args):
        return target.args[wrt]
    return None


def _name_of(node: A.Node) -> str:
    return getattr(node, "name", "f").rstrip("'")


def _text(node: A.Node | None) -> str:
    from bot.grading.printer import to_text

    return "?" if node is None else to_text(node)
