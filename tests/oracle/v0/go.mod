module gotypedb.test/oracle/v0

go 1.19
