"""Writing tabadul records out: FollowTheMoney JSON lines.

The export service chooses what a viewer may export; these functions write it.
"""

from tabadul.export.ftm import record_to_ftm, write_ftm

__all__ = ["record_to_ftm", "write_ftm"]
