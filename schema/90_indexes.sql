-- gotypedb schema: secondary indexes.  A fresh database is bulk-loaded
-- without them and gets them at the end of the first `gotypedb index` run
-- (building them once is several times faster than maintaining them).

-- Interning keys: what a merge matches on.
CREATE UNIQUE INDEX IF NOT EXISTS string_text ON string(text);
CREATE UNIQUE INDEX IF NOT EXISTS file_path ON file(path);
CREATE UNIQUE INDEX IF NOT EXISTS content_hash ON content(hash);
CREATE INDEX IF NOT EXISTS file_content ON file(content_id);
CREATE UNIQUE INDEX IF NOT EXISTS unit_content ON unit(content_id);
