"""Matching a screening query against person records: the features compared, how they
combine into a calibrated score, and the in-memory candidate index.

The cross-script screening issue builds this package; each comparison explains itself
so that every result can say why it matched.
"""

from tabadul.matching.features import Feature

__all__ = ["Feature"]
