using Dendra.Cli.Parsing;

namespace Dendra.Cli.Tests;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("2s", 2)]
    [InlineData("0.1ms", 1e-4)]
    [InlineData("1e-4", 1e-4)]
    [InlineData("1E-4s", 1e-4)]
    [InlineData("50us", 5e-5)]
    [InlineData("50µs", 5e-5)]
    [InlineData("20 ms", 0.02)]
    [InlineData("20*ms", 0.02)]
    [InlineData(".5s", 0.5)]
    [InlineData("3", 3)]
    [InlineData("1min", 60)]
    public void Times_parse_with_units(string text, double seconds)
    {
        Assert.True(Quantity.TryParseTime(text, out var value, out var error), error);
        Assert.Equal(seconds, value, 12);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("ms", "not a number")]
    [InlineData("5mV", "unknown time unit 'mV'")]
    [InlineData("5 parsecs", "unknown time unit 'parsecs'")]
    [InlineData("1e", "unknown time unit 'e'")]
    [InlineData("NaN", "not a number")]
    public void Bad_times_say_why(string text, string why)
    {
        Assert.False(Quantity.TryParseTime(text, out _, out var error));
        Assert.Contains(why, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-65mV", -0.065)]
    [InlineData("1.62*mV", 0.00162)]
    [InlineData("10nS", 1e-8)]
    [InlineData("2mS", 2e-3)]
    [InlineData("15Hz", 15)]
    [InlineData("0.5nA", 5e-10)]
    public void Quantities_parse_with_any_unit_of_Units(string text, double si)
    {
        Assert.True(Quantity.TryParse(text, out var value, out var error), error);
        Assert.Equal(si, value, 15);
    }

    [Theory]
    [InlineData("4000", typeof(int), 4000)]
    [InlineData("4e3", typeof(int), 4000)]
    [InlineData("1_000", typeof(long), 1000L)]
    [InlineData("10ms", typeof(double), 0.01)]
    [InlineData("yes", typeof(bool), true)]
    [InlineData("off", typeof(bool), false)]
    [InlineData(" text ", typeof(string), " text ")]
    public void Parameter_values_convert_to_the_type_of_the_default(string text, Type type, object expected)
    {
        Assert.True(ParameterValue.TryConvert(text, type, out var value, out var error), error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("4.5", typeof(int))]
    [InlineData("3000000000", typeof(int))]
    [InlineData("maybe", typeof(bool))]
    [InlineData("10 parsecs", typeof(double))]
    public void Bad_parameter_values_do_not_convert(string text, Type type)
    {
        Assert.False(ParameterValue.TryConvert(text, type, out _, out var error));
        Assert.NotEmpty(error);
    }
}
