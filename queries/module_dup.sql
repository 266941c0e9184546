-- Duplication by module: for each module of the indexed binaries, its
-- type descriptors whose type has a descriptor in another module too,
-- and their bytes (what the module would not need if it shared them).
-- Parameters: none.
-- Columns: module (the file that holds it, v_module.path), go_version,
-- types (its descriptors of types found in other modules too), bytes
-- (those descriptors' bytes), of_types and of_bytes (all its descriptors).
WITH shared(typeid) AS (
  SELECT typeid FROM rtype GROUP BY typeid HAVING count(DISTINCT module_id) > 1
)
SELECT v.path                                   AS module,
       v.go_version                             AS go_version,
       count(s.typeid)                          AS types,
       coalesce(sum(CASE WHEN s.typeid IS NOT NULL THEN r.bytes END), 0) AS bytes,
       count(*)                                 AS of_types,
       sum(r.bytes)                             AS of_bytes
FROM rtype r
JOIN v_module v ON v.module_id = r.module_id
LEFT JOIN shared s ON s.typeid = r.typeid
GROUP BY r.module_id
ORDER BY bytes DESC, module
