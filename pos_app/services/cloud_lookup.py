"""Asking the cloud for a sale of another till (``GET /v1/sales/{receipt_no}``,
``contract.sale_lookup``) while a customer waits at the return screen: one try with a short
timeout, never the sync's retries with backoff. Runs off the UI thread (the return
service's ``begin_find``).

Answers become the return screen's words: ``return.receipt_not_found``,
``return.other_store``, and ``return.cloud_unreachable`` when the cloud could not be asked
(no network, no enrollment, a server error): the till then treats the receipt as another
till's while offline.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

import httpx
from pydantic import ValidationError

from contract.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, Problem
from contract.sale_lookup import SaleLookup
from pos_app.core.errors import PosError
from pos_app.services.sync_service import SyncService
from sync.client_credential import Credential

LOOKUP_TIMEOUT_S = 5.0


def cloud_get(url: str, credential: Credential, path: str, *, timeout: httpx.Timeout,
              transport: httpx.BaseTransport | None = None) -> httpx.Response:
    """One GET of the till's API with its credential: one try, ``timeout``, no retries
    (``httpx.HTTPError`` when the cloud cannot be reached)."""
    headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION),
               "Authorization": f"Bearer {credential.credential}"}
    with httpx.Client(base_url=url.rstrip("/"), transport=transport, headers=headers,
                      timeout=timeout) as http:
        return http.get(path)


class CloudSaleLookup:
    """The cloud's answer about one receipt of this store (see the module docstring)."""

    def __init__(self, *, url: str, credential: Credential,
                 timeout_s: float = LOOKUP_TIMEOUT_S,
                 transport: httpx.BaseTransport | None = None) -> None:
        self._url = url.rstrip("/")
        self._credential = credential
        self._timeout = httpx.Timeout(timeout_s, connect=min(timeout_s, 3.0))
        self._transport = transport

    def __call__(self, receipt_no: str) -> SaleLookup:
        try:
            response = cloud_get(self._url, self._credential,
                                 f"/v1/sales/{quote(receipt_no, safe='')}",
                                 timeout=self._timeout, transport=self._transport)
        except httpx.HTTPError:
            raise PosError("return.cloud_unreachable", receipt_no=receipt_no) from None
        if response.status_code == 200:
            try:
                return SaleLookup.model_validate_json(response.content)
            except (ValueError, ValidationError):
                raise PosError("return.cloud_unreachable", receipt_no=receipt_no) from None
        code = _problem_code(response)
        if code == "sync.receipt_not_found":
            raise PosError("return.receipt_not_found", receipt_no=receipt_no)
        if code == "sync.receipt_other_store":
            raise PosError("return.other_store", receipt_no=receipt_no)
        raise PosError("return.cloud_unreachable", receipt_no=receipt_no, problem=code)


def _problem_code(response: httpx.Response) -> str:
    try:
        return Problem.model_validate(response.json()).code
    except (ValueError, ValidationError):
        return f"http_{response.status_code}"


def sync_lookup(sync: SyncService, transport: httpx.BaseTransport | None = None
                ) -> Callable[[str], SaleLookup]:
    """The return service's lookup for this till: the cloud is asked with the sync's
    credential, and only while the sync reaches it (offline the answer is at once
    ``return.cloud_unreachable``, never a wait of ``LOOKUP_TIMEOUT_S``)."""

    def lookup(receipt_no: str) -> SaleLookup:
        credential = sync.credential
        if credential is None or not sync.is_online():
            raise PosError("return.cloud_unreachable", receipt_no=receipt_no)
        return CloudSaleLookup(url=sync.url, credential=credential,
                               transport=transport)(receipt_no)

    return lookup
