"""Photo-like camera frames of a phone screen showing a QR code (issue 10: what a till camera
really sees, not a clean generated image).

A phone screen (light, or dark mode with the code inverted) is held in a 3-D pose in front of
the camera, projected with a pinhole model onto a cluttered counter, then spoilt by one
condition: motion blur, defocus, glare, JPEG, or none. ``code_px`` is the width of the code
itself (without quiet zone) if the phone were held square to the camera. Deterministic per
``seed``. Frames are 1280×720 grayscale ``uint8`` (what the decode thread gets).
"""

from __future__ import annotations

import math
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt
import segno

from drivers.sim.qr_frames import HEIGHT, WIDTH, _background

Gray = npt.NDArray[np.uint8]
Floats = npt.NDArray[Any]  # float images and kernels (OpenCV's stubs do not keep the dtype)
CONDITIONS = ("pose", "motion_blur", "defocus", "glare", "jpeg", "dark_mode")
MAX_TILT_DEG = 35.0  # yaw and pitch of the phone, each up to this
FOCAL_PX = 1000.0  # a 1280×720 webcam with ~65° horizontal field of view


def screen_image(payload: str, *, module_px: int, dark: bool) -> Gray:
    """The phone's screen: the code (ECC M, quiet zone) on a screen with some UI around."""
    qr = segno.make(payload, error="m", micro=False, boost_error=False)
    matrix = np.array([list(row) for row in qr.matrix], dtype=bool)
    n = matrix.shape[0]
    screen_w, screen_h = (n + 12) * module_px, (n + 30) * module_px
    paper, ink = (28, 225) if dark else (240, 35)  # a screen's black is not 0 in a photo
    screen = np.full((screen_h, screen_w), paper, dtype=np.uint8)
    code = np.where(matrix, ink, paper).astype(np.uint8)
    code = np.repeat(np.repeat(code, module_px, axis=0), module_px, axis=1)
    top, left = 14 * module_px, 6 * module_px
    screen[top : top + n * module_px, left : left + n * module_px] = code
    # App chrome: a title bar and text lines, so the code is not alone on the screen.
    bar = 150 if dark else 90
    screen[: 5 * module_px] = bar
    for row in range(3):
        y = (7 + 2 * row) * module_px
        screen[y : y + module_px, left : screen_w - left - row * 6 * module_px] = ink
    return screen


def _pose_quad(w: int, h: int, scale: float, rng: np.random.Generator) -> Floats:
    """Corners of a w×h screen rotated in 3-D (yaw, pitch, roll) and projected."""
    yaw, pitch = (math.radians(float(rng.uniform(-MAX_TILT_DEG, MAX_TILT_DEG))) for _ in "ab")
    roll = math.radians(float(rng.uniform(-180, 180)))
    cy, sy, cp, sp, cr, sr = (math.cos(yaw), math.sin(yaw), math.cos(pitch), math.sin(pitch),
                              math.cos(roll), math.sin(roll))
    rot = (np.array([[cr, -sr, 0], [sr, cr, 0], [0, 0, 1]])
           @ np.array([[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]])
           @ np.array([[1, 0, 0], [0, cp, -sp], [0, sp, cp]]))
    corners = np.array([(-w / 2, -h / 2, 0), (w / 2, -h / 2, 0), (w / 2, h / 2, 0),
                        (-w / 2, h / 2, 0)]) * scale
    # Distance so that the square-on screen has ``scale`` px per screen pixel.
    z = FOCAL_PX
    points = corners @ rot.T + np.array([0, 0, z])
    projected = points[:, :2] * (FOCAL_PX / points[:, 2:3])
    span = projected.max(axis=0) - projected.min(axis=0)
    room = np.array([WIDTH, HEIGHT]) - span
    centre = np.array([float(rng.uniform(0, max(room[0], 0))),
                       float(rng.uniform(0, max(room[1], 0)))])
    quad: Floats = (projected - projected.min(axis=0) + centre).astype(np.float32)
    return quad


def _disk(radius: float) -> Floats:
    half = math.ceil(radius)
    y, x = np.mgrid[-half : half + 1, -half : half + 1].astype(np.float32)
    kernel: Floats = np.clip(radius + 0.5 - np.hypot(x, y), 0, 1)  # a lens's blur disk, antialiased
    normalised: Floats = kernel / kernel.sum()
    return normalised


def _motion(length: int, angle_deg: float) -> Floats:
    kernel: Floats = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1.0
    rot = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), angle_deg, 1.0)
    kernel = cv2.warpAffine(kernel, rot, (length, length))
    normalised: Floats = kernel / kernel.sum()
    return normalised


def photo_frame(payload: str, condition: str, *, code_px: int, seed: int) -> Gray:
    """One frame of ``payload`` on a phone under ``condition`` (see CONDITIONS)."""
    if condition not in CONDITIONS:
        raise ValueError(f"unknown condition: {condition}")
    rng = np.random.default_rng(seed)
    frame: Floats = _background(rng).astype(np.float32)
    n = segno.make(payload, error="m", micro=False, boost_error=False).symbol_size(border=0)[0]
    module_px = 4  # drawn sharp, then scaled by the projection to the asked code width
    screen = screen_image(payload, module_px=module_px, dark=condition == "dark_mode")
    scale = code_px / (n * module_px)
    quad = _pose_quad(screen.shape[1], screen.shape[0], scale, rng)
    src = np.array([(0, 0), (screen.shape[1], 0), (screen.shape[1], screen.shape[0]),
                    (0, screen.shape[0])], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(src, quad)
    warped = cv2.warpPerspective(screen.astype(np.float32), matrix, (WIDTH, HEIGHT),
                                 flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.ones(screen.shape, np.float32), matrix, (WIDTH, HEIGHT))
    frame = frame * (1 - mask) + warped * mask
    # A real lens is never perfectly sharp.
    frame = cv2.GaussianBlur(frame, (0, 0), 0.6)
    if condition == "motion_blur":  # a hand moving during the exposure
        length, angle = int(rng.integers(3, 8)), float(rng.uniform(0, 180))
        frame = cv2.filter2D(frame, -1, _motion(length, angle))
    elif condition == "defocus":  # phone held closer than the focus distance
        frame = cv2.filter2D(frame, -1, _disk(float(rng.uniform(1.5, 2.5))))
    elif condition == "glare":  # a ceiling light reflected on the screen glass
        x0, y0 = quad.min(axis=0)
        x1, y1 = quad.max(axis=0)
        gx, gy = float(rng.uniform(x0, x1)), float(rng.uniform(y0, y1))
        sigma = float(rng.uniform(0.15, 0.3)) * code_px
        y, x = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
        frame = frame + float(rng.uniform(120, 200)) * np.exp(
            -((x - gx) ** 2 + (y - gy) ** 2) / (2 * sigma**2))
    frame = frame + rng.normal(0, 4, frame.shape)  # sensor noise
    out = np.clip(frame, 0, 255).astype(np.uint8)
    if condition == "jpeg":  # an IP camera's stream
        ok, data = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(25, 46))])
        assert ok
        return np.asarray(cv2.imdecode(data, cv2.IMREAD_GRAYSCALE), dtype=np.uint8)
    return out
