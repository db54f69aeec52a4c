"""Autoencoders: the closed-form Gaussian KL against a direct integral and a Monte-Carlo
estimate with scipy.stats, its gradient and the VAE's negative ELBO gradient (every parameter,
the noise held fixed) against finite differences, a hand-worked ELBO, the linear autoencoder
against scikit-learn's PCA (reconstruction error and principal angles), training, bad input."""

import numpy as np
import pytest
from _gradcheck import numerical_gradient
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, optimize, stats
from scipy.linalg import subspace_angles
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

from mlcheatsheet.deep_learning import autoencoder as ae
from mlcheatsheet.optimization.optimizers import Adam


def _rel(a, b):
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-12))


@pytest.fixture(scope="module")
def standardized_digits():
    X, _ = load_digits(return_X_y=True)
    return StandardScaler().fit_transform(X)


# --- the Gaussian KL ---------------------------------------------------------------------


@pytest.mark.parametrize("mu, log_var", [(0.0, 0.0), (1.5, 0.0), (-0.7, np.log(0.2)),
                                         (2.0, np.log(3.0))])
def test_kl_equals_the_integral_of_q_log_q_over_p(mu, log_var):
    q = stats.norm(mu, np.exp(0.5 * log_var))
    integral, _ = integrate.quad(lambda z: q.pdf(z) * (q.logpdf(z) - stats.norm.logpdf(z)),
                                 -np.inf, np.inf)
    got = ae.gaussian_kl(np.array([[mu]]), np.array([[log_var]]))[0]
    assert got == pytest.approx(integral, rel=1e-8, abs=1e-10)


def test_kl_matches_a_monte_carlo_estimate_in_several_dimensions():
    g = np.random.default_rng(0)
    mu, log_var = np.array([[0.5, -1.0, 2.0]]), np.array([[0.3, -1.2, 0.8]])
    sigma = np.exp(0.5 * log_var)
    z = mu + sigma * g.standard_normal((200_000, 3))
    log_ratio = (stats.norm.logpdf(z, mu, sigma) - stats.norm.logpdf(z)).sum(axis=1)
    estimate, se = log_ratio.mean(), log_ratio.std() / np.sqrt(len(z))
    assert abs(ae.gaussian_kl(mu, log_var)[0] - estimate) < 4 * se


def test_kl_golden_value():
    # mu = (1, 0), sigma^2 = (1, e): 1/2 (1 + 0) + 1/2 (e - 1 - 1) = (e - 1) / 2
    got = ae.gaussian_kl(np.array([[1.0, 0.0]]), np.array([[0.0, 1.0]]))[0]
    assert got == pytest.approx((np.e - 1) / 2, rel=1e-14)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 4), st.integers(1, 5))
def test_kl_is_nonnegative_and_zero_only_at_the_prior(seed, n, k):
    g = np.random.default_rng(seed)
    mu, log_var = g.normal(size=(n, k)), g.normal(size=(n, k))
    kl = ae.gaussian_kl(mu, log_var)
    assert kl.shape == (n,) and np.all(kl > 0)
    assert np.all(ae.gaussian_kl(np.zeros((n, k)), np.zeros((n, k))) == 0)


def test_kl_gradient_against_finite_differences():
    g = np.random.default_rng(1)
    mu, log_var = g.normal(size=(4, 3)), g.normal(size=(4, 3))
    dmu, dlv = ae.gaussian_kl_grad(mu, log_var)
    num_mu = numerical_gradient(lambda m: ae.gaussian_kl(m, log_var).sum(), mu)
    num_lv = numerical_gradient(lambda v: ae.gaussian_kl(mu, v).sum(), log_var)
    assert _rel(dmu, num_mu) < 1e-8 and _rel(dlv, num_lv) < 1e-8


def test_reparameterized_draws_have_the_mean_and_variance_of_q():
    g = np.random.default_rng(2)
    mu, log_var = np.array([[1.0, -2.0]]), np.log(np.array([[0.25, 4.0]]))
    eps = g.standard_normal((100_000, 2))
    z = ae.reparameterize(np.repeat(mu, len(eps), 0), np.repeat(log_var, len(eps), 0), eps)
    np.testing.assert_allclose(z.mean(axis=0), mu[0], atol=0.02)
    np.testing.assert_allclose(z.var(axis=0), np.exp(log_var[0]), rtol=0.02)


# --- the VAE's ELBO and its gradient -----------------------------------------------------


@pytest.mark.parametrize("hidden, beta", [((), 1.0), ((4,), 1.0), ((5, 3), 0.3), ((4,), 0.0)])
def test_negative_elbo_gradient_against_finite_differences(hidden, beta):
    g = np.random.default_rng(3)
    vae = ae.VAE(5, 2, hidden=hidden, activation="tanh", rng=4)
    for w in vae.params.values():  # nonzero biases too
        w[...] = g.normal(scale=0.5, size=w.shape)
    X, eps = g.random((6, 5)), g.standard_normal((6, 2))
    vae.loss_and_grads(X, eps, beta=beta)
    analytic = {k: v.copy() for k, v in vae.grads.items()}
    assert sorted(analytic) == sorted(vae.params)
    for name, w in vae.params.items():  # the layers' own arrays
        def loss(value, w=w):
            saved = w.copy()
            w[...] = value
            try:
                return -vae.elbo(X, eps, beta=beta)[0]
            finally:
                w[...] = saved
        assert _rel(analytic[name], numerical_gradient(loss, w)) < 1e-7, name


def test_elbo_worked_by_hand():
    # D = 1, k = 1, no hidden layer: mu = a x + b, log_var = c x + d, logit = w z + v.
    vae = ae.VAE(1, 1, hidden=(), rng=0)
    vae.params = {"encoder.0.W": np.array([[1.0, 0.0]]), "encoder.0.b": np.array([0.0, 0.0]),
                  "decoder.0.W": np.array([[2.0]]), "decoder.0.b": np.array([0.0])}
    x, eps = 0.5, 1.0
    mu, var = x, 1.0  # log_var = 0
    z = mu + eps  # 1.5, logit 3
    log_px = x * 3.0 - np.log1p(np.exp(3.0))
    kl = 0.5 * (mu**2 + var - 0.0 - 1.0)
    elbo, rec, got_kl = vae.elbo(np.array([[x]]), np.array([[eps]]))
    assert z == 1.5
    assert rec == pytest.approx(log_px, rel=1e-14) and got_kl == pytest.approx(kl, rel=1e-14)
    assert elbo == pytest.approx(log_px - kl, rel=1e-14)


def test_bernoulli_term_against_scipy_for_binary_pixels():
    g = np.random.default_rng(5)
    vae = ae.VAE(6, 2, hidden=(3,), rng=6)
    X, eps = (g.random((4, 6)) < 0.5).astype(float), g.standard_normal((4, 2))
    _, _, logits, log_px, _ = vae._terms(X, eps, False)
    p = 1.0 / (1.0 + np.exp(-logits))
    np.testing.assert_allclose(log_px, stats.bernoulli.logpmf(X, p).sum(axis=1), rtol=1e-12)


def test_vae_training_raises_the_elbo_and_is_reproducible():
    X, _ = load_digits(return_X_y=True)
    X = X[:300] / 16
    runs = []
    for _ in range(2):
        vae = ae.VAE(64, 2, hidden=(16,), rng=0)
        runs.append(vae.fit(X, Adam(lr=1e-2), n_epochs=15, batch_size=100, rng=1, X_val=X[:50]))
    h = runs[0]
    assert h.elbo == runs[1].elbo and h.val_elbo == runs[1].val_elbo
    assert len(h.elbo) == len(h.val_elbo) == 15 and h.elbo[-1] > h.elbo[0] + 5
    np.testing.assert_allclose(h.elbo, np.array(h.reconstruction) - np.array(h.kl))
    samples = vae.sample(7, rng=2)
    assert samples.shape == (7, 64) and np.all((samples > 0) & (samples < 1))
    mu, log_var = vae.encode(X[:5])
    np.testing.assert_allclose(vae.reconstruct(X[:5]), vae.decode(mu))


def test_vae_params_setter_writes_into_the_layers():
    vae = ae.VAE(3, 1, hidden=(2,), rng=0)
    new = {k: np.full_like(v, 0.25) for k, v in vae.params.items()}
    vae.params = new
    assert all(np.all(layer.params["W"] == 0.25) for layer in vae.encoder.layers[::2])
    assert all(np.all(v == 0.25) for v in vae.decoder.params.values())


# --- the linear autoencoder is PCA -------------------------------------------------------


def _flat(params):
    return np.concatenate([v.ravel() for v in params.values()])


def _unflat(theta, like):
    out, i = {}, 0
    for k, v in like.items():
        out[k] = theta[i:i + v.size].reshape(v.shape)
        i += v.size
    return out


@pytest.mark.parametrize("k", [2, 5])
def test_linear_autoencoder_trained_by_lbfgs_reaches_pca(standardized_digits, k):
    X = standardized_digits
    model = ae.Autoencoder(64, k, rng=0)  # no hidden layer: linear
    net, like = model.net, model.net.params

    def loss_and_grad(theta):
        net.params = _unflat(theta, like)
        loss = net.loss_and_grads(X, X)
        return loss, _flat(net.grads)

    result = optimize.minimize(loss_and_grad, _flat(like), jac=True, method="L-BFGS-B",
                               options={"maxiter": 5000, "gtol": 1e-10, "ftol": 1e-15})
    net.params = _unflat(result.x, like)
    pca = PCA(k).fit(X)
    pca_error = np.mean(np.sum((pca.inverse_transform(pca.transform(X)) - X) ** 2, axis=1))
    assert model.reconstruction_error(X) == pytest.approx(pca_error, rel=1e-7)
    decoder_rows = model.decoder.layers[0].params["W"]  # (k, 64)
    encoder_cols = model.encoder.layers[0].params["W"]  # (64, k)
    assert np.max(subspace_angles(decoder_rows.T, pca.components_.T)) < 1e-4
    # The encoder is pinned down only where the data vary: a pixel that is 0 in every image
    # (standardized: constant) gets no gradient, so its weights keep their initial values.
    varies = X.std(axis=0) > 0
    assert not varies.all()
    angles = subspace_angles(encoder_cols[varies], pca.components_.T[varies])
    assert np.max(angles) < 1e-4


def test_linear_autoencoder_trained_by_adam_as_on_the_page(standardized_digits):
    # The page's setting: k = 2, full batch, 200 Adam steps of lr 0.01 from rng 0.
    X = standardized_digits
    model = ae.Autoencoder(64, 2, rng=0)
    model.fit(X, Adam(lr=0.01), n_epochs=200, batch_size=len(X))
    pca = PCA(2).fit(X)
    pca_error = np.mean(np.sum((pca.inverse_transform(pca.transform(X)) - X) ** 2, axis=1))
    assert model.reconstruction_error(X) == pytest.approx(pca_error, rel=1e-3)
    angles = subspace_angles(model.decoder.layers[0].params["W"].T, pca.components_.T)
    assert np.degrees(angles.max()) < 1.0


def test_autoencoder_shares_its_layers_and_training_lowers_the_error():
    X, _ = load_digits(return_X_y=True)
    X = X[:200] / 16
    model = ae.Autoencoder(64, 3, hidden=(8,), activation="relu", rng=0)
    assert model.net.layers == model.encoder.layers + model.decoder.layers
    before = model.reconstruction_error(X)
    history = model.fit(X, Adam(lr=1e-2), n_epochs=20, batch_size=50, rng=0)
    after = model.reconstruction_error(X)
    assert after < 0.5 * before
    assert 2 * history.train_loss[-1] == pytest.approx(after, rel=1e-12)
    np.testing.assert_allclose(model.decode(model.encode(X)), model.reconstruct(X))


# --- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize("cls", [ae.Autoencoder, ae.VAE])
def test_bad_construction(cls):
    with pytest.raises(ValueError, match="n_latent"):
        cls(64, 0)
    with pytest.raises(ValueError, match="n_latent"):
        cls(64, -2)
    with pytest.raises(TypeError, match="hidden"):
        cls(64, 2, hidden=8)
    with pytest.raises(ValueError, match=r"hidden\[1\]"):
        cls(64, 2, hidden=(8, 0))
    with pytest.raises(ValueError, match="activation"):
        cls(64, 2, activation="softmax")


def test_bad_data():
    model, vae = ae.Autoencoder(4, 2, rng=0), ae.VAE(4, 2, rng=0)
    X = np.full((3, 4), 0.5)
    bad = X.copy()
    bad[1, 2] = np.nan
    for method in (model.encode, model.reconstruct, vae.encode):
        with pytest.raises(ValueError, match="X"):
            method(bad)
        with pytest.raises(ValueError, match="X must have 4 columns"):
            method(np.ones((3, 5)))
    with pytest.raises(ValueError, match="Z must have 2 columns"):
        model.decode(np.ones((3, 3)))
    with pytest.raises(ValueError, match="eps must have shape"):
        vae.elbo(X, np.zeros((2, 2)))
    with pytest.raises(ValueError, match=r"X must hold values in \[0, 1\]"):
        vae.loss_and_grads(X * 3, np.zeros((3, 2)))
    with pytest.raises(ValueError, match="X_val must have the 4 columns"):
        vae.fit(X, Adam(), X_val=np.ones((2, 3)))
    with pytest.raises(ValueError, match="beta"):
        vae.elbo(X, np.zeros((3, 2)), beta=-1.0)
    with pytest.raises(ValueError, match="log_var must have the shape of mu"):
        ae.gaussian_kl(np.zeros((2, 3)), np.zeros((2, 2)))
    with pytest.raises(ValueError, match="eps must have the shape of mu"):
        ae.reparameterize(np.zeros((2, 3)), np.zeros((2, 3)), np.zeros((3, 3)))
