using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DtIommu.Iommu.Model;
using DtIommu.Iommu.Output;
using DtIommu.Iommu.Resolve;
using DtIommu.Tests.Compiler;

namespace DtIommu.Tests.Iommu;

/// <summary>The DMA topology as DOT and as a self-contained HTML page with an inline SVG drawing.</summary>
public class TopologyPictureTests
{
    private static IommuModel ExampleModel() =>
        IommuTestSupport.Model(File.ReadAllText(Path.Combine(DifferentialTests.RepoRoot(), "examples", "boards", "arm-virt-smmuv3.dts")));

    private static string Html(IommuModel model)
    {
        var w = new StringWriter();
        HtmlReportWriter.Write(model, w, "board.dts");
        return w.ToString();
    }

    private static XElement Svg(string html)
    {
        var start = html.IndexOf("<svg", StringComparison.Ordinal);
        var end = html.IndexOf("</svg>", StringComparison.Ordinal) + "</svg>".Length;
        return XElement.Parse(html[start..end]);
    }

    private static readonly XNamespace S = "http://www.w3.org/2000/svg";

    [Fact]
    public void Html_is_self_contained()
    {
        var html = Html(ExampleModel());
        html.ShouldStartWith("<!DOCTYPE html>");
        // Only the SVG namespace URI may mention a scheme; nothing is fetched.
        Regex.Matches(html, "https?://").Count.ShouldBe(1);
        html.ShouldNotContain("<link");
        html.ShouldNotContain("src=");
        html.ShouldNotContain("url(http");
        html.ShouldContain("<input id=\"search\"");
        html.ShouldContain("<script>");
    }

    [Fact]
    public void Svg_draws_masters_translations_iommus_and_memory_connected_in_order()
    {
        var model = ExampleModel();
        var svg = Svg(Html(model));
        var nodes = svg.Elements(S + "g").Where(g => ((string?)g.Attribute("class") ?? "").StartsWith("node")).ToList();
        string Class(XElement g) => ((string)g.Attribute("class")!).Split(' ')[1];
        nodes.Select(Class).ShouldBe(["group", "translation", "iommu", "memory"]);
        var group = nodes[0];
        group.Value.ShouldContain("2 masters · translated");
        foreach (var m in model.Masters) ((string)group.Attribute("data-search")!).ShouldContain(m.Path);
        nodes[2].Value.ShouldContain("/iommu@9050000");
        nodes[3].Value.ShouldContain("RAM 0x40000000-0xbfffffff");
        var ids = nodes.Select(n => ((string)n.Attribute("id")!)["svg-".Length..]).ToList();
        var edges = svg.Elements(S + "path").Select(p => ((string)p.Attribute("data-from")!, (string)p.Attribute("data-to")!)).ToList();
        edges.ShouldBe([(ids[0], ids[1]), (ids[1], ids[2]), (ids[2], ids[3])]);
        // The IOMMU has a finding: it is outlined and badged, and the group box links to its table.
        ((string)nodes[2].Attribute("class")!).ShouldContain("finding");
        nodes[2].Value.ShouldContain("⚠1");
        ((string)group.Attribute("data-target")!).ShouldBe("list-g0");
    }

    [Fact]
    public void Boxes_stay_inside_the_drawing_and_do_not_overlap()
    {
        // Many masters in many groups: boxes of a column are stacked without overlap inside the viewBox.
        var dts = "/dts-v1/;\n/ {\n #address-cells = <1>; #size-cells = <1>;\n memory@0 { device_type = \"memory\"; reg = <0 0x10000000>; };\n"
            + " smmu: iommu@1000 { compatible = \"arm,smmu-v3\"; reg = <0x1000 0x100>; #iommu-cells = <1>; };\n"
            + string.Concat(Enumerable.Range(0, 300).Select(i => $" dev@{0x100000 + i * 0x100:x} {{ reg = <0x{0x100000 + i * 0x100:x} 0x100>; iommus = <&smmu {i}>; {(i % 3 == 0 ? "status = \"disabled\"; " : "")}}};\n"))
            + string.Concat(Enumerable.Range(0, 20).Select(i => $" bus{i} {{ #address-cells = <1>; #size-cells = <1>; ranges; dma-ranges = <0 0x{i:x}000000 0x1000000>; d@0 {{ reg = <0 1>; iommus = <&smmu 0x{1000 + i:x}>; }}; }};\n"))
            + "};\n";
        var model = IommuTestSupport.Model(dts);
        model.Masters.Count.ShouldBe(320);
        var svg = Svg(Html(model));
        var box = svg.Elements(S + "g").Select(g => g.Element(S + "rect")!).Select(r => (X: (double)r.Attribute("x")!, Y: (double)r.Attribute("y")!, H: (double)r.Attribute("height")!, W: (double)r.Attribute("width")!)).ToList();
        var view = ((string)svg.Attribute("viewBox")!).Split(' ').Select(double.Parse).ToArray();
        // 300 platform masters collapse into two groups (enabled, disabled); the 20 bus masters differ in translation.
        box.Count.ShouldBe(22 + 21 + 1 + 1);
        foreach (var b in box) (b.Y + b.H <= view[3] && b.X + b.W <= view[2]).ShouldBeTrue();
        foreach (var column in box.GroupBy(b => b.X))
        {
            var sorted = column.OrderBy(b => b.Y).ToList();
            for (var i = 1; i < sorted.Count; i++) sorted[i].Y.ShouldBeGreaterThanOrEqualTo(sorted[i - 1].Y + sorted[i - 1].H);
        }
        svg.Value.ShouldContain("… and 195 more");
        svg.Value.ShouldContain("… and 95 more");
    }

    [Fact]
    public void Dot_lists_the_stages_and_edges()
    {
        var w = new StringWriter();
        DotWriter.Write(ExampleModel(), w, "board.dts");
        var dot = w.ToString();
        dot.ShouldStartWith("digraph dma {\n");
        dot.ShouldContain("\t\tg0 [label=\"2 masters · translated\\l/dma@a000000\\l/pcie@10000000\\lvia /iommu@9050000\\lreaches 0x40000000-0xbfffffff\\l\"];\n");
        dot.ShouldContain("\t\t\"t-none\" [label=\"no dma-ranges\\l1:1, no bus limit\\l\", fillcolor=\"#eef5ff\"];\n");
        dot.ShouldContain("\tmemory [label=\"memory\\lRAM 0x40000000-0xbfffffff\\l1 reserved region\\l\", fillcolor=\"#eaf7ea\"];\n");
        Regex.Matches(dot, " -> ").Count.ShouldBe(3);
        dot.ShouldEndWith("}\n");
    }

    [Fact]
    public void Memory_override_replaces_the_trees_memory()
    {
        var tree = IommuTestSupport.Compile(File.ReadAllText(Path.Combine(DifferentialTests.RepoRoot(), "examples", "boards", "arm-virt-smmuv3.dts")));
        var ram = MemoryRangeParser.Parse("0x80000000-0x8fffffff, 0x40000000-0x4fffffff,0x50000000-0x5fffffff", out var error)!;
        error.ShouldBeNull();
        ram.ShouldBe([new AddressRange(0x40000000, 0x5fffffff), new AddressRange(0x80000000, 0x8fffffff)]);
        var model = IommuModelBuilder.Build(tree, IommuTestSupport.Shipped, ram);
        model.Memory.ShouldBe(ram);
        model.Masters.First(m => m.Path == "/dma@a000000").ReachableRam.ShouldBe(ram);
    }

    [Theory]
    [InlineData("0x100")]
    [InlineData("0x200-0x100")]
    [InlineData("zz-0x100")]
    [InlineData("0x0-0x1,")]
    public void Bad_memory_ranges_are_refused(string text)
    {
        MemoryRangeParser.Parse(text, out var error).ShouldBeNull();
        error.ShouldStartWith("bad memory range '");
    }

    [ChromiumFact]
    public void Headless_chromium_renders_the_page_and_runs_its_script()
    {
        var dir = Directory.CreateTempSubdirectory("dtiommu-html-").FullName;
        try
        {
            var page = Path.Combine(dir, "board.html");
            // The page searches for "pcie" on load through its own script, as a user typing would.
            File.WriteAllText(page, Html(ExampleModel()).Replace("</body>", "<script>var s=document.getElementById('search');s.value='pcie';s.dispatchEvent(new Event('input'));</script></body>"));
            var dom = RunChromium(dir, "--dump-dom", "file://" + page);
            dom.ShouldContain("<svg");
            dom.ShouldContain("1 match</span>");
            // The other master, the IOMMU and the finding do not mention pcie.
            Regex.Matches(dom, "class=\"row hidden\"").Count.ShouldBe(3);
            RunChromium(dir, "--window-size=1400,900", "--screenshot=" + Path.Combine(dir, "shot.png"), "file://" + page);
            var png = File.ReadAllBytes(Path.Combine(dir, "shot.png"));
            png.Take(8).ShouldBe(new byte[] { 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a });
            DtIommu.Blob.BigEndian.U32(png, 16).ShouldBe(1400u);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static string RunChromium(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo(ChromiumFactAttribute.Chromium!) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=" + Path.Combine(dir, "profile") }.Concat(args)) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        p.ExitCode.ShouldBe(0, err.Result);
        return output;
    }
}

/// <summary>Needs a headless-capable Chromium (Debian's chromium package); skipped with the reason otherwise.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public static string? Chromium => new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    public ChromiumFactAttribute()
    {
        if (Chromium == null) Skip = "chromium is not installed (apt-get install chromium) to render the HTML report headless";
    }
}
