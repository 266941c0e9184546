-- gotypedb schema: secondary indexes.  A fresh database is bulk-loaded
-- without them and gets them at the end of the first `gotypedb index` run
-- (building them once is several times faster than maintaining them).

-- Interning keys: what a merge matches on.
CREATE UNIQUE INDEX IF NOT EXISTS string_text ON string(text);
CREATE UNIQUE INDEX IF NOT EXISTS file_path ON file(path);
CREATE UNIQUE INDEX IF NOT EXISTS content_hash ON content(hash);
-- The two columns that are mostly NULL (a skipped file has no content; only
-- type declarations have an underlying type) are indexed where they are not:
-- a comparison (content_id = ?, under_typeid = ?, or a join on it) implies
-- IS NOT NULL, so the planner uses these for any lookup, and with no NULL
-- keys SQLite's sorter takes its integer fast path in the index build.
CREATE INDEX IF NOT EXISTS file_content ON file(content_id) WHERE content_id IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS unit_content ON unit(content_id);
CREATE UNIQUE INDEX IF NOT EXISTS package_key ON package(path_id, name_id);
CREATE UNIQUE INDEX IF NOT EXISTS typedef_canonical ON typedef(canonical_id);
CREATE INDEX IF NOT EXISTS uir_decl_typeid ON uir_decl(typeid);
CREATE INDEX IF NOT EXISTS uir_decl_under_typeid ON uir_decl(under_typeid)
  WHERE under_typeid IS NOT NULL;
CREATE INDEX IF NOT EXISTS uir_decl_name ON uir_decl(name_id);
-- The runtime layer: a content's binaries, a binary's modules, and the
-- descriptors of a Go type (identical types across modules and binaries).
CREATE INDEX IF NOT EXISTS binary_content ON binary(content_id);
CREATE INDEX IF NOT EXISTS module_binary ON module(binary_id);
CREATE INDEX IF NOT EXISTS rtype_typeid ON rtype(typeid);
