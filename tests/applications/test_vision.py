"""Vision: skimage.feature.hog as the oracle on real images; boxes, NMS and matching by hand."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from skimage import data
from skimage.feature import hog as skimage_hog
from sklearn.datasets import load_digits

from mlcheatsheet.applications import vision


def _digits():
    return np.kron(load_digits().images[:40], np.ones((2, 2)))  # 16 x 16, 0..16


def _camera():
    return data.camera()[::4, ::4].astype(float)  # 128 x 128, 0..255


def _astronaut_grey():
    return data.astronaut()[::4, ::4].astype(float).mean(axis=2)


IMAGES = {"digits": _digits, "camera": _camera, "astronaut": _astronaut_grey}

PARAMS = {
    "skimage-like": dict(orientations=9, pixels_per_cell=(4, 4), cells_per_block=(2, 2),
                         method="L2-Hys"),
    "L1, oblong cells": dict(orientations=6, pixels_per_cell=(2, 4), cells_per_block=(3, 2),
                             method="L1"),
    "L2, single cells": dict(orientations=12, pixels_per_cell=(8, 8), cells_per_block=(1, 1),
                             method="L2"),
    "L1-sqrt": dict(orientations=8, pixels_per_cell=(4, 2), cells_per_block=(2, 3),
                    method="L1-sqrt"),
    "odd cells": dict(orientations=9, pixels_per_cell=(3, 5), cells_per_block=(2, 2),
                      method="L2-Hys"),
}


@pytest.mark.parametrize("params", PARAMS)
@pytest.mark.parametrize("name", IMAGES)
def test_hog_equals_skimage(name, params):
    kw = PARAMS[params]
    images = IMAGES[name]()
    stack = images if images.ndim == 3 else images[None]
    theirs = np.array([skimage_hog(im, orientations=kw["orientations"],
                                   pixels_per_cell=kw["pixels_per_cell"],
                                   cells_per_block=kw["cells_per_block"],
                                   block_norm=kw["method"]) for im in stack])
    ours = vision.hog(stack, **kw)
    # skimage sums each cell in single precision: agreement to about 1e-7
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-6)
    np.testing.assert_allclose(vision.hog(stack[0], **kw), theirs[0], rtol=0, atol=1e-6)


def test_default_hog_equals_skimage_default():
    image = _camera()
    np.testing.assert_allclose(vision.hog(image), skimage_hog(image), atol=1e-6)


def test_cell_histograms_by_hand():
    # a diagonal ramp: inside, g_row = g_col = 2 (theta = 45 degrees, magnitude 2 sqrt 2);
    # on the top row only g_col = 2 (0 degrees), on the left column only g_row = 2 (90)
    image = np.add.outer(np.arange(6.0), np.arange(6.0))
    hist = vision.cell_histograms(image, orientations=4, pixels_per_cell=3)
    # cell (0, 0): the corner has no gradient, 2 top pixels, 2 left pixels, 4 inside
    r = np.sqrt(2)
    np.testing.assert_allclose(hist[0, 0], np.array([2 * 2, 4 * 2 * r, 2 * 2, 0]) / 9)
    linear = vision.cell_histograms(image, orientations=4, pixels_per_cell=3, voting="linear")
    # bin centres 22.5, 67.5, 112.5, 157.5: 45 is halfway between the first two, 90 between
    # the middle two, 0 between the last and the first (wrapping around)
    np.testing.assert_allclose(linear[0, 0], np.array([4 * r + 2, 4 * r + 2, 2, 2]) / 9)


def test_linear_voting_keeps_the_total_and_wraps_around():
    image = _camera()
    simple = vision.cell_histograms(image, pixels_per_cell=8)
    linear = vision.cell_histograms(image, pixels_per_cell=8, voting="linear")
    np.testing.assert_allclose(linear.sum(axis=-1), simple.sum(axis=-1), rtol=1e-12)
    # a gradient at 0 degrees is halfway between the centres of the last bin (170) and the
    # first (10, that is 190): half its vote goes to each
    image = np.zeros((3, 3))
    image[1, 2], image[1, 0] = 0.5, -0.5               # g_row = 0, g_col = 1 at the centre
    h = vision.cell_histograms(image, orientations=9, pixels_per_cell=3, voting="linear")[0, 0]
    np.testing.assert_allclose(h, np.r_[0.5, np.zeros(7), 0.5] / 9)


def test_block_normalization_by_hand():
    hist = np.array([[[1.0, 0.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 0.0]]])  # 2 x 2 cells
    # one non-zero entry: L2 gives 1, L2-Hys clips at 0.2 and renormalizes back to 1
    for method in ("L2", "L2-Hys", "L1", "L1-sqrt"):
        out = vision.normalize_blocks(hist, cells_per_block=2, method=method, eps=1e-12)
        assert out.shape == (1, 1, 2, 2, 2)
        assert float(out.max()) == pytest.approx(1.0)
    # many equal entries: L2-Hys leaves them alone when each is below 0.2
    flat = np.ones((3, 3, 9))
    out = vision.normalize_blocks(flat, cells_per_block=3, method="L2-Hys")
    np.testing.assert_allclose(out, 1 / 9, rtol=1e-8)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.floats(0.1, 100.0))
def test_hog_ignores_contrast_and_brightness(seed, scale):
    image = np.random.default_rng(seed).random((16, 16)) * 10
    base = vision.hog(image, pixels_per_cell=4, cells_per_block=2)
    # eps = 1e-5 makes it very slightly contrast dependent, well below 1e-6 here
    np.testing.assert_allclose(vision.hog(scale * image + 7.0, pixels_per_cell=4,
                                          cells_per_block=2), base, atol=1e-6)


def test_sliding_windows_cover_the_image():
    image = np.arange(48.0).reshape(6, 8)
    patches, boxes = vision.sliding_windows(image, (2, 4), step=2)
    assert patches.shape == (3 * 3, 2, 4)
    for patch, (t, l, b, r) in zip(patches, boxes):
        np.testing.assert_array_equal(patch, image[t:b, l:r])


def _iou_loop(a, b):
    """IoU by counting pixels, an independent second implementation."""
    canvas = np.zeros((2, 30, 30), dtype=bool)
    canvas[0, a[0]:a[2], a[1]:a[3]] = True
    canvas[1, b[0]:b[2], b[1]:b[3]] = True
    return (canvas[0] & canvas[1]).sum() / (canvas[0] | canvas[1]).sum()


_box = st.tuples(st.integers(0, 20), st.integers(0, 20), st.integers(1, 9),
                 st.integers(1, 9)).map(lambda t: (t[0], t[1], t[0] + t[2], t[1] + t[3]))


@settings(max_examples=100, deadline=None)
@given(_box, _box)
def test_box_iou_equals_pixel_counting(a, b):
    iou = vision.box_iou([a], [b])
    assert iou[0, 0] == pytest.approx(_iou_loop(a, b))
    assert vision.box_iou([b], [a])[0, 0] == pytest.approx(iou[0, 0])
    assert vision.box_iou([a], [a])[0, 0] == 1.0


def test_non_max_suppression_by_hand():
    boxes = [[0, 0, 10, 10], [1, 1, 11, 11], [0, 20, 10, 30], [3, 3, 13, 13], [50, 50, 60, 60]]
    scores = [0.6, 0.9, 0.8, 0.7, 0.1]
    # 1 is best; it suppresses 0 (IoU 81/119) and 3 (64/136 = 0.47); 2 and 4 overlap nothing
    assert vision.non_max_suppression(boxes, scores, 0.4).tolist() == [1, 2, 4]
    # with a looser threshold 3 survives (0.47 <= 0.5), 0 does not (0.68)
    assert vision.non_max_suppression(boxes, scores, 0.5).tolist() == [1, 2, 3, 4]
    assert vision.non_max_suppression(np.zeros((0, 4)), [], 0.5).tolist() == []


@settings(max_examples=50, deadline=None)
@given(st.lists(_box, min_size=1, max_size=12), st.integers(0, 1000))
def test_nms_keeps_no_two_overlapping_boxes(boxes, seed):
    scores = np.random.default_rng(seed).random(len(boxes))
    keep = vision.non_max_suppression(boxes, scores, 0.3)
    iou = vision.box_iou(np.array(boxes)[keep], np.array(boxes)[keep])
    assert np.all(iou[~np.eye(len(keep), dtype=bool)] <= 0.3)
    assert keep[0] == int(np.argmax(scores))
    # every dropped box overlaps a kept box with a score at least as high
    dropped = sorted(set(range(len(boxes))) - set(keep.tolist()))
    if dropped:
        overlaps = vision.box_iou(np.array(boxes)[dropped], np.array(boxes)[keep]) > 0.3
        better = scores[keep][None, :] >= scores[dropped][:, None]
        assert np.all((overlaps & better).any(axis=1))


def test_match_detections_counts_a_double_detection_once():
    truths = [[0, 0, 10, 10], [20, 20, 30, 30]]
    detections = [[0, 0, 10, 10], [1, 0, 11, 10], [20, 21, 30, 31], [40, 40, 50, 50]]
    assert vision.match_detections(detections, truths).tolist() == [0, -1, 1, -1]
    assert vision.match_detections(detections, truths, iou_threshold=1.0).tolist() == [
        0, -1, -1, -1]


def test_paste_scene_keeps_the_gap_and_the_images():
    images = _digits()[:6]
    scene, boxes = vision.paste_scene(images, (64, 128), gap=4, rng=3)
    for image, (t, l, b, r) in zip(images, boxes):
        np.testing.assert_array_equal(scene[t:b, l:r], image)
    grown = boxes + np.array([-2, -2, 2, 2])     # 2 pixels each way: still apart
    iou = vision.box_iou(grown, grown)
    assert np.all(iou[~np.eye(6, dtype=bool)] == 0)
    again, _ = vision.paste_scene(images, (64, 128), gap=4, rng=3)
    np.testing.assert_array_equal(scene, again)


def test_background_crops_stay_off_the_objects():
    images = _digits()[:4]
    scene, boxes = vision.paste_scene(images, (48, 96), gap=2, rng=0)
    crops = vision.background_crops(scene, boxes, 16, 200, max_iou=0.3, rng=1)
    patches, windows = vision.sliding_windows(scene, 16)
    # every crop is one of the allowed windows
    allowed = patches[vision.box_iou(windows, boxes).max(axis=1) <= 0.3]
    flat = allowed.reshape(len(allowed), -1)
    for crop in crops:
        assert np.any(np.all(flat == crop.ravel(), axis=1))


@pytest.mark.parametrize("call, message", [
    (lambda: vision.hog(np.zeros((4, 4)), pixels_per_cell=4, cells_per_block=2),
     "image must have at least 8 x 8 pixels"),
    (lambda: vision.hog(np.zeros((2, 2, 2, 2))), "image must be an image of shape"),
    (lambda: vision.hog(np.zeros((16, 16)), method="L3"), "method must be one of"),
    (lambda: vision.hog(np.zeros((16, 16)), pixels_per_cell=(2, 2, 2)),
     "pixels_per_cell must be an integer or a pair"),
    (lambda: vision.cell_histograms(np.zeros((3, 3)), pixels_per_cell=4), "holds no cell"),
    (lambda: vision.cell_histograms(np.zeros((8, 8)), voting="bilinear"),
     "voting must be one of"),
    (lambda: vision.normalize_blocks(np.zeros((2, 2, 9)), 3), "hold no block"),
    (lambda: vision.box_iou([[0, 0, 2]], [[0, 0, 2, 2]]), "boxes_a must have shape (m, 4)"),
    (lambda: vision.box_iou([[2, 0, 0, 2]], [[0, 0, 2, 2]]), "bottom > top"),
    (lambda: vision.non_max_suppression([[0, 0, 2, 2]], [0.5, 0.2]),
     "boxes and scores must have the same number of rows"),
    (lambda: vision.non_max_suppression([[0, 0, 2, 2]], [0.5], iou_threshold=1.5),
     "iou_threshold"),
    (lambda: vision.sliding_windows(np.zeros((4, 4)), 5), "window (5, 5) must fit"),
    (lambda: vision.paste_scene(np.ones((3, 8, 8)), (8, 8)), "has no room for 3 images"),
    (lambda: vision.paste_scene(np.ones((8, 8)), (20, 20)), "images must be a stack"),
    (lambda: vision.background_crops(np.ones((8, 8)), [[0, 0, 8, 8]], 8, 5, max_iou=0.5),
     "scene has no window"),
])
def test_bad_input(call, message):
    with pytest.raises((ValueError, TypeError), match=None) as info:
        call()
    assert message in str(info.value)

