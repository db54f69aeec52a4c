"""Pre-rendering math with sphinxcontrib-katex: strict, and without a start-up race.

**A formula KaTeX cannot parse fails the build.** sphinxcontrib-katex renders with
``throwOnError: false``, which publishes the raw TeX in red and builds happily;
here the error is raised, naming the formula.

**The render server starts reliably.**
sphinxcontrib-katex 0.9.11 starts ``node katex-server.js`` and connects to its Unix
socket as soon as the socket *file* exists. Node creates the file when it binds,
just before it listens, so on a busy machine the connection is sometimes refused
and the whole build dies with ``ConnectionRefusedError`` (leaving the node process
behind). This replacement keeps retrying until the server accepts, the process
exits, or the library's start-up timeout passes.

**The server dies with the process that started it.** In a parallel build (``-j``)
every forked worker that renders math starts its own server, and a worker ends
without running ``atexit`` handlers, so the library's clean-up never runs and the
node processes used to outlive the build (holding its output pipe open). On Linux
the server is started with ``PR_SET_PDEATHSIG``, so the kernel stops it when its
parent exits, however that happens.

**A long display formula can stack on a phone.** A display formula made of parts set
side by side (``a, \qquad b``) is rendered twice more: its parts stacked
(``gathered``), and stacked with every chain of equalities broken at its ``=`` signs
(``aligned``). The page shows the first of these variants that fits its column
(``docs/_static/figures.js`` chooses, and shrinks the last one if even it is too wide).
"""

import ctypes
import signal
import socket
import sys
import time
from subprocess import PIPE, Popen

from sphinxcontrib import katex


_PR_SET_PDEATHSIG = 1


def _die_with_parent():  # runs in the child between fork and exec
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def start_server_process(cls, rundir, timeout):
    socket_path = rundir / "katex.sock"
    preexec = _die_with_parent if sys.platform.startswith("linux") else None
    process = Popen(cls.build_command(socket=socket_path), stdin=PIPE, stdout=PIPE, cwd=rundir,
                    preexec_fn=preexec)
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise katex.KaTeXError(f"the KaTeX server (node) exited with code {process.returncode}")
        if socket_path.is_socket():
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                sock.settimeout(max(deadline - time.monotonic(), 0.01))
                sock.connect(str(socket_path))
                sock.settimeout(None)
                return process, sock
            except (ConnectionRefusedError, FileNotFoundError):
                sock.close()  # bound but not listening yet: try again
        if time.monotonic() > deadline:
            process.kill()
            raise cls.timeout_error(timeout)
        time.sleep(0.005)


_render_latex = katex.render_latex
_BEGIN, _END = "\\begin{", "\\end{"


def _top_level_split(latex, separators, brackets=False, keep=False):
    """``latex`` cut at each separator outside braces and environments (and, with
    ``brackets``, outside parentheses and square brackets); with ``keep`` each part after
    the first starts with the separator that cut it."""
    parts, depth, start, i = [], 0, 0, 0
    opening, closing = ("{([", "})]") if brackets else ("{", "}")
    while i < len(latex):
        if depth == 0:
            sep = next((sep for sep in separators if latex.startswith(sep, i) and not (
                sep[-1].isalpha() and latex[i + len(sep):i + len(sep) + 1].isalpha())), None)
            if sep is not None:
                parts.append(latex[start:i])
                start, i = (i if keep else i + len(sep)), i + len(sep)
                continue
        if latex.startswith(_BEGIN, i):
            depth += 1
        elif latex.startswith(_END, i):
            depth -= 1
        elif latex[i] == "\\":
            i += 2  # a command's first letter, or an escaped \{ that is not a brace
            continue
        elif latex[i] in opening:
            depth += 1
        elif latex[i] in closing:
            depth = max(depth - 1, 0)
        i += 1
    parts.append(latex[start:])
    return [part.strip() for part in parts if part.strip()]


def stacked_variants(latex):
    r"""Narrower renderings of a display formula: its parts stacked, then its = chains broken.

    >>> stacked_variants(r"a = 1, \qquad b = 2 = 1 + 1")[:2]
    ['\\begin{gathered}a = 1, \\\\ b = 2 = 1 + 1\\end{gathered}', '\\begin{aligned}a &= 1, \\\\ b &= 2 \\\\ &= 1 + 1\\end{aligned}']
    >>> stacked_variants(r"\frac{a}{b} = c, \qquad [y = c] \text{ and } f(x = 1)")
    ['\\begin{gathered}\\frac{a}{b} = c, \\\\ [y = c] \\text{ and } f(x = 1)\\end{gathered}']
    >>> stacked_variants(r"\frac{a}{b} = c")
    []
    """
    latex = " ".join(latex.split())  # a term on a new line is still a term (" + ")
    for separators in (["\\qquad"], ["\\quad"]):
        parts = _top_level_split(latex, separators)
        if len(parts) > 1:
            break
    else:
        parts = [latex]
    variants = []
    if len(parts) > 1:
        variants.append("\\begin{gathered}" + " \\\\ ".join(parts) + "\\end{gathered}")
    chains = [_top_level_split(part, ["="], brackets=True) for part in parts]
    if any(len(chain) > 2 for chain in chains):
        lines = [chain[0] + " &= " + " \\\\ &= ".join(chain[1:]) if len(chain) > 1
                 else "& " + chain[0] for chain in chains]
        variants.append("\\begin{aligned}" + " \\\\ ".join(lines) + "\\end{aligned}")
    # the narrowest: also a line per term of each long sum (at + and - between spaces)
    terms = [[_top_level_split(piece, [" + ", " - "], brackets=True, keep=True)
              for piece in chain] for chain in chains]
    if any(len(t) > 2 or (len(t) == 2 and len(" ".join(t)) > 40)  # two long terms too
           for chain in terms for t in chain):
        lines = []
        for chain in terms:
            head = chain[0] if len(chain) > 1 else None
            for number, piece in enumerate(chain[1:] if head else chain):
                first = (" ".join(head) + " &= " if head and number == 0 else
                         "&= " if head else "& ")
                lines.append(first + piece[0])
                lines += [f"&\\quad {term}" for term in piece[1:]]
        variants.append("\\begin{aligned}" + " \\\\ ".join(lines) + "\\end{aligned}")
    return variants


def render_latex(latex, options=None):
    try:
        html = _render_latex(latex, options)
        if not (options or {}).get("displayMode"):
            return html
        variants = stacked_variants(latex)
        if not variants:
            return html
        shown = [f'<span class="math-variant">{html}</span>']
        shown += [f'<span class="math-variant" hidden>{_render_latex(v, options)}</span>'
                  for v in variants]
        return "".join(shown)
    except katex.KaTeXError as exc:
        raise katex.KaTeXError(f"KaTeX cannot render the formula {latex!r}: {exc}") from None


def setup(app):
    katex.KaTeXServer.start_server_process = classmethod(start_server_process)
    katex.KATEX_DEFAULT_OPTIONS["throwOnError"] = True
    katex.render_latex = render_latex
    return {"parallel_read_safe": True, "parallel_write_safe": True}
