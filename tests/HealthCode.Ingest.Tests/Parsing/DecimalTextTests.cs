using System.Globalization;
using System.Text;
using HealthCode.Ingest.Parsing;

namespace HealthCode.Ingest.Tests.Parsing;

public sealed class DecimalTextTests
{
    [Fact]
    public void TryParse_RandomCoordinates_GiveExactlyTheFrameworkDouble()
    {
        var random = new Random(3);

        for (var i = 0; i < 200_000; i++)
        {
            var decimals = random.Next(0, 12);
            var text = (random.NextDouble() * 360 - 180).ToString("F" + decimals, CultureInfo.InvariantCulture);

            Assert.True(DecimalText.TryParse(Encoding.ASCII.GetBytes(text), out var value), text);
            Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)),
                BitConverter.DoubleToInt64Bits(value));
        }
    }

    [Theory]
    [InlineData("1e3", 1000.0)]
    [InlineData("12345678901234567890.5", 12345678901234567890.5)]
    [InlineData(" 7.25 ", 7.25)]
    [InlineData("-0.5", -0.5)]
    [InlineData(".5", 0.5)]
    public void TryParse_OtherForms_FallBackToTheFrameworkParser(string text, double expected)
    {
        Assert.True(DecimalText.TryParse(Encoding.ASCII.GetBytes(text), out var value));

        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("12a")]
    public void TryParse_NotAFiniteNumber_IsRejected(string text)
    {
        Assert.False(DecimalText.TryParse(Encoding.ASCII.GetBytes(text), out _));
    }
}
