"""Tests of mlcheatsheet.optimization.schedules: hand-worked values, shapes, monotonicity, use with optimizers."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlcheatsheet.optimization import schedules as sch
from mlcheatsheet.optimization.optimizers import SGD
from mlcheatsheet.optimization.schedules import SCHEDULES

SETTINGS = settings(max_examples=60, deadline=None, database=None)

# One instance per schedule, with hand-worked values at t = 0, 1, 2, 5, 10.
HAND = {
    # 0.1 * 0.5 ** (t // 2)
    "step": (sch.StepDecay(0.1, step_size=2, gamma=0.5), [0.1, 0.1, 0.05, 0.025, 0.003125]),
    # 2 * exp(-t ln 2 / 5): halves every 5 steps
    "exponential": (sch.ExponentialDecay(2.0, rate=math.log(2) / 5),
                    [2.0, 2 * 2 ** -0.2, 2 * 2 ** -0.4, 1.0, 0.5]),
    # 1 / (1 + t / 4)
    "inverse_time": (sch.InverseTimeDecay(1.0, rate=0.25), [1.0, 0.8, 2 / 3, 4 / 9, 2 / 7]),
    # 0.1 + 0.45 (1 + cos(pi t / 10)): cos(pi/10) = 0.951057, cos(pi/5) = 0.809017, cos(pi/2) = 0
    "cosine": (sch.CosineDecay(1.0, n_steps=10, lr_min=0.1),
               [1.0, 0.1 + 0.45 * 1.9510565162951535, 0.1 + 0.45 * 1.8090169943749475, 0.55, 0.1]),
    # ramp (t + 1) / 4 * 0.8 for t < 4, then the exponential decay with half-life 2 from t = 4
    "warmup": (sch.LinearWarmup(sch.ExponentialDecay(0.8, rate=math.log(2) / 2), n_warmup=4),
               [0.2, 0.4, 0.6, 0.8 * 2 ** -0.5, 0.8 * 2 ** -3]),
}
DECREASING = {"step", "exponential", "inverse_time", "cosine"}


def test_every_schedule_is_registered_and_covered():
    public = {getattr(sch, n) for n in sch.__all__ if n != "SCHEDULES"}
    assert public == set(SCHEDULES.values())
    assert set(HAND) == set(SCHEDULES)
    for name, (instance, _) in HAND.items():
        assert type(instance) is SCHEDULES[name]
    assert DECREASING < set(SCHEDULES)


@pytest.mark.parametrize("name", sorted(HAND))
def test_hand_worked_values(name):
    schedule, expected = HAND[name]
    steps = [0, 1, 2, 5, 10]
    assert [schedule(t) for t in steps] == pytest.approx(expected, rel=1e-14)
    np.testing.assert_allclose(schedule(np.array(steps)), expected, rtol=1e-14)
    assert all(type(schedule(t)) is float for t in steps)


@pytest.mark.parametrize("name", sorted(DECREASING))
@SETTINGS
@given(a=st.integers(0, 10_000), b=st.integers(0, 10_000))
def test_decays_never_increase_and_start_at_lr0(name, a, b):
    schedule = HAND[name][0]
    assert schedule(0) == schedule.lr0
    lo, hi = min(a, b), max(a, b)
    assert 0 <= schedule(hi) <= schedule(lo) <= schedule.lr0


@SETTINGS
@given(t=st.integers(0, 10_000), n_steps=st.integers(1, 500))
def test_cosine_stays_at_its_floor_after_n_steps(t, n_steps):
    schedule = sch.CosineDecay(0.3, n_steps=n_steps, lr_min=0.01)
    if t >= n_steps:
        assert schedule(t) == pytest.approx(0.01, abs=1e-17)
    # symmetric about the middle: lr(t) - lr_min = lr0 - lr(T - t)
    if t <= n_steps:
        assert schedule(t) - 0.01 == pytest.approx(0.3 - schedule(n_steps - t), abs=1e-15)


@SETTINGS
@given(n_warmup=st.integers(1, 50), lr=st.floats(1e-4, 10.0))
def test_warmup_rises_linearly_to_its_target(n_warmup, lr):
    schedule = sch.LinearWarmup(lr, n_warmup=n_warmup)
    ramp = schedule(np.arange(n_warmup + 3))
    np.testing.assert_allclose(np.diff(ramp[:n_warmup]), lr / n_warmup, rtol=1e-9)
    np.testing.assert_allclose(ramp[n_warmup - 1:], lr, rtol=1e-15)


def test_step_decay_is_piecewise_constant():
    values = sch.StepDecay(1.0, step_size=30, gamma=0.1)(np.arange(90))
    assert len(set(values.tolist())) == 3
    assert values[29] == 1.0 and values[30] == pytest.approx(0.1) and values[60] == pytest.approx(0.01)


def test_inverse_time_satisfies_the_robbins_monro_conditions():
    # sum of lr diverges (like log t), sum of lr^2 converges (to a finite limit)
    schedule, t = sch.InverseTimeDecay(1.0, rate=1.0), np.arange(1_000_000)
    lr = schedule(t)
    assert lr.sum() > 13.0  # harmonic sum up to 10^6 = ln(10^6) + 0.577 = 14.39
    assert (lr**2).sum() == pytest.approx(np.pi**2 / 6, rel=1e-5)


@pytest.mark.parametrize("name", sorted(HAND))
def test_an_optimizer_follows_the_schedule(name):
    schedule = HAND[name][0]
    sgd, w = SGD(lr=schedule), np.array([0.0])
    for t in range(12):
        w_new = sgd.step(w, np.array([1.0]))
        assert float((w - w_new)[0]) == pytest.approx(schedule(t), rel=1e-12)
        w = w_new


@pytest.mark.parametrize(("make", "error", "match"), [
    (lambda: sch.StepDecay(0.0, step_size=1), ValueError, "lr0 must be a finite number > 0"),
    (lambda: sch.StepDecay(0.1, step_size=0), ValueError, "step_size must be >= 1"),
    (lambda: sch.StepDecay(0.1, step_size=1, gamma=1.5), ValueError, r"gamma must be a number in \(0, 1\]"),
    (lambda: sch.ExponentialDecay(0.1, rate=-1.0), ValueError, "rate must be a finite number > 0"),
    (lambda: sch.InverseTimeDecay("0.1", rate=1.0), TypeError, "lr0 must be a real number"),
    (lambda: sch.CosineDecay(0.1, n_steps=10, lr_min=0.2), ValueError, r"lr_min must be a number in \[0, 0.1\]"),
    (lambda: sch.CosineDecay(0.1, n_steps=2.0), TypeError, "n_steps must be an integer"),
    (lambda: sch.LinearWarmup(-1.0, n_warmup=3), ValueError, "after must be a finite number > 0"),
    (lambda: sch.LinearWarmup(0.1, n_warmup=0), ValueError, "n_warmup must be >= 1"),
])
def test_bad_arguments(make, error, match):
    with pytest.raises(error, match=match):
        make()


@pytest.mark.parametrize("name", sorted(HAND))
@pytest.mark.parametrize(("t", "error", "match"), [
    (-1, ValueError, "t must be a step count >= 0"),
    (1.5, TypeError, "t must be an integer step count"),
    (np.array([0.0, 1.0]), TypeError, "t must be an integer step count"),
    (np.array([3, -2]), ValueError, "t must contain step counts >= 0"),
])
def test_bad_steps(name, t, error, match):
    with pytest.raises(error, match=match):
        HAND[name][0](t)


def test_schedules_are_immutable_and_print_their_settings():
    schedule = sch.CosineDecay(0.1, n_steps=100)
    assert repr(schedule) == "CosineDecay(lr0=0.1, n_steps=100, lr_min=0.0)"
    with pytest.raises(AttributeError):
        schedule.lr0 = 1.0


def test_schedules_compare_and_hash_by_their_settings():
    assert sch.StepDecay(0.1, step_size=2) == sch.StepDecay(0.1, step_size=2, gamma=0.1)
    assert sch.StepDecay(0.1, step_size=2) != sch.StepDecay(0.1, step_size=3)
    assert sch.ExponentialDecay(1.0, rate=0.5) != sch.InverseTimeDecay(1.0, rate=0.5)
    assert len({sch.CosineDecay(0.1, n_steps=10), sch.CosineDecay(0.1, n_steps=10)}) == 1
    with pytest.raises(AttributeError, match="immutable"):
        del sch.StepDecay(0.1, step_size=2).gamma


@pytest.mark.parametrize(("after", "error", "match"), [
    (lambda t: float("nan"), ValueError, "schedule must return a finite number >= 0; after=.*nan"),
    (lambda t: "0.1", TypeError, "schedule must return a finite number >= 0; after=.*'0.1'"),
    ("0.1", TypeError, "after must be a number > 0 or a schedule"),
])
def test_a_warmup_tries_the_schedule_it_hands_over_to(after, error, match):
    with pytest.raises(error, match=match):
        sch.LinearWarmup(after, n_warmup=3)


@pytest.mark.parametrize("name", sorted(HAND))
def test_the_largest_step_count_is_fine_and_beyond_it_is_refused(name):
    schedule = HAND[name][0]
    assert 0.0 <= schedule(2**63 - 1) <= schedule(0)
    with pytest.raises(ValueError, match="t must be a step count <= 9223372036854775807"):
        schedule(2**63)
    with pytest.raises(TypeError, match="t must be an integer step count"):
        schedule(True)


def test_exponential_decays_total_learning_rate_is_the_finite_sum_eta0_over_one_minus_e_minus_k():
    """The page's warning: sum_t eta0 e^{-kt} = eta0 / (1 - e^{-k}), so training can stop short."""
    import sympy as sp

    t, k, n, a = sp.symbols("t k n a", positive=True)
    r = 1 / (1 + a)                                     # any ratio in (0, 1), here e^{-k}
    partial = sp.summation(r**t, (t, 0, n - 1))         # the first n steps, per unit eta0
    assert sp.simplify(partial - (1 - r**n) / (1 - r)) == 0
    assert sp.simplify(sp.limit(partial, n, sp.oo) - 1 / (1 - r)) == 0
    assert sp.simplify(sp.limit((1 - sp.exp(-k * n)) / (1 - sp.exp(-k)), n, sp.oo)
                       - 1 / (1 - sp.exp(-k))) == 0
    schedule = sch.ExponentialDecay(0.1, rate=0.015)
    assert float(np.sum(schedule(np.arange(20_000)))) == pytest.approx(0.1 / (1 - np.exp(-0.015)),
                                                                         rel=1e-10)
