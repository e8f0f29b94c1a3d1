"""Comparison views over the contract views: the consolidated table clerks used to build by hand.

Built only on `v_documents` and `v_facts` (the fixed contract), so they hold whatever the
tables behind those views look like:
  - `metric_labels`: Vietnamese label, unit, family and kind of every metric id;
  - `v_compare`: one row per issuer and period, one column per main metric;
  - `v_change`: each metric of each issuer against the same kind of period a year earlier;
  - `v_rollup`: lower-level units' reports summed against the province's own stated total.
"""

from __future__ import annotations

import catalog

# The columns of the consolidated table, in the order clerks read them.
MAIN_METRICS = (
    "reception.visits",
    "reception.persons",
    "reception.delegations",
    "petitions.received",
    "petitions.in_jurisdiction",
    "petitions.resolved",
    "petitions.resolution_rate",
    "mediation.cases",
    "mediation.successful",
    "mediation.success_rate",
    "tthc.total",
    "tthc.online_services",
    "dossiers.received",
    "dossiers.on_time_rate",
    "satisfaction.rate",
)

# An issuer at province level states the province's own totals.
PROVINCE_LEVEL = r"(?i)(tỉnh|thành phố trực thuộc trung ương|^sở |^ban .*tỉnh ủy|^thanh tra tỉnh)"


def create_compare_views(con) -> None:
    """(Re)create the label table and the comparison views."""
    labels = catalog.metric_labels().values()
    con.execute(
        "CREATE OR REPLACE TABLE metric_labels (metric VARCHAR PRIMARY KEY, family VARCHAR, unit VARCHAR,"
        " kind VARCHAR, label_vi VARCHAR)"
    )
    con.executemany(
        "INSERT INTO metric_labels VALUES (?, ?, ?, ?, ?)",
        [(m.metric, m.family, m.unit, m.kind, m.label_vi) for m in labels],
    )
    columns = ",\n  ".join(
        f"max(CASE WHEN f.metric = '{m}' THEN f.value END) AS \"{m}\"" for m in MAIN_METRICS
    )
    con.execute(f"""
CREATE OR REPLACE VIEW v_compare AS
SELECT d.issuer, d.province, f.period,
  {columns}
FROM v_facts f JOIN v_documents d USING (file_name)
WHERE d.status = 'ok' AND f.scope IS NULL AND f.value IS NOT NULL
GROUP BY d.issuer, d.province, f.period
""")
    con.execute("""
CREATE OR REPLACE VIEW v_change AS
WITH s AS (
  SELECT d.issuer, f.metric, f.period, max(f.value) AS value
  FROM v_facts f JOIN v_documents d USING (file_name)
  WHERE d.status = 'ok' AND f.scope IS NULL AND f.value IS NOT NULL
    AND regexp_matches(f.period, '^[0-9]{4}')
  GROUP BY ALL),
p AS (SELECT *, CAST(substr(period, 1, 4) AS INTEGER) AS year, substr(period, 5) AS kind FROM s)
SELECT a.issuer, a.metric, l.label_vi, a.period, a.value, b.period AS previous_period,
       b.value AS previous_value, a.value - b.value AS change,
       CASE WHEN b.value <> 0 THEN round((a.value - b.value) / b.value * 100, 2) END AS change_pct
FROM p a
JOIN p b ON a.issuer = b.issuer AND a.metric = b.metric AND a.kind = b.kind AND b.year = a.year - 1
LEFT JOIN metric_labels l ON l.metric = a.metric
""")
    con.execute(f"""
CREATE OR REPLACE VIEW v_rollup AS
WITH f AS (
  SELECT d.province, d.issuer, f.period, f.metric, max(f.value) AS value,
         regexp_matches(coalesce(d.issuer, ''), '{PROVINCE_LEVEL}') AS province_level
  FROM v_facts f JOIN v_documents d USING (file_name)
  JOIN metric_labels l ON l.metric = f.metric AND l.kind = 'count'
  WHERE d.status = 'ok' AND f.scope IS NULL AND f.value IS NOT NULL AND d.province IS NOT NULL
  GROUP BY ALL)
SELECT u.province, u.period, u.metric, count(*) AS units, sum(u.value) AS units_total,
       max(p.value) AS province_stated, max(p.value) - sum(u.value) AS difference
FROM f u LEFT JOIN f p ON p.province = u.province AND p.period = u.period AND p.metric = u.metric
                       AND p.province_level
WHERE NOT u.province_level
GROUP BY u.province, u.period, u.metric
""")
