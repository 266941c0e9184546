-- Strings repeated across units, most bytes saved first: what interning
-- every unit's String section into one table saves.  The first row is the
-- total over all repeated strings.
SELECT 'TOTAL (' || count(*) || ' strings)' AS text,
       sum(units)                           AS units,
       sum(bytes)                           AS bytes,
       sum(bytes_saved)                     AS bytes_saved
FROM v_string_dup;

-- Each string as Go writes it (go_quote: strconv.Quote, a run of one
-- rune or byte written once with its count, "\x00"×256), so that two
-- distinct strings never print alike.
SELECT go_quote(text) AS text,
       units,
       bytes,
       bytes_saved
FROM v_string_dup
ORDER BY bytes_saved DESC, text
LIMIT 25;
