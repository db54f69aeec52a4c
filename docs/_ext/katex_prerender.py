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


def render_latex(latex, options=None):
    try:
        return _render_latex(latex, options)
    except katex.KaTeXError as exc:
        raise katex.KaTeXError(f"KaTeX cannot render the formula {latex!r}: {exc}") from None


def setup(app):
    katex.KaTeXServer.start_server_process = classmethod(start_server_process)
    katex.KATEX_DEFAULT_OPTIONS["throwOnError"] = True
    katex.render_latex = render_latex
    return {"parallel_read_safe": True, "parallel_write_safe": True}
