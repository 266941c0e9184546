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
-- union terms, constraint terms and a generic signature's bounds; its
-- fields; its parameters and results; an interface's methods.
CREATE VIEW typedef_elem(typeid, role, idx, elem_typeid, tilde) AS
SELECT typeid, role, idx, part_typeid, flag FROM typedef_part
WHERE role IN ('elem', 'key', 'targ', 'term', 'embedded', 'bound');

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

-- Types that occur more than once: in several units (as a global Type
-- element or as an object's type) or as descriptors in several modules.
-- units and packages count the export-data occurrences (distinct unit
-- packages), modules and binaries the runtime ones; rtype_bytes is what
-- all its descriptors take (rtype.bytes, names not included) and
-- dup_bytes what all but one of them take: what the type's duplicates
-- cost.
CREATE VIEW v_type_dup(typeid, canonical, kind, units, packages, modules, binaries, rtype_bytes,
                       dup_bytes) AS
WITH occ(typeid, unit_id) AS (
  SELECT typeid, unit_id FROM uir_type
  UNION
  SELECT typeid, unit_id FROM uir_object
  UNION
  SELECT under_typeid, unit_id FROM uir_object WHERE under_typeid IS NOT NULL
),
u(typeid, units, packages) AS (
  SELECT occ.typeid, count(*), count(DISTINCT u.pkg_path)
  FROM occ JOIN unit u ON u.id = occ.unit_id
  GROUP BY occ.typeid
),
r(typeid, modules, binaries, bytes, dup) AS (
  SELECT r.typeid, count(DISTINCT r.module_id), count(DISTINCT m.binary_id), sum(r.bytes),
         sum(r.bytes) - max(r.bytes)
  FROM rtype r JOIN module m ON m.id = r.module_id
  GROUP BY r.typeid
),
ids(typeid) AS (SELECT typeid FROM u UNION SELECT typeid FROM r)
SELECT t.typeid, c.text, t.kind, coalesce(u.units, 0), coalesce(u.packages, 0),
       coalesce(r.modules, 0), coalesce(r.binaries, 0), coalesce(r.bytes, 0), coalesce(r.dup, 0)
FROM ids
JOIN typedef t ON t.typeid = ids.typeid
JOIN string c ON c.id = t.canonical_id
LEFT JOIN u ON u.typeid = ids.typeid
LEFT JOIN r ON r.typeid = ids.typeid
WHERE coalesce(u.units, 0) + coalesce(r.modules, 0) > 1;

-- reflect.Kind's String() by kind number.
CREATE VIEW rkind(kind, name) AS
SELECT j.key, j.value
FROM json_each('["invalid","bool","int","int8","int16","int32","int64","uint","uint8",
  "uint16","uint32","uint64","uintptr","float32","float64","complex64","complex128","array",
  "chan","func","interface","map","ptr","slice","string","struct","unsafe.Pointer"]') j;

-- Each descriptor as reflect shows it: Kind().String(), String(), Size(),
-- Align(), PkgPath() and Name() ('' where reflect says ''), and its typeid.
CREATE VIEW v_rtype(module_id, off, kind, string, size, align, pkgpath, name, typeid) AS
SELECT r.module_id, r.off, k.name, s.text, r.size, r.align,
       CASE WHEN r.name_id IS NULL THEN '' ELSE coalesce(pp.text, '') END,
       coalesce(n.text, ''), r.typeid
FROM rtype r
JOIN rkind k ON k.kind = r.kind
JOIN string s ON s.id = r.string_id
LEFT JOIN string n ON n.id = r.name_id
LEFT JOIN rname pn ON pn.module_id = r.module_id AND pn.off = r.pkgpath_off
LEFT JOIN string pp ON pp.id = pn.name_id;

-- Methods of each descriptor's uncommon type: name, package path ('' if
-- exported, else the method name's own or the type's), the method's func
-- type without receiver as reflect writes it (NULL where the linker
-- dropped it), and ifn and tfn as stored (TextOffs; -1: dropped).
CREATE VIEW v_rmethod(module_id, type_off, idx, name, pkgpath, mtyp, ifn, tfn) AS
SELECT m.module_id, m.type_off, m.idx, ns.text,
       CASE WHEN n.flags & 1 THEN '' ELSE coalesce(ps.text, ts.text, '') END,
       ms.text, m.ifn, m.tfn
FROM rmethod m
JOIN rname n ON n.module_id = m.module_id AND n.off = m.name_off
JOIN string ns ON ns.id = n.name_id
LEFT JOIN rname p ON p.module_id = m.module_id AND p.off = n.pkgpath_off
LEFT JOIN string ps ON ps.id = p.name_id
JOIN rtype t ON t.module_id = m.module_id AND t.off = m.type_off
LEFT JOIN rname tp ON tp.module_id = m.module_id AND tp.off = t.pkgpath_off
LEFT JOIN string ts ON ts.id = tp.name_id
LEFT JOIN rtype mt ON mt.module_id = m.module_id AND mt.off = m.mtyp_off
LEFT JOIN string ms ON ms.id = mt.string_id;

-- Fields of each struct descriptor: name, the field type's String(), byte
-- offset, tag ('' when none, as reflect's StructField.Tag) and whether
-- embedded.
CREATE VIEW v_rfield(module_id, type_off, idx, name, type, offset, tag, embedded) AS
SELECT f.module_id, f.type_off, f.idx, ns.text, ts.text, f.offset, coalesce(tg.text, ''), f.embedded
FROM rfield f
JOIN rname n ON n.module_id = f.module_id AND n.off = f.name_off
JOIN string ns ON ns.id = n.name_id
LEFT JOIN string tg ON tg.id = n.tag_id
JOIN rtype t ON t.module_id = f.module_id AND t.off = f.typ_off
JOIN string ts ON ts.id = t.string_id;

-- Methods of each interface descriptor: name, package path ('' if
-- exported, else the name's own or the interface's), the TypeOff as
-- stored and the method type's String().
CREATE VIEW v_rimethod(module_id, type_off, idx, name, pkgpath, typ_off, typ) AS
SELECT m.module_id, m.type_off, m.idx, ns.text,
       CASE WHEN n.flags & 1 THEN '' ELSE coalesce(ps.text, is_.text, '') END,
       m.typ_off, ts.text
FROM rimethod m
JOIN rname n ON n.module_id = m.module_id AND n.off = m.name_off
JOIN string ns ON ns.id = n.name_id
LEFT JOIN rname p ON p.module_id = m.module_id AND p.off = n.pkgpath_off
LEFT JOIN string ps ON ps.id = p.name_id
JOIN rtype i ON i.module_id = m.module_id AND i.off = m.type_off
LEFT JOIN rname ip ON ip.module_id = m.module_id AND ip.off = i.kind_pkgpath_off
LEFT JOIN string is_ ON is_.id = ip.name_id
JOIN rtype t ON t.module_id = m.module_id AND t.off = m.typ_off
JOIN string ts ON ts.id = t.string_id;

-- Itabs: offset from types (NULL outside the types region), the
-- interface's and the type's String(), and Fun[0] (0: the type does not
-- implement the interface).
CREATE VIEW v_ritab(module_id, off, interface, type, fun0) AS
SELECT i.module_id, i.off, is_.text, ts.text, i.fun0
FROM itab i
JOIN rtype it ON it.module_id = i.module_id AND it.off = i.inter_off
JOIN string is_ ON is_.id = it.string_id
JOIN rtype t ON t.module_id = i.module_id AND t.off = i.type_off
JOIN string ts ON ts.id = t.string_id;

-- Each module with the indexed file that holds it (the first path of its
-- content, by path) and its binary's Go release and target.
CREATE VIEW v_module(module_id, path, kind, go_version, goos, goarch) AS
SELECT m.id, (SELECT min(f.path) FROM file f WHERE f.content_id = b.content_id), m.kind,
       b.go_version, b.goos, b.goarch
FROM module m
JOIN binary b ON b.id = m.binary_id;
