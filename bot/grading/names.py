"""The parser's rules for names (a mixin of ``bot.grading.parser.Parser``): subscripts,
declared names written with LaTeX subscripts (``\\eta_t`` is the declared ``eta_t``), primes
(``x'`` is a new name, ``X'`` of a matrix its transpose), ``^T``/``^*`` marks, and a name
before a parenthesised list with a comma is a function (``N(mu, sigma^2)``)."""

from __future__ import annotations

from bot.grading import ast as A
from bot.grading.limits import MathInputError


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
        texts = [self.peek(k).text for k in range(0, 6)]
        if texts[:4] == ["^", "-", "1", "("]:
            width = 3
        elif texts[0] == "^" and texts[1] in ("{", "(") and texts[2:5] == ["-", "1", {"{": "}",
                                                                  "(": ")"}[texts[1]]]:
            width = 5
        else:
            return False
        if self.peek(width).text != "(":
            return False
        for _ in range(width):
            self.take()
        return True

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
