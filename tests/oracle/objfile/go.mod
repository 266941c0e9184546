module gotypedb.test/oracle/objfile

go 1.21
