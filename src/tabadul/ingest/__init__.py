"""Reading import files (FollowTheMoney JSON lines, CSV) into tabadul records.

Pure functions over bytes: the import service resolves references, owns the
transaction and decides what to do with errors.
"""

from tabadul.ingest.csv_format import read_csv
from tabadul.ingest.errors import LineError, ParsedRecord
from tabadul.ingest.ftm import read_ftm

__all__ = ["LineError", "ParsedRecord", "read_csv", "read_ftm"]
