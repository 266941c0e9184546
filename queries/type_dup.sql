-- Go types that occur in more than one unit, by how many units compile them
-- in (as a global Type element or as a package-scope object's type): the
-- same type, by Go's identity (one typeid), across packages and modules.
-- The first row is the total.
SELECT 'TOTAL (' || count(*) || ' types)' AS canonical,
       NULL                              AS kind,
       sum(units)                        AS units,
       NULL                              AS packages
FROM v_type_dup;

SELECT CASE WHEN length(canonical) > 100 THEN substr(canonical, 1, 97) || '...'
            ELSE canonical END AS canonical,
       kind,
       units,
       packages
FROM v_type_dup
WHERE kind NOT IN ('basic')
ORDER BY units DESC, canonical
LIMIT 25;
