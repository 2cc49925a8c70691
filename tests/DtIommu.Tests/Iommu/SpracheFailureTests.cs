using System.Globalization;
using System.Text.RegularExpressions;
using DtIommu.Iommu.Bindings;

namespace DtIommu.Tests.Iommu;

/// <summary>
/// A binding file's parse failure is read from Sprache's message as the regular expression that once read it does:
/// <c>^Parsing failure: (.*) \(Line (\d+), Column (\d+)\)</c>.
/// </summary>
public class SpracheFailureTests
{
    private static readonly Regex Oracle = new(@"^Parsing failure: (.*) \(Line (\d+), Column (\d+)\)");

    private static (string, int, int)? Expected(string message) => Oracle.Match(message) is { Success: true } m
        ? (m.Groups[1].Value, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture))
        : null;

    [Theory]
    [InlineData("Parsing failure: unexpected '}'; expected ; (Line 3, Column 14); recently consumed: a")]
    [InlineData("Parsing failure: a (Line 1, Column 2) b (Line 5, Column 6)\nsecond (Line 7, Column 8)")]
    [InlineData("Parsing failure:  (Line 1, Column 2)")]
    [InlineData("Parsing failure: x (Line 1, Column 2")]
    [InlineData("Parsing failure: x (Line , Column 2)")]
    [InlineData("Parsing failure: x (Line 1, Column 2) y (Line 3,Column 4)")]
    [InlineData("parsing failure: x (Line 1, Column 2)")]
    public void Sprache_messages_read_as_the_expression_reads_them(string message)
    {
        BindingSyntax.SpracheFailure(message).ShouldBe(Expected(message));
    }

    [Fact]
    public void A_message_with_a_position_gives_its_failure_line_and_column()
    {
        BindingSyntax.SpracheFailure("Parsing failure: unexpected 'x' (Line 12, Column 3)").ShouldBe(("unexpected 'x'", 12, 3));
    }
}
