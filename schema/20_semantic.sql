-- gotypedb schema, layer 2: the semantic layer.  Packages, package-scope
-- objects and one dictionary of Go types (typedef) shared by every unit,
-- and later by the runtime side, with occurrence tables pointing into it.
--
-- What an export-data unit contributes is what go/types' importer
-- (golang.org/x/tools/go/gcexportdata) would put in its packages: the
-- unit's own objects and, for every other package its export data embeds,
-- exactly the objects it embeds, each (package path, name) once per unit.
-- Local types promoted to package scope (names T·N) and V4+ generic
-- methods promoted there (T.M) are not objects of any scope.
--
-- Canonical type strings.  typedef.canonical_id names one string per Go
-- type, such that two types get the same typeid exactly when go/types'
-- Identical holds.  It is go/types' TypeString with package paths as
-- qualifiers, made unambiguous:
--   * basic types by their go/types names, byte as uint8, rune as int32,
--     'unsafe.Pointer', untyped kinds as 'untyped int' etc.;
--   * a defined (named) type as PATH.Name ('error' and 'comparable' for
--     the universe's), an instance with its arguments PATH.Name[A,B], and
--     a generic type itself with its parameters PATH.Name[$PATH.Name.0];
--   * aliases are replaced by what they denote (an instance of a generic
--     alias by its rhs with the arguments substituted);
--   * *T, []T, [N]T, map[K]V, chan T, chan<- T, <-chan T (chan (<-chan T)
--     where needed);
--   * func(A,B) R and func(A,...C) (R,S): parameter types only, results
--     bare when one and parenthesized when several; a generic function's
--     signature first lists its parameters and bounds, [$0 B0,$1 B1], and
--     names them $0, $1 inside;
--   * struct{Name T;path.unexported U;Embedded "tag"}: every field with
--     its name (unexported names prefixed by their package path and a
--     dot), embedded fields as their type alone, tags strconv.Quote'd;
--     ';' between fields, no spaces;
--   * interface{M(A) R;path.m();...}: the complete method set (embedded
--     interfaces flattened), sorted as go/types sorts methods (exported
--     first, then by name, then by package path), unexported names
--     qualified; then a constraint's type terms ~int|string and
--     'comparable'; interface{} for the empty interface;
--   * a type parameter outside the generic signature that declares it as
--     $OWNER.i: OWNER is the declaring object (PATH.Name, PATH.T.M for a
--     generic method's own), i its position; a generic signature's part
--     (typedef_part) reads its parameter i as $i, as the signature does.
-- A name is exported when its first rune is upper case by Go's
-- unicode.IsUpper (go/token.IsExported, not ASCII only): Äpfel and Ωmega
-- are exported, äpfel, π, 日本 (a letter without case) and ǅ (title
-- case) are not, nor is a name whose first byte is not well-formed UTF-8.
-- The runtime side renders the same string for the same type (reflect
-- names unexported fields and methods by their package path too).
--
-- Huge types.  A type written out may be exponentially larger than its
-- export data (type A1 = struct{X, Y A0} ... type A20 = struct{X, Y A19}:
-- A20 holds 2^20 copies of A0), so a string is built from its parts'
-- strings, and a part whose own canonical string is longer than 512 bytes
-- appears in it as '#' and the SHA-256 of that string in 64 lowercase hex
-- digits: struct{X #3f...;Y #3f...}.  The part is a typedef of its own
-- (typedef_part links them).  A canonical string is therefore at most its
-- type's own syntax plus 65 bytes per part, and identity is unchanged:
-- the rule depends only on the part's string, so identical types still
-- get equal strings (and different types different ones, barring a
-- SHA-256 collision).  No type of a go build std cmd cache has a part that
-- long.  Types nested deeper than 10000 levels are not decoded: their
-- unit's content is 'rejected' with reason 'limit-exceeded'.

-- A Go package, as (path, name).  The own package of a `package main`
-- unit has path 'main' (as its export data and go/types' importer say).
CREATE TABLE package (
  id      INTEGER PRIMARY KEY,
  path_id INTEGER NOT NULL REFERENCES string(id),
  name_id INTEGER NOT NULL REFERENCES string(id)
) STRICT;

-- Each distinct Go type once.  Unique by canonical_id.
CREATE TABLE typedef (
  typeid       INTEGER PRIMARY KEY,
  -- What the type is once aliases are followed: 'basic', 'named',
  -- 'pointer', 'slice', 'array', 'chan', 'map', 'func', 'struct',
  -- 'interface', 'union' or 'typeparam'.
  kind         TEXT NOT NULL,
  -- The canonical string (above).
  canonical_id INTEGER NOT NULL REFERENCES string(id),
  -- A named type's package (NULL for the universe's error and comparable,
  -- and for unnamed types) and name, without type arguments ('Cache' for
  -- an instance Cache[string,int], whose arguments are its 'targ' parts
  -- when export data met it and in its canonical string always).
  package_id   INTEGER REFERENCES package(id),
  name_id      INTEGER REFERENCES string(id),
  -- array: its length; chan: 'both', 'send' or 'recv'; func: 1 when
  -- variadic.  NULL for other kinds.
  len          INTEGER,
  dir          TEXT,
  variadic     INTEGER
) STRICT;

-- The parts of each typedef, each a typedef itself: what the type is
-- built of, as its canonical string says.  role and idx say which part:
--   'elem'       pointer, slice, array, chan element; map value
--   'key'        map key
--   'targ'       type argument idx of an instance (of a generic type
--                itself: its own parameters, $PATH.Name.idx)
--   'method'     an interface's method idx (complete method set, sorted):
--                name, pkg_path for an unexported name, part = signature
--   'field'      struct field idx: name, pkg_path (unexported), tag,
--                flag 1 when embedded
--   'param', 'result'  func parameter or result idx
--   'bound'      a generic signature's type parameter idx's constraint
--   'term'       union term idx, flag 1 for ~T
--   'embedded'   a constraint interface's type term idx (comparable too)
-- Exactly what the canonical string determines, so that a type has the
-- same parts whichever unit, binary or database they came from (a merge's
-- result does not depend on the order of its inputs):
--   * a named type's parts are its type arguments only.  Its definition,
--     the underlying type and the methods, is not part of its identity
--     (PATH.Name is the same type in every version of the package, each
--     with its own definition): that is its declaration's, uir_decl's
--     under_typeid and methods, and in a binary its descriptor's (rtype,
--     rfield, rmethod...);
--   * a type parameter $OWNER.i has no parts: its bound is its owner's
--     declaration's, as above;
--   * a generic signature's parts read its type parameters as its string
--     does, $i: typedefs of kind 'typeparam' and canonical string '$i',
--     with no parts, standing for the signature's parameter i whose bound
--     is the signature's 'bound' part i.  (A part string '[]$0' is the
--     same in every generic signature whose first parameter it uses.)
-- A source may know fewer: a binary's descriptor of an instance names its
-- type arguments as text ("Cache[string,int]"), which gotypedb does not
-- read back into types, so an instance only binaries had has no 'targ'
-- parts.  A typedef's parts are the union of what its sources gave: the
-- first export data that has the instance adds them, whichever was
-- indexed or merged first.
-- The views typedef_elem, typedef_field, typedef_param and typedef_method
-- select by role.
CREATE TABLE typedef_part (
  typeid      INTEGER NOT NULL REFERENCES typedef(typeid),
  role        TEXT NOT NULL,
  idx         INTEGER NOT NULL,
  part_typeid INTEGER NOT NULL REFERENCES typedef(typeid),
  name_id     INTEGER REFERENCES string(id),
  pkg_path_id INTEGER REFERENCES string(id),
  tag_id      INTEGER REFERENCES string(id),
  flag        INTEGER NOT NULL,
  PRIMARY KEY (typeid, role, idx)
) STRICT, WITHOUT ROWID;

-- A declaration as go/types sees it: a package-scope object with all its
-- facts.  The same declaration is embedded in the export data of every
-- package that uses it (io.Reader in hundreds of units), so it is stored
-- once, content-addressed like content (by hash), and uir_unit.objects says
-- which units hold it.  The view uir_object joins the two back.
CREATE TABLE uir_decl (
  id               INTEGER PRIMARY KEY,
  -- SHA-256 (32 bytes) of every column below (and of the methods), as the
  -- worker serialized them: each a 4-byte little-endian length and its
  -- bytes.  A cryptographic hash, because a declaration whose hash is
  -- known is not stored again: with a weaker one, a crafted unit could
  -- make its declaration stand in for another's in every unit that holds
  -- it.  Unique: a merge matches declarations by it, in the writer's
  -- memory (it loads them all from an existing database); no SQL index,
  -- as no query looks a declaration up by its hash and building one is a
  -- tenth of the serial end of an index run.
  hash             BLOB NOT NULL,
  package_id       INTEGER NOT NULL REFERENCES package(id),
  name_id          INTEGER NOT NULL REFERENCES string(id),
  -- (The CHECK is an OR chain: an IN list costs SQLite an ephemeral table
  -- per inserted row.)
  kind             TEXT NOT NULL CHECK (kind = 'const' OR kind = 'type' OR kind = 'alias'
                                        OR kind = 'func' OR kind = 'var'),
  -- The object's type: a type's own defined type, an alias's aliased
  -- type, a function's signature, a constant's or variable's type.
  typeid           INTEGER NOT NULL REFERENCES typedef(typeid),
  -- For a type: its underlying type (types.Named.Underlying()), so that
  -- "which packages declare a type identical to struct{...}" is one
  -- lookup; NULL for other objects.
  under_typeid     INTEGER REFERENCES typedef(typeid),
  -- types.ObjectString(obj, q), q = package path, as go1.26.8 prints it;
  -- a string longer than 65536 bytes (an object whose type is huge
  -- written out) is cut there at a rune boundary and ends with '…'.
  -- (Stored here, not interned in string: a declaration is stored once
  -- already, and string is the table of the units' own strings.)
  object_string    TEXT NOT NULL,
  -- constant.Value.ExactString() for constants, NULL otherwise.
  value            TEXT,
  -- A type's methods, packed: a JSON array of
  -- [method_set, idx, name, object_string], where method_set 0 is
  -- 'declared' (types.Named.Method(idx): source order, V4+ generic methods
  -- included) and 1 'interface' (types.Interface.Method(idx) of an
  -- interface type: its complete method set, sorted); object_string is
  -- types.ObjectString(method, q), cut as above.  NULL when the object
  -- has none.  The
  -- views uir_method and v_uir_method have one row per method.
  methods          TEXT,
  -- The declaration's position: PosBase file name (as the compiler wrote
  -- it, e.g. '$GOROOT/src/io/io.go'), line and column (0 when unknown).
  file_id          INTEGER REFERENCES string(id),
  line             INTEGER NOT NULL,
  col              INTEGER NOT NULL
) STRICT;

-- Per unit: its package-scope objects (see the layer's comment for which)
-- and the Go type of every global Type element, packed as unit_section
-- packs elements: as rows they would be ~140 000 object and ~650 000 type
-- rows for a go1.26 `go build std cmd` cache, for questions that are asked
-- unit by unit.  The views uir_unit_object, uir_object and uir_type
-- (schema/80_views.sql) have one row per entry.
CREATE TABLE uir_unit (
  unit_id INTEGER PRIMARY KEY REFERENCES unit(id),
  -- JSON array of [idx, decl_id]: Obj element idx (and Name, ObjExt,
  -- ObjDict element idx) of the unit is declaration uir_decl.id decl_id.
  objects TEXT NOT NULL,
  -- JSON array; entry idx is the typedef.typeid of Type element idx, null
  -- for a derived Type element (those with type parameters belong to an
  -- object's dictionary and are reached through uir_decl).
  typeids TEXT NOT NULL
) STRICT;
