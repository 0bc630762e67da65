"""Former home of the table checks; they live in :mod:`clvkit._checks` with the argument checks.

Kept so that modules still importing from here keep working; import from ``clvkit._checks``.
"""

from ._checks import as_frame, describe_rows, missing_columns_message, validate_summary  # noqa: F401
