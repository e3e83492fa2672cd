"""The parser's rules for names (a mixin of ``bot.grading.parser.Parser``): subscripts,
declared names written with LaTeX subscripts (``\\eta_t`` is the declared ``eta_t``), primes
(``x'`` is a new name, ``X'`` of a matrix its transpose), ``^T``/``^*`` marks, and a name
before a parenthesised list with a comma is a function (``N(mu, sigma^2)``); ``J_f(x)`` is the
Jacobian of f at x; ``σ(1−σ)`` multiplies (see ``multiplies``)."""

from __future__ import annotations

from bot.grading import ast as A
from bot.grading.limits import MathInputError

JACOBIANS = {"J", "H"}  # J_f(x), H_f(x): the Jacobian, the Hessian of f at x
GREEK_FUNCTIONS = {"sigma", "Phi"}  # functions whose name alone is the Greek letter


class NameRules:
    def superscript_mark(self, base: A.Node) -> str | None:
        """At '^': ^T, ^{T}, ^{\\top} (a transpose) or ^*, ^{*} (a starred name): consume it
        and say which. A declared T (a horizon) is a power, except on a matrix."""
        seq = [self.peek(k) for k in (1, 2, 3)]
        texts = [t.text for t in seq]
        braced = texts[0] in ("{", "(") and texts[2] in ("}", ")")
        mark = texts[1] if braced else texts[0]
        if mark not in ("T", "*", "star") or (braced and seq[1].kind == "END"):
            return None
        if mark == "T" and "T" in self.names and not self.is_array(base):
            return None
        for _ in range(4 if braced else 2):
            self.take()
        return "T" if mark == "T" else "*"

    def superscript_index(self, base: A.Sym) -> A.Node:
        """θ^{(t)} is θ_t (declared names merge: the declared θ_t), x^{(i)} inside a sum is the
        i-th x; with a subscript already there it is a name of its own (W_1^{(l)})."""
        self.take()
        self.take()
        index = self.group()
        self.take()
        if base.sub is None:
            word, sub = self.declared(base.name, index)
            return A.Sym(word, sub)
        from bot.grading.printer import to_text

        return A.Sym(f"{base.name}^({to_text(index)})", base.sub)

    def inverse_mark(self) -> bool:
        """At '^' after a function name: ^{-1}, ^(-1) or ^-1 right before '(' (consumed)."""
        width = self.inverse_width()
        if not width or self.peek(width).text != "(":
            return False
        for _ in range(width):
            self.take()
        return True

    def inverse_width(self, offset: int = 0) -> int:
        """How many tokens ^{-1}, ^(-1) or ^-1 takes from ``offset`` on (0: none there)."""
        texts = [self.peek(offset + k).text for k in range(0, 5)]
        if texts[:3] == ["^", "-", "1"]:
            return 3
        if texts[0] == "^" and texts[1] in ("{", "(") and texts[2:5] == [
                "-", "1", {"{": "}", "(": ")"}[texts[1]]]:
            return 5
        return 0

    def is_array(self, node: A.Node) -> bool:
        if isinstance(node, A.Sym):
            return node.name in self.arrays
        if isinstance(node, A.Node):
            return any(self.is_array(v) for v in node.__dict__.values())
        if isinstance(node, tuple):
            return any(self.is_array(v) for v in node)
        return False

    def primed(self, word: str, sub: A.Node | None) -> A.Node:
        """x' is a new name (x prime); X' of a declared matrix or vector is its transpose, and
        so is w' right before a name (w'x, the econometrics spelling of w^T x)."""
        node: A.Node = A.Sym(word, sub)
        while self.is_op("'"):
            self.take()
            if word in self.arrays or (self.tok.kind == "NAME" and node == A.Sym(word, sub)):
                node = A.Transpose(node)
            else:
                word += "'"
                node = A.Sym(word, sub)
        return node

    def declared(self, word: str, sub: A.Node | None) -> tuple[str, A.Node | None]:
        """\\eta_t, W_{2}, \\sigma_\\epsilon are the declared eta_t, W_2, sigma_epsilon;
        D_{KL} is KL."""
        if isinstance(sub, A.Sym | A.Num) and getattr(sub, "sub", None) is None:
            text = sub.name if isinstance(sub, A.Sym) else sub.text
            if f"{word}_{text}" in self.names:
                return f"{word}_{text}", None
            if word == "D" and text == "KL":
                return "KL", None
        return word, sub

    def before_brackets(self, word: str, sub: A.Node | None, sub_start: int) -> A.Node | None:
        """J_f(x) read as a Jacobian, or the name alone when σ(1−σ) is a product (then the
        brackets are read as a factor); None otherwise."""
        if (jacobian := self.jacobian(word, sub)) is not None:
            return jacobian
        return self.primed(word, sub) if self.multiplies(word, sub_start) else None

    def jacobian(self, word: str, sub: A.Node | None) -> A.Node | None:
        """J_f(x), J_{f^{-1}}(x): the Jacobian of f (of f⁻¹) at x, a function of x of its own
        (J_g(x) is another one), also where J alone is a declared matrix. At a variable it is
        judged as ∂f/∂x (shown as written); a declared J_f is that name."""
        inverse = isinstance(sub, A.Pow) and sub.exp == A.Neg(A.Num("1"))
        fn = sub.base if inverse else sub
        if (word not in JACOBIANS or not self.is_op("(") or not isinstance(fn, A.Sym)
                or fn.sub is not None or f"{word}_{fn.name}" in self.names):
            return None
        if fn.name not in self.unknown and fn.name not in self.functions:
            return None  # J_1(x), J_t(x): not the Jacobian of a function
        f = fn.name + ("^-1" if inverse else "")
        call = A.Call(f"{word}_{{{f}}}" if inverse else f"{word}_{f}", self.arguments())
        (at, *more) = call.args
        if word == "J" and not more and isinstance(at, A.Sym):
            from bot.grading.printer import to_text

            return A.DerivLabel(f, to_text(at), call)
        return call

    def multiplies(self, word: str, sub_start: int) -> bool:
        """At '(' after a name that could be a function: is this a product? Yes for a name
        declared as a symbol (not as a function), and for σ(1−σ), σ_i(1−σ_i), p(1−p), where the
        brackets use the same name alone (the tokens from ``sub_start`` to here are the name's
        subscript). σ(z)(1−σ(z)) and N(μ, σ²) stay calls."""
        if not self.is_op("(") or self.has_comma():
            return False
        if word in self.names and word not in self.own_functions:
            return True
        if word not in GREEK_FUNCTIONS and (word not in self.unknown or word in self.functions):
            return False  # log, exp, a declared g(x): never a name alone
        sub = [t.text for t in self.toks[sub_start:self.i]]
        width = len(sub)
        for k in range(self.i + 1, self.matching(self.i)):
            tok = self.toks[k]
            if (tok.kind == "NAME" and tok.text == word
                    and [t.text for t in self.toks[k + 1:k + 1 + width]] == sub
                    and self.toks[k + 1 + width].text not in ("(", "_", "'")):
                return True
        return False

    def subscript_call(self, word: str) -> A.Node | None:
        """PE_{(pos, 2i)}, PE_(pos, 2i): a declared function's subscript is its arguments."""
        if self.peek().text == "{" and self.peek(2).text == "(":
            self.take()
            self.take()
            args = self.arguments()
            self.expect("}")
            return A.Call(word, args)
        if self.peek().text == "(" and self.has_comma(1):
            self.take()
            return A.Call(word, self.arguments())
        return None

    def has_comma(self, offset: int = 0) -> bool:
        start = self.i + offset
        end = self.matching(start)
        depth = 0
        for tok in self.toks[start:end]:
            if tok.kind == "OP" and tok.text in ("(", "[", "{"):
                depth += 1
            elif tok.kind == "OP" and tok.text in (")", "]", "}"):
                depth -= 1
            elif depth == 1 and tok.kind == "OP" and tok.text in (",", ";"):
                return True
        return False

    def subscript(self) -> A.Node | None:
        if not self.is_op("_"):
            return None
        self.take()
        return self.atom_subscript()

    def atom_subscript(self) -> A.Node:
        """After '_': {t+1}, (i), a single name or number; {KL} stays a name."""
        if self.is_op("(", "{") and self.peek().kind in ("NAME", "NUM") and (
                self.peek(2).kind == "OP" and self.peek(2).text in (")", "}")):
            self.take()
            tok = self.take()
            self.take()
            return A.Num(tok.text) if tok.kind == "NUM" else A.Sym(tok.text)
        if self.is_op("(", "{"):
            return self.group()
        tok = self.take()
        if tok.kind == "NUM":
            return A.Num(tok.text)
        if tok.kind == "NAME":
            return A.Sym(tok.text)
        raise MathInputError(f"A subscript must follow '_' (at character {tok.pos + 1}).")
