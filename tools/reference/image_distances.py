"""Reference values of the image distances' tests in core/.../distance/ImageDistancesTest.

  python3 tools/reference/image_distances.py

The test images are made by formulas (PATTERN, SMOOTH below, the same as the test's pattern and
smooth): 8-bit values k/255 held as float32, as a PNG reaches a model.

- channel-wasserstein: per channel scipy.stats.wasserstein_distance between the two images' values,
  the mean over R, G, B.
- sliced-wasserstein with the test's explicit directions: each direction normalised, both pixel
  clouds projected on it, scipy.stats.wasserstein_distance of the projections, the mean over
  directions.
- ssim: Wang et al. 2004 as their reference MATLAB code (ssim_index.m) computes it: the 11 x 11
  Gaussian window of sigma 1.5 normalised to sum 1 (fspecial), local means, variances and the
  covariance by filter2(..., 'valid') (here numpy's sliding_window_view and a tensordot with the 2-D
  window: no separable filtering, unlike the Java), C1 = (0.01 L)^2, C2 = (0.03 L)^2, L = 1; the mean
  of the SSIM map; 1 - the mean over channels.
- feature-wasserstein with the test's extractor (per channel mean, min and max, and the mean of the
  image's top-left quarter): scipy.stats.wasserstein_distance of the two 10-value feature vectors.
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from scipy.stats import wasserstein_distance

from javaref import Report, finish

TEST = "core/src/test/java/org/gsmile/core/distance/ImageDistancesTest.java"


def image(w, h, value):
    v = np.zeros((3, h, w), dtype=np.float32)
    for c in range(3):
        for y in range(h):
            for x in range(w):
                v[c, y, x] = np.float32(value(x, y, c)) / np.float32(255)
    return v.astype(np.float64)


def pattern(w, h, seed):
    return image(w, h, lambda x, y, c: (x * x * 3 + y * 7 + c * 29 + seed * 31 + x * y * 5) % 256)


def smooth(w, h, seed):
    return image(w, h, lambda x, y, c: (x * 4 + y * 3 + c * 40 + seed * 17) % 200)


def channel_wasserstein(a, b):
    return np.mean([wasserstein_distance(a[c].ravel(), b[c].ravel()) for c in range(3)])


def sliced(a, b, directions):
    pa = a.reshape(3, -1).T
    pb = b.reshape(3, -1).T
    out = []
    for d in directions:
        d = np.asarray(d, float)
        d = d / np.sqrt(d @ d)
        out.append(wasserstein_distance(pa @ d, pb @ d))
    return np.mean(out)


def gaussian_window(size=11, sigma=1.5):
    half = size // 2
    y, x = np.mgrid[-half:half + 1, -half:half + 1]
    g = np.exp(-(x * x + y * y) / (2 * sigma * sigma))
    return g / g.sum()


def ssim_channel(x, y):
    win = gaussian_window()
    c1, c2 = (0.01 * 1.0) ** 2, (0.03 * 1.0) ** 2

    def filt(img):
        return np.tensordot(sliding_window_view(img, win.shape), win, axes=([2, 3], [0, 1]))

    mx, my = filt(x), filt(y)
    sxx = filt(x * x) - mx * mx
    syy = filt(y * y) - my * my
    sxy = filt(x * y) - mx * my
    m = ((2 * mx * my + c1) * (2 * sxy + c2)) / ((mx * mx + my * my + c1) * (sxx + syy + c2))
    return m.mean()


def ssim_distance(a, b):
    return 1 - np.mean([ssim_channel(a[c], b[c]) for c in range(3)])


def features(a):
    h, w = a.shape[1], a.shape[2]
    f = []
    for c in range(3):
        f += [np.float32(a[c].mean()), np.float32(a[c].min()), np.float32(a[c].max())]
    f.append(np.float32(a[:, : h // 2, : w // 2].mean()))
    return np.asarray(f, dtype=np.float64)


DIRECTIONS = [[1, 0, 0], [0, 1, 0], [1, 1, 1], [0.3, -0.5, 0.8]]

r = Report(TEST)
r.value("channel-wasserstein pattern 16x12 seeds 1, 2", channel_wasserstein(pattern(16, 12, 1), pattern(16, 12, 2)),
        "0.023474945694033522", 1e-12)
r.value("channel-wasserstein pattern 20x20 seed 3 vs 13x17 seed 4",
        channel_wasserstein(pattern(20, 20, 3), pattern(13, 17, 4)), "0.022133114462575088", 1e-12)
r.value("channel-wasserstein smooth vs pattern 16x16", channel_wasserstein(smooth(16, 16, 0), pattern(16, 16, 0)),
        "0.20494281226213693", 1e-12)
r.value("sliced-wasserstein pattern 16x12 seeds 1, 2", sliced(pattern(16, 12, 1), pattern(16, 12, 2), DIRECTIONS),
        "0.02605114924562906", 1e-12)
r.value("sliced-wasserstein smooth 16x16 seeds 0, 1", sliced(smooth(16, 16, 0), smooth(16, 16, 1), DIRECTIONS),
        "0.07191277601342963", 1e-12)
r.value("ssim distance pattern 24x20 seeds 1, 5", ssim_distance(pattern(24, 20, 1), pattern(24, 20, 5)),
        "1.49725361740187", 1e-12)
r.value("ssim distance smooth 24x20 seeds 0, 1", ssim_distance(smooth(24, 20, 0), smooth(24, 20, 1)),
        "0.1401535605721368", 1e-12)
r.value("ssim distance smooth vs pattern 11x11", ssim_distance(smooth(11, 11, 2), pattern(11, 11, 2)),
        "1.0012672121199966", 1e-12)
r.value("feature-wasserstein pattern 16x12 seed 1 vs smooth 16x12 seed 0",
        wasserstein_distance(features(pattern(16, 12, 1)), features(smooth(16, 12, 0))), "0.23435729579068723", 1e-7)
finish(r)
