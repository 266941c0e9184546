-- Strings repeated across units, most bytes saved first: what interning
-- every unit's String section into one table saves.  The first row is the
-- total over all repeated strings.
SELECT 'TOTAL (' || count(*) || ' strings)' AS text,
       sum(units)                           AS units,
       sum(bytes)                           AS bytes,
       sum(bytes_saved)                     AS bytes_saved
FROM v_string_dup;

SELECT CASE WHEN typeof(text) = 'blob' THEN '(binary) ' || hex(text)
            ELSE replace(text, char(10), '\n') END AS text,
       units,
       bytes,
       bytes_saved
FROM v_string_dup
ORDER BY bytes_saved DESC, text
LIMIT 25;
