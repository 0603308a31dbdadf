"""Serial scanner through a real pty: codes reach the cart; unplug and replug recover."""

from __future__ import annotations

import queue
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import Engine

from drivers.device import DeviceState, DeviceStatus
from drivers.scanner.config import ScannerConfig
from drivers.scanner.framing import CodeFramer
from drivers.scanner.serial_scanner import SerialScanner, find_port
from drivers.sim.serial_scanner_sim import SerialScannerSim
from pos_app.services.checkout import CheckoutService
from pos_app.store import terminal
from tests.conftest import CHIPS, COLA, TEA
from tests.waiting import wait_until

TIMEOUT = 5.0


class Harness:
    """A scanner worker whose codes and statuses land in queues (as the UI bridge would)."""

    def __init__(self, config: ScannerConfig) -> None:
        self.codes: queue.Queue[str] = queue.Queue()
        self.statuses: list[DeviceStatus] = []
        self.scanner = SerialScanner(
            config, on_scan=self.codes.put, on_status=self.statuses.append, poll_s=0.005
        )

    def next_code(self) -> str:
        return self.codes.get(timeout=TIMEOUT)

    def state(self) -> DeviceState:
        return self.scanner.status.state


@pytest.fixture
def harness_for() -> Iterator[Callable[[ScannerConfig], Harness]]:
    made: list[Harness] = []

    def make(config: ScannerConfig) -> Harness:
        h = Harness(config)
        made.append(h)
        h.scanner.start()
        return h

    yield make
    for h in made:
        h.scanner.stop()


def test_codes_reach_the_cart(engine: Engine, harness_for: Callable[..., Harness]) -> None:
    checkout = CheckoutService(
        engine=engine,
        store_info=terminal.get_store_info(engine=engine),
        sleep=lambda _s: None,
    )
    with SerialScannerSim(terminator="cr") as sim:
        h = harness_for(ScannerConfig(kind="serial", path=sim.path, terminator="cr"))
        wait_until(lambda: h.state() == DeviceState.READY)
        for code in (COLA, CHIPS, COLA):
            sim.scan(code)
        outcomes = [checkout.scan(h.next_code()) for _ in range(3)]
    assert all(o.ok for o in outcomes)
    cart = checkout.sale.cart
    first, second = outcomes[0].product, outcomes[1].product
    assert first is not None and second is not None
    assert [(line.product.sku, line.qty) for line in cart.lines] == [
        (first.sku, 2), (second.sku, 1)
    ]


def test_unplug_and_replug_on_a_new_path(
    tmp_path: Path, harness_for: Callable[..., Harness]
) -> None:
    link = tmp_path / "usb-Scanner_ABC123-if00"
    first = SerialScannerSim(terminator="crlf", link=link)
    h = harness_for(ScannerConfig(kind="serial", path=str(link), terminator="crlf",
                                  reconnect_s=0.02))
    wait_until(lambda: h.state() == DeviceState.READY)
    first.scan(COLA)
    assert h.next_code() == COLA

    first.unplug()
    wait_until(lambda: h.state() == DeviceState.OFFLINE)
    assert h.statuses[-1].key == "device.offline"

    with SerialScannerSim(terminator="crlf", link=link) as second:  # replug: a new pty
        assert link.resolve() == Path(second.path)  # the kernel may reuse the pts number
        wait_until(lambda: h.state() == DeviceState.READY)
        second.scan(TEA)
        assert h.next_code() == TEA
    states = [s.state for s in h.statuses]
    assert states[:2] == [DeviceState.READY, DeviceState.OFFLINE]
    assert states[-1] == DeviceState.READY


def test_missing_port_is_offline_not_an_error(harness_for: Callable[..., Harness]) -> None:
    h = harness_for(ScannerConfig(kind="serial", path="/dev/does-not-exist-scanner"))
    wait_until(lambda: h.state() == DeviceState.OFFLINE)


def test_no_terminator_ends_codes_by_silence(harness_for: Callable[..., Harness]) -> None:
    with SerialScannerSim(terminator="none") as sim:
        h = harness_for(ScannerConfig(kind="serial", path=sim.path, terminator="none",
                                      idle_timeout_ms=30))
        wait_until(lambda: h.state() == DeviceState.READY)
        sim.scan("S001-T01-000042")
        assert h.next_code() == "S001-T01-000042"


def test_port_found_by_usb_ids(harness_for: Callable[..., Harness]) -> None:
    with SerialScannerSim() as sim:
        ports = [
            SimpleNamespace(device="/dev/ttyUSB9", vid=0x1234, pid=1, serial_number="X"),
            SimpleNamespace(device=sim.path, vid=0x05E0, pid=0x1200, serial_number="S42"),
        ]
        cfg = ScannerConfig(kind="serial", vid=0x05E0, pid=0x1200, serial_number="S42")
        assert find_port(cfg, ports) == sim.path
        assert find_port(cfg.model_copy(update={"serial_number": "S43"}), ports) is None
        codes: queue.Queue[str] = queue.Queue()
        scanner = SerialScanner(cfg, on_scan=codes.put, poll_s=0.005,
                                list_ports_fn=lambda: ports)
        scanner.start()
        try:
            wait_until(lambda: scanner.connected)
            assert scanner.port_path == sim.path
            sim.scan(COLA)
            assert codes.get(timeout=TIMEOUT) == COLA
        finally:
            scanner.stop()


@pytest.mark.parametrize(
    ("terminator", "chunks", "codes"),
    [
        ("cr", [b"6901", b"234\r12", b"34\r"], ["6901234", "1234"]),
        ("lf", [b"abc\n\n"], ["abc"]),
        ("crlf", [b"abc\r", b"\ndef\r\n"], ["abc", "def"]),
        ("cr", ["可乐".encode("gb18030") + b"\r"], ["可乐"]),
    ],
)
def test_framer(terminator: str, chunks: list[bytes], codes: list[str]) -> None:
    framer = CodeFramer(terminator)
    got: list[str] = []
    for i, chunk in enumerate(chunks):
        got += framer.feed(chunk, float(i))
    assert got == codes


def test_framer_idle_timeout() -> None:
    framer = CodeFramer("none", idle_s=0.1)
    assert framer.feed(b"12345", 1.0) == []
    assert framer.tick(1.05) == []
    assert framer.tick(1.2) == ["12345"]
