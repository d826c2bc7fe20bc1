"""cooptool's extraction library.

Importing this package is cheap: spaCy is only imported by `cooptool.extract.pipeline`
and the component modules, so query code can use `records`, `store` and `query` freely.
"""

from cooptool.extract.records import RECORD_TYPES, SCHEMA_VERSION

__all__ = ["RECORD_TYPES", "SCHEMA_VERSION"]
