r"""Computer vision: histogram-of-oriented-gradients features and sliding-window detection.

A histogram of oriented gradients (HOG, Dalal and Triggs 2005) describes an image
patch by where its edges point:

1. :func:`image_gradients`: the centred differences of the intensities along rows
   and columns;
2. :func:`cell_histograms`: every pixel votes with its gradient magnitude for the
   bin of its *unsigned* orientation :math:`\theta = \operatorname{atan2}(g_r, g_c)
   \bmod 180^\circ`, summed (and averaged) over small square cells;
3. :func:`normalize_blocks`: overlapping blocks of cells are normalized together
   (L2-Hys: L2-normalize, clip at 0.2, L2-normalize again), which makes the
   descriptor insensitive to contrast;
4. :func:`hog`: the blocks, flattened into one feature vector per image.

The defaults and the arithmetic are those of ``skimage.feature.hog`` (which the
tests use as their oracle); the functions take one image ``(H, W)`` or a stack of
images ``(n, H, W)`` and are vectorized over the stack.

For detection, :func:`sliding_windows` cuts every window of a scene,
:func:`non_max_suppression` keeps the best of overlapping detections by their
:func:`box_iou`, and :func:`match_detections` counts which detections find a true
object. :func:`paste_scene` and :func:`background_crops` make a synthetic scene
with known boxes, and negatives to train a detector on. Boxes are
``(top, left, bottom, right)`` in pixels, bottom and right exclusive.
"""

import numpy as np

from .._validation import array, interval, matrix, options, positive, rng, shape, size, validate

__all__ = ["image_gradients", "cell_histograms", "normalize_blocks", "hog",
           "sliding_windows", "box_iou", "non_max_suppression", "match_detections",
           "paste_scene", "background_crops"]


def _images(value, name):
    """Spec: one grey image (H, W) or a stack of them (n, H, W), as a float array."""
    out = array()(value, name)
    if out.ndim not in (2, 3):
        raise ValueError(f"{name} must be an image of shape (H, W) or a stack of images "
                         f"(n, H, W); got an array of shape {out.shape}")
    return out


_images.kind = "array"


def _pair(value, name):
    """Spec: a pair of positive integers (rows, columns); one integer means a square."""
    dims = shape(value, name)
    if len(dims) == 1:
        dims = dims * 2
    if len(dims) != 2:
        raise ValueError(f"{name} must be an integer or a pair (rows, columns); got {value!r}")
    return dims


_pair.kind = "shape"


def _boxes(value, name):
    """Spec: boxes as an array of shape (m, 4), rows (top, left, bottom, right), non-empty."""
    out = array(ndim=2, allow_empty=True)(value, name)
    if out.shape[1:] != (4,):
        raise ValueError(f"{name} must have shape (m, 4), rows (top, left, bottom, right); "
                         f"got {out.shape}")
    if np.any(out[:, 2] <= out[:, 0]) or np.any(out[:, 3] <= out[:, 1]):
        raise ValueError(f"{name} must have bottom > top and right > left in every row; "
                         f"got a box that is empty or inside out")
    return out


_boxes.kind = "array"


def _cells_fit(args):
    """Relation: the image holds at least one cell."""
    (cr, cc), (h, w) = args["pixels_per_cell"], args["image"].shape[-2:]
    if h < cr or w < cc:
        raise ValueError(f"image of {h} x {w} pixels holds no cell of pixels_per_cell = "
                         f"{(cr, cc)}")


def _blocks_fit(args):
    """Relation: the grid of cells holds at least one block."""
    hist, (br, bc) = args["histograms"], args["cells_per_block"]
    if hist.ndim not in (3, 4):
        raise ValueError(f"histograms must have shape (n_cells_row, n_cells_col, "
                         f"orientations), or a stack of those; got {hist.shape}")
    if hist.shape[-3] < br or hist.shape[-2] < bc:
        raise ValueError(f"histograms of {hist.shape[-3]} x {hist.shape[-2]} cells hold no "
                         f"block of cells_per_block = {(br, bc)}")


def _hog_fits(args):
    """Relation: the image holds at least one block of cells."""
    _cells_fit(args)
    (cr, cc), (br, bc) = args["pixels_per_cell"], args["cells_per_block"]
    h, w = args["image"].shape[-2:]
    if h < cr * br or w < cc * bc:
        raise ValueError(f"image must have at least {cr * br} x {cc * bc} pixels for "
                         f"cells_per_block = {(br, bc)} of pixels_per_cell = {(cr, cc)}; "
                         f"got {h} x {w}")


def _window_fits(args):
    """Relation: the window fits in the image."""
    (wh, ww), (h, w) = args["window"], args["image"].shape
    if wh > h or ww > w:
        raise ValueError(f"window {(wh, ww)} must fit in the image of shape {(h, w)}")


def _scores_match(args):
    """Relation: one score per box."""
    if len(args["scores"]) != len(args["boxes"]):
        raise ValueError(f"boxes and scores must have the same number of rows; got "
                         f"{len(args['boxes'])} and {len(args['scores'])}")


def _scene_fits(args):
    """Relation: the objects are smaller than the scene."""
    (h, w), (ih, iw) = args["shape"], args["images"].shape[-2:]
    if args["images"].ndim != 3:
        raise ValueError(f"images must be a stack of shape (n, H, W); got {args['images'].shape}")
    if ih > h or iw > w:
        raise ValueError(f"images of {ih} x {iw} pixels must fit in the scene shape {(h, w)}")


_VOTING = options("simple", "linear")
_NORM = options("L2-Hys", "L2", "L1", "L1-sqrt")
_CELL_ARGS = dict(image=_images, orientations=size(), pixels_per_cell=_pair, voting=_VOTING)
_BLOCK_ARGS = dict(cells_per_block=_pair, method=_NORM)
_NMS_ARGS = dict(boxes=_boxes, scores=array(ndim=1, allow_empty=True),
                 iou_threshold=interval(0, 1, closed="both"))


@validate(image=_images)
def image_gradients(image):
    r"""Centred differences along rows and columns, zero on the border.

    .. math:: g_r[i, j] = I[i + 1, j] - I[i - 1, j], \qquad
              g_c[i, j] = I[i, j + 1] - I[i, j - 1]

    (not halved: the scale cancels in the block normalization).

    Parameters
    ----------
    image : array of shape (H, W) or (n, H, W)

    Returns
    -------
    g_row, g_col : arrays of the shape of ``image``

    Examples
    --------
    >>> g_row, g_col = image_gradients([[0, 0, 0], [0, 1, 2], [0, 2, 4]])
    >>> g_row.tolist()[1], g_col.tolist()[1]
    ([0.0, 2.0, 4.0], [0.0, 2.0, 0.0])
    """
    g_row, g_col = np.zeros_like(image), np.zeros_like(image)
    g_row[..., 1:-1, :] = image[..., 2:, :] - image[..., :-2, :]
    g_col[..., :, 1:-1] = image[..., :, 2:] - image[..., :, :-2]
    return g_row, g_col


@validate(_=_cells_fit, **_CELL_ARGS)
def cell_histograms(image, orientations=9, pixels_per_cell=(8, 8), voting="simple"):
    r"""Orientation histograms of the gradient, one per cell, each pixel voting with its magnitude.

    The unsigned orientation :math:`\theta \in [0, 180)` degrees falls in bin
    :math:`\lfloor \theta / (180 / B) \rfloor` of :math:`B` = ``orientations``
    (``voting="simple"``, skimage's), or is shared linearly between the two bins
    whose centres are on either side of it (``"linear"``, Dalal and Triggs',
    wrapping around at :math:`180^\circ`). A histogram is the mean vote over the
    cell's pixels; rows and columns beyond the last whole cell are left out.

    Parameters
    ----------
    image : array of shape (H, W) or (n, H, W)
    orientations : int >= 1
    pixels_per_cell : int or (int, int)
    voting : {"simple", "linear"}

    Returns
    -------
    histograms : array of shape ([n,] H // rows, W // columns, orientations)

    Examples
    --------
    >>> ramp = np.tile(np.arange(4.0), (4, 1))       # brighter to the right: theta = 0
    >>> h = cell_histograms(ramp, orientations=4, pixels_per_cell=2)
    >>> h.shape, h[0, 0].tolist()                     # 2 of 4 pixels have g_c = 2
    ((2, 2, 4), [1.0, 0.0, 0.0, 0.0])
    """
    g_row, g_col = image_gradients(image)
    magnitude = np.hypot(g_row, g_col)
    position = (np.rad2deg(np.arctan2(g_row, g_col)) % 180) / (180 / orientations)
    bins = np.arange(orientations)
    if voting == "simple":
        votes = magnitude[..., None] * (np.floor(position)[..., None] == bins)
    else:
        lower = np.floor(position - 0.5)[..., None]         # the bin centre below theta
        frac = position[..., None] - 0.5 - lower
        below, above = lower % orientations == bins, (lower + 1) % orientations == bins
        votes = magnitude[..., None] * ((1 - frac) * below + frac * above)
    (cr, cc), (h, w) = pixels_per_cell, image.shape[-2:]
    votes = votes[..., :h // cr * cr, :w // cc * cc, :]
    cells = votes.reshape(*votes.shape[:-3], h // cr, cr, w // cc, cc, orientations)
    return cells.mean(axis=(-4, -2))


@validate(_=_blocks_fit, histograms=array(), eps=positive, **_BLOCK_ARGS)
def normalize_blocks(histograms, cells_per_block=(3, 3), method="L2-Hys", eps=1e-5):
    r"""Every block of neighbouring cells, normalized as one vector :math:`v`.

    .. math:: \text{L2: } \frac{v}{\sqrt{\lVert v\rVert_2^2 + \varepsilon^2}}, \quad
              \text{L2-Hys: L2, clip at } 0.2, \text{ L2 again}, \quad
              \text{L1: } \frac{v}{\lVert v\rVert_1 + \varepsilon}, \quad
              \text{L1-sqrt: } \sqrt{\text{L1}}

    Blocks overlap: they start at every cell that leaves room for a whole block,
    so most cells appear in several blocks, each time normalized differently.

    Parameters
    ----------
    histograms : array of shape ([n,] n_cells_row, n_cells_col, orientations)
    cells_per_block : int or (int, int)
    method : {"L2-Hys", "L2", "L1", "L1-sqrt"}
    eps : float > 0

    Returns
    -------
    blocks : array of shape ([n,] n_blocks_row, n_blocks_col, rows, columns, orientations)
        ``n_blocks_row = n_cells_row - rows + 1``, likewise for columns.

    Examples
    --------
    >>> hist = np.zeros((2, 3, 2)); hist[..., 0] = 3.0; hist[..., 1] = 4.0
    >>> blocks = normalize_blocks(hist, cells_per_block=(2, 2), method="L2")
    >>> blocks.shape, round(float(blocks[0, 0, 0, 0, 0]), 4)   # 3 / sqrt(4 * 25)
    ((1, 2, 2, 2, 2), 0.3)
    """
    br, bc = cells_per_block
    view = np.lib.stride_tricks.sliding_window_view(histograms, (br, bc), axis=(-3, -2))
    v = np.moveaxis(view, -3, -1)
    axes = (-3, -2, -1)
    if method in ("L1", "L1-sqrt"):
        out = v / (np.abs(v).sum(axis=axes, keepdims=True) + eps)
        return np.sqrt(out) if method == "L1-sqrt" else out
    out = v / np.sqrt(np.sum(v**2, axis=axes, keepdims=True) + eps**2)
    if method == "L2-Hys":
        out = np.minimum(out, 0.2)
        out = out / np.sqrt(np.sum(out**2, axis=axes, keepdims=True) + eps**2)
    return out


@validate(_=_hog_fits, **_CELL_ARGS, **_BLOCK_ARGS)
def hog(image, orientations=9, pixels_per_cell=(8, 8), cells_per_block=(3, 3),
        method="L2-Hys", voting="simple"):
    """The HOG feature vector of an image (or one row per image of a stack).

    Cell histograms (:func:`cell_histograms`), normalized in blocks
    (:func:`normalize_blocks`), flattened in the order of ``skimage.feature.hog``
    (block row, block column, cell row, cell column, orientation).

    Parameters
    ----------
    image : array of shape (H, W) or (n, H, W)
    orientations, pixels_per_cell, voting
        As in :func:`cell_histograms`.
    cells_per_block, method
        As in :func:`normalize_blocks`.

    Returns
    -------
    features : array of shape (n_features,) or (n, n_features)

    Examples
    --------
    >>> image = np.zeros((16, 16)); image[:, 8:] = 1.0       # one vertical edge
    >>> f = hog(image, orientations=4, pixels_per_cell=4, cells_per_block=2)
    >>> f.shape                              # 3 x 3 blocks of 2 x 2 cells of 4 bins
    (144,)
    >>> bins = f.reshape(-1, 4)                    # one row per cell of each block
    >>> bool(bins[:, 0].max() > 0), float(bins[:, 1:].max())   # only the 0-degree bin
    (True, 0.0)
    """
    hist = cell_histograms(image, orientations, pixels_per_cell, voting)
    blocks = normalize_blocks(hist, cells_per_block, method)
    return blocks.reshape(*image.shape[:-2], -1)


@validate(image=matrix, window=_pair, step=_pair, _=_window_fits)
def sliding_windows(image, window, step=1):
    """Every ``window``-sized patch of ``image``, ``step`` pixels apart, and its box.

    Parameters
    ----------
    image : array of shape (H, W)
    window : int or (int, int)
    step : int or (int, int)

    Returns
    -------
    patches : array of shape (m, rows, columns)
    boxes : array of shape (m, 4)
        ``(top, left, bottom, right)`` of each patch, row by row.

    Examples
    --------
    >>> patches, boxes = sliding_windows(np.arange(20.0).reshape(4, 5), 2, step=(2, 3))
    >>> patches.shape, boxes.tolist()
    ((4, 2, 2), [[0, 0, 2, 2], [0, 3, 2, 5], [2, 0, 4, 2], [2, 3, 4, 5]])
    """
    (wh, ww), (sh, sw) = window, step
    view = np.lib.stride_tricks.sliding_window_view(image, (wh, ww))[::sh, ::sw]
    rows, cols = np.arange(view.shape[0]) * sh, np.arange(view.shape[1]) * sw
    tops, lefts = np.meshgrid(rows, cols, indexing="ij")
    tops, lefts = tops.ravel(), lefts.ravel()
    boxes = np.column_stack([tops, lefts, tops + wh, lefts + ww])
    return view.reshape(-1, wh, ww).copy(), boxes


@validate(boxes_a=_boxes, boxes_b=_boxes)
def box_iou(boxes_a, boxes_b):
    r"""Intersection over union of every box of ``boxes_a`` with every box of ``boxes_b``.

    .. math:: \text{IoU}(A, B) = \frac{|A \cap B|}{|A| + |B| - |A \cap B|}

    Parameters
    ----------
    boxes_a : array of shape (m, 4)
    boxes_b : array of shape (k, 4)

    Returns
    -------
    iou : array of shape (m, k), in [0, 1]

    Examples
    --------
    >>> box_iou([[0, 0, 2, 2]], [[0, 0, 2, 2], [1, 1, 3, 3], [2, 2, 4, 4]]).tolist()
    [[1.0, 0.14285714285714285, 0.0]]
    """
    a, b = boxes_a[:, None, :], boxes_b[None, :, :]
    low, high = np.maximum(a[..., :2], b[..., :2]), np.minimum(a[..., 2:], b[..., 2:])
    inter = np.prod(np.clip(high - low, 0, None), axis=-1)
    area_a = np.prod(a[..., 2:] - a[..., :2], axis=-1)
    area_b = np.prod(b[..., 2:] - b[..., :2], axis=-1)
    return inter / (area_a + area_b - inter)


@validate(_=_scores_match, **_NMS_ARGS)
def non_max_suppression(boxes, scores, iou_threshold=0.3):
    """Greedy non-maximum suppression: keep the best box, drop those overlapping it, repeat.

    A box is dropped when its IoU with an already kept, better-scoring box exceeds
    ``iou_threshold``. Ties in score keep the earlier box.

    Parameters
    ----------
    boxes : array of shape (m, 4)
    scores : array of shape (m,)
    iou_threshold : float in [0, 1]

    Returns
    -------
    keep : array of int
        Indices of the kept boxes, best score first.

    Examples
    --------
    >>> boxes = [[0, 0, 4, 4], [0, 1, 4, 5], [10, 10, 14, 14]]
    >>> non_max_suppression(boxes, [0.9, 0.8, 0.7], iou_threshold=0.5).tolist()
    [0, 2]
    """
    order = np.argsort(-scores, kind="stable")
    iou = box_iou.__wrapped__(boxes, boxes) if len(boxes) else np.zeros((0, 0))
    suppressed = np.zeros(len(boxes), dtype=bool)
    keep = []
    for i in order:
        if not suppressed[i]:
            keep.append(i)
            suppressed |= iou[i] > iou_threshold
    return np.array(keep, dtype=int)


@validate(detections=_boxes, truths=_boxes, iou_threshold=interval(0, 1, closed="right"))
def match_detections(detections, truths, iou_threshold=0.5):
    """Which detections find a true box: greedy one-to-one matching in the given order.

    Each detection, in order (best score first), takes the still unmatched true
    box it overlaps most, if their IoU is at least ``iou_threshold`` (the PASCAL
    VOC rule); a true box found twice counts once, the second detection is a
    false positive.

    Parameters
    ----------
    detections : array of shape (m, 4)
        Best score first.
    truths : array of shape (k, 4)
    iou_threshold : float in (0, 1]

    Returns
    -------
    matched : array of int, shape (m,)
        The index of the true box each detection found, -1 for a false positive.
        Precision is ``mean(matched >= 0)``; recall is
        ``len(set(matched) - {-1}) / k``.

    Examples
    --------
    >>> match_detections([[0, 0, 4, 4], [0, 1, 4, 5], [20, 20, 24, 24]],
    ...                  [[0, 0, 4, 4], [10, 10, 14, 14]]).tolist()
    [0, -1, -1]
    """
    iou = box_iou.__wrapped__(detections, truths) if len(truths) and len(detections) else (
        np.zeros((len(detections), len(truths))))
    taken = np.zeros(len(truths), dtype=bool)
    matched = np.full(len(detections), -1)
    for d in range(len(detections)):
        candidates = np.where(taken, -1.0, iou[d])
        if candidates.size and candidates.max() >= iou_threshold:
            matched[d] = int(np.argmax(candidates))
            taken[matched[d]] = True
    return matched


@validate(images=array(), shape=_pair, gap=size(minimum=0), rng=rng, _=_scene_fits)
def paste_scene(images, shape, gap=2, rng=0):
    """A blank scene with the ``images`` pasted at random places, no two within ``gap`` pixels.

    Places are drawn uniformly and redrawn when they come too close to an
    earlier one (at most 1000 tries per image).

    Parameters
    ----------
    images : array of shape (n, h, w)
    shape : (int, int)
        The scene's rows and columns.
    gap : int >= 0
    rng : numpy Generator or int seed

    Returns
    -------
    scene : array of shape ``shape``
    boxes : array of int, shape (n, 4)
        Where each image went, ``(top, left, bottom, right)``.

    Examples
    --------
    >>> scene, boxes = paste_scene(np.ones((3, 4, 4)), (12, 30), rng=0)
    >>> float(scene.sum()), boxes.shape                     # 3 images of 16 ones
    (48.0, (3, 4))
    >>> bool(np.all(box_iou(boxes, boxes)[~np.eye(3, dtype=bool)] == 0))
    True
    """
    (H, W), (h, w) = shape, images.shape[1:]
    scene, boxes = np.zeros((H, W)), []
    for image in images:
        for _ in range(1000):
            top, left = int(rng.integers(H - h + 1)), int(rng.integers(W - w + 1))
            if all(top >= b + gap or top + h + gap <= t or left >= r + gap or left + w + gap <= L
                   for t, L, b, r in boxes):
                break
        else:
            raise ValueError(f"shape {(H, W)} has no room for {len(images)} images of {h} x {w} "
                             f"pixels at least gap = {gap} apart; use a larger scene")
        scene[top:top + h, left:left + w] = image
        boxes.append((top, left, top + h, left + w))
    return scene, np.array(boxes, dtype=int)


@validate(scene=matrix, boxes=_boxes, window=_pair, n=size(), max_iou=interval(0, 1, "both"),
          rng=rng)
def background_crops(scene, boxes, window, n, max_iou=0.3, rng=0):
    """``n`` random windows of ``scene`` that overlap no box by more than ``max_iou``.

    Negatives for training a detector: blank background, and windows that cut
    through an object (partly on it, but too far off to count as finding it).

    Parameters
    ----------
    scene : array of shape (H, W)
    boxes : array of shape (k, 4)
        The true objects.
    window : int or (int, int)
    n : int >= 1
    max_iou : float in [0, 1]
    rng : numpy Generator or int seed

    Returns
    -------
    crops : array of shape (n, rows, columns)

    Examples
    --------
    >>> scene = np.zeros((10, 10)); scene[:4, :4] = 1.0
    >>> crops = background_crops(scene, [[0, 0, 4, 4]], 4, 50, max_iou=0.0, rng=0)
    >>> crops.shape, float(crops.sum())            # never touching the object
    ((50, 4, 4), 0.0)
    """
    patches, windows = sliding_windows.__wrapped__(scene, window, (1, 1))
    allowed = np.flatnonzero(box_iou.__wrapped__(windows, boxes).max(axis=1, initial=0.0)
                             <= max_iou) if len(boxes) else np.arange(len(windows))
    if allowed.size == 0:
        raise ValueError(f"scene has no window of {window} overlapping the boxes by at most "
                         f"max_iou = {max_iou}")
    return patches[rng.choice(allowed, size=n)]
