-- Strings repeated across units: each string that more than one unit's
-- String section holds, and what interning them into one table saves.
-- Parameters: :min_bytes (int; default 1 when unbound) the shortest
-- string listed.
-- Columns: string (as Go writes it, go_quote: runs shortened, so that
-- distinct strings never print alike), units (how many hold it), bytes
-- (its length), bytes_saved ((units - 1) * bytes).
SELECT go_quote(text) AS string,
       units,
       bytes,
       bytes_saved
FROM v_string_dup
WHERE bytes >= coalesce(:min_bytes, 1)
ORDER BY bytes_saved DESC, text
