-- gotypedb schema, the runtime layer: the type tables a Go linker writes
-- into a binary (executable, PIE, c-shared library), as the binary holds
-- them (Go 1.16 to 1.27; ../shared/research/runtime-tables.md has the
-- layouts and their sources).
--
-- Offsets are as the binary stores them: an "off" or "_off" column is a
-- NameOff or TypeOff, bytes from the module's `types` address (a name
-- may lie before it: negative); ifn and tfn are TextOffs, bytes from the
-- module's `text`.  Pointers the binary stores as addresses (a field's
-- type, an itab's interface) are resolved to the offset of what they
-- point at.  Addresses are those of the file loaded where its linker put
-- it: a PIE's or a library's with its dynamic relocations applied at
-- base 0.  A descriptor is identified by (module_id, off).
--
-- Which descriptors: every one the walk reaches from the module's
-- typelinks (or, in 1.27, the typelinked descriptors the types region
-- starts with) and itabs, through element, key, map bucket or group,
-- array slice, field, parameter, interface method and method types and
-- PtrToThis; each once.

-- A Go binary: one per content, or one per architecture of a universal
-- Mach-O (ordinal).
CREATE TABLE binary (
  id             INTEGER PRIMARY KEY,
  content_id     INTEGER NOT NULL REFERENCES content(id),
  -- 0, or the slice of a universal Mach-O.
  ordinal        INTEGER NOT NULL,
  -- 'elf', 'macho' or 'pe'.
  format         TEXT NOT NULL,
  -- GOOS and GOARCH as Go spells them, from the file's own marks.
  goos           TEXT NOT NULL,
  goarch         TEXT NOT NULL,
  -- 4 or 8; 1 for big-endian targets (s390x, ppc64), else 0.
  ptr_size       INTEGER NOT NULL,
  big_endian     INTEGER NOT NULL,
  -- How it is loaded: 'exec' (at its link address), 'pie' (a program
  -- loaded anywhere) or 'library' (a shared library, a plugin).
  image          TEXT NOT NULL,
  -- The Go release that built it ('go1.26.8'), from its build info, else
  -- from runtime.buildVersion; NULL when it holds neither (a stripped
  -- binary whose build info was removed): then version_source is NULL
  -- and module.layout says which layout was found to fit.
  go_version     TEXT,
  version_source TEXT,
  -- The build info's main package path ('path' line) and its whole module
  -- text as the linker wrote it (mod, dep, =>, build lines); NULL when
  -- none.  binary_dep and binary_setting hold its lines one by one.
  main_path      TEXT,
  modinfo        TEXT
) STRICT;

-- The build info's module lines, in order: kind 'mod' (the main module),
-- 'dep' (a dependency) or '=>' (the replacement of the line before).
CREATE TABLE binary_dep (
  binary_id INTEGER NOT NULL REFERENCES binary(id),
  idx       INTEGER NOT NULL,
  kind      TEXT NOT NULL,
  path      TEXT NOT NULL,
  version   TEXT NOT NULL,
  sum       TEXT NOT NULL,
  PRIMARY KEY (binary_id, idx)
) STRICT, WITHOUT ROWID;

-- The build info's settings ('build' lines: -buildmode, GOARCH, CGO_ENABLED,
-- vcs.revision, ...), in order.
CREATE TABLE binary_setting (
  binary_id INTEGER NOT NULL REFERENCES binary(id),
  idx       INTEGER NOT NULL,
  key       TEXT NOT NULL,
  value     TEXT NOT NULL,
  PRIMARY KEY (binary_id, idx)
) STRICT, WITHOUT ROWID;

-- A module: the runtime.moduledata of a binary (one for an executable,
-- PIE or c-shared library).
CREATE TABLE module (
  id          INTEGER PRIMARY KEY,
  binary_id   INTEGER NOT NULL REFERENCES binary(id),
  ordinal     INTEGER NOT NULL,
  -- 'exe', 'pie', 'c-shared' or 'plugin' (by moduledata's hasmain and
  -- pluginpath and the file's headers).
  kind        TEXT NOT NULL,
  -- The plugin path, else moduledata's modulename (set for modules linked
  -- with -linkshared); NULL when empty.
  path        TEXT,
  -- moduledata's address, and how it was found: 'symbol'
  -- (runtime.firstmoduledata), 'section' (.go.module, __go_module) or
  -- 'scan' (the word that points at the pclntab, in a stripped binary).
  addr        INTEGER NOT NULL,
  found       TEXT NOT NULL,
  -- The moduledata layout read, named by the first release that writes
  -- it: 'go1.16' (1.16-1.17), 'go1.18' (1.18-1.19), 'go1.20', 'go1.21'
  -- (1.21-1.25), 'go1.26', 'go1.27'.  Chosen by the binary's Go release,
  -- or, without one, the newest that fits its fields.
  layout      TEXT NOT NULL,
  -- The types region [types, etypes) every NameOff and TypeOff is
  -- relative to, and the text TextOffs are relative to.
  types       INTEGER NOT NULL,
  etypes      INTEGER NOT NULL,
  text        INTEGER NOT NULL,
  etext       INTEGER NOT NULL,
  -- 1.27's type region: the typelinked descriptors end at types +
  -- typedesclen, the itabs are itabsize bytes at types + itaboffset;
  -- NULL before 1.27.
  typedesclen INTEGER,
  itaboffset  INTEGER,
  itabsize    INTEGER
) STRICT;

-- A type descriptor (abi.Type, runtime._type before 1.21) at types + off.
CREATE TABLE rtype (
  module_id     INTEGER NOT NULL REFERENCES module(id),
  off           INTEGER NOT NULL,
  -- The header's fields: Size_, PtrBytes, Hash, TFlag, Align_,
  -- FieldAlign_, and Kind_ as stored (kind_byte: with 1.16-1.25's
  -- KindDirectIface 0x20 and 1.16-1.23's KindGCProg 0x40) and masked
  -- (kind: 1 bool ... 26 unsafe.Pointer, reflect.Kind's numbers).
  size          INTEGER NOT NULL,
  ptrdata       INTEGER NOT NULL,
  hash          INTEGER NOT NULL,
  tflag         INTEGER NOT NULL,
  align         INTEGER NOT NULL,
  fieldalign    INTEGER NOT NULL,
  kind_byte     INTEGER NOT NULL,
  kind          INTEGER NOT NULL,
  -- Str, the NameOff of its string (an rname row; with tflag 2,
  -- ExtraStar, the string has a '*' too many), and PtrToThis, the TypeOff
  -- of *T (0: none in the binary).
  str_off       INTEGER NOT NULL,
  ptrtothis_off INTEGER NOT NULL,
  -- reflect's Type.String() and Name() (NULL: unnamed).
  string_id     INTEGER NOT NULL REFERENCES string(id),
  name_id       INTEGER REFERENCES string(id),
  -- The uncommon type (tflag 1): the NameOff of its PkgPath, its method
  -- count, exported method count and Moff; NULL without one.
  pkgpath_off   INTEGER,
  mcount        INTEGER,
  xcount        INTEGER,
  moff          INTEGER,
  -- A struct's or interface's own PkgPath (a Name pointer), as the offset
  -- of that name; NULL: none (or another kind).
  kind_pkgpath_off INTEGER,
  -- The kind's own fields: the descriptor of Elem (array, chan, map,
  -- pointer, slice) and of Key (map); Len (array); Dir (chan: 1 recv,
  -- 2 send, 3 both); InCount, OutCount and variadic (func).  NULL for
  -- other kinds.
  elem_off      INTEGER,
  key_off       INTEGER,
  len           INTEGER,
  dir           INTEGER,
  in_count      INTEGER,
  out_count     INTEGER,
  variadic      INTEGER,
  -- The descriptor's bytes: header and kind fields, uncommon type, the
  -- fields, parameters or interface methods and the methods it carries
  -- (1.27's abi.Type.DescriptorSize).
  bytes         INTEGER NOT NULL,
  -- The Go type it describes, in the dictionary of types shared with
  -- export data (canonical strings: schema/20_semantic.sql).
  typeid        INTEGER NOT NULL REFERENCES typedef(typeid),
  PRIMARY KEY (module_id, off)
) STRICT, WITHOUT ROWID;

-- An abi.Name at types + off: flags (1 exported, 2 has a tag, 4 has a
-- package path, 8 an embedded field), the name, the tag (NULL: none) and
-- the NameOff of its package path (NULL: none).
CREATE TABLE rname (
  module_id   INTEGER NOT NULL REFERENCES module(id),
  off         INTEGER NOT NULL,
  flags       INTEGER NOT NULL,
  name_id     INTEGER NOT NULL REFERENCES string(id),
  tag_id      INTEGER REFERENCES string(id),
  pkgpath_off INTEGER,
  PRIMARY KEY (module_id, off)
) STRICT, WITHOUT ROWID;

-- The uncommon type's methods of the descriptor at type_off, in the
-- binary's order (exported first, each group sorted by name): NameOff of
-- the name, TypeOff of the method's func type without receiver, TextOffs
-- of the code called through an interface (ifn) and directly (tfn); the
-- linker writes -1 (mtyp_off, ifn, tfn) for a method it dropped.
CREATE TABLE rmethod (
  module_id INTEGER NOT NULL REFERENCES module(id),
  type_off  INTEGER NOT NULL,
  idx       INTEGER NOT NULL,
  name_off  INTEGER NOT NULL,
  mtyp_off  INTEGER NOT NULL,
  ifn       INTEGER NOT NULL,
  tfn       INTEGER NOT NULL,
  PRIMARY KEY (module_id, type_off, idx)
) STRICT, WITHOUT ROWID;

-- A struct descriptor's fields: the name's offset, the field type's
-- descriptor, the byte offset in the struct, and whether it is embedded.
CREATE TABLE rfield (
  module_id INTEGER NOT NULL REFERENCES module(id),
  type_off  INTEGER NOT NULL,
  idx       INTEGER NOT NULL,
  name_off  INTEGER NOT NULL,
  typ_off   INTEGER NOT NULL,
  offset    INTEGER NOT NULL,
  embedded  INTEGER NOT NULL,
  PRIMARY KEY (module_id, type_off, idx)
) STRICT, WITHOUT ROWID;

-- An interface descriptor's methods (its whole method set, sorted as the
-- binary holds it): NameOff and the TypeOff of the func type.
CREATE TABLE rimethod (
  module_id INTEGER NOT NULL REFERENCES module(id),
  type_off  INTEGER NOT NULL,
  idx       INTEGER NOT NULL,
  name_off  INTEGER NOT NULL,
  typ_off   INTEGER NOT NULL,
  PRIMARY KEY (module_id, type_off, idx)
) STRICT, WITHOUT ROWID;

-- A func descriptor's parameters (out 0) and results (out 1), each
-- numbered from 0.
CREATE TABLE rparam (
  module_id INTEGER NOT NULL REFERENCES module(id),
  type_off  INTEGER NOT NULL,
  out       INTEGER NOT NULL,
  idx       INTEGER NOT NULL,
  typ_off   INTEGER NOT NULL,
  PRIMARY KEY (module_id, type_off, out, idx)
) STRICT, WITHOUT ROWID;

-- The module's itabs, in the order of its itablinks (1.27: of its itab
-- region): the address, the offset from types when inside [types,
-- etypes) (always in 1.27), the descriptors of Inter and Type, the Hash,
-- the number of Fun words and Fun[0] (0: the type does not implement
-- the interface).
CREATE TABLE itab (
  module_id INTEGER NOT NULL REFERENCES module(id),
  idx       INTEGER NOT NULL,
  addr      INTEGER NOT NULL,
  off       INTEGER,
  inter_off INTEGER NOT NULL,
  type_off  INTEGER NOT NULL,
  hash      INTEGER NOT NULL,
  nfun      INTEGER NOT NULL,
  fun0      INTEGER NOT NULL,
  PRIMARY KEY (module_id, idx)
) STRICT, WITHOUT ROWID;

-- The module's typelinks in order (sorted by type string by the linker):
-- the descriptor of each.
CREATE TABLE typelink (
  module_id INTEGER NOT NULL REFERENCES module(id),
  idx       INTEGER NOT NULL,
  type_off  INTEGER NOT NULL,
  PRIMARY KEY (module_id, idx)
) STRICT, WITHOUT ROWID;
