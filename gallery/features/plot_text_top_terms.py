r"""
Raw counts and tf-idf on the description of the wine data
=========================================================

The descriptions that come with five of scikit-learn's data sets (iris, wine,
breast cancer, diabetes, digits) as five documents. For the wine description,
the ten words with the highest raw count (left) and the ten with the highest
tf-idf, sublinear tf and idf learned on the five descriptions (right). The
counts are led by "of", "and", "the", which every description uses; the
tf-idf ranks the words only the wine description uses — the wine itself and
what was measured in it — first. Grey bars on the left mark words that occur
in all five descriptions, and so get the smallest idf weight.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_breast_cancer, load_diabetes, load_digits, load_iris, load_wine

from mlcheatsheet.features import text as tx

descriptions = [load().DESCR for load in
                (load_iris, load_wine, load_breast_cancer, load_diabetes, load_digits)]
words = tx.build_vocabulary(descriptions)
counts = tx.count_matrix(descriptions, words)
X = tx.tf_idf(counts, tx.idf(counts), sublinear_tf=True)
everywhere = np.all(counts > 0, axis=0)

fig, axes = plt.subplots(1, 2, figsize=(10, 4.6), layout="constrained")
for ax, values, title in [(axes[0], counts[1], "raw count"), (axes[1], X[1], "tf-idf")]:
    best = np.argsort(-values, kind="stable")[:10][::-1]
    colours = ["0.6" if everywhere[j] else "tab:red" for j in best]
    ax.barh([words[j] for j in best], values[best], color=colours)
    ax.set(title=f"wine description: highest {title}", xlabel=title)
plt.show()
