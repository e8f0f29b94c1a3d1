"""The warehouse's views: the contract views (v_documents, v_facts, v_flags, v_references;
../shared/spec/contract.md, contract columns first, more follow), the relations between facts
(v_fact_links), the clerk's corrections and reviews (v_fact_corrections, v_flag_reviews,
v_corrections) and the history of removed documents (v_documents_all). Removed documents are
in none of the others. The comparison views keyed by unit are made by warehouse.compare.
"""

# Which correction is in force for which fact: the latest one of the fact's document (same
# content, or same row after the file changed) whose key matches. Two figures of one sentence
# under one metric (`219/257 đơn`) are told apart by the number as written (raw); a
# correction whose raw no longer appears applies only when its key is unambiguous.
REVIEW_VIEWS = [
    """CREATE OR REPLACE VIEW v_fact_corrections AS
       WITH pairs AS (
         SELECT f.fact_id, f.doc_id, c.correction_id, c.value_corrected, c.note, c.reviewer,
                c.changed_at, coalesce(f.raw, '') = coalesce(c.raw, '') AS same_raw,
                count(*) OVER (PARTITION BY c.correction_id, f.doc_id) AS candidates,
                bool_or(coalesce(f.raw, '') = coalesce(c.raw, ''))
                  OVER (PARTITION BY c.correction_id, f.doc_id) AS any_same_raw
         FROM facts f JOIN documents d USING (doc_id)
         JOIN corrections c ON c.metric = f.metric AND c.evidence = coalesce(f.evidence, '')
           AND (c.sha256 = d.sha256 OR c.doc_id = f.doc_id)
           AND c.scope IS NOT DISTINCT FROM f.scope
           AND c.period IS NOT DISTINCT FROM coalesce(f.period, d.period))
       SELECT fact_id, doc_id, correction_id, value_corrected, note, reviewer, changed_at,
              row_number() OVER (PARTITION BY fact_id ORDER BY correction_id DESC) = 1
                AS in_force
       FROM pairs WHERE same_raw OR (NOT any_same_raw AND candidates = 1)""",
    """CREATE OR REPLACE VIEW v_flag_reviews AS
       SELECT g.flag_id, g.doc_id, r.review_id, r.status, r.note, r.reviewer, r.changed_at,
              row_number() OVER (PARTITION BY g.flag_id ORDER BY r.review_id DESC) = 1
                AS in_force
       FROM flags g JOIN documents d USING (doc_id)
       JOIN flag_reviews r ON r.rule = g.rule AND r.evidence = coalesce(g.evidence, '')
         AND r.metric IS NOT DISTINCT FROM g.metric
         AND (r.sha256 = d.sha256 OR r.doc_id = g.doc_id)""",
]

# The audit: every correction and review, who made it, when, from which value or status, and
# where it stands now (in_force, superseded by a later one, stale: no figure or flag matches).
AUDIT_VIEW = """CREATE OR REPLACE VIEW v_corrections AS
  WITH cf AS (SELECT correction_id, bool_or(in_force) AS in_force
              FROM v_fact_corrections GROUP BY ALL),
       rf AS (SELECT review_id, bool_or(in_force) AS in_force FROM v_flag_reviews GROUP BY ALL)
  SELECT 'value' AS kind, c.changed_at, c.reviewer, coalesce(d.file_name, c.file_name) AS file_name,
         c.metric, c.scope, c.period, CAST(NULL AS VARCHAR) AS rule, c.evidence,
         c.value_extracted, c.value_before, c.value_corrected,
         CAST(NULL AS VARCHAR) AS status_before, CAST(NULL AS VARCHAR) AS status, c.note,
         CASE WHEN cf.in_force THEN 'in_force' WHEN cf.in_force IS NOT NULL THEN 'superseded'
              ELSE 'stale' END AS state,
         c.sha256, c.doc_id, c.source_file, c.correction_id AS id
  FROM corrections c LEFT JOIN cf USING (correction_id) LEFT JOIN documents d USING (doc_id)
  UNION ALL
  SELECT 'flag', r.changed_at, r.reviewer, coalesce(d.file_name, r.file_name), r.metric, NULL,
         NULL, r.rule, r.evidence, NULL, NULL, NULL, r.status_before, r.status, r.note,
         CASE WHEN rf.in_force THEN 'in_force' WHEN rf.in_force IS NOT NULL THEN 'superseded'
              ELSE 'stale' END,
         r.sha256, r.doc_id, r.source_file, r.review_id
  FROM flag_reviews r LEFT JOIN rf USING (review_id) LEFT JOIN documents d USING (doc_id)"""


VIEWS = [
    """CREATE OR REPLACE VIEW v_documents AS
       SELECT d.file_name, d.status, d.error, d.doc_type, d.issuer, d.province, d.period,
              d.doc_number, d.doc_date, d.rel_path, d.source_dir, d.title, d.pages, d.file_type,
              d.sha256, d.warnings, d.loaded_at, d.doc_id, d.issuer_parent, d.place, u.unit_id,
              coalesce(c.primary_doc_id, d.doc_id) AS primary_doc_id
       FROM documents d LEFT JOIN doc_units u USING (doc_id)
       LEFT JOIN doc_copies c USING (doc_id) WHERE d.status <> 'removed'""",
    *REVIEW_VIEWS,
    """CREATE OR REPLACE VIEW v_facts AS
       SELECT d.file_name, f.metric,
              CASE WHEN c.value_corrected IS NOT NULL THEN c.value_corrected ELSE f.value END
                AS value,
              f.unit, f.qualifier, f.scope, coalesce(f.period, d.period) AS period, f.evidence,
              f.page, f.value AS value_extracted, c.value_corrected IS NOT NULL AS corrected,
              c.note AS correction_note, c.reviewer AS corrected_by, c.changed_at AS corrected_at,
              f.raw, f.source, f.grp, f.decimals, f.block_index, f.start_offset, f.end_offset,
              f.row_index, f.col_index, d.issuer, d.rel_path, f.doc_id, f.fact_id,
              u.unit_id, coalesce(cp.primary_doc_id, f.doc_id) AS primary_doc_id,
              coalesce(p.rel_path, d.rel_path) AS primary_rel_path
       FROM facts f JOIN documents d USING (doc_id) LEFT JOIN doc_units u USING (doc_id)
       LEFT JOIN doc_copies cp USING (doc_id)
       LEFT JOIN documents p ON p.doc_id = cp.primary_doc_id
       LEFT JOIN v_fact_corrections c ON c.fact_id = f.fact_id AND c.in_force
       WHERE d.status <> 'removed'""",
    """CREATE OR REPLACE VIEW v_flags AS
       SELECT d.file_name, g.rule, g.severity, g.metric, g.message, g.evidence, g.page, g.scope,
              coalesce(r.status, 'unreviewed') AS review_status, r.note AS review_note,
              r.reviewer AS reviewed_by, r.changed_at AS reviewed_at,
              d.rel_path, g.doc_id, g.flag_id,
              u.unit_id, coalesce(cp.primary_doc_id, g.doc_id) AS primary_doc_id,
              coalesce(p.rel_path, d.rel_path) AS primary_rel_path
       FROM flags g JOIN documents d USING (doc_id) LEFT JOIN doc_units u USING (doc_id)
       LEFT JOIN doc_copies cp USING (doc_id)
       LEFT JOIN documents p ON p.doc_id = cp.primary_doc_id
       LEFT JOIN v_flag_reviews r ON r.flag_id = g.flag_id AND r.in_force
       WHERE d.status <> 'removed'""",
    """CREATE OR REPLACE VIEW v_references AS
       SELECT d.file_name, r.kind, r.number, r.issuer_code, r.date_text, r.date, r.date_valid,
              r.is_basis, r.evidence, r.page, d.rel_path, r.doc_id, r.ref_id
       FROM doc_references r JOIN documents d USING (doc_id) WHERE d.status <> 'removed'""",
    # Every document ever seen, removed ones included (the history v_documents leaves out).
    """CREATE OR REPLACE VIEW v_documents_all AS
       SELECT file_name, status, error, doc_type, issuer, province, period, doc_number, doc_date,
              rel_path, source_dir, title, pages, file_type, sha256, warnings, loaded_at, doc_id,
              removed_at, removed_by
       FROM documents""",
    AUDIT_VIEW,
    # A fact, how it relates to another fact of its document, the other fact.
    """CREATE OR REPLACE VIEW v_fact_links AS
       SELECT d.file_name, d.rel_path, l.doc_id, f.fact_id, f.metric, f.value, f.scope,
              l.relation, l.role, l.complete, o.fact_id AS other_fact_id,
              o.metric AS other_metric, o.value AS other_value, o.scope AS other_scope
       FROM fact_links l JOIN documents d USING (doc_id)
       JOIN facts f ON f.doc_id = l.doc_id AND f.fact_no = l.fact_no
       JOIN facts o ON o.doc_id = l.doc_id AND o.fact_no = l.other_no
       WHERE d.status <> 'removed'""",
]
