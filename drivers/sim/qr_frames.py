"""Synthetic camera frames showing a QR code, with the distortions a till camera sees.

Used by the camera simulator, the tests and ``python -m bench qr``. Deterministic: the same
``seed`` gives the same frame. Frames are BGR ``uint8`` arrays (camera layout).
"""

from __future__ import annotations

import math

import cv2
import numpy as np
import numpy.typing as npt
import segno

DISTORTIONS = ("plain", "blur", "rot15", "rot45", "perspective", "low_contrast", "small",
               "noise")
PAYLOADS = (
    "O2OM1:M-20240517-883104",
    "O2OM1:会员-123456",
    # A signed coupon token: ~140 characters of base64url, like an Ed25519-signed payload.
    "O2OC1.eyJjIjoiQ1AtMjAyNC0wNTE3LTAwNDIiLCJtIjoiMTIzNDU2IiwiZXhwIjoxNzE2MDAwMDAwfQ."
    "q9Xw3vKf8Zt1Rb2Lm7Yc0Hs4Jd6Pn5Qa1We3Rt5Yu7Io9Pa2Sd4Fg6Hj8Kl0ZxCvBnM1",
)
WIDTH, HEIGHT = 1280, 720
QUIET = 4  # quiet-zone modules around the symbol


def qr_image(payload: str, module_px: int = 8) -> npt.NDArray[np.uint8]:
    """The QR symbol (UTF-8 byte mode, EC level M) with its quiet zone, as gray 0/255."""
    qr = segno.make(payload, encoding="utf-8", error="m", micro=False, boost_error=False)
    matrix = np.array([list(row) for row in qr.matrix], dtype=bool)
    matrix = np.pad(matrix, QUIET, constant_values=False)
    img = np.where(matrix, 0, 255).astype(np.uint8)
    return np.repeat(np.repeat(img, module_px, axis=0), module_px, axis=1)


def _background(rng: np.random.Generator) -> npt.NDArray[np.uint8]:
    """A cluttered counter scene: gradient plus random boxes and lines."""
    y, x = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
    base = 90 + 60 * (x / WIDTH) + 30 * np.sin(y / 97.0)
    img: npt.NDArray[np.uint8] = base.astype(np.uint8)
    for _ in range(12):
        x0, y0 = int(rng.integers(0, WIDTH)), int(rng.integers(0, HEIGHT))
        w, h = int(rng.integers(30, 300)), int(rng.integers(20, 200))
        cv2.rectangle(img, (x0, y0), (x0 + w, y0 + h), int(rng.integers(20, 235)), -1)
    for _ in range(8):
        p0 = (int(rng.integers(0, WIDTH)), int(rng.integers(0, HEIGHT)))
        p1 = (int(rng.integers(0, WIDTH)), int(rng.integers(0, HEIGHT)))
        cv2.line(img, p0, p1, int(rng.integers(0, 255)), int(rng.integers(1, 6)))
    return img


def _square(cx: float, cy: float, side: float, angle_deg: float) -> np.ndarray:
    a = math.radians(angle_deg)
    half = side / 2
    corners = [(-half, -half), (half, -half), (half, half), (-half, half)]
    return np.array([(cx + u * math.cos(a) - v * math.sin(a),
                      cy + u * math.sin(a) + v * math.cos(a)) for u, v in corners],
                    dtype=np.float32)


def _place(frame: np.ndarray, symbol: np.ndarray, quad: np.ndarray) -> None:
    h, w = symbol.shape
    src = np.array([(0, 0), (w, 0), (w, h), (0, h)], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(src, quad)
    cv2.warpPerspective(symbol, matrix, (WIDTH, HEIGHT), dst=frame, flags=cv2.INTER_AREA,
                        borderMode=cv2.BORDER_TRANSPARENT)


def make_frame(payload: str, distortion: str, seed: int) -> npt.NDArray[np.uint8]:
    """One 1280×720 BGR frame showing ``payload`` under ``distortion`` (see DISTORTIONS)."""
    if distortion not in DISTORTIONS:
        raise ValueError(f"unknown distortion: {distortion}")
    rng = np.random.default_rng(seed)
    frame = _background(rng)
    symbol = qr_image(payload)
    modules = symbol.shape[0] // 8
    # Side of the whole symbol incl. quiet zone; "small" means the code itself is ~90 px.
    side = (90 * modules / (modules - 2 * QUIET) if distortion == "small"
            else float(rng.uniform(300, 420)))
    cx = float(rng.uniform(side * 0.75, WIDTH - side * 0.75))
    cy = float(rng.uniform(side * 0.75, HEIGHT - side * 0.75))
    angle = {"rot15": 15.0, "rot45": 45.0}.get(distortion, float(rng.uniform(-3, 3)))
    quad = _square(cx, cy, side, angle)
    if distortion == "perspective":  # tilted phone: far edge shorter, a little skew
        quad[0] += (side * 0.18, side * 0.05)
        quad[1] += (-side * 0.12, side * 0.08)
    _place(frame, symbol, quad)
    # Camera optics are never perfectly sharp.
    frame = np.asarray(cv2.GaussianBlur(frame, (0, 0), 0.7), dtype=np.uint8)
    if distortion == "blur":
        frame = np.asarray(cv2.GaussianBlur(frame, (0, 0), 2.0), dtype=np.uint8)
    elif distortion == "low_contrast":
        frame = (frame.astype(np.float32) * 0.25 + 100).astype(np.uint8)
    elif distortion == "noise":
        noisy = frame.astype(np.float32) + rng.normal(0, 25, frame.shape)
        frame = np.clip(noisy, 0, 255).astype(np.uint8)
    return np.asarray(cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR), dtype=np.uint8)
