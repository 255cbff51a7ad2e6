"""Calibrating the emotion model's probabilities, and choosing the check-in's confidence gate.

Temperature scaling (Guo et al., 2017): the logits of every view (the face and its mirror) are
divided by one temperature T before the softmax, T chosen to minimise the negative
log-likelihood of the majority-vote labels on FER2013Valid. It changes no prediction, only how
sure the model says it is. The expected calibration error (ECE, 15 equal-width bins of the top
probability) is reported before and after, and also cross-fitted: T fitted on one half of the
faces and the ECE measured on the other, so the figure is not only the fit's own.

The coverage table says, for each confidence threshold, which share of faces the gate keeps and
how often the kept ones are right: what the check-in's gate is chosen from.
"""

from __future__ import annotations

import math

import numpy as np

ECE_BINS = 15
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)


def probabilities(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """Probabilities (N, K) from logits (V, N, K) of V views: the mean of each view's softmax."""
    z = logits / temperature
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return (e / e.sum(axis=-1, keepdims=True)).mean(axis=0)


def _nll(logits: np.ndarray, labels: np.ndarray, temperature: float) -> float:
    p = probabilities(logits, temperature)[np.arange(len(labels)), labels]
    return float(-np.log(np.maximum(p, 1e-12)).mean())


def fit_temperature(logits: np.ndarray, labels: np.ndarray, low: float = 0.25, high: float = 5.0) -> float:
    """The temperature in [low, high] that minimises the labels' negative log-likelihood.

    Golden-section search on log T (the likelihood is unimodal in T for one scalar).
    """
    a, b = math.log(low), math.log(high)
    ratio = (math.sqrt(5) - 1) / 2
    c, d = b - ratio * (b - a), a + ratio * (b - a)
    fc, fd = _nll(logits, labels, math.exp(c)), _nll(logits, labels, math.exp(d))
    for _ in range(60):
        if fc < fd:
            b, d, fd = d, c, fc
            c = b - ratio * (b - a)
            fc = _nll(logits, labels, math.exp(c))
        else:
            a, c, fc = c, d, fd
            d = a + ratio * (b - a)
            fd = _nll(logits, labels, math.exp(d))
    return math.exp((a + b) / 2)


def expected_calibration_error(probs: np.ndarray, labels: np.ndarray, bins: int = ECE_BINS) -> float:
    """Mean |accuracy - confidence| over equal-width bins of the top probability, weighted by count."""
    confidence = probs.max(axis=1)
    correct = probs.argmax(axis=1) == labels
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1], right=True), 0, bins - 1)
    total = 0.0
    for b in range(bins):
        member = which == b
        if member.any():
            total += member.sum() * abs(correct[member].mean() - confidence[member].mean())
    return float(total / max(1, len(labels)))


def cross_fitted_ece(logits: np.ndarray, labels: np.ndarray) -> float:
    """ECE with T fitted on one half of the faces (alternate ones) and measured on the other, averaged."""
    halves = [np.arange(len(labels)) % 2 == k for k in (0, 1)]
    errors = []
    for fit, test in (halves, halves[::-1]):
        t = fit_temperature(logits[:, fit], labels[fit])
        errors.append(expected_calibration_error(probabilities(logits[:, test], t), labels[test]))
    return float(np.mean(errors))


def coverage_table(
    probs: np.ndarray, labels: np.ndarray, thresholds: tuple[float, ...] = THRESHOLDS
) -> list[dict[str, float]]:
    """For each threshold: the share of faces whose top probability reaches it, and their accuracy."""
    confidence = probs.max(axis=1)
    correct = probs.argmax(axis=1) == labels
    rows = []
    for t in thresholds:
        kept = confidence >= t
        rows.append(
            {
                "threshold": t,
                "coverage": float(kept.mean()),
                "accuracy": float(correct[kept].mean()) if kept.any() else 0.0,
            }
        )
    return rows


def calibrate(logits: np.ndarray, labels: np.ndarray) -> dict[str, object]:
    """Fit the temperature and report what it does: the record kept in ``metrics.json``."""
    t = fit_temperature(logits, labels)
    before, after = probabilities(logits), probabilities(logits, t)
    return {
        "temperature": t,
        "ece_bins": ECE_BINS,
        "ece_before": expected_calibration_error(before, labels),
        "ece_after": expected_calibration_error(after, labels),
        "ece_cross_fitted": cross_fitted_ece(logits, labels),
        "coverage": coverage_table(after, labels),
    }
