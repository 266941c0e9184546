-- Generic instantiations repeated across packages: instances (named types
-- with type arguments) that more than one package compiles in, each
-- package with its own copy of the instance's export data.
-- Parameters: none.
-- Columns: instance (the canonical string), packages, units, modules.
SELECT canonical AS instance,
       packages,
       units,
       modules
FROM v_type_dup
WHERE kind = 'named' AND canonical LIKE '%[%' AND (packages > 1 OR modules > 1)
ORDER BY packages DESC, modules DESC, canonical
