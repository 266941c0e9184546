-- gotypedb schema: views that answer the everyday questions.  Their names
-- and columns are a stable interface (see README, "Schema").

-- References resolved: the element that refers, the target, and the
-- target's text when it is a String.
CREATE VIEW v_uir_ref AS
SELECT r.unit_id,
       r.section,
       sec.name     AS section_name,
       r.idx,
       r.slot,
       r.ref_section,
       ref.name     AS ref_section_name,
       r.ref_idx,
       s.text       AS ref_string  -- NULL unless ref_section = 0 (String)
FROM uir_ref r
JOIN uir_section sec ON sec.section = r.section
JOIN uir_section ref ON ref.section = r.ref_section
LEFT JOIN unit_string us ON r.ref_section = 0 AND us.unit_id = r.unit_id AND us.idx = r.ref_idx
LEFT JOIN string s ON s.id = us.string_id;

-- Strings that occur in more than one unit, with what interning saves:
-- bytes_saved = (units - 1) * bytes, the copies a per-unit store would hold.
CREATE VIEW v_string_dup AS
SELECT s.id                                    AS string_id,
       s.text                                  AS text,
       length(CAST(s.text AS BLOB))            AS bytes,
       count(*)                                AS units,
       (count(*) - 1) * length(CAST(s.text AS BLOB)) AS bytes_saved
FROM unit_string us
JOIN string s ON s.id = us.string_id
GROUP BY us.string_id
HAVING count(*) > 1;
