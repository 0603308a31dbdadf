"""The simulators ``make run`` prints and shows every sale on keep a bounded tail in memory:
a till selling for hours must not carry every receipt it ever printed."""

from __future__ import annotations

from pathlib import Path

from drivers.sim.pole_sim import PoleSim
from drivers.sim.printer_sim import SimPrinter

RECEIPT = b"\x1b@" + "收银小票 RECEIPT 0001\n".encode("gb18030") * 40 + b"\x1dV\x00"


def test_sim_printer_keeps_only_the_newest_bytes_but_counts_all(tmp_path: Path) -> None:
    sink = tmp_path / "printer.bin"
    printer = SimPrinter(sink)
    for _ in range(5_000):  # a long day's receipts: ~5 MB
        printer.write(RECEIPT)
    total = 5_000 * len(RECEIPT)
    kept = printer.output()
    assert len(kept) <= 1 << 20
    assert kept.endswith(RECEIPT)  # the newest receipt is whole
    assert printer.writes == 5_000 and printer.total_bytes == total
    assert sink.stat().st_size == total  # the sink file still gets everything


def test_sim_printer_keeps_everything_up_to_its_limit() -> None:
    printer = SimPrinter(keep_bytes=len(RECEIPT) * 3)
    for _ in range(2):
        printer.write(RECEIPT)
    assert printer.output() == RECEIPT * 2
    for _ in range(5):
        printer.write(RECEIPT)
    assert printer.output() == RECEIPT * 3


def test_pole_sim_keeps_only_the_newest_bytes_and_still_shows_the_screen() -> None:
    pole = PoleSim(encoding="ascii")  # fed directly: no pty needed
    for i in range(20_000):  # ~60 screens a sale, hundreds of sales
        pole.feed(b"\x0c\x1bQA" + f"ITEM {i}".encode() + b"\r\x1bQBTOTAL 1.00\r")
    assert len(pole.received) <= 1 << 20
    assert pole.received.endswith(b"ITEM 19999\r\x1bQBTOTAL 1.00\r")
    assert pole.lines == ("ITEM 19999", "TOTAL 1.00")
