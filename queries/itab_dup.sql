-- Itabs repeated across modules: an interface and a concrete type whose
-- itab several modules each hold (the same pair, by typeid).
-- Parameters: none.
-- Columns: interface and type (reflect strings: the smallest string id
-- among the modules' descriptors, as strings repeat), modules (how many
-- hold its itab), itabs (how many itabs of the pair in all).
SELECT si.text   AS interface,
       st.text   AS type,
       p.modules AS modules,
       p.itabs   AS itabs
FROM (SELECT min(it.string_id)          AS inter_string,
             min(tt.string_id)          AS type_string,
             count(DISTINCT i.module_id) AS modules,
             count(*)                    AS itabs
      FROM itab i
      JOIN rtype it ON it.module_id = i.module_id AND it.off = i.inter_off
      JOIN rtype tt ON tt.module_id = i.module_id AND tt.off = i.type_off
      GROUP BY it.typeid, tt.typeid
      HAVING count(DISTINCT i.module_id) > 1) p
JOIN string si ON si.id = p.inter_string
JOIN string st ON st.id = p.type_string
ORDER BY modules DESC, interface, type
