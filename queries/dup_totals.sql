-- The totals of duplication in one row: what string_dup, type_dup and
-- itab_dup list one by one.
-- Parameters: none.
-- Columns: strings_repeated, string_bytes_saved (string_dup's rows with
-- min_bytes 1: strings in more than one unit or binary, and what
-- interning saves), types_repeated (the non-basic types of v_type_dup, as
-- type_dup lists them), type_dup_bytes (their duplicate descriptors'
-- bytes), itabs_repeated (interface-type pairs with an itab in several
-- modules).
WITH occ(string_id, units, binaries) AS (
  SELECT string_id, count(*), 0 FROM unit_string GROUP BY string_id
  UNION ALL
  SELECT id, 0, count(DISTINCT binary_id)
  FROM (SELECT n.name_id AS id, m.binary_id FROM rname n JOIN module m ON m.id = n.module_id
        UNION ALL
        SELECT n.tag_id, m.binary_id FROM rname n JOIN module m ON m.id = n.module_id
        WHERE n.tag_id IS NOT NULL)
  GROUP BY id
),
sd(places, bytes) AS (
  SELECT sum(o.units) + sum(o.binaries), length(CAST(s.text AS BLOB))
  FROM occ o JOIN string s ON s.id = o.string_id
  GROUP BY o.string_id
  HAVING sum(o.units) + sum(o.binaries) > 1 AND length(CAST(s.text AS BLOB)) >= 1
)
SELECT (SELECT count(*) FROM sd)                                         AS strings_repeated,
       (SELECT coalesce(sum((places - 1) * bytes), 0) FROM sd)           AS string_bytes_saved,
       t.types                                                           AS types_repeated,
       t.bytes                                                           AS type_dup_bytes,
       (SELECT count(*) FROM (
          SELECT 1
          FROM itab i
          JOIN rtype it ON it.module_id = i.module_id AND it.off = i.inter_off
          JOIN rtype tt ON tt.module_id = i.module_id AND tt.off = i.type_off
          GROUP BY it.typeid, tt.typeid
          HAVING count(DISTINCT i.module_id) > 1))                       AS itabs_repeated
-- (ORDER BY dup_bytes makes SQLite build v_type_dup's rows once: aggregated
-- directly, the view's plan rescans a materialized part per row)
FROM (SELECT count(*) AS types, coalesce(sum(dup_bytes), 0) AS bytes
      FROM (SELECT dup_bytes FROM v_type_dup WHERE kind <> 'basic' ORDER BY dup_bytes)) t
