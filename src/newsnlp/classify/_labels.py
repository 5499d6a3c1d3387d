"""From class probabilities to labels: best label, ``unknown_label`` below a threshold, or
every label above ``multi_label_threshold``. Shared by the estimator and the compiled model."""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["LabelRules", "labels_from_proba"]


def labels_from_proba(
    proba: np.ndarray,
    classes: np.ndarray,
    *,
    threshold: float | None,
    unknown_label: Any,
    multi_label: bool,
    multi_label_threshold: float,
) -> list[Any]:
    """One label per row (a list of labels per row with ``multi_label``)."""
    out: list[Any] = []
    for row in proba:
        order = np.argsort(-row, kind="stable")
        best = order[0]
        if threshold is not None and row[best] < threshold:
            out.append([unknown_label] if multi_label else unknown_label)
            continue
        if not multi_label:
            out.append(classes[best])
            continue
        chosen = [classes[i] for i in order if row[i] >= multi_label_threshold]
        out.append(chosen or [classes[best]])
    return out


class LabelRules:
    """Turns probabilities into labels with the model's own ``threshold``, ``unknown_label``,
    ``multi_label`` and ``multi_label_threshold`` attributes."""

    classes_: np.ndarray
    threshold: float | None
    unknown_label: Any
    multi_label: bool
    multi_label_threshold: float

    def _labels_from_proba(self, proba: np.ndarray) -> list[Any]:
        return labels_from_proba(
            proba,
            self.classes_,
            threshold=self.threshold,
            unknown_label=self.unknown_label,
            multi_label=self.multi_label,
            multi_label_threshold=self.multi_label_threshold,
        )
