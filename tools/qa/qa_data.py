"""Synthetic, learnable CIFAR-shaped data for the QA bundle (tools/qa/make_qa_bundle.py).

32×32×3 uint8 images, 10 classes: each class is a shape (disc, square, triangle, ring, cross,
bars, stripes, checker, diagonal, blob) drawn in a class-biased but noisy colour at a random
place and size on a textured background, plus pixel noise. Learnable (a small CNN gets well
above chance in a minute) but not trivial; unlike the demo (Fashion-MNIST, 28×28×1) and the
test fixtures. Seeded: the same seed gives the same bytes.
"""
import numpy as np

CLASSES = ['disc', 'square', 'triangle', 'ring', 'cross', 'bars', 'stripes', 'checker', 'diagonal', 'blob']
HUES = np.array([
    [220, 60, 60], [60, 200, 80], [70, 90, 230], [230, 200, 50], [200, 80, 210],
    [60, 210, 210], [240, 140, 40], [150, 150, 150], [120, 60, 30], [250, 250, 250],
], dtype=np.float32)


def _mask(cls, yy, xx, cy, cx, r, rng):
    dy, dx = yy - cy, xx - cx
    d = np.sqrt(dy * dy + dx * dx)
    if cls == 0:
        return d < r
    if cls == 1:
        return (np.abs(dy) < r * 0.8) & (np.abs(dx) < r * 0.8)
    if cls == 2:
        return (dy > -r) & (dy < r * 0.7) & (np.abs(dx) < (dy + r) * 0.6)
    if cls == 3:
        return (d < r) & (d > r * 0.55)
    if cls == 4:
        return ((np.abs(dy) < r * 0.3) & (np.abs(dx) < r)) | ((np.abs(dx) < r * 0.3) & (np.abs(dy) < r))
    if cls == 5:
        return (np.abs(dy) < r) & (np.abs(dx) < r) & ((xx // 3) % 2 == 0)
    if cls == 6:
        return (np.abs(dy) < r) & (np.abs(dx) < r) & ((yy // 3) % 2 == 0)
    if cls == 7:
        return (np.abs(dy) < r) & (np.abs(dx) < r) & (((yy // 4) + (xx // 4)) % 2 == 0)
    if cls == 8:
        return (np.abs(dy - dx) < r * 0.35) & (d < r * 1.2)
    a = rng.uniform(0.6, 1.4)
    return (dy * dy * a + dx * dx / a) < (r * r * (0.6 + 0.4 * np.sin(3 * np.arctan2(dy, dx)) ** 2))


def make_images(n, seed):
    """(images uint8 N×32×32×3 NHWC, labels int64 N)."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:32, 0:32].astype(np.float32)
    labels = rng.integers(0, 10, size=n).astype(np.int64)
    images = np.empty((n, 32, 32, 3), dtype=np.uint8)
    for i, cls in enumerate(labels):
        bg = rng.uniform(20, 140, size=3).astype(np.float32)
        freq = rng.uniform(0.1, 0.6)
        texture = 25 * np.sin(freq * (xx * rng.uniform(-1, 1) + yy * rng.uniform(-1, 1)))[..., None]
        img = bg + texture
        r = rng.uniform(6, 11)
        cy, cx = rng.uniform(r - 2, 33 - r, size=2)
        colour = np.clip(HUES[cls] * rng.uniform(0.6, 1.1) + rng.normal(0, 45, size=3), 0, 255)
        m = _mask(int(cls), yy, xx, cy, cx, r, rng)
        img[m] = colour
        img += rng.normal(0, 14, size=img.shape)
        images[i] = np.clip(img, 0, 255).astype(np.uint8)
    return images, labels
