-- Where the bytes of duplicate type descriptors go, module by module:
-- each runtime type descriptor whose Go type (one typeid) also has a
-- descriptor in another module, with its package, for a treemap of
-- bytes by module, package and type (the html report's "tree").
-- Parameters: none.
-- Columns: module (the file that holds it, v_module.path), package (a
-- named type's package path; '(predeclared)' for int, error and the
-- like; '(unnamed)' for types without a name: pointers, slices, maps,
-- funcs, ...), type (reflect's Type.String()), bytes (the descriptor's
-- bytes in this module, rtype.bytes).
WITH shared(typeid) AS (
  SELECT typeid FROM rtype GROUP BY typeid HAVING count(DISTINCT module_id) > 1
)
SELECT m.path   AS module,
       CASE WHEN v.name = '' THEN '(unnamed)'
            WHEN v.pkgpath = '' THEN '(predeclared)'
            ELSE v.pkgpath END AS package,
       v.string AS type,
       r.bytes  AS bytes
FROM rtype r
JOIN shared s   ON s.typeid = r.typeid
JOIN v_rtype v  ON v.module_id = r.module_id AND v.off = r.off
JOIN v_module m ON m.module_id = r.module_id
ORDER BY bytes DESC, module, package, type
