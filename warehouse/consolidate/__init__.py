"""The consolidated appendix of one period: what a provincial clerk compiles by hand.

    consolidate(con, period, out_dir, unit_id=None, province=None) -> paths written

writes tong_hop_<period>.xlsx (one sheet per national form), tong_hop_<period>.docx (the same
tables as an official appendix, from catalog/templates/tong_hop_phu_luc.docx) and
tong_hop_<period>.html (the review page's section on its own; warehouse/consolidate/page.py).

    review_section(con, period, unit_id=None, province=None) -> str

is that section for the review page (warehouse/exports.py) to place as it is.
"""

from warehouse.consolidate.run import (
    ConsolidationError,
    consolidate,
    review_section,
    stating_unit,
)

__all__ = ["ConsolidationError", "consolidate", "review_section", "stating_unit"]
