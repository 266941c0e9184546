-- What the database holds: units by pkgbits version and toolchain, with
-- their elements, references and strings, and the files behind them.
SELECT u.version,
       u.go_version,
       count(*)                                   AS units,
       sum(u.elems)                               AS elements,
       (SELECT count(*) FROM uir_ref r JOIN unit x ON x.id = r.unit_id
         WHERE x.version = u.version AND x.go_version = u.go_version) AS refs,
       sum(json_array_length(u.string_ids))       AS unit_strings,
       sum(u.export_size)                         AS export_bytes
FROM unit u
GROUP BY u.version, u.go_version
ORDER BY u.version, u.go_version;

SELECT (SELECT count(*) FROM string)                              AS distinct_strings,
       (SELECT count(*) FROM file)                                AS files,
       (SELECT count(*) FROM content WHERE status = 'indexed')    AS indexed,
       (SELECT count(*) FROM content WHERE status = 'rejected')   AS rejected,
       (SELECT count(*) FROM content WHERE status = 'error')      AS errors;
