-- gotypedb schema, layer 1: the raw layer, faithful to the file formats.
--
-- Conventions, for every table below:
--   * ids are local to one database; what a hash or a text already
--     identifies (content.hash, string.text) is the key a merge of two
--     databases matches on, so merging never renumbers by hand;
--   * a "section" is a pkgbits section number 0-9 (see uir_section);
--   * an "idx" is a section-local element index, exactly as the format
--     stores it in reference tables, never the absolute index;
--   * offsets and sizes are in bytes.

-- Every string of every input, interned once across all units.
CREATE TABLE string (
  id   INTEGER PRIMARY KEY,
  -- The string's bytes: TEXT when they are valid UTF-8, else BLOB (the
  -- String section also holds binary data, e.g. big.Int magnitudes of
  -- constants).  Unique: a merge matches strings by this column.
  text ANY NOT NULL
) STRICT;

-- Every input path seen by `gotypedb index`.  Many paths may share one
-- content (the same archive in two caches, or copied).
CREATE TABLE file (
  id          INTEGER PRIMARY KEY,
  -- Absolute path, symlinks in the indexed root resolved.  Unique.
  path        TEXT NOT NULL,
  -- Size and modification time (ns since the epoch) when last indexed:
  -- re-indexing skips a path whose size and mtime are unchanged, unless it
  -- could not be read (skip_reason 'unreadable' or 'out-of-memory').
  size        INTEGER NOT NULL,
  mtime_ns    INTEGER NOT NULL,
  -- What the file holds; NULL when it was skipped (see skip_reason).
  content_id  INTEGER REFERENCES content(id),
  -- Why a file that is not Go output was skipped, e.g. 'not-go-output',
  -- 'cache-action-entry', 'non-gc-archive'; NULL for files with content.
  -- Two reasons say nothing about the file's bytes, so it has no content
  -- and the next run reads it again: 'unreadable' (the operating system
  -- refused to open or read it: permission, I/O error, a file that shrank
  -- while read) and 'out-of-memory' (memory ran out reading or decoding
  -- it, or another file of the same content).
  skip_reason TEXT
) STRICT;

-- A distinct input, content-addressed.  Rows derived from a file hang off
-- its content, so seeing the same bytes again costs one lookup.
CREATE TABLE content (
  id     INTEGER PRIMARY KEY,
  -- SHA-256 (32 bytes) of the bytes gotypedb reads: for a unit it decodes,
  -- the __.PKGDEF member of a package archive (never the object code after
  -- it; `ar p FILE __.PKGDEF | sha256sum`), or a bare "go object" file up
  -- to the end of its export data.  For what it does not decode, the bytes
  -- it judged it by, read in bounded pieces, never the whole file: the
  -- member's (or bare file's) first 4096 bytes (header lines, format byte,
  -- pkgbits header), or the first 512 bytes of an archive too damaged to
  -- find its first member.  A cryptographic hash, because a content whose
  -- hash is known is never read again: with a weaker one, a crafted file
  -- could take the identity of a content and hide it from every later
  -- run.  Unique.
  hash   BLOB NOT NULL,
  -- Number of bytes hashed.
  size   INTEGER NOT NULL,
  -- 'archive' (ar with __.PKGDEF first) or 'object' (a bare "go object" file).
  kind   TEXT NOT NULL,
  -- 'indexed': its units are in the tables below; 'rejected': Go export
  -- data of a format or version gotypedb does not decode, or past one of
  -- its limits (types nested deeper than 10000, or taking more than 32
  -- times the export data plus 16 MiB to describe) (see reason);
  -- 'error': corrupt or truncated, nothing else stored (see error).
  status TEXT NOT NULL CHECK (status IN ('indexed', 'rejected', 'error')),
  -- Short machine-readable code for 'rejected' and 'error', e.g.
  -- 'format-indexed', 'version-unsupported', 'limit-exceeded', 'corrupt'.
  reason TEXT,
  -- The full message, "where: what", for 'rejected' and 'error'.
  error  TEXT
) STRICT;

-- One Unified IR export-data blob ("unit") and the header lines around it.
CREATE TABLE unit (
  id               INTEGER PRIMARY KEY,
  content_id       INTEGER NOT NULL REFERENCES content(id),
  -- The "go object" header lines before "$$B", verbatim, newlines included.
  header           TEXT NOT NULL,
  -- From "go object GOOS GOARCH VERSION[ VARIANT] X:EXPERIMENTS".
  goos             TEXT NOT NULL,
  goarch           TEXT NOT NULL,
  -- runtime.Version() of the compiler: 'go1.22.12', 'devel go1.27-...'.
  go_version       TEXT NOT NULL,
  -- The GOARCH variant written after the version since go1.21, e.g.
  -- 'GOAMD64=v1', 'GOARM=7'; '' when absent.
  arch_variant     TEXT NOT NULL,
  -- Comma-separated enabled experiments after "X:" ('' when none).
  experiments      TEXT NOT NULL,
  -- The `build id "..."` line's value (actionID/contentID), NULL if absent.
  build_id         TEXT,
  -- 1 when a "main" header line marks package main.
  is_main          INTEGER NOT NULL,
  -- File offset of the pkgbits blob (the byte after the 'u' format byte)
  -- and its size up to the "\n$$\n" end marker.
  export_off       INTEGER NOT NULL,
  export_size      INTEGER NOT NULL,
  -- pkgbits version 0-5 (V0: go1.19 unified experiment; V1: go1.20-1.23;
  -- V2: go1.24-1.26; V3: never released; V4/V5: go1.27).
  version          INTEGER NOT NULL,
  -- Header flags word (V1+; 0 for V0, which has none).  Bit 0: sync markers.
  flags            INTEGER NOT NULL,
  -- 1 when elements carry sync markers (always in V0, flag bit 0 after).
  sync_markers     INTEGER NOT NULL,
  -- The blob's last 8 bytes: the first 8 bytes of a hash of everything from
  -- the version word to the end of the element data.
  fingerprint      BLOB NOT NULL,
  -- The hash the fingerprint was verified with: 'md5' (go1.19-go1.24rc1) or
  -- 'sha256' (go1.24rc2 on).  A unit whose fingerprint matched neither is
  -- not stored (its content has status 'error').
  fingerprint_hash TEXT NOT NULL,
  -- The package path in the public root (Meta 0): the import path, 'main',
  -- or 'command-line-arguments' for file-list builds.
  pkg_path         TEXT NOT NULL,
  -- Total elements (N = section end 9) and element data bytes (E).
  elems            INTEGER NOT NULL,
  data_bytes       INTEGER NOT NULL,
  -- The unit's String section mapped to the global string table: a JSON
  -- array whose entry idx is the string.id of String element idx.  Many
  -- units holding one string.id is string deduplication (v_string_dup).
  -- The view unit_string has one row per entry.
  string_ids       TEXT NOT NULL
) STRICT;

-- The ten pkgbits sections ("RelocKind"/"SectionKind" 0-9), for joins.
CREATE TABLE uir_section (
  section INTEGER PRIMARY KEY,
  -- Go's name without the prefix: 'String', 'Meta', 'PosBase', 'Pkg',
  -- 'Name', 'Type', 'Obj', 'ObjExt', 'ObjDict', 'Body'.
  name    TEXT NOT NULL
) STRICT;
INSERT INTO uir_section VALUES
  (0, 'String'), (1, 'Meta'), (2, 'PosBase'), (3, 'Pkg'), (4, 'Name'),
  (5, 'Type'), (6, 'Obj'), (7, 'ObjExt'), (8, 'ObjDict'), (9, 'Body');

-- Per unit and section: the section's elements and their reference
-- tables.  One row per section, with the per-element data packed as JSON
-- arrays indexed by the element's idx: a row per element, per reference
-- and per unit string would be ~6.9 million rows for a `go build std cmd`
-- cache and make indexing several times slower than Go's own export-data
-- reader.  The views uir_element, uir_ref and unit_string
-- (schema/80_views.sql) unpack them into rows with json_each.
CREATE TABLE unit_section (
  unit_id  INTEGER NOT NULL REFERENCES unit(id),
  section  INTEGER NOT NULL REFERENCES uir_section(section),
  -- Element count: section_end[section] - section_end[section-1].
  elems    INTEGER NOT NULL,
  -- Bytes of element data the section's elements occupy.
  bytes    INTEGER NOT NULL,
  -- JSON array; entry idx is [off, len]: element idx of this section
  -- occupies data[off : off+len] of the unit's element data area, where
  -- off = elem_end[abs-1] (0 for abs 0) and abs = section start + idx.
  elements TEXT NOT NULL,
  -- JSON array; entry idx is element idx's reference table, a flat array
  -- of pairs: its entries 2*slot and 2*slot+1 are [ref_section, ref_idx]
  -- of slot `slot` (flat, not an array of pairs: a fifth of the bytes
  -- less).  Reloc(k) inside the element reads a slot number, and this pair
  -- is its target: the format's two layers of indirection.  NULL for the
  -- String section, whose elements are raw bytes without a table.
  refs     TEXT,
  -- A rowid table: as WITHOUT ROWID the arrays would be part of the key,
  -- and every insert would read its neighbours' arrays back to compare.
  PRIMARY KEY (unit_id, section)
) STRICT;

