"""Comparison views keyed by unit: the consolidated tables clerks used to build by hand.

Built on the contract views `v_documents` and `v_facts` (their unit_id and primary_doc_id
columns), the unit register (`units`, `unit_successions`, warehouse/units) and the label
table made here:
  - `metric_labels`: Vietnamese label, unit, family and kind of every metric id;
  - `v_unit_facts`: one value per unit, period and metric: the primary copy's, from the
    unit's latest document stating it (the figure every view below counts once);
  - `v_units`: the register with what each unit reported;
  - `v_compare`: one row per unit and period, one column per main metric;
  - `v_change`: each metric of each unit against the same kind of period a year earlier,
    following the 2025 merger (a merged province's counts join its successor's previous year);
  - `v_rollup`: a unit's stated count against the sum of the units directly below it;
  - `v_missing`: units that sent no report for a period in which their siblings did.
Documents that are not `ok` (failed, removed) count nowhere.
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

PERIOD_START = """
CREATE OR REPLACE MACRO period_start(p) AS CASE
  WHEN NOT regexp_matches(coalesce(p, ''), '^[0-9]{4}') THEN NULL
  ELSE make_date(CAST(substr(p, 1, 4) AS INTEGER),
    CASE WHEN p LIKE '%-H2' OR p LIKE '%-Q3' THEN 7 WHEN p LIKE '%-Q2' THEN 4
         WHEN p LIKE '%-Q4' THEN 10
         WHEN regexp_matches(p, '-M[0-9]+$')
              THEN CAST(regexp_extract(p, '-M([0-9]+)$', 1) AS INTEGER)
         ELSE 1 END, 1) END
"""

UNIT_FACTS = """
CREATE OR REPLACE VIEW v_unit_facts AS
WITH f AS (
  SELECT d.unit_id, f.period, f.metric, f.value, f.doc_id,
         row_number() OVER (
           PARTITION BY d.unit_id, f.period, f.metric
           ORDER BY d.doc_date DESC NULLS LAST, f.doc_id DESC, f.value DESC) AS rank
  FROM v_facts f JOIN v_documents d ON d.doc_id = f.doc_id
  WHERE d.status = 'ok' AND d.unit_id IS NOT NULL AND d.doc_id = d.primary_doc_id
    AND f.scope IS NULL AND f.value IS NOT NULL AND f.period IS NOT NULL)
SELECT unit_id, period, metric, value, doc_id FROM f WHERE rank = 1
"""

UNITS = """
CREATE OR REPLACE VIEW v_units AS
SELECT u.unit_id, u.name, u.kind, u.level, u.parent_id, p.name AS parent_name, u.province,
       u.names, u.successor_id, u.ended, u.origin, u.note,
       count(d.doc_id) AS documents,
       count(d.doc_id) FILTER (WHERE d.doc_id = d.primary_doc_id) AS reports,
       list(DISTINCT d.period ORDER BY d.period) FILTER (WHERE d.period IS NOT NULL) AS periods,
       max(d.doc_date) AS last_doc_date,
       list(d.doc_id ORDER BY d.doc_id) FILTER (WHERE d.doc_id IS NOT NULL) AS doc_ids
FROM units u LEFT JOIN units p ON p.unit_id = u.parent_id
LEFT JOIN v_documents d ON d.unit_id = u.unit_id AND d.status = 'ok'
GROUP BY u.unit_id, u.name, u.kind, u.level, u.parent_id, p.name, u.province, u.names,
         u.successor_id, u.ended, u.origin, u.note
"""

CHANGE = """
CREATE OR REPLACE VIEW v_change AS
WITH s AS (
  SELECT *, CAST(substr(period, 1, 4) AS INTEGER) AS year, substr(period, 5) AS span
  FROM v_unit_facts WHERE regexp_matches(period, '^[0-9]{4}')),
lineage AS (
  SELECT unit_id AS member, unit_id AS heir, NULL::DATE AS ended FROM units
  UNION ALL SELECT unit_id, successor_id, ended FROM unit_successions),
prev AS (
  SELECT a.unit_id, a.metric, a.period, b.period AS previous_period,
         CASE WHEN any_value(l.kind) = 'count' OR count(*) = 1 THEN sum(b.value) END
           AS previous_value,
         list(b.unit_id ORDER BY b.unit_id) AS previous_units
  FROM s a
  JOIN lineage g ON g.heir = a.unit_id AND (g.ended IS NULL OR g.ended <= period_start(a.period))
  JOIN s b ON b.unit_id = g.member AND b.metric = a.metric AND b.span = a.span
              AND b.year = a.year - 1
  LEFT JOIN metric_labels l ON l.metric = a.metric
  GROUP BY a.unit_id, a.metric, a.period, b.period)
SELECT a.unit_id, u.name AS unit_name, u.level, u.province, a.metric, l.label_vi, a.period,
       a.value, p.previous_period, p.previous_value, a.value - p.previous_value AS change,
       CASE WHEN p.previous_value <> 0
            THEN round((a.value - p.previous_value) / p.previous_value * 100, 2) END AS change_pct,
       p.previous_units
FROM s a JOIN prev p USING (unit_id, metric, period) JOIN units u USING (unit_id)
LEFT JOIN metric_labels l ON l.metric = a.metric
WHERE p.previous_value IS NOT NULL
"""

ROLLUP = """
CREATE OR REPLACE VIEW v_rollup AS
SELECT p.unit_id, p.name AS unit_name, p.level, p.province, c.period, c.metric, l.label_vi,
       count(*) AS units, sum(c.value) AS units_total, s.value AS stated,
       s.value - sum(c.value) AS difference,
       string_agg(cu.name, '; ' ORDER BY cu.name) AS summed_units,
       list(c.unit_id ORDER BY cu.name) AS summed_unit_ids, s.doc_id AS stated_doc_id
FROM v_unit_facts c JOIN units cu ON cu.unit_id = c.unit_id
JOIN units p ON p.unit_id = cu.parent_id
JOIN metric_labels l ON l.metric = c.metric AND l.kind = 'count'
LEFT JOIN v_unit_facts s ON s.unit_id = p.unit_id AND s.period = c.period AND s.metric = c.metric
WHERE cu.level = CASE p.level WHEN 'province' THEN 'district' WHEN 'district' THEN 'commune' END
GROUP BY p.unit_id, p.name, p.level, p.province, c.period, c.metric, l.label_vi, s.value, s.doc_id
"""

MISSING = """
CREATE OR REPLACE VIEW v_missing AS
WITH r AS (
  SELECT DISTINCT d.unit_id, d.period FROM v_documents d
  WHERE d.status = 'ok' AND d.unit_id IS NOT NULL AND d.period IS NOT NULL
    AND coalesce(d.doc_type, 'other') NOT IN ('ke_hoach', 'quyet_dinh')),
sib AS (
  SELECT u.parent_id, u.kind, r.period, count(*) AS siblings_reported,
         string_agg(u.name, '; ' ORDER BY u.name) AS reported_units
  FROM r JOIN units u USING (unit_id)
  WHERE u.parent_id IS NOT NULL AND u.chased
  GROUP BY u.parent_id, u.kind, r.period),
last AS (SELECT unit_id, max(period) AS period FROM r GROUP BY unit_id)
SELECT m.unit_id, m.name AS unit_name, m.kind, m.level, m.province, s.period,
       s.parent_id, p.name AS parent_name, s.siblings_reported, s.reported_units,
       last.period AS last_reported_period
FROM sib s JOIN units m ON m.parent_id = s.parent_id AND m.kind = s.kind
LEFT JOIN units p ON p.unit_id = s.parent_id
LEFT JOIN r ON r.unit_id = m.unit_id AND r.period = s.period
LEFT JOIN last ON last.unit_id = m.unit_id
WHERE r.unit_id IS NULL AND (m.ended IS NULL OR m.ended > period_start(s.period))
"""


def create_compare_views(con) -> None:
    """(Re)create the label table and the views keyed by unit."""
    labels = catalog.metric_labels().values()
    con.execute(
        "CREATE OR REPLACE TABLE metric_labels (metric VARCHAR PRIMARY KEY, family VARCHAR,"
        " unit VARCHAR, kind VARCHAR, label_vi VARCHAR)"
    )
    rows = [(m.metric, m.family, m.unit, m.kind, m.label_vi) for m in labels]
    if rows:  # one statement: executemany costs a round trip a row
        con.execute(
            "INSERT INTO metric_labels VALUES " + ", ".join(["(?, ?, ?, ?, ?)"] * len(rows)),
            [value for row in rows for value in row],
        )
    columns = ",\n  ".join(
        f"max(CASE WHEN v.metric = '{m}' THEN v.value END) AS \"{m}\"" for m in MAIN_METRICS
    )
    compare = f"""
CREATE OR REPLACE VIEW v_compare AS
SELECT v.unit_id, u.name AS unit_name, u.level, u.province, v.period,
  {columns},
  list(DISTINCT v.doc_id ORDER BY v.doc_id) AS doc_ids
FROM v_unit_facts v JOIN units u USING (unit_id)
GROUP BY v.unit_id, u.name, u.level, u.province, v.period
"""
    for sql in (PERIOD_START, UNIT_FACTS, UNITS, compare, CHANGE, ROLLUP, MISSING):
        con.execute(sql)
