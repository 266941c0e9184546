-- Go types identical across units, packages, modules and binaries (one
-- typeid by Go's identity), with what their duplicate runtime descriptors
-- cost.  Basic types are left out: every unit names them.
-- Parameters: none.
-- Columns: type (the canonical string), kind, units and packages (export
-- data: the units and distinct packages that compile it in), modules and
-- binaries (the runtime: modules and binaries with a descriptor of it),
-- dup_bytes (what all its descriptors but one take).
SELECT canonical AS type,
       kind,
       units,
       packages,
       modules,
       binaries,
       dup_bytes
FROM v_type_dup
WHERE kind <> 'basic'
ORDER BY dup_bytes DESC, units DESC, canonical
