"""The consolidated appendix of one period: what a provincial clerk compiles by hand.

    consolidate(con, period, out_dir, unit_id=None, province=None) -> paths written

writes tong_hop_<period>.xlsx (one sheet per national form), tong_hop_<period>.docx (the same
tables as an official appendix, from catalog/templates/tong_hop_phu_luc.docx) and
tong_hop_<period>.html (the review page's section on its own; warehouse/consolidate/page.py).
"""

from warehouse.consolidate.run import ConsolidationError, consolidate, stating_unit

__all__ = ["ConsolidationError", "consolidate", "stating_unit"]
