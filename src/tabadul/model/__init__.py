"""The canonical record shapes that every interface reads and writes."""

from tabadul.model.records import *  # noqa: F403
from tabadul.model.records import __all__ as __all__
