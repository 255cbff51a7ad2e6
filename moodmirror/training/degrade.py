"""What webcams do to a face, applied to 48x48 uint8 crops: for training and for measuring.

Each degradation is a plain function on one grayscale uint8 crop (numpy and OpenCV only, no
torch), so the training augmentation and the robustness benchmark use exactly the same code:

- :func:`blur`: Gaussian blur (an out-of-focus or moving face);
- :func:`jpeg`: JPEG compression at a quality (a compressed webcam stream);
- :func:`noise`: Gaussian sensor noise;
- :func:`dim`: a dim room: the signal scaled down by a gain, plus the sensor noise that comes
  with it;
- :func:`rescale`: down to a small size and back up (a face far from a low-resolution camera);
- :func:`glasses`: a dark band across the eyes (glasses frames, shadow, glare).

:func:`degrade_batch` draws, for a share of the crops, one to three of these in the order a
camera applies them (optics, light, sensor, compression) with random strengths.
:data:`ROBUSTNESS_CASES` are the fixed settings the benchmark reports (the figures of issue 19).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Crop = np.ndarray


def _to_uint8(values: np.ndarray) -> Crop:
    return np.clip(np.rint(values), 0, 255).astype(np.uint8)


def blur(crop: Crop, sigma: float) -> Crop:
    """Gaussian blur with standard deviation ``sigma`` pixels."""
    import cv2

    return cv2.GaussianBlur(crop, (0, 0), sigmaX=sigma, borderType=cv2.BORDER_REPLICATE)


def jpeg(crop: Crop, quality: int) -> Crop:
    """The crop after JPEG compression at ``quality`` (1-100), decoded again."""
    import cv2

    ok, data = cv2.imencode(".jpg", crop, [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    if not ok:
        raise ValueError("JPEG encoding failed")
    return cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)


def noise(crop: Crop, sigma: float, rng: np.random.Generator) -> Crop:
    """Additive Gaussian noise of ``sigma`` grey levels."""
    return _to_uint8(crop + rng.normal(0.0, sigma, crop.shape))


def dim(crop: Crop, gain: float, rng: np.random.Generator, sensor_sigma: float = 4.0) -> Crop:
    """A dim room: levels times ``gain`` (e.g. 0.35), plus ``sensor_sigma`` grey levels of noise."""
    return _to_uint8(crop * gain + rng.normal(0.0, sensor_sigma, crop.shape))


def rescale(crop: Crop, size: int) -> Crop:
    """Down to ``size`` x ``size`` pixels (area) and back up (bilinear): lost detail."""
    import cv2

    h, w = crop.shape
    small = cv2.resize(crop, (size, size), interpolation=cv2.INTER_AREA)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)


def rotate(crop: Crop, degrees: float) -> Crop:
    """Rotated about its centre (edges repeated): a tilted head the alignment did not level."""
    import cv2

    h, w = crop.shape
    matrix = cv2.getRotationMatrix2D((w / 2 - 0.5, h / 2 - 0.5), degrees, 1.0)
    return cv2.warpAffine(crop, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def glasses(crop: Crop, darkness: float, top: float = 0.30, height: float = 0.12) -> Crop:
    """A band across the eye line (``top`` and ``height`` as shares of the crop) darkened by ``darkness``."""
    out = crop.astype(np.float32)
    h = crop.shape[0]
    y0, y1 = int(round(top * h)), int(round((top + height) * h))
    out[y0:y1] *= 1.0 - darkness
    return _to_uint8(out)


# The fixed cases the robustness benchmark reports against the clean crop.
ROBUSTNESS_CASES: dict[str, Callable[[Crop, np.random.Generator], Crop]] = {
    "blur sigma 1": lambda c, rng: blur(c, 1.0),
    "JPEG quality 30": lambda c, rng: jpeg(c, 30),
    "down to 24 px and up": lambda c, rng: rescale(c, 24),
    "noise sigma 10": lambda c, rng: noise(c, 10.0, rng),
    "dim room (x0.35 + noise)": lambda c, rng: dim(c, 0.35, rng),
    "rotation 20 deg": lambda c, rng: rotate(c, 20.0),
}


def degraded_copies(crops: np.ndarray, seed: int) -> dict[str, np.ndarray]:
    """The crops (N, H, W) under each of :data:`ROBUSTNESS_CASES`, by case name (seeded noise)."""
    rng = np.random.default_rng(seed)
    return {name: np.stack([case(c, rng) for c in crops]) for name, case in ROBUSTNESS_CASES.items()}


def _random_chain(crop: Crop, rng: np.random.Generator) -> Crop:
    """One to three degradations with random strengths, in the order a camera applies them."""
    stages = rng.permutation(6)[: rng.integers(1, 4)]
    if 0 in stages:
        crop = blur(crop, rng.uniform(0.4, 1.8))
    if 1 in stages:
        crop = rescale(crop, int(rng.integers(14, 37)))
    if 2 in stages:
        crop = glasses(crop, rng.uniform(0.3, 0.8), top=rng.uniform(0.24, 0.36))
    if 3 in stages:
        crop = dim(crop, rng.uniform(0.2, 0.6), rng, sensor_sigma=rng.uniform(1.0, 7.0))
    if 4 in stages:
        crop = noise(crop, rng.uniform(2.0, 16.0), rng)
    if 5 in stages:
        crop = jpeg(crop, int(rng.integers(15, 71)))
    return crop


def degrade_batch(crops: np.ndarray, share: float, rng: np.random.Generator) -> np.ndarray:
    """A copy of uint8 crops (N, H, W) where each crop, with probability ``share``, is degraded."""
    out = crops.copy()
    for i in np.flatnonzero(rng.random(len(crops)) < share):
        out[i] = _random_chain(crops[i], rng)
    return out
