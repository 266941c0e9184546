-- Go types compiled into more than one unit, most units first.
SELECT * FROM v_type_dup ORDER BY units DESC
