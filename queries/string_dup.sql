-- Strings repeated across units and binaries: each string that more than
-- one place holds (a unit's String section, or a binary's names: its
-- type strings, field, method and package names, struct tags), and what
-- interning them into one table saves.
-- Parameters: :min_bytes (int; default 1 when unbound) the shortest
-- string listed.
-- Columns: string (as Go writes it, go_quote: runs shortened, so that
-- distinct strings never print alike), units (how many units hold it),
-- binaries (how many binaries' names do), bytes (its length), bytes_saved
-- ((units + binaries - 1) * bytes).
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
c(string_id, units, binaries) AS (
  SELECT string_id, sum(units), sum(binaries) FROM occ
  GROUP BY string_id HAVING sum(units) + sum(binaries) > 1
)
SELECT go_quote(s.text)                                    AS string,
       c.units                                             AS units,
       c.binaries                                          AS binaries,
       length(CAST(s.text AS BLOB))                        AS bytes,
       (c.units + c.binaries - 1) * length(CAST(s.text AS BLOB)) AS bytes_saved
FROM c JOIN string s ON s.id = c.string_id
WHERE length(CAST(s.text AS BLOB)) >= coalesce(:min_bytes, 1)
ORDER BY bytes_saved DESC, s.text
