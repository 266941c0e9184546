module gotypedb.test/objfile/prog

go 1.19
