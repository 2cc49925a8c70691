using System.Text;
using Antlr4.Runtime;
using DtIommu.Compilation;
using DtIommu.Diagnostics;
using DtIommu.Sources;
using DtIommu.Syntax;
using DtIommu.Syntax.Generated;

namespace DtIommu.Tests.Compiler;

/// <summary>
/// Tokens, child lists and value contexts of built properties are given out again to later ones, and what is built
/// from them is what dtc builds.
/// </summary>
public class ParseTreeRecyclerTests
{
    private static string Fixture(string name) =>
        Path.Combine(DifferentialTests.RepoRoot(), "tests", "DtIommu.Tests", "Compiler", "Fixtures", name);

    [Fact]
    public void Every_value_form_built_from_reused_parts_prints_as_dtc_prints_it()
    {
        // The expected text is dtc 1.8.1's output for the fixture.
        var result = DtcCompiler.Compile(new DtcOptions { Input = Fixture("recycled-values.dts"), OutputFormat = "dts" }, DiskFileSource.Instance);

        result.Diagnostics.ShouldBeEmpty();
        Latin1.GetString(result.Output!).ShouldBe(File.ReadAllText(Fixture("recycled-values.expected.dts")));
    }

    [Fact]
    public void A_thousand_properties_are_parsed_with_a_handful_of_tokens_lists_and_contexts()
    {
        var (root, recycler) = ParseRoot(i => $"\tl{i}: p{i} = <{i} ({i} + 1)>, \"s{i}\", [{i & 0xff:x2}];\n", 1000);

        // 15 tokens, 6 child lists and 5 contexts below the property's own: made new, they would number 15,000,
        // 6,000 and 5,000.
        recycler.TokensMade.ShouldBeLessThan(64);
        recycler.ListsMade.ShouldBeLessThan(32);
        recycler.ContextsReused.ShouldBeGreaterThan(4980);
        root.Properties.Count.ShouldBe(1000);
        for (var i = 0; i < 1000; i++)
        {
            var p = root.Properties[i];
            p.Name.ShouldBe($"p{i}");
            p.Labels.All.Select(l => l.Name).ShouldBe([$"l{i}"]);
            var expected = new List<byte>();
            expected.AddRange(BigEndian(i));
            expected.AddRange(BigEndian(i + 1));
            expected.AddRange(Latin1.GetBytes($"s{i}\0"));
            expected.Add((byte)i);
            p.Value.Bytes.ToArray().ShouldBe(expected.ToArray(), $"p{i}");
        }
    }

    [Fact]
    public void Nodes_built_earlier_give_their_contexts_and_tokens_to_later_ones()
    {
        var (root, recycler) = ParseRoot(i => $"\tb{i}: bus@{i:x} {{\n\t\tn{i}: dev@{i:x} {{ reg = <{i}>; }};\n\t\t/delete-node/ gone;\n\t}};\n", 300);

        // 23 tokens a bus, 6,900 made new. About 4 a bus stay: the root's children keep their labels and names until
        // the root is built, and a body's closing ';' is still the stream's when the body is released.
        recycler.TokensMade.ShouldBeLessThan(1300);
        // 8 contexts a bus; the bus's own two stay with the root, and the last property's waits for its tokens.
        recycler.ContextsReused.ShouldBeGreaterThan(1450);
        root.Children.Count.ShouldBe(300);
        for (var i = 0; i < 300; i++)
        {
            var bus = root.Children[i];
            bus.Name.ShouldBe($"bus@{i:x}");
            bus.Labels.All.Select(l => l.Name).ShouldBe([$"b{i}"]);
            bus.Children.Select(c => (c.Name, c.IsDeleted)).ShouldBe([($"dev@{i:x}", false), ("gone", true)]);
            var dev = bus.Children[0];
            dev.Labels.All.Select(l => l.Name).ShouldBe([$"n{i}"]);
            dev.Properties.Single().Value.Bytes.ToArray().ShouldBe(BigEndian(i));
        }
    }

    // Parses a root node holding count items, each written by item(i), through a recycler of its own.
    private static (Model.Node Root, ParseTreeRecycler Recycler) ParseRoot(Func<int, string> item, int count)
    {
        var source = new StringBuilder("/dts-v1/;\n/ {\n");
        for (var i = 0; i < count; i++) source.Append(item(i));
        source.Append("};\n");
        var recycler = new ParseTreeRecycler();
        var result = DtsFrontEnd.Parse("t.dts", Latin1.GetBytes(source.ToString()), new SourceLoader(new MemoryFileSource(), []),
            new DiagnosticBag(), recycler);
        return (result.Tree!.Root, recycler);
    }

    private static byte[] BigEndian(int v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];

    [Fact]
    public void A_bad_width_after_reused_tokens_is_still_seen()
    {
        // The width check looks back two tokens; by then the tokens before them may have been given out again.
        var r = Dtc.Compile("/dts-v1/;\n/ {\n\ta = <1>;\n\tb = <2>;\n\tc = /bits/ 7 <1>;\n};\n");

        string.Join("\n", r.Diagnostics.Where(d => d.Span != null).Select(d => d.Span!.Value.ToDtcString() + " " + d.Message))
            .ShouldBe("t.dts:5.13-14 Array elements must be 8, 16, 32 or 64-bits");
    }

    [Fact]
    public void A_misplaced_property_after_reused_ones_is_reported_where_it_is()
    {
        var r = Dtc.Compile("/dts-v1/;\n/ {\n\ta = <1>;\n\tb = <(2 + 3)>;\n\tn { x = <1>; y = \"s\"; };\n\tz = <2>;\n};\n");

        string.Join("\n", r.Diagnostics.Where(d => d.Span != null).Select(d => d.Span!.Value.ToDtcString() + " " + d.Message))
            .ShouldBe("t.dts:6.2-10 Properties must precede subnodes");
    }

    private static LazyTokenStream Stream(string text) =>
        new(new DtsTokenSource("t.dts", Latin1.GetBytes(text), new SourceLoader(new MemoryFileSource(), []), new DiagnosticBag()));

    [Fact]
    public void The_stream_never_hands_out_a_token_older_than_the_oldest_it_holds()
    {
        // A walk of consumes, marks, seeks back and releases, as prediction does them; after each step, every
        // token the stream can still give (LT(-1), the lookahead, and LT(-1) after seeking back to a mark) is at or
        // past OldestHeldIndex.
        var text = new StringBuilder("/dts-v1/;\n/ {\n");
        for (var i = 0; i < 100; i++) text.Append($"\tp{i} = <{i}>;\n");
        var tokens = Stream(text.Append("};\n").ToString());
        var random = new Random(7);
        var marks = new Stack<(int Marker, int Index)>();
        for (var step = 0; step < 600 && tokens.LA(1) != TokenConstants.EOF; step++)
        {
            switch (random.Next(6))
            {
                case 0 when marks.Count < 3:
                    marks.Push((tokens.Mark(), tokens.Index));
                    break;
                case 1 when marks.Count > 0:
                    var (marker, index) = marks.Pop();
                    tokens.Seek(index);
                    tokens.LT(-1)?.TokenIndex.ShouldBeGreaterThanOrEqualTo(tokens.OldestHeldIndex);
                    tokens.Release(marker);
                    break;
                default:
                    tokens.Consume();
                    break;
            }
            var oldest = tokens.OldestHeldIndex;
            tokens.LT(-1)?.TokenIndex.ShouldBeGreaterThanOrEqualTo(oldest);
            for (var k = 1; k <= 3; k++) tokens.LT(k).TokenIndex.ShouldBeGreaterThanOrEqualTo(oldest);
            foreach (var (_, index) in marks)
            {
                var at = tokens.Index;
                tokens.Seek(index);
                tokens.LT(-1)?.TokenIndex.ShouldBeGreaterThanOrEqualTo(oldest);
                tokens.Seek(at);
            }
        }
    }

    [Fact]
    public void Tokens_the_stream_still_holds_are_not_given_out_again()
    {
        var tokens = Stream("/dts-v1/;\n/ {\n\ta = <1 2>;\n\tb = \"s\";\n\tc = <3>;\n};\n");
        var properties = new DtsParser(tokens).sourceFile().devicetree().firstDefinition().GetRuleContext<DtsParser.NodeBodyContext>(0)
            .GetRuleContexts<DtsParser.PropertyDefinitionContext>();
        var recycler = new ParseTreeRecycler();
        var origin = new TokenOrigin(Latin1.GetBytes("1"), "t.dts", null);
        DtsToken Make() => recycler.Token(origin, DtsParser.LITERAL, 0, 0, 1, 0);

        // Taking b releases a, whose tokens all lie past index 0: the stream might still hand them out.
        recycler.Release(properties[0], heldFrom: 0);
        recycler.Release(properties[1], heldFrom: 0);
        Make();
        recycler.TokensMade.ShouldBe(1);
        properties[0].ChildCount.ShouldBe(0);

        // Taking c releases b's four tokens (b, =, "s" and ;), which the stream no longer holds.
        recycler.Release(properties[2], heldFrom: int.MaxValue);
        for (var i = 0; i < 4; i++) Make();
        recycler.TokensMade.ShouldBe(1);
        Make();
        recycler.TokensMade.ShouldBe(2);
    }
}
