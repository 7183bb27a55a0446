"""tabadul: open exchange of police and judicial information between members of a region."""

from tabadul import _native

__all__ = ["__version__"]

__version__ = "0.1.0"

# Before any other module: the scorer's hot modules run compiled where the setup built
# them from these very sources (tabadul._native).
_native.activate()
