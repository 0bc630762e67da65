"""Former home of the labels and number formats; they live in :mod:`clvkit.i18n` now.

Kept so that code written against ``clvkit.widgets.labels`` keeps working.
"""

from ..i18n import (  # noqa: F401
    LANGS,
    check_lang,
    format_money,
    format_number,
    format_percent,
    label,
    per_unit_label,
    short_unit_label,
    unit_label,
)
