"""Name analysis. For now: script detection and document-number normalisation; the
screening issue grows this package into full cross-script name analysis."""

from tabadul.names.documents import normalize_document_number
from tabadul.names.script import detect_script

__all__ = ["detect_script", "normalize_document_number"]
