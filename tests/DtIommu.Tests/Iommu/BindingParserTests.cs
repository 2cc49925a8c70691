using DtIommu.Diagnostics;
using DtIommu.Iommu.Bindings;
using DtIommu.Tests.Lint;
using DtIommu.Text;

namespace DtIommu.Tests.Iommu;

/// <summary>The binding-file language: statements, meaning, located errors, and the shipped catalogue.</summary>
public class BindingParserTests
{
    private static (BindingFile file, DiagnosticBag bag) Parse(string text)
    {
        var bag = new DiagnosticBag();
        return (BindingParser.Parse(text, "t.iommu", bag), bag);
    }

    private static Diagnostic SingleError(string text)
    {
        var (file, bag) = Parse(text);
        file.Bindings.ShouldBeEmpty();
        return bag.Items.ShouldHaveSingleItem();
    }

    private const string Minimal = """
        binding demo {
            match compatible "acme,iommu";
            specifier 1 { sid : id; }
        }
        """;

    [Fact]
    public void Minimal_binding_has_defaults()
    {
        var (file, bag) = Parse(Minimal);
        bag.Items.ShouldBeEmpty();
        var b = file.Bindings.ShouldHaveSingleItem();
        b.Name.ShouldBe("demo");
        b.Title.ShouldBe("demo");
        b.Driver.ShouldBe("demo");
        b.Attach.ShouldBe(AttachKind.Iommus);
        b.Simulator.ShouldBeNull();
        b.Span.ShouldBe(new DtIommu.Text.SourceSpan("t.iommu", 1, 9, 1, 13));
        var layout = b.LayoutFor(1).ShouldNotBeNull();
        layout.Fields.ShouldHaveSingleItem().Role.ShouldBe(FieldRole.Id);
        b.LayoutFor(2).ShouldBeNull();
    }

    [Fact]
    public void Full_binding_with_values()
    {
        var (file, bag) = Parse("""
            // comment
            binding x {
                title "X IOMMU";
                driver x-drv;
                match compatible "a,b", "a,*-c";
                match iommu-cells 3;
                specifier 2 {
                    id : id bits 12;  /* block comment */
                    m : mask = prop("stream-match-mask") ?? 0x7c00;
                    w : opaque { hi = bits 15 .. 8; lo = bits 7 .. 0; }
                }
                quirk multi-instance, shared-context;
                simulator sim {
                    aperture = window("dma-window") ?? 0 .. 4G;
                    page-sizes = 4K, 2M;
                    contexts = prop("x,ncb") ?? 8;
                    masters = multi;
                    flag = flag("x,flag");
                    wide = width(40);
                }
            }
            """);
        bag.Items.ShouldBeEmpty();
        var b = file.Bindings.ShouldHaveSingleItem();
        b.Title.ShouldBe("X IOMMU");
        b.Driver.ShouldBe("x-drv");
        b.Matchers.Select(m => (m.Kind, m.Text, m.Cells)).ShouldBe([
            (MatchKind.Compatible, "a,b", 0), (MatchKind.Compatible, "a,*-c", 0), (MatchKind.IommuCells, "", 3)]);
        var f = b.LayoutFor(2)!.Fields;
        f.Select(x => (x.Name, x.Role, x.Cells, x.Bits)).ShouldBe([
            ("id", FieldRole.Id, 1, (int?)12), ("m", FieldRole.Mask, 0, null), ("w", FieldRole.Opaque, 1, null)]);
        f[1].Default.ShouldBeOfType<FallbackValue>();
        f[2].SubFields.ShouldBe([new SpecifierBits("hi", 15, 8), new SpecifierBits("lo", 7, 0)]);
        f[2].SubFields[0].Extract(0xabcd).ShouldBe(0xabUL);
        b.Quirks.ShouldBe([BindingQuirks.MultiInstance, BindingQuirks.SharedContext]);
        var sim = b.Simulator!;
        sim.Kind.ShouldBe("sim");
        sim.Parameters.Select(p => p.Name).ShouldBe(["aperture", "page-sizes", "contexts", "masters", "flag", "wide"]);
        var ap = sim.Parameters[0].Values.ShouldHaveSingleItem().ShouldBeOfType<FallbackValue>();
        var range = ap.Otherwise.ShouldBeOfType<RangeValue>();
        range.End.ShouldBeOfType<NumberValue>().Value.ShouldBe(4UL << 30);
        sim.Parameters[1].Values.Select(v => ((NumberValue)v).Value).ShouldBe([4096UL, 2UL << 20]);
    }

    [Fact]
    public void Syntax_error_is_located()
    {
        var d = SingleError("binding x {\n  match compatible \"a\";\n  specifier 1 { id : id; }\n  title \"t\"\n}\n");
        d.Descriptor.Code.ShouldBe("DT0400");
        d.Span!.Value.Line.ShouldBe(5);
        d.Span!.Value.Column.ShouldBe(1);
    }

    [Fact]
    public void Unterminated_block_reports_end_of_file()
    {
        var d = SingleError("binding x {\n  match compatible \"a\";\n");
        d.Descriptor.Code.ShouldBe("DT0400");
        d.Span!.Value.Line.ShouldBe(3);
    }

    [Fact]
    public void Unknown_statement_is_located_at_its_keyword()
    {
        var d = SingleError("binding x {\n  match compatible \"a\";\n  specifer 1 { id : id; }\n}\n");
        d.Descriptor.ShouldBe(BindingDiagnostics.UnknownStatement);
        d.Span.ShouldBe(new DtIommu.Text.SourceSpan("t.iommu", 3, 3, 3, 11));
        d.Message.ShouldContain("'specifer'");
    }

    [Fact]
    public void Unknown_role_is_located_at_the_role()
    {
        var d = SingleError("binding x {\n  match compatible \"a\";\n  specifier 1 { sid : streamid; }\n}\n");
        d.Descriptor.ShouldBe(BindingDiagnostics.UnknownName);
        d.Span!.Value.Line.ShouldBe(3);
        d.Span!.Value.Column.ShouldBe(23);
    }

    [Fact]
    public void Cell_count_of_fields_must_match_the_layout()
    {
        var d = SingleError("binding x { match compatible \"a\"; specifier 2 { sid : id; } }");
        d.Descriptor.ShouldBe(BindingDiagnostics.BadValue);
        d.Message.ShouldBe("the fields take 1 cells but the layout is for 2");
    }

    [Fact]
    public void Missing_match_and_specifier_are_reported()
    {
        var (file, bag) = Parse("binding x { title \"t\"; }");
        file.Bindings.ShouldBeEmpty();
        bag.Items.Select(i => i.Descriptor.Code).ShouldBe(["DT0404", "DT0404"]);
    }

    [Fact]
    public void Typed_parameters_are_checked()
    {
        var d = SingleError("binding x { match compatible \"a\"; specifier none; simulator s { page-sizes = 4K, 3K; } }");
        d.Descriptor.ShouldBe(BindingDiagnostics.BadParameter);
        SingleError("binding x { match compatible \"a\"; specifier none; simulator s { masters = many; } }")
            .Descriptor.ShouldBe(BindingDiagnostics.BadParameter);
        SingleError("binding x { match compatible \"a\"; specifier none; simulator s { aperture = 5; } }")
            .Descriptor.ShouldBe(BindingDiagnostics.BadParameter);
    }

    [Fact]
    public void Duplicates_are_reported()
    {
        SingleError("binding x { match compatible \"a\"; specifier 1 { a : id; } specifier 1 { b : id; } }")
            .Descriptor.ShouldBe(BindingDiagnostics.Duplicate);
        var (file, bag) = Parse(Minimal + "\n" + Minimal);
        file.Bindings.Count.ShouldBe(1);
        bag.Items.ShouldHaveSingleItem().Span!.Value.Line.ShouldBe(5);
    }

    [Fact]
    public void One_bad_binding_does_not_drop_the_others()
    {
        var (file, bag) = Parse(Minimal + "\nbinding bad { match compatible \"b\"; specifier 1 { x : nope; } }\n" + Minimal.Replace("demo", "demo2"));
        file.Bindings.Select(b => b.Name).ShouldBe(["demo", "demo2"]);
        bag.Items.ShouldHaveSingleItem().Descriptor.ShouldBe(BindingDiagnostics.UnknownName);
    }

    [Fact]
    public void Oversized_number_is_reported()
    {
        SingleError("binding x { match compatible \"a\"; specifier none; simulator s { size = 0x1ffffffffffffffff; } }")
            .Message.ShouldContain("does not fit in 64 bits");
    }

    [Fact]
    public void Shipped_catalog_covers_every_family()
    {
        var c = IommuTestSupport.Shipped;
        c.Diagnostics.Items.Where(d => d.Severity >= Severity.Warning).ShouldBeEmpty();
        c.Bindings.Select(b => b.Name).OrderBy(n => n, StringComparer.Ordinal).ShouldBe([
            "apple-dart", "arm-smmu", "arm-smmu-v3", "exynos-sysmmu", "fsl-pamu", "generic-fixed", "generic-master-id",
            "generic-windowed", "intel-vtd", "mtk-m4u", "mtk-m4u-infra", "mtk-m4u-multi-region", "mtk-m4u-v1", "pseries-tce", "qcom-iommu", "qcom-msm-iommu-v0",
            "renesas-ipmmu", "rockchip", "sprd", "sun50i", "tegra124-smmu", "tegra20-gart", "tegra30-smmu", "ti-omap",
            "virtio-iommu", "xen-grant-dma"]);
        foreach (var b in c.Bindings) b.Simulator.ShouldNotBeNull(b.Name);
    }

    [Fact]
    public void Every_iommu_compatible_a_Linux_driver_matches_has_a_binding()
    {
        // A board using any of them must never be told its IOMMU has no driver: that would be a catalogue gap.
        var file = Path.Combine(RepositoryFiles.Root, "tests", "DtIommu.Tests", "Iommu", "Fixtures", "linux-6.12-iommu-compatibles.txt");
        var compatibles = File.ReadAllLines(file).Where(l => l.Length > 0 && l[0] != '#').ToList();
        compatibles.Count.ShouldBeGreaterThan(80);
        compatibles.Where(c => IommuTestSupport.Shipped.MatchCompatible([c]) == null).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("rockchip,rk3568-iommu", "rockchip")]
    [InlineData("qcom,sdm845-smmu-500", "arm-smmu")]
    [InlineData("renesas,ipmmu-r8a77965", "renesas-ipmmu")]
    [InlineData("nvidia,tegra186-smmu", "arm-smmu")]
    [InlineData("nvidia,tegra30-smmu", "tegra30-smmu")]
    [InlineData("mediatek,mt8183-m4u", "mtk-m4u")]
    [InlineData("mediatek,mt2701-m4u", "mtk-m4u-v1")]
    [InlineData("intel,vtd", "intel-vtd")]
    [InlineData("acme,unknown-iommu", null)]
    public void Compatible_matching(string compatible, string? binding)
    {
        IommuTestSupport.Shipped.MatchCompatible([compatible])?.Name.ShouldBe(binding);
    }

    [Fact]
    public void Most_specific_compatible_wins_and_exact_beats_wildcard()
    {
        var c = new BindingCatalog();
        c.AddText("""
            binding wild { match compatible "v,*"; specifier 0 { } }
            binding exact { match compatible "v,x"; specifier 0 { } }
            binding fallback { match compatible "generic"; specifier 0 { } }
            """, "a.iommu");
        c.MatchCompatible(["v,x", "generic"])!.Name.ShouldBe("exact");
        c.MatchCompatible(["v,y", "generic"])!.Name.ShouldBe("wild");
        c.MatchCompatible(["w,y", "generic"])!.Name.ShouldBe("fallback");
    }

    [Fact]
    public void User_directory_overrides_a_shipped_binding()
    {
        var dir = Path.Combine(Path.GetTempPath(), "dtiommu-bindings-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "smmu.iommu"), """
                binding arm-smmu-v3 {
                    match compatible "arm,smmu-v3";
                    specifier 1 { sid : id bits 16; }
                    simulator smmu-v3 { id-bits = 16; }
                }
                binding acme { match compatible "acme,mmu"; specifier 0 { } }
                """);
            var c = BindingCatalog.LoadShipped();
            c.AddDirectory(dir);
            c.Find("arm-smmu-v3")!.Simulator!.Parameters.ShouldHaveSingleItem().Name.ShouldBe("id-bits");
            c.MatchCompatible(["acme,mmu"])!.Name.ShouldBe("acme");
            c.Diagnostics.Items.ShouldContain(d => d.Descriptor == BindingDiagnostics.Override && d.Message.Contains("replaces"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Missing_directory_is_an_io_diagnostic()
    {
        var c = BindingCatalog.LoadDirectory(Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N")));
        c.Diagnostics.Items.ShouldHaveSingleItem().Descriptor.ShouldBe(BindingDiagnostics.Io);
        c.Bindings.ShouldBeEmpty();
    }

    [Fact]
    public void Descriptor_codes_are_in_the_reserved_range_and_unique()
    {
        var codes = BindingDiagnostics.All.Select(d => d.Code).ToList();
        codes.Distinct().Count().ShouldBe(codes.Count);
        foreach (var code in codes) int.Parse(code.Substring(2)).ShouldBeInRange(400, 499);
    }
}
