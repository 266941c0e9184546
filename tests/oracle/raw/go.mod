module gotypedb.test/oracle/raw

go 1.22
