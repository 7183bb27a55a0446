"""Name analysis: script detection, normalisation, structure and cross-script
comparison of person names (Arabic and Latin script), and document-number
normalisation.

The entry point is :func:`analyze`; :func:`part_similarity` compares two parts and says
why, :func:`term_weight` says how much agreement on a part is worth, :func:`romanize`
writes an Arabic-script name in Latin letters. How it works: ``docs/names.md``.
"""

from tabadul.names.analysis import (
    NameAnalysis,
    NamePart,
    analyze,
    compare_parts,
    compare_parts_from,
    part_similarity,
    romanize,
    sound_similarity,
    surface_similarity,
    term_weight,
)
from tabadul.names.documents import normalize_document_number
from tabadul.names.normalize import fold, tokens
from tabadul.names.script import detect_script

__all__ = [
    "NameAnalysis",
    "NamePart",
    "analyze",
    "compare_parts",
    "compare_parts_from",
    "detect_script",
    "fold",
    "normalize_document_number",
    "part_similarity",
    "romanize",
    "sound_similarity",
    "surface_similarity",
    "term_weight",
    "tokens",
]
