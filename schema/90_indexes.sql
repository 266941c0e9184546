-- gotypedb schema: secondary indexes.  A fresh database is bulk-loaded
-- without them and gets them at the end of the first `gotypedb index` run
-- (building them once is several times faster than maintaining them).

-- Interning keys: what a merge matches on.
CREATE UNIQUE INDEX IF NOT EXISTS string_text ON string(text);
CREATE UNIQUE INDEX IF NOT EXISTS file_path ON file(path);
CREATE UNIQUE INDEX IF NOT EXISTS content_hash ON content(hash);
CREATE INDEX IF NOT EXISTS file_content ON file(content_id);
CREATE UNIQUE INDEX IF NOT EXISTS unit_content ON unit(content_id);
CREATE UNIQUE INDEX IF NOT EXISTS package_key ON package(path_id, name_id);
CREATE UNIQUE INDEX IF NOT EXISTS typedef_canonical ON typedef(canonical_id);
CREATE INDEX IF NOT EXISTS uir_decl_typeid ON uir_decl(typeid);
CREATE INDEX IF NOT EXISTS uir_decl_under_typeid ON uir_decl(under_typeid);
CREATE INDEX IF NOT EXISTS uir_decl_name ON uir_decl(name_id);
