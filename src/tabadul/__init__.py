"""tabadul: open exchange of police and judicial information between members of a region."""

__all__ = ["__version__"]

__version__ = "0.1.0"
