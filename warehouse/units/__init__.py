"""The unit register (who reported) and the resolution of each document's issuer to a unit.

refresh_units(con, user_csv)     rebuild `units`, `unit_successions`, `doc_units`
register_changed(con, user_csv)  whether the catalog, the user's CSV or the code changed
"""

from warehouse.units.refresh import UnitsReport, refresh_units, register_changed

__all__ = ["UnitsReport", "refresh_units", "register_changed"]
