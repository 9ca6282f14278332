using Dendra.Simulator.Expressions;

namespace Dendra.Simulator.Tests.Expressions;

public class ParserTests
{
    [Theory]
    [InlineData("1 + 2*3", "(1 + (2 * 3))")]
    [InlineData("-x^2", "(-(x ^ 2))")]
    [InlineData("2^3^2", "(2 ^ (3 ^ 2))")]
    [InlineData("a ** 2", "(a ^ 2)")]
    [InlineData("v > Vt and not refr", "((v > Vt) and (not refr))")]
    [InlineData("clip(w + A, 0, wmax)", "clip((w + A), 0, wmax)")]
    [InlineData("rand()", "rand()")]
    [InlineData("1e-3*x", "(0.001 * x)")]
    public void Parses_with_the_usual_precedence(string text, string expected) =>
        Assert.Equal(expected, ExpressionParser.Parse(text).ToString());

    [Theory]
    [InlineData("(a + b", 6)]
    [InlineData("a + * b", 4)]
    [InlineData("a $ b", 2)]
    [InlineData("a +", 3)]
    public void Syntax_errors_point_at_the_position(string text, int position)
    {
        var e = Assert.Throws<ExpressionSyntaxException>(() => ExpressionParser.Parse(text));
        Assert.Equal(position, e.Position);
    }

    [Fact]
    public void Differentiates_and_detects_linearity()
    {
        var f = ExpressionParser.Parse("(ge + gi - (v - El))/taum");
        Assert.Equal("(-1 / taum)", Symbolic.Differentiate(f, "v")!.ToString());
        var hh = ExpressionParser.Parse("exp(v/4)*m");
        Assert.Contains("v", Symbolic.Names(Symbolic.Differentiate(hh, "v")!));
        Assert.DoesNotContain("m", Symbolic.Names(Symbolic.Differentiate(hh, "m")!));
        Assert.Null(Symbolic.Differentiate(ExpressionParser.Parse("where(v > 1, v, 0)"), "v"));
    }
}
