r"""
Word vectors of this site, projected to a plane
===============================================

Skip-gram with negative sampling
(:func:`mlcheatsheet.deep_learning.embeddings.train_sgns`) trained for one seeded
epoch on the text of this site's chapter pages, read from the project's
``docs/`` folder (so the script runs in a checkout or the project's zip, not
from the wheel alone). The 32-dimensional vectors of a few chosen words and of
their nearest neighbours are projected onto their first two principal
components. Words the pages use in the same places land near each other; with a
corpus of tens of thousands of words, many neighbours are accidents.
"""

# %%
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from mlcheatsheet.deep_learning import embeddings as em

docs = Path(em.__file__).resolve().parents[2] / "docs"
pages = [p for p in sorted(docs.glob("*/*.md")) if p.parent.name not in ("reference", "resources")]
words = [w for p in pages for w in em.markdown_words(p.read_text(encoding="utf-8"))]
vocabulary, ids, counts = em.build_vocabulary(words, 1000)
centers, contexts = em.skipgram_pairs(ids, window=2)
W, losses = em.train_sgns(centers, contexts, counts, dim=32, n_epochs=1, batch_size=1024,
                          lr=0.02, rng=np.random.default_rng(0))

terms = ["gradient", "loss", "tree", "cluster"]
neighbours = em.nearest_words(W, vocabulary, terms, k=4)
shown = {t: [t] + [w for w, _ in neighbours[t]] for t in terms}

# %%
rows = [vocabulary.index(w) for group in shown.values() for w in group]
unit = W / np.linalg.norm(W, axis=1, keepdims=True)
Z = unit[rows] - unit[rows].mean(axis=0)
_, _, Vt = np.linalg.svd(Z, full_matrices=False)    # principal axes of the shown words
P = Z @ Vt[:2].T

fig, ax = plt.subplots(figsize=(7.5, 6), layout="constrained")
i = 0
for (term, group), marker in zip(shown.items(), "osD^"):
    points = P[i:i + len(group)]
    ax.scatter(*points.T, marker=marker, s=50, label=f"{term} and its neighbours")
    for j, ((x, y), word) in enumerate(zip(points, group)):
        ax.annotate(word, (x, y), xytext=(5, 4 if j % 2 else -13), textcoords="offset points",
                    fontweight="bold" if word == term else "normal")
    i += len(group)
ax.set_xlabel("first principal component")
ax.set_ylabel("second principal component")
ax.set_title("skip-gram word vectors of this site (cosine neighbours)")
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False)
plt.show()
