-- The totals of duplication in one row: what string_dup, type_dup and
-- itab_dup list one by one.
-- Parameters: none.
-- Columns: strings_repeated, string_bytes_saved (v_string_dup),
-- types_repeated (the non-basic types of v_type_dup, as type_dup lists
-- them), type_dup_bytes (their duplicate descriptors' bytes),
-- itabs_repeated (interface-type pairs with an itab in several modules).
SELECT (SELECT count(*) FROM v_string_dup)                               AS strings_repeated,
       (SELECT coalesce(sum(bytes_saved), 0) FROM v_string_dup)          AS string_bytes_saved,
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
