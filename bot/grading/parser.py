"""A recursive-descent parser from tokens to ``bot.grading.ast`` nodes. No eval anywhere:
every construct it accepts is listed here, and anything else is a clear error.

Precedence, loosest first: relations (= <= < >= > !=, chained; := ← and ≈ read as =),
+ and -, products (explicit * / and implicit juxtaposition), unary minus, powers
(right-assoc, ^T, ^* and ' postfix), primary. Derivatives, gradients, expectations and
left-side labels are in ``bot.grading.calculus``.
"""

from __future__ import annotations

from bot.grading import ast as A
from bot.grading.calculus import CalculusRules
from bot.grading.lexer import FUNCTIONS, Lexer, Token
from bot.grading.limits import MAX_DEPTH, MAX_FACTORIAL, MAX_NODES, MathInputError
from bot.grading.names import GREEK_FUNCTIONS, NameRules

RELATIONS = {"=", "<=", "<", ">=", ">", "!="}
AS_EQUALS = {":=": "=", "~=": "="}  # a definition, or an approximation judged as exact
CONSTANTS = {"e", "pi", "oo", "inf", "infty"}
PRIMARY_OPS = {"(", "[", "{", "|", "||", "FRAC", "<<"}
SPELLINGS = {"Tr": "tr", "trace": "tr", "sgn": "sign"}  # one function, several spellings
UNKNOWN_FUNCS = {"f", "g", "h", "p", "q", "l", "L", "F", "J", "V", "Q", "R", "D"}


class Parser(CalculusRules, NameRules):
    def __init__(self, tokens: list[Token], *, functions: set[str], unknown: set[str],
                 names: set[str] = frozenset(), arrays: set[str] = frozenset(),
                 own_functions: set[str] = frozenset()):  # the spec's, not the built-in
        self.toks = tokens
        self.i = 0
        self.depth = 0
        self.abs_depth = 0
        self.functions = functions
        self.unknown = unknown
        self.names = names
        self.arrays = arrays
        self.own_functions = own_functions
        self.semicolon: int | None = None  # args before a ';' in the last call read

    # -- helpers ---------------------------------------------------------------------
    @property
    def tok(self) -> Token:
        return self.toks[self.i]

    def peek(self, k: int = 1) -> Token:
        return self.toks[min(self.i + k, len(self.toks) - 1)]

    def take(self) -> Token:
        tok = self.toks[self.i]
        if tok.kind != "END":  # never step past the end (Σ_( ends inside an index)
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
        while (op := self.relation(items[-1])) is not None:
            ops.append(op)
            items.append(self.expr())
        if ops and ops[0] == "=":
            items[0] = self.as_label(items[0])
        if self.tok.kind != "END":
            raise MathInputError(f"I could not read past '{self.tok.text}' (at character "
                                 f"{self.tok.pos + 1}).")
        parsed = A.Parsed(tuple(items), tuple(ops))
        if sum(A.count_nodes(n) for n in items) > MAX_NODES:
            raise MathInputError(f"That formula is too large (over {MAX_NODES} parts).")
        return parsed

    def relation(self, left: A.Node) -> str | None:
        tok = self.tok
        if tok.kind != "OP":
            return None
        if tok.text in RELATIONS or tok.text in AS_EQUALS:
            self.take()
            return AS_EQUALS.get(tok.text, tok.text)
        if tok.text == "<-":  # θ <- θ - ηg assigns; (a+b) <-1 is a + b < -1
            if isinstance(left, A.Sym) and self.peek().kind == "NUM":
                raise MathInputError("I can't tell whether '<-' means 'is less than minus' or "
                                     "an assignment: write '< -' or '='.")
            if isinstance(left, A.Sym):
                self.take()
                return "="
            self.toks[self.i] = Token("OP", "-", tok.pos + 1)
            return "<"
        if tok.text == "~":
            raise MathInputError("'~' (distributed as) can only be read inside an "
                                 "expectation, like E_{x~p}[f(x)].")
        return None

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
        while self.is_op("^"):
            mark = self.superscript_mark(base)
            if mark == "T":
                base = self.postfix(A.Transpose(base))
            elif mark == "*":
                if not isinstance(base, A.Sym):
                    raise MathInputError("I can read '^*' only on a name, like w^* or θ^*.")
                base = A.Sym(base.name + "*", base.sub)
                if self.is_op("(") and base.name[:-1] in self.unknown | self.functions:
                    base = A.Call(base.name, self.arguments())  # V^*(s), Q^*(s, a)
            elif isinstance(base, A.Sym) and self.peek().text == "{" and self.peek(
                    2).text == "(" and self.matching(self.i + 2) + 1 == self.matching(self.i + 1):
                base = self.superscript_index(base)  # θ^{(t)}, x^{(i)}: an index, not a power
            else:
                self.take()
                base = A.Pow(base, self.exponent())
                if isinstance(base.base, A.Norm | A.Abs) and self.is_op("_"):
                    p = self.norm_index()  # ||x||^2_2
                    base = A.Pow(A.Norm(base.base.x, p or ""), base.exp)
                break
        self.depth -= 1
        return base

    def exponent(self) -> A.Node:
        if self.is_op("-"):
            self.take()
            return A.Neg(self.exponent())
        if self.is_op("(", "{"):
            return self.group()
        return self.power()

    def postfix(self, node: A.Node) -> A.Node:
        while True:
            if self.is_op("!"):
                self.take()
                if isinstance(node, A.Num) and node.text.isdigit() and int(node.text) > MAX_FACTORIAL:
                    raise MathInputError(f"Factorials are limited to {MAX_FACTORIAL}!.")
                node = A.Factorial(node)
            elif self.is_op("'") and not isinstance(node, A.Sym | A.Call):
                if not self.is_array(node):
                    raise MathInputError("I can't read ' after a bracket: write ^T for a "
                                         "transpose or d/dx (...) for a derivative.")
                self.take()
                node = A.Transpose(node)
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
            if tok.text == "<<":
                return self.inner_product()
            if tok.text == "FRAC":
                return self.frac()
            if tok.text == "...":
                raise MathInputError("I can't read '...': write the sum or product with its "
                                     "index, like sum_i x_i.")
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
        p = self.norm_index()
        if p is not None:  # ||x||_1, |x|_1, \|x\|_\infty
            return A.Norm(inner, p)
        return A.Abs(inner) if bar == "|" else A.Norm(inner)

    def norm_index(self) -> str | None:
        if not self.is_op("_"):
            return None
        braced = self.peek().text in ("{", "(")
        tok = self.peek(2 if braced else 1)
        if tok.kind not in ("NUM", "NAME") or (braced and self.peek(3).text not in ("}", ")")):
            raise MathInputError("Write a norm's index as ||x||_1, ||x||_2 or ||x||_\\infty.")
        for _ in range(4 if braced else 2):
            self.take()
        return {"inf": "oo", "infty": "oo"}.get(tok.text, tok.text)

    def inner_product(self) -> A.Node:
        """<a, b> is a^T b (a*b for numbers); <x> alone is x."""
        self.take()
        left = self.expr()
        if self.is_op(","):
            self.take()
            right = self.expr()
            self.expect(">>")
            return A.Mul((A.Transpose(left), right))
        self.expect(">>")
        return left

    def frac(self) -> A.Node:
        self.take()
        if not self.is_op("{", "("):
            raise MathInputError("\\frac needs two groups: \\frac{a}{b}.")
        num = self.group()
        den = self.group() if self.is_op("{", "(") else self.power()
        label = self.derivative_frac(num, den)
        return label or A.Div(num, den)

    def name(self) -> A.Node:
        tok = self.take()
        word = tok.text if tok.text in self.names else SPELLINGS.get(tok.text, tok.text)
        if word in ("sum", "prod") or (word == "Pi" and self.is_op("_")
                                       and self.peek().text in ("{", "(")):
            return self.big_operator("prod" if word == "Pi" else word)
        if word in ("d", "partial") and self.is_derivative_slash():
            return self.slash_derivative()
        if word in ("nabla", "grad"):
            return self.gradient()
        if word == "sqrt":
            if self.is_op("[") and self.matching(self.i) > 0 and self.toks[
                    self.matching(self.i) + 1].text == "{":
                degree = self.group()  # \sqrt[3]{x}
                return A.Pow(self.group(), A.Div(A.Num("1"), degree))
            if self.is_op("[", "("):
                return A.Call("sqrt", (self.group(),))
            return A.Call("sqrt", (self.power(),))
        if word == "E" and "E" not in self.names and self.is_op("_", "[", "("):
            return self.expectation()
        if word in self.functions and self.is_op("_") and (call := self.subscript_call(word)):
            return call
        sub_start = self.i
        sub = self.subscript()
        word, sub = self.declared(word, sub)
        if (node := self.before_brackets(word, sub, sub_start)) is not None:
            return node  # J_f(x) (a Jacobian), σ(1−σ) (a product)
        if word == "O" and self.is_op("(") and "O" not in self.names:
            raise MathInputError("O(...) hides constant factors, so I can't check it: write "
                                 "the expression itself, like sqrt(d/n).")
        if word in self.names and not (self.is_op("(") or self.is_op("'") and self.peek()
                                       .kind == "OP" and self.peek().text == "("):
            return self.primed(word, sub)
        if word in self.functions or word in self.unknown:
            if self.is_op("'"):
                self.take()
                word += "'"
            elif self.inverse_mark():  # f^{-1}(x), Φ⁻¹(p): the inverse function
                word += "^-1"
            if self.is_op("("):
                return A.Call(word, self.arguments())
            if self.is_op("[") and word in ("KL", "Var", "Cov", "P"):
                return A.Call(word, self.arguments("]"))
            if word in GREEK_FUNCTIONS:  # sigma^2, Phi alone: the Greek letter
                return A.Sym(word, sub)
            if word in FUNCTIONS and word not in ("E", "P", "KL", "Var", "Cov", "max", "min"):
                return A.Call(word, (self.power(),))
            if word in self.unknown and word not in self.functions:
                return A.Sym(word, sub)
            raise MathInputError(f"'{word}' needs an argument, like {word}(x).")
        if word in CONSTANTS and sub is None:
            return A.Const({"inf": "oo", "infty": "oo"}.get(word, word))
        if self.is_op("(") and self.has_comma():  # N(mu, sigma^2), Attention(Q, K, V)
            return A.Call(word, self.arguments())
        return self.primed(word, sub)

    def arguments(self, close: str = ")") -> tuple[A.Node, ...]:
        """(a, b), (θ; x, y) -- a ';' separates parameters, read as a comma --, P(A|B) and
        events inside P: P(|X - mu| >= t)."""
        self.take()
        saved = self.abs_depth
        self.abs_depth = 1  # inside a call, a bare '|' separates "given" (P(A|B))
        args = [self.event()]
        semicolon = None
        while self.is_op(",", ";", "|", "||"):
            sep = self.take().text
            if sep == ";" and semicolon is None:
                semicolon = len(args)
            arg = self.event()
            args.append(A.Call("given", (arg,)) if sep == "|" else arg)
        self.abs_depth = saved
        self.expect(close)
        self.semicolon = semicolon
        return tuple(args)

    def event(self) -> A.Node:
        node = self.expr()
        if self.tok.kind == "OP" and self.tok.text in RELATIONS:
            op = self.take().text
            node = A.Call(op, (node, self.expr()))
        return node

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
        return A.SumOver(index.text, body, lo, hi, word)


def parse(text: str, *, names: set[str] | None = None, functions: set[str] | None = None,
          unknown: set[str] | None = None, arrays: set[str] | None = None) -> A.Parsed:
    """Parse ``text`` (ASCII, Unicode or LaTeX) with the spec's declared names/functions."""
    functions = set(functions or ())
    lexer = Lexer(names=set(names or ()) | functions, functions=functions)
    tokens = lexer.tokens(text)
    unknown_funcs = (UNKNOWN_FUNCS | set(unknown or ())) - set(names or ())
    try:
        return Parser(tokens, functions=lexer.functions, unknown=unknown_funcs,
                      names=set(names or ()), arrays=set(arrays or ()),
                      own_functions=functions).parse()
    except RecursionError:
        raise MathInputError(f"That formula is nested too deeply (more than {MAX_DEPTH} "
                             "levels).") from None
