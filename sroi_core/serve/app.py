"""The ASGI application of ``sroi serve``, on Starlette (optional extra ``sroi-core[serve]``).

Thin on purpose: each route reads the body within the size limit, picks the language and
hands over to :mod:`sroi_core.serve.operations`, which gives the answer the command line
would give. Errors of any kind answer JSON (:class:`~sroi_core.serve.operations.ApiError`);
a bug answers 500 with a generic message, its traceback only in the server's log.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sroi_core.results_json import Language
from sroi_core.serve import operations
from sroi_core.serve.limits import DEFAULT_MAX_BODY, choose_language, too_large
from sroi_core.serve.openapi import openapi_json
from sroi_core.serve.operations import Answer, ApiError

LOG = logging.getLogger("sroi_core.serve")

Endpoint = Callable[[Request], Awaitable[Response]]


def _response(answer: Answer, language: Language = "en") -> Response:
    return Response(
        answer.text.encode("utf-8"),
        status_code=answer.status,
        media_type="application/json",
        headers={"Content-Language": language},
    )


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused (413) as soon as it is known to exceed ``limit`` bytes.

    A declared Content-Length over the limit is refused before reading; a body without
    one (chunked) is counted while it arrives and refused at the first byte over.
    """
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _guarded(run: Callable[[Request, Language], Awaitable[Answer]]) -> Endpoint:
    """An endpoint that answers every failure as JSON: ApiError as is, a bug as 500."""

    async def endpoint(request: Request) -> Response:
        language: Language = "en"
        try:
            language = choose_language(
                request.query_params.get("language"), request.headers.get("accept-language")
            )
            return _response(await run(request, language), language)
        except ApiError as error:
            return _response(error.answer(language), language)
        except Exception:
            LOG.exception("internal error answering %s %s", request.method, request.url.path)
            return _response(operations.internal_error().answer(language), language)

    return endpoint


def _post(operation: Callable[[Any, Language], Answer], max_body: int) -> Endpoint:
    async def run(request: Request, language: Language) -> Answer:
        body = operations.parse_body(await read_body(request, max_body))
        return await run_in_threadpool(operation, body, language)

    return _guarded(run)


def _get(view: Callable[..., Answer], *names: str) -> Endpoint:
    async def run(request: Request, _language: Language) -> Answer:
        values = [str(request.path_params[name]) for name in names]
        return await run_in_threadpool(view, *values)

    return _guarded(run)


async def _http_error(request: Request, error: Exception) -> Response:
    """Starlette's own errors (no such path, wrong method) as JSON."""
    status = error.status_code if isinstance(error, HTTPException) else 500
    try:
        language = choose_language(
            request.query_params.get("language"), request.headers.get("accept-language")
        )
    except ApiError:
        language = "en"
    if status == 404:
        answer = operations.not_found(f"path {request.url.path}", f"pad {request.url.path}")
    elif status == 405:
        answer = ApiError(
            405,
            "method-not-allowed",
            f"{request.method} is not allowed on {request.url.path}",
            f"{request.method} is niet toegestaan op {request.url.path}",
        )
    else:
        answer = ApiError(status, "http-error", str(error), str(error))
    return _response(answer.answer(language), language)


def create_app(max_body: int = DEFAULT_MAX_BODY) -> Starlette:
    """The application; ``max_body`` is the largest request body accepted, in bytes."""
    routes = [
        *(
            Route(path, _post(operation, max_body), methods=["POST"])
            for path, operation in operations.POST_OPERATIONS.items()
        ),
        Route("/catalogues", _get(operations.catalogues), methods=["GET"]),
        Route(
            "/catalogues/{id}/{version}",
            _get(operations.catalogue, "id", "version"),
            methods=["GET"],
        ),
        Route(
            "/schemas/{version}/{name}",
            _get(operations.schema, "version", "name"),
            methods=["GET"],
        ),
        Route("/rules", _get(operations.rules), methods=["GET"]),
        Route("/health", _get(operations.health), methods=["GET"]),
        Route("/openapi.json", _get(lambda: Answer(200, openapi_json())), methods=["GET"]),
    ]
    return Starlette(routes=routes, exception_handlers={HTTPException: _http_error})
