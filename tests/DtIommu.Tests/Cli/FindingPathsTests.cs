using System.Text.RegularExpressions;
using DtIommu.Cli;

namespace DtIommu.Tests.Cli;

/// <summary>
/// The node paths a finding's message names are found as the regular expression that once found them does:
/// <c>(?&lt;![\w/])/[A-Za-z0-9,._+@-]+(?:/[A-Za-z0-9,._+@-]+)*</c>.
/// </summary>
public class FindingPathsTests
{
    private static readonly Regex Oracle = new(@"(?<![\w/])/[A-Za-z0-9,._+@-]+(?:/[A-Za-z0-9,._+@-]+)*", RegexOptions.CultureInvariant);

    private static List<(int, int)> Expected(string text) => Oracle.Matches(text).Select(m => (m.Index, m.Length)).ToList();

    [Theory]
    [InlineData("/soc/iommu@1000 masters /soc/usb@2000.", 2)]
    [InlineData("a/b //c /d/ e_/f é/g /h//i", 2)]
    [InlineData("/", 0)]
    [InlineData("x/y /", 0)]
    public void Messages_name_the_paths_the_expression_finds(string text, int paths)
    {
        var found = FindingLabels.PathsIn(text).ToList();
        found.ShouldBe(Expected(text));
        found.Count.ShouldBe(paths);
    }

    [Fact]
    public void Random_text_gives_the_expressions_matches()
    {
        const string alphabet = "/ab@,.-_+é:( )9/\u0301";
        var random = new Random(13);
        for (var n = 0; n < 20000; n++)
        {
            var chars = new char[random.Next(0, 24)];
            for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
            var text = new string(chars);
            FindingLabels.PathsIn(text).ToList().ShouldBe(Expected(text), text);
        }
    }
}
