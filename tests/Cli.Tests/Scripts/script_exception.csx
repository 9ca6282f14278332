// The script's own code fails on line 4.
var values = new int[3];
var k = Param("k", 5);
values[k] = 1;
