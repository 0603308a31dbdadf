"""Detection: interfaces list what is connected (a fake /dev and sysfs, pyserial port records),
the drivers say which of it they could run, and their settings are valid as they come."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel
from serial.tools.list_ports_common import ListPortInfo

from drivers.camera.config import CameraConfig
from drivers.detect import Candidate, Connected, cameras, connected, detect, serial_ports
from drivers.display.config import DisplayConfig
from drivers.printer.config import PrinterConfig
from drivers.scale.config import ScaleConfig
from drivers.scanner.config import ScannerConfig

MODELS: dict[str, type[BaseModel]] = {
    "printer": PrinterConfig, "scanner": ScannerConfig, "scale": ScaleConfig,
    "camera": CameraConfig, "display": DisplayConfig}


def port(device: str, vid: int | None = None, pid: int | None = None, serial: str = "",
         description: str = "n/a") -> ListPortInfo:
    info = ListPortInfo(device, skip_link_detection=True)
    info.vid, info.pid, info.description = vid, pid, description
    info.serial_number = serial or None
    return info


PORTS = [
    port("/dev/ttyUSB0", vid=0x0403, pid=0x6001, description="FT232R USB UART"),
    port("/dev/ttyACM0", vid=0x0C2E, pid=0x0B61, serial="21034B5E6F",
         description="Honeywell 1900G"),
    port("/dev/ttyS0"),
]


@pytest.fixture
def dev(tmp_path: Path) -> tuple[Path, Path]:
    """A /dev with two USB printers, a webcam (capture and metadata nodes) and noise; its
    sysfs naming the webcam's nodes."""
    dev_dir, sys_dir = tmp_path / "dev", tmp_path / "sys"
    (dev_dir / "usb").mkdir(parents=True)
    for name in ("usb/lp1", "usb/lp0", "usb/hiddev0", "video0", "video1", "video10",
                 "videox", "ttyS0"):
        (dev_dir / name).touch()
    for node, index in (("video0", "0"), ("video1", "1")):
        info = sys_dir / "class" / "video4linux" / node
        info.mkdir(parents=True)
        (info / "name").write_text("HD Pro Webcam C920\n")
        (info / "index").write_text(index + "\n")
    return dev_dir, sys_dir


def by_section(candidates: list[Candidate], path: str) -> dict[str, Candidate]:
    return {c.section: c for c in candidates if c.device.path == path}


def test_interfaces_list_printers_cameras_ports_and_named_network_printers(
    dev: tuple[Path, Path],
) -> None:
    dev_dir, sys_dir = dev
    found = connected(dev_dir=dev_dir, sys_dir=sys_dir, comports=lambda: PORTS,
                      network=[("192.168.1.50", 9100), ("", 9100)])
    assert [(c.interface, c.path) for c in found] == [
        ("serial", "/dev/ttyACM0"), ("serial", "/dev/ttyS0"), ("serial", "/dev/ttyUSB0"),
        ("usb_printer", str(dev_dir / "usb/lp0")), ("usb_printer", str(dev_dir / "usb/lp1")),
        ("video", str(dev_dir / "video0")), ("video", str(dev_dir / "video10")),
        ("network", "192.168.1.50:9100"),
    ]
    acm = found[0]
    assert (acm.vid, acm.pid, acm.serial_number) == (0x0C2E, 0x0B61, "21034B5E6F")
    assert acm.looks_like == "Honeywell 1900G (/dev/ttyACM0)"
    assert found[1].looks_like == "/dev/ttyS0"  # pyserial's "n/a" says nothing
    assert found[5].looks_like == f"HD Pro Webcam C920 ({dev_dir / 'video0'})"
    assert found[6].description == ""  # no sysfs entry: kept, unnamed


def test_each_driver_claims_what_it_supports(dev: tuple[Path, Path]) -> None:
    dev_dir, sys_dir = dev
    candidates = detect(connected(dev_dir=dev_dir, sys_dir=sys_dir, comports=lambda: PORTS,
                                  network=[("192.168.1.50", 9100)]))
    # A known scanner vendor's port is a likely scanner, and nothing else; found again by
    # its USB ids after a replug.
    acm = by_section(candidates, "/dev/ttyACM0")
    assert set(acm) == {"scanner"} and acm["scanner"].likely
    assert acm["scanner"].config_fields() == {
        "kind": "serial", "path": "", "vid": 0x0C2E, "pid": 0x0B61,
        "serial_number": "21034B5E6F"}
    # A USB-serial adapter or a bare port could be any serial device; none is likely.
    for path in ("/dev/ttyUSB0", "/dev/ttyS0"):
        bare = by_section(candidates, path)
        assert set(bare) == {"printer", "scanner", "scale", "display"}
        assert not any(c.likely for c in bare.values())
    assert by_section(candidates, "/dev/ttyS0")["scanner"].settings == {"path": "/dev/ttyS0"}
    assert by_section(candidates, "/dev/ttyUSB0")["scale"].settings == {
        "port": "/dev/ttyUSB0"}
    lp0 = by_section(candidates, str(dev_dir / "usb/lp0"))
    assert set(lp0) == {"printer"} and lp0["printer"].likely
    assert lp0["printer"].config_fields() == {"kind": "file",
                                              "file_path": str(dev_dir / "usb/lp0")}
    network = by_section(candidates, "192.168.1.50:9100")["printer"]
    assert network.config_fields() == {"kind": "network", "host": "192.168.1.50",
                                       "port": 9100}
    camera = by_section(candidates, str(dev_dir / "video0"))
    assert set(camera) == {"camera"} and camera["camera"].settings == {
        "device": str(dev_dir / "video0")}
    # Likely ones first.
    likely = [c.likely for c in candidates]
    assert likely == sorted(likely, reverse=True) and likely.count(True) == 6


def test_every_candidate_is_valid_settings_for_its_section(dev: tuple[Path, Path]) -> None:
    dev_dir, sys_dir = dev
    candidates = detect(connected(dev_dir=dev_dir, sys_dir=sys_dir, comports=lambda: PORTS,
                                  network=[("10.0.0.7", 9101)]))
    assert {c.section for c in candidates} == set(MODELS)
    for candidate in candidates:
        config = MODELS[candidate.section].model_validate(candidate.config_fields())
        assert config.model_dump()["kind"] == candidate.kind


def test_nothing_connected_is_no_candidate(tmp_path: Path) -> None:
    assert connected(dev_dir=tmp_path / "none", sys_dir=tmp_path / "none",
                     comports=lambda: []) == []
    assert detect([]) == []


def test_a_port_lister_that_fails_lists_nothing() -> None:
    def broken() -> list[ListPortInfo]:
        raise OSError("no /sys/class/tty")

    assert serial_ports(broken) == []


def test_a_metadata_node_is_not_a_camera(dev: tuple[Path, Path]) -> None:
    dev_dir, sys_dir = dev
    assert [c.path for c in cameras(dev_dir, sys_dir)] == [
        str(dev_dir / "video0"), str(dev_dir / "video10")]
    assert Connected("video", "/dev/video0").looks_like == "/dev/video0"
