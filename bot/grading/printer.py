"""How the engine read a formula, as plain text and as LaTeX (the "I read your answer as"
echo). Printing follows the parsed structure, so implicit products become explicit."""

from __future__ import annotations

from bot.grading import ast as A

GREEK_LATEX = {
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
    "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi",
    "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Phi", "Psi", "Omega",
}
PREC = {"Add": 1, "Neg": 2, "Mul": 2, "Div": 2, "Pow": 4}
EVENTS = {"=": "=", "<=": "\\le", ">=": "\\ge", "<": "<", ">": ">", "!=": "\\ne"}


def _prec(n: A.Node) -> int:
    return PREC.get(type(n).__name__, 5)


def to_text(n: A.Node) -> str:
    def wrap(child: A.Node, level: int) -> str:
        s = to_text(child)
        return f"({s})" if _prec(child) < level else s

    match n:
        case A.Num(text=t):
            return t
        case A.Const(name=c):
            return c
        case A.Sym(name=name, sub=None):
            return name
        case A.Sym(name=name, sub=sub):
            s = to_text(sub)
            return f"{name}_{s}" if isinstance(sub, A.Sym | A.Num) else f"{name}_({s})"
        case A.Neg(x=x):
            return f"-{wrap(x, 3)}"
        case A.Add(terms=terms):
            out = to_text(terms[0])
            for t in terms[1:]:
                out += f" - {wrap(t.x, 2)}" if isinstance(t, A.Neg) else f" + {to_text(t)}"
            return out
        case A.Mul(factors=fs):
            return "*".join(wrap(f, 3) for f in fs)
        case A.Div(num=a, den=b):
            return f"{wrap(a, 2)}/{wrap(b, 4)}"
        case A.Pow(base=b, exp=e):
            return f"{wrap(b, 5)}^{wrap(e, 5)}"
        case A.Transpose(x=x):
            return f"{wrap(x, 5)}^T"
        case A.Call(name="given", args=(x,)):
            return f"| {to_text(x)}"
        case A.Call(name=name, args=(x, y)) if name in EVENTS:
            return f"{to_text(x)} {name} {to_text(y)}"
        case A.Call(name=name, args=args):
            inner = ", ".join(to_text(a) for a in args).replace(", |", " |")
            return f"{name}[{inner}]" if _expectation(name) else f"{name}({inner})"
        case A.Grad(fn=fn, var=var):
            sub = "" if var is None else (f"_{to_text(var)}" if isinstance(var, A.Sym | A.Num)
                                          else f"_({to_text(var)})")
            return f"nabla{sub} {to_text(fn)}"
        case A.Abs(x=x):
            return f"|{to_text(x)}|"
        case A.Norm(x=x, p=p):
            return f"||{to_text(x)}||" + (f"_{p}" if p else "")
        case A.Factorial(x=x):
            return f"{wrap(x, 5)}!"
        case A.SumOver(index=i, body=body, lo=lo, hi=hi, op=op):
            rng = f"{i}={to_text(lo)}..{to_text(hi)}" if lo is not None and hi is not None else i
            return f"{op}_{{{rng}}} {wrap(body, 2)}"
        case A.Deriv(var=v, body=body):
            return f"d/d{v} {wrap(body, 5)}"
        case A.DerivLabel(shown=A.Node() as shown):
            return to_text(shown)
        case A.DerivLabel(f=f, var=v):
            return f"d{f}/d{v}"
    return "?"


def _expectation(name: str) -> bool:
    return name == "E" or name.startswith("E_")


LATEX_FUNCS = {"log", "ln", "exp", "sin", "cos", "tan", "tanh", "sinh", "cosh", "max", "min",
               "det", "arctan"}


def _name(name: str) -> str:
    if name.startswith(("J_", "H_")) and len(name) > 2:  # J_f, J_{f^-1}: a Jacobian's name
        return f"{name[0]}_{{{_name(name[2:].removeprefix('{').removesuffix('}'))}}}"
    if name.endswith("^-1") and len(name) > 3:
        return f"{_name(name[:-3])}^{{-1}}"
    base = name.rstrip("'")
    if base in LATEX_FUNCS:
        return f"\\{base}{name[len(base):]}"
    primes = "'" * (len(name) - len(base))
    if base.endswith("*") and len(base) > 1:
        return f"{_name(base[:-1])}^{{*}}{primes}"
    for suffix, cmd in (("hat", "hat"), ("bar", "bar"), ("tilde", "tilde")):
        if base.endswith(suffix) and len(base) > len(suffix):
            return f"\\{cmd}{{{_name(base[: -len(suffix)])}}}{primes}"
    if base in GREEK_LATEX:
        return f"\\{base}{primes}"
    if len(base) > 1:
        return f"\\mathrm{{{base}}}{primes}"
    return base + primes


def to_latex(n: A.Node) -> str:
    def wrap(child: A.Node, level: int) -> str:
        s = to_latex(child)
        return f"\\left({s}\\right)" if _prec(child) < level else s

    match n:
        case A.Num(text=t):
            return t
        case A.Const(name=c):
            return {"pi": "\\pi", "oo": "\\infty"}.get(c, c)
        case A.Sym(name=name, sub=None):
            return _name(name)
        case A.Sym(name=name, sub=sub):
            return f"{_name(name)}_{{{to_latex(sub)}}}"
        case A.Neg(x=x):
            return f"-{wrap(x, 3)}"
        case A.Add(terms=terms):
            out = to_latex(terms[0])
            for t in terms[1:]:
                out += f" - {wrap(t.x, 2)}" if isinstance(t, A.Neg) else f" + {to_latex(t)}"
            return out
        case A.Mul(factors=fs):
            return " \\cdot ".join(wrap(f, 3) for f in fs)
        case A.Div(num=a, den=b):
            return f"\\frac{{{to_latex(a)}}}{{{to_latex(b)}}}"
        case A.Pow(base=b, exp=e):
            return f"{wrap(b, 5)}^{{{to_latex(e)}}}"
        case A.Transpose(x=x):
            return f"{wrap(x, 5)}^{{\\top}}"
        case A.Call(name="sqrt", args=(x,)):
            return f"\\sqrt{{{to_latex(x)}}}"
        case A.Call(name="given", args=(x,)):
            return f"\\mid {to_latex(x)}"
        case A.Call(name=name, args=args) if _expectation(name):
            under = f"_{{{_name(name[2:])}}}" if name != "E" else ""
            inner = ", ".join(to_latex(a) for a in args).replace(", \\mid", " \\mid")
            return f"\\mathbb{{E}}{under}\\left[{inner}\\right]"
        case A.Call(name=name, args=(x, y)) if name in EVENTS:
            return f"{to_latex(x)} {EVENTS[name]} {to_latex(y)}"
        case A.Grad(fn=fn, var=var):
            sub = "" if var is None else f"_{{{to_latex(var)}}}"
            return f"\\nabla{sub} {to_latex(fn)}"
        case A.Call(name=name, args=args):
            inner = ", ".join(to_latex(a) for a in args).replace(", \\mid", " \\mid")
            return f"{_name(name)}\\left({inner}\\right)"
        case A.Abs(x=x):
            return f"\\left|{to_latex(x)}\\right|"
        case A.Norm(x=x, p=p):
            index = "_{" + ("\\infty" if p == "oo" else _name(p)) + "}" if p else ""
            return f"\\left\\|{to_latex(x)}\\right\\|{index}"
        case A.Factorial(x=x):
            return f"{wrap(x, 5)}!"
        case A.SumOver(index=i, body=body, lo=lo, hi=hi, op=op):
            low = f"{i}={to_latex(lo)}" if lo is not None else i
            high = f"^{{{to_latex(hi)}}}" if hi is not None else ""
            return f"\\{op}_{{{low}}}{high} {wrap(body, 2)}"
        case A.Deriv(var=v, body=body):
            return f"\\frac{{d}}{{d{_name(v)}}} {wrap(body, 5)}"
        case A.DerivLabel(shown=A.Node() as shown):
            return to_latex(shown)
        case A.DerivLabel(f=f, var=v):
            return f"\\frac{{\\partial {_name(f)}}}{{\\partial {_name(v)}}}"
    return "?"


def relation_text(items: tuple[A.Node, ...], ops: tuple[str, ...], latex: bool = False) -> str:
    show = to_latex if latex else to_text
    sym = {"<=": "\\le", ">=": "\\ge", "!=": "\\ne"} if latex else {}
    out = show(items[0])
    for op, item in zip(ops, items[1:], strict=True):
        out += f" {sym.get(op, op)} {show(item)}"
    return out
