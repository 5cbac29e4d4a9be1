"""The funding split of a site (资金来源 by source) and the plugin's check that it adds up to 总投资.

Beneath the store like the rest of ``rules/``: the schema declares the five amount fields from
:data:`FUNDING_SOURCES`, :mod:`.site_rules` states the rules, forms, triggers and the validator come from there.
"""

from __future__ import annotations

from typing import Optional, Sequence, Tuple

#: Sources in the order a 规划附表 lists them: (field, Chinese, English); amounts in 万元.
FUNDING_SOURCES: Tuple[Tuple[str, str, str], ...] = (
    ("fund_central", "中央", "Central"), ("fund_provincial", "省级", "Provincial"), ("fund_city", "市级", "City"),
    ("fund_district", "区级", "District"), ("fund_social", "社会资本", "Private"),
)
FUNDING_FIELDS: Tuple[str, ...] = tuple(name for name, _, _ in FUNDING_SOURCES)
#: How far the sum may be from 总投资 (万元): amounts are typed to the 0.01 万元 the forms show.
FUNDING_TOLERANCE = 0.01


def split_sum_if_off(amounts: Sequence[Optional[float]], total: Optional[float]) -> Optional[float]:
    """The sum of the given amounts when it misses ``total`` by more than the tolerance; None when it fits or
    there is nothing to compare (no total, or no amount given: an empty source counts as 0 once any is given)."""
    if total is None or all(a is None for a in amounts):
        return None
    given = sum(a for a in amounts if a is not None)
    # rounded first: 1000 - 999.99 is 0.010000000000047748 in binary floating point
    return None if round(abs(given - total), 6) <= FUNDING_TOLERANCE else given


def split_form_expression() -> str:
    """:func:`split_sum_if_off` as a QGIS expression, true when the site passes."""
    amounts = [f'"{name}"' for name in FUNDING_FIELDS]
    none_given = " AND ".join(f"{a} IS NULL" for a in amounts)
    given = " + ".join(f"coalesce({a}, 0)" for a in amounts)
    return (f'"investment" IS NULL OR ({none_given}) OR '
            f'round(abs(({given}) - "investment"), 6) <= {FUNDING_TOLERANCE}')
