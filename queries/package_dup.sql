-- Duplication by package: for each package, its named types that occur
-- more than once (in several units or modules), how often, and what
-- their duplicate descriptors cost.
-- Parameters: none.
-- Columns: package (its path), types (its repeated named types), units
-- (their occurrences in export data, summed), modules (their descriptors'
-- modules, summed), dup_bytes (their duplicate descriptors' bytes).
SELECT ps.text          AS package,
       count(*)         AS types,
       sum(d.units)     AS units,
       sum(d.modules)   AS modules,
       sum(d.dup_bytes) AS dup_bytes
FROM v_type_dup d
JOIN typedef t ON t.typeid = d.typeid
JOIN package p ON p.id = t.package_id
JOIN string ps ON ps.id = p.path_id
WHERE d.kind = 'named'
GROUP BY p.id
ORDER BY dup_bytes DESC, units DESC, package
