"""``sroi serve``: the HTTP JSON API (docs/http-api.md), on 127.0.0.1 unless told otherwise.

Needs the optional extra: ``pip install 'sroi-core[serve]'`` (Starlette and uvicorn).
The service has no authentication: it listens on the loopback interface by default, and
only an explicit ``--host`` makes it listen elsewhere (with a warning). It makes no
network calls of its own. Exit codes: 0 stopped, 2 usage errors (a bad size, a port in
use, the extra not installed).
"""

from __future__ import annotations

import argparse
import socket
import sys
from typing import Any

from sroi_core.cli._i18n import os_error_text, say
from sroi_core.errors import SroiError
from sroi_core.serve.limits import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    is_loopback,
    parse_size,
)


def register(subparsers: Any) -> None:
    """Add the ``serve`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "serve",
        help="serve validate, value, check and score as an HTTP JSON API",
        description="Serve the HTTP JSON API (POST /validate, /value, /check, /score; GET "
        "/catalogues, /schemas, /rules, /health, /openapi.json) with the answers of the "
        "command line. Listens on 127.0.0.1 unless --host is given. Needs the extra "
        "sroi-core[serve].",
    )
    parser.add_argument(
        "--host",
        default=None,
        help=f"address to listen on (default {DEFAULT_HOST}, this machine only); another "
        "address makes the unauthenticated service reachable from elsewhere",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"port to listen on (default {DEFAULT_PORT}; 0 picks a free one, printed)",
    )
    parser.add_argument(
        "--max-body",
        default="64MiB",
        metavar="SIZE",
        help="largest request body accepted, e.g. 64MiB (default) or 1000000; larger "
        "bodies are refused with 413 while they are read",
    )
    parser.set_defaults(handler=handle)


BACKLOG = 2048
"""Connections queued before the server accepts them (uvicorn's default)."""


def _bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: a free port).

    It listens before the address is printed, so a client that reads the address and
    connects at once is queued rather than refused while the server starts.
    """
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except OSError as error:
        raise SroiError(
            say("serve_cannot_listen", host=host, port=port, error=os_error_text(error))
        ) from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(BACKLOG)  # connections queue from now on, before the loop runs
    except OSError as error:
        sock.close()
        raise SroiError(
            say("serve_cannot_listen", host=host, port=port, error=os_error_text(error))
        ) from None
    return sock


def handle(args: argparse.Namespace) -> int:
    """Bind, say where, and serve until interrupted."""
    try:
        import uvicorn  # noqa: PLC0415 - optional extra

        from sroi_core.serve.app import create_app  # noqa: PLC0415 - needs the extra
    except ImportError as error:
        raise SroiError(say("serve_needs_extra", name=error.name)) from None
    max_body = parse_size(args.max_body)
    if not 0 <= args.port <= 65535:
        raise SroiError(say("serve_bad_port", port=args.port))
    host = args.host if args.host is not None else DEFAULT_HOST
    if not is_loopback(host):
        print(say("serve_open_warning", host=host), file=sys.stderr)
    app = create_app(max_body)
    sock = _bind(host, args.port)
    bound_host, bound_port = sock.getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    print(say("serve_serving", host=shown, port=bound_port, max_body=max_body), flush=True)
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        server_header=False,
        proxy_headers=False,
        lifespan="off",
    )
    with sock:
        uvicorn.Server(config).run(sockets=[sock])
    return 0
