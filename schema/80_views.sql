-- gotypedb schema: views that answer the everyday questions.  Their names
-- and columns are a stable interface (see README, "Schema").

-- A unit's String section mapped to the global string table, one row per
-- String element: String idx of unit_id is string_id.
CREATE VIEW unit_string(unit_id, idx, string_id) AS
SELECT u.id, j.key, j.value
FROM unit u, json_each(u.string_ids) j;

-- Every element of every unit, one row each: element idx of section
-- occupies data[off : off+len] of the unit's element data area.
CREATE VIEW uir_element(unit_id, section, idx, off, len) AS
SELECT us.unit_id, us.section, e.key, e.value ->> 0, e.value ->> 1
FROM unit_section us, json_each(us.elements) e;

-- Every element's reference table, one row per entry: entry `slot` of
-- element (section, idx) refers to element ref_idx of ref_section.
CREATE VIEW uir_ref(unit_id, section, idx, slot, ref_section, ref_idx) AS
SELECT us.unit_id, us.section, e.key, r.key / 2, r.value, e.value ->> (r.key + 1)
FROM unit_section us, json_each(us.refs) e, json_each(e.value) r
WHERE us.refs IS NOT NULL AND r.key % 2 = 0;

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
JOIN unit u ON u.id = r.unit_id
LEFT JOIN string s ON r.ref_section = 0
                  AND s.id = json_extract(u.string_ids, '$[' || r.ref_idx || ']');

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

-- typedef_part by role (see there): a type's elements, key, type arguments,
-- underlying type, union terms, constraint terms and bound; its fields;
-- its parameters and results; its methods.
CREATE VIEW typedef_elem(typeid, role, idx, elem_typeid, tilde) AS
SELECT typeid, role, idx, part_typeid, flag FROM typedef_part
WHERE role IN ('elem', 'key', 'targ', 'underlying', 'term', 'embedded', 'bound');

CREATE VIEW typedef_field(typeid, idx, name, pkg_path, field_typeid, tag, embedded) AS
SELECT p.typeid, p.idx, n.text, pp.text, p.part_typeid, t.text, p.flag
FROM typedef_part p
JOIN string n ON n.id = p.name_id
LEFT JOIN string pp ON pp.id = p.pkg_path_id
LEFT JOIN string t ON t.id = p.tag_id
WHERE p.role = 'field';

CREATE VIEW typedef_param(typeid, is_result, idx, param_typeid) AS
SELECT typeid, role = 'result', idx, part_typeid FROM typedef_part
WHERE role IN ('param', 'result');

CREATE VIEW typedef_method(typeid, idx, name, pkg_path, sig_typeid) AS
SELECT p.typeid, p.idx, n.text, pp.text, p.part_typeid
FROM typedef_part p
JOIN string n ON n.id = p.name_id
LEFT JOIN string pp ON pp.id = p.pkg_path_id
WHERE p.role = 'method';

-- Every package-scope object of every unit: Obj element idx of unit_id is
-- declaration decl_id (uir_unit.objects unpacked).
CREATE VIEW uir_unit_object(unit_id, idx, decl_id) AS
SELECT u.unit_id, j.value ->> 0, j.value ->> 1
FROM uir_unit u, json_each(u.objects) j;

-- The same with all the declaration's facts (see uir_decl for the columns).
CREATE VIEW uir_object(unit_id, idx, decl_id, package_id, name_id, kind, typeid, under_typeid,
                       object_string, value, methods, file_id, line, col) AS
SELECT uo.unit_id, uo.idx, d.id, d.package_id, d.name_id, d.kind, d.typeid, d.under_typeid,
       d.object_string, d.value, d.methods, d.file_id, d.line, d.col
FROM uir_unit_object uo JOIN uir_decl d ON d.id = uo.decl_id;

-- Every global Type element of every unit: Type idx of unit_id denotes
-- typeid (uir_unit.typeids unpacked).
CREATE VIEW uir_type(unit_id, idx, typeid) AS
SELECT u.unit_id, j.key, j.value
FROM uir_unit u, json_each(u.typeids) j
WHERE j.value IS NOT NULL;

-- Package-scope objects as go/types shows them: object_string is
-- types.ObjectString(obj, q) with q = package path, value the constant's
-- ExactString (NULL for non-constants).
CREATE VIEW v_uir_object(unit_id, package_path, name, kind, object_string, value) AS
SELECT o.unit_id, pp.text, n.text, o.kind, o.object_string, o.value
FROM uir_object o
JOIN package p ON p.id = o.package_id
JOIN string pp ON pp.id = p.path_id
JOIN string n ON n.id = o.name_id;

-- Methods of a unit's type objects (uir_decl.methods unpacked): method
-- idx of the type's 'declared' or 'interface' method set.
CREATE VIEW uir_method(unit_id, obj_idx, decl_id, method_set, idx, name, object_string) AS
SELECT o.unit_id, o.idx, o.decl_id,
       CASE m.value ->> 0 WHEN 0 THEN 'declared' ELSE 'interface' END,
       m.value ->> 1, m.value ->> 2, m.value ->> 3
FROM uir_object o, json_each(o.methods) m
WHERE o.methods IS NOT NULL;

-- Methods of package-scope types, object_string = types.ObjectString(m, q).
-- method_set and idx say which list (uir_method) and where in it.
CREATE VIEW v_uir_method(unit_id, package_path, type_name, name, object_string, method_set, idx) AS
SELECT o.unit_id, pp.text, tn.text, m.value ->> 2, m.value ->> 3,
       CASE m.value ->> 0 WHEN 0 THEN 'declared' ELSE 'interface' END, m.value ->> 1
FROM uir_object o
JOIN package p ON p.id = o.package_id
JOIN string pp ON pp.id = p.path_id
JOIN string tn ON tn.id = o.name_id,
json_each(o.methods) m
WHERE o.methods IS NOT NULL;

-- Types that occur in more than one unit (as a global Type element or as
-- an object's type): the units and the distinct unit packages.
CREATE VIEW v_type_dup(typeid, canonical, kind, units, packages) AS
WITH occ(typeid, unit_id) AS (
  SELECT typeid, unit_id FROM uir_type
  UNION
  SELECT typeid, unit_id FROM uir_object
  UNION
  SELECT under_typeid, unit_id FROM uir_object WHERE under_typeid IS NOT NULL
)
SELECT t.typeid, c.text, t.kind, count(*), count(DISTINCT u.pkg_path)
FROM occ
JOIN typedef t ON t.typeid = occ.typeid
JOIN string c ON c.id = t.canonical_id
JOIN unit u ON u.id = occ.unit_id
GROUP BY occ.typeid
HAVING count(*) > 1;
