r"""
Sliding-window digit detection at two thresholds
================================================

A detector made of :func:`mlcheatsheet.applications.vision.hog` features and the
binary logistic regression of :mod:`mlcheatsheet.classification.logistic_regression`,
trained on 1200 of scikit-learn's digits (enlarged to 16 x 16 pixels) against
windows of training scenes that overlap no digit by more than an IoU of 0.5.
Every window two pixels apart of a new scene of ten test digits is scored; the
windows above the threshold go through
:func:`mlcheatsheet.applications.vision.non_max_suppression`. Solid boxes found a
digit (IoU at least 0.5, :func:`mlcheatsheet.applications.vision.match_detections`),
dashed ones did not. The low threshold finds every digit and some shifted
copies; the high one is never wrong but misses digits.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits

from mlcheatsheet.applications import vision
from mlcheatsheet.classification import logistic_regression as lr

digits = load_digits()
images = np.kron(digits.images, np.ones((2, 2))) / 16
perm = np.random.default_rng(0).permutation(len(images))
train, test = images[perm[:1200]], images[perm[1200:]]
hp = dict(orientations=9, pixels_per_cell=4, cells_per_block=2)
scenes = [vision.paste_scene(train[6 * i:6 * i + 6], (64, 128), gap=4, rng=i) for i in range(20)]
negatives = np.concatenate([vision.background_crops(s, b, 16, 60, max_iou=0.5, rng=i)
                            for i, (s, b) in enumerate(scenes)])
X = lr.add_bias_column(vision.hog(np.concatenate([train, negatives]), **hp))
w, _ = lr.train(X, np.r_[np.ones(len(train)), np.zeros(len(negatives))], lr=1.0, n_iter=300)

scene, truth = vision.paste_scene(test[:10], (64, 128), gap=4, rng=7)
patches, boxes = vision.sliding_windows(scene, 16, step=2)
score = lr.predict_proba(lr.add_bias_column(vision.hog(patches, **hp)), w)
fig, axes = plt.subplots(2, 1, figsize=(8, 8.4), layout="constrained")
for ax, threshold in zip(axes, (0.3, 0.99)):
    above = score > threshold
    keep = vision.non_max_suppression(boxes[above], score[above], iou_threshold=0.3)
    found = boxes[above][keep]
    matched = vision.match_detections(found, truth) if len(found) else np.array([], int)
    ax.imshow(scene, cmap="gray_r")
    for (t, l, b, r), m in zip(found, matched):
        ax.add_patch(plt.Rectangle((l - 0.5, t - 0.5), r - l, b - t, fill=False, lw=1.5,
                                   ls="-" if m >= 0 else "--", color="C2" if m >= 0 else "C3"))
    n_found = len(set(matched.tolist()) - {-1})
    ax.set(xticks=[], yticks=[],
           title=f"threshold {threshold}: {n_found} of {len(truth)} digits found, "
                 f"{len(found) - n_found} false detections")
plt.show()
