"""Where the published artefacts live: the JSON Schemas and the conformance suite.

They are files of the standard, not of this package, so the repository keeps them at its
root (``schemas/``, ``tests/conformance/``). A wheel carries a copy inside the package
(``sroi_core/_published/``, see ``pyproject.toml``), so an installed package finds them
without the repository; a checkout finds them at the root.
"""

from __future__ import annotations

from pathlib import Path

from sroi_core.errors import SroiError

_PACKAGE = Path(__file__).resolve().parent
_IN_WHEEL = _PACKAGE / "_published"
_IN_CHECKOUT = {
    "schemas": _PACKAGE.parent / "schemas",
    "conformance": _PACKAGE.parent / "tests" / "conformance",
}


def published_dir(kind: str) -> Path:
    """The folder of ``schemas`` or ``conformance``, in the wheel or in the checkout."""
    if kind not in _IN_CHECKOUT:
        raise SroiError(f"no published artefact {kind!r}")
    packaged = _IN_WHEEL / kind
    if packaged.is_dir():
        return packaged
    checkout = _IN_CHECKOUT[kind]
    if checkout.is_dir():
        return checkout
    raise SroiError(f"the published {kind} are missing from this installation ({packaged})")
