// A script with a syntax error on line 3.
var n = Param("N", 10);
var x = (n + ;
Console.WriteLine(x);
