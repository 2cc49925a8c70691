using Microsoft.Build.Utilities;

namespace DtIommu.Build.Tests;

/// <summary>How item metadata becomes dtc options.</summary>
public sealed class DeviceTreeSettingsTests
{
    private static TaskItem Item(params (string Name, string Value)[] metadata)
    {
        var item = new TaskItem("/p/board.dts");
        item.SetMetadata("OutputFile", "/p/obj/board.dtb");
        foreach (var (name, value) in metadata) item.SetMetadata(name, value);
        return item;
    }

    [Fact]
    public void Preprocessing_is_on_unless_switched_off()
    {
        DeviceTreeSettings.ToOptions(Item(), "/p", [], out _).Preprocess.ShouldBeTrue();
        DeviceTreeSettings.ToOptions(Item(("Preprocess", "false")), "/p", [], out _).Preprocess.ShouldBeFalse();
    }

    [Fact]
    public void Defines_and_undefines_keep_their_order_and_values()
    {
        var options = DeviceTreeSettings.ToOptions(Item(("Defines", "BOARD=2; DEBUG ;EXPR=a,b"), ("Undefines", "OLD")), "/p", [], out _);

        options.Defines.ShouldBe([("BOARD=2", false), ("DEBUG", false), ("EXPR=a,b", false), ("OLD", true)]);
    }

    [Fact]
    public void Include_paths_resolve_against_the_project_directory()
    {
        var options = DeviceTreeSettings.ToOptions(Item(("IncludePaths", "include;../common/;/abs")), "/p", [], out _);

        options.IncludeDirectories.ShouldBe(["/p/include", "/common", "/abs"]);
    }

    [Fact]
    public void Checks_metadata_maps_to_W_and_E()
    {
        var options = DeviceTreeSettings.ToOptions(Item(("Checks", "no-reg_format;error:avoid_default_addr_size")), "/p", [(false, "x")], out _);

        options.CheckOptions.ShouldBe([(false, "x"), (false, "no-reg_format"), (true, "avoid_default_addr_size")]);
    }

    [Fact]
    public void Only_known_check_names_in_NoWarn_and_WarningsAsErrors_reach_dtc()
    {
        DeviceTreeSettings.ProjectChecks("CS0168,unit_address_vs_reg;DT2001", "reg_format;nullable")
            .ShouldBe([(false, "no-unit_address_vs_reg"), (true, "reg_format")]);
    }

    [Fact]
    public void Unknown_output_format_is_reported()
    {
        DeviceTreeSettings.ToOptions(Item(("OutputFormat", "png")), "/p", [], out var error);

        error.ShouldNotBeNull().ShouldContain("png");
    }
}
