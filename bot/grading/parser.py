"""A recursive-descent parser from tokens to ``bot.grading.ast`` nodes. No eval anywhere:
every construct it accepts is listed here, and anything else is a clear error.

Precedence, loosest first: relations (= <= < >= > !=, chained), + and -, products (explicit
* / and implicit juxtaposition), unary minus, powers (right-assoc, ^T and ' postfix), primary.
"""

from __future__ import annotations

from bot.grading import ast as A
from bot.grading.lexer import FUNCTIONS, Lexer, Token
from bot.grading.limits import MAX_DEPTH, MAX_FACTORIAL, MAX_NODES, MathInputError

RELATIONS = {"=", "<=", "<", ">=", ">", "!="}
CONSTANTS = {"e", "pi", "oo", "inf", "infty"}
PRIMARY_OPS = {"(", "[", "{", "|", "||", "FRAC"}
GREEK_FUNCTIONS = {"sigma", "Phi"}
UNKNOWN_FUNCS = {"f", "g", "h", "p", "q", "L", "F", "J", "V", "Q", "R", "D"}


class Parser:
    def __init__(self, tokens: list[Token], *, functions: set[str], unknown: set[str],
                 names: set[str] = frozenset()):
        self.toks = tokens
        self.i = 0
        self.depth = 0
        self.abs_depth = 0
        self.functions = functions
        self.unknown = unknown
        self.names = names

    # -- helpers ---------------------------------------------------------------------
    @property
    def tok(self) -> Token:
        return self.toks[self.i]

    def peek(self, k: int = 1) -> Token:
        return self.toks[min(self.i + k, len(self.toks) - 1)]

    def take(self) -> Token:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def is_op(self, *texts: str) -> bool:
        return self.tok.kind == "OP" and self.tok.text in texts

    def expect(self, text: str) -> None:
        if not self.is_op(text):
            found = self.tok.text or "the end"
            raise MathInputError(f"Expected '{text}' but found '{found}' (at character "
                                 f"{self.tok.pos + 1}).")
        self.take()

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise MathInputError(f"That formula is nested too deeply (more than {MAX_DEPTH} "
                                 "levels).")

    # -- grammar ---------------------------------------------------------------------
    def parse(self) -> A.Parsed:
        if self.tok.kind == "END":
            raise MathInputError("There is no formula to read.")
        items = [self.expr()]
        ops: list[str] = []
        while self.is_op(*RELATIONS):
            ops.append(self.take().text)
            items.append(self.expr())
        if self.tok.kind != "END":
            raise MathInputError(f"I could not read past '{self.tok.text}' (at character "
                                 f"{self.tok.pos + 1}).")
        parsed = A.Parsed(tuple(items), tuple(ops))
        if sum(A.count_nodes(n) for n in items) > MAX_NODES:
            raise MathInputError(f"That formula is too large (over {MAX_NODES} parts).")
        return parsed

    def expr(self) -> A.Node:
        self.enter()
        terms = [self.term()]
        while self.is_op("+", "-"):
            op = self.take().text
            term = self.term()
            terms.append(A.Neg(term) if op == "-" else term)
        self.depth -= 1
        return terms[0] if len(terms) == 1 else A.Add(tuple(terms))

    def term(self) -> A.Node:
        node = self.unary()
        factors = [node]
        while True:
            if self.is_op("*"):
                self.take()
                factors.append(self.unary())
            elif self.is_op("/"):
                self.take()
                den = self.unary()
                left = factors[0] if len(factors) == 1 else A.Mul(tuple(factors))
                factors = [A.Div(left, den)]
            elif self.starts_primary():
                factors.append(self.power())
            else:
                break
        return factors[0] if len(factors) == 1 else A.Mul(tuple(factors))

    def starts_primary(self) -> bool:
        tok = self.tok
        if tok.kind in ("NUM", "NAME"):
            return True
        if tok.kind == "OP" and tok.text in PRIMARY_OPS:
            return not (tok.text in ("|", "||") and self.abs_depth > 0)
        return False

    def unary(self) -> A.Node:
        if self.is_op("-"):
            self.take()
            return A.Neg(self.unary())
        if self.is_op("+"):
            self.take()
            return self.unary()
        return self.power()

    def power(self) -> A.Node:
        self.enter()
        base = self.postfix(self.primary())
        if self.is_op("^"):
            self.take()
            if self.tok.kind == "NAME" and self.tok.text == "T":
                self.take()
                base = self.postfix(A.Transpose(base))
                if self.is_op("^"):
                    self.take()
                    base = A.Pow(base, self.exponent())
            else:
                base = A.Pow(base, self.exponent())
        self.depth -= 1
        return base

    def exponent(self) -> A.Node:
        if self.is_op("-"):
            self.take()
            return A.Neg(self.exponent())
        if self.is_op("(", "{"):
            inner = self.group()
            if isinstance(inner, A.Sym) and inner.name == "T" and inner.sub is None:
                return A.Sym("__T__")
            return inner
        if self.tok.kind == "NAME" and self.tok.text in ("star", "*"):
            self.take()
            return A.Sym("__star__")
        if self.is_op("*"):
            self.take()
            return A.Sym("__star__")
        return self.power()

    def postfix(self, node: A.Node) -> A.Node:
        while True:
            if self.is_op("!"):
                self.take()
                if isinstance(node, A.Num) and node.text.isdigit() and int(node.text) > MAX_FACTORIAL:
                    raise MathInputError(f"Factorials are limited to {MAX_FACTORIAL}!.")
                node = A.Factorial(node)
            elif self.is_op("^") and self.peek().kind == "NAME" and self.peek().text == "T":
                return node  # handled by power()
            else:
                return node

    def group(self) -> A.Node:
        close = {"(": ")", "[": "]", "{": "}"}[self.take().text]
        saved = self.abs_depth
        self.abs_depth = 0
        inner = self.expr()
        self.abs_depth = saved
        if not self.is_op(close, ")", "]", "}"):
            self.expect(close)
        self.take()
        return inner

    def primary(self) -> A.Node:
        tok = self.tok
        if tok.kind == "NUM":
            self.take()
            return A.Num(tok.text)
        if tok.kind == "OP":
            if tok.text in ("(", "[", "{"):
                return self.group()
            if tok.text in ("|", "||"):
                return self.bars(tok.text)
            if tok.text == "FRAC":
                return self.frac()
            raise MathInputError(f"Unexpected '{tok.text}' (at character {tok.pos + 1}).")
        if tok.kind == "END":
            raise MathInputError("The formula ends too early.")
        return self.name()

    def bars(self, bar: str) -> A.Node:
        self.take()
        self.abs_depth += 1
        inner = self.expr()
        self.abs_depth -= 1
        if not self.is_op(bar):
            raise MathInputError(f"A '{bar}' is never closed.")
        self.take()
        if bar == "||" and self.is_op("_") and self.peek().kind in ("NUM", "NAME"):
            self.take()
            self.take()  # ||x||_2: the Euclidean norm is the one we evaluate
        return A.Abs(inner) if bar == "|" else A.Norm(inner)

    def frac(self) -> A.Node:
        self.take()
        if not self.is_op("{", "("):
            raise MathInputError("\\frac needs two groups: \\frac{a}{b}.")
        num_start = self.i
        num = self.group()
        den = self.group() if self.is_op("{", "(") else self.power()
        label = self.derivative_label(num_start)
        return label or A.Div(num, den)

    def derivative_label(self, start: int) -> A.Node | None:
        """\\frac{dL}{dw}, \\frac{\\partial L}{\\partial w}, \\frac{d}{dw} -> derivative forms."""
        toks = [t for t in self.toks[start:self.i] if t.text not in ("{", "}", "(", ")")]
        words = [t.text for t in toks]
        if len(words) == 4 and words[0] in ("d", "partial") and words[2] == words[0]:
            return A.DerivLabel(words[1], words[3])
        if len(words) == 3 and words[0] in ("d", "partial") and words[1] == words[0]:
            return A.Deriv(words[2], self.power())
        return None

    def name(self) -> A.Node:
        tok = self.take()
        word = tok.text
        if word in ("sum", "prod"):
            return self.big_operator(word)
        if word in ("d", "partial") and self.is_derivative_slash():
            return self.slash_derivative(word)
        if word in ("nabla", "grad"):
            return self.gradient()
        if word == "sqrt":
            if self.is_op("[", "("):
                return A.Call("sqrt", (self.group(),))
            return A.Call("sqrt", (self.power(),))
        sub = self.subscript()
        if word == "E" and self.is_op("["):
            return A.Call("E", (self.group(),))
        if word in self.names and not self.is_op("("):
            return A.Sym(word, sub)
        if word in self.functions or word in self.unknown:
            if self.is_op("'"):
                self.take()
                word += "'"
            if self.is_op("("):
                return A.Call(word, self.arguments())
            if word in GREEK_FUNCTIONS:  # sigma^2, Phi alone: the Greek letter
                return A.Sym(word, sub)
            if word in FUNCTIONS and word not in ("E", "P", "KL", "Var", "Cov", "max", "min"):
                return A.Call(word, (self.power(),))
            if word in self.unknown and word not in self.functions:
                return A.Sym(word, sub)
            raise MathInputError(f"'{word}' needs an argument, like {word}(x).")
        if word in CONSTANTS and sub is None:
            return A.Const({"inf": "oo", "infty": "oo"}.get(word, word))
        while self.is_op("'"):
            self.take()
            word += "'"
        return A.Sym(word, sub)

    def subscript(self) -> A.Node | None:
        if not self.is_op("_"):
            return None
        self.take()
        if self.is_op("(", "{"):
            return self.group()
        tok = self.take()
        if tok.kind == "NUM":
            return A.Num(tok.text)
        if tok.kind == "NAME":
            return A.Sym(tok.text)
        raise MathInputError(f"A subscript must follow '_' (at character {tok.pos + 1}).")

    def arguments(self) -> tuple[A.Node, ...]:
        self.take()
        saved = self.abs_depth
        self.abs_depth = 1  # inside a call, a bare '|' separates "given" (P(A|B))
        args = [self.expr()]
        while self.is_op(",", "|", "||"):
            sep = self.take().text
            arg = self.expr()
            args.append(A.Call("given", (arg,)) if sep == "|" else arg)
        self.abs_depth = saved
        self.expect(")")
        return tuple(args)

    def big_operator(self, word: str) -> A.Node:
        if not self.is_op("_"):
            raise MathInputError(f"Write the index of the {word}, e.g. {word}_i or "
                                 f"\\{word}_{{i=1}}^{{n}}.")
        self.take()
        lo = hi = None
        if self.is_op("{", "("):
            self.take()
            index = self.take()
            if self.is_op("="):
                self.take()
                lo = self.expr()
            if not self.is_op("}", ")"):
                raise MathInputError(f"I can't read the index of the {word}.")
            self.take()
        else:
            index = self.take()
        if index.kind != "NAME" or len(index.text) > 12:
            raise MathInputError(f"The {word} index must be a name, like i.")
        if self.is_op("^"):
            self.take()
            hi = self.group() if self.is_op("{", "(") else self.primary()
        body = self.term()
        if word == "prod":
            raise MathInputError("Products over an index are not supported yet; write the "
                                 "log-sum instead.")
        return A.SumOver(index.text, body, lo, hi)

    def is_derivative_slash(self) -> bool:
        t1, t2, t3 = self.tok, self.peek(1), self.peek(2)
        if t1.kind == "OP" and t1.text == "/" and t2.kind == "NAME" and t2.text in ("d", "partial"):
            return t3.kind == "NAME"
        return (t1.kind == "NAME" and t2.kind == "OP" and t2.text == "/"
                and self.peek(3).kind == "NAME" and t3.text in ("d", "partial"))

    def slash_derivative(self, d: str) -> A.Node:
        if self.is_op("/"):  # d/dw expr
            self.take()
            self.take()
            var = self.take().text
            return A.Deriv(var, self.power())
        f = self.take().text  # dL/dw
        self.take()
        self.take()
        var = self.take().text
        return A.DerivLabel(f, var)

    def gradient(self) -> A.Node:
        var = None
        if self.is_op("_"):
            self.take()
            var = self.group() if self.is_op("{", "(") else A.Sym(self.take().text)
        target = self.power()
        name = target.name if isinstance(target, A.Call) else getattr(target, "name", "f")
        v = var.name if isinstance(var, A.Sym) else "theta"
        if isinstance(target, A.Call):
            return A.Call(f"grad_{name}", target.args)
        return A.DerivLabel(name, v)


def parse(text: str, *, names: set[str] | None = None, functions: set[str] | None = None,
          unknown: set[str] | None = None) -> A.Parsed:
    """Parse ``text`` (ASCII, Unicode or LaTeX) with the spec's declared names/functions."""
    functions = set(functions or ())
    lexer = Lexer(names=set(names or ()) | functions, functions=functions)
    tokens = lexer.tokens(text)
    unknown_funcs = (UNKNOWN_FUNCS | set(unknown or ())) - set(names or ())
    try:
        return Parser(tokens, functions=lexer.functions, unknown=unknown_funcs,
                      names=set(names or ())).parse()
    except RecursionError:
        raise MathInputError(f"That formula is nested too deeply (more than {MAX_DEPTH} "
                             "levels).") from None
