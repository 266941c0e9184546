module gotypedb.test/reflect

go 1.19
