namespace DtIommu.Lint.Rules;

/// <summary>The frame every rule example is written in: 1/1 cells, 1 GiB of RAM at 2 GiB, and the given nodes.</summary>
internal static class ExampleBoards
{
    /// <summary>An SMMUv3 node labelled <c>smmu</c> at 0x1000000.</summary>
    public const string Smmu =
        "\tsmmu: iommu@1000000 {\n\t\tcompatible = \"arm,smmu-v3\";\n\t\treg = <0x1000000 0x20000>;\n\t\t#iommu-cells = <1>;\n\t};\n";

    /// <summary>A complete board around <paramref name="body"/> (nodes indented by one tab).</summary>
    public static string Board(string body) =>
        "/dts-v1/;\n\n/ {\n\t#address-cells = <1>;\n\t#size-cells = <1>;\n\n" +
        "\tmemory@80000000 {\n\t\tdevice_type = \"memory\";\n\t\treg = <0x80000000 0x40000000>;\n\t};\n\n" +
        body + "};\n";

    /// <summary>A board with the SMMUv3 and <paramref name="body"/>.</summary>
    public static string WithSmmu(string body) => Board(Smmu + "\n" + body);

    /// <summary>A DMA master at <paramref name="unit"/> with the given extra lines (each ending in a newline).</summary>
    public static string Dma(string unit, string lines) =>
        "\tdma@" + unit + " {\n\t\tcompatible = \"vendor,dma\";\n\t\treg = <0x" + unit + " 0x1000>;\n\t\t#dma-cells = <1>;\n" +
        lines + "\t};\n";

    /// <summary>A PCIe host bridge at 0x40000000 with the given extra lines.</summary>
    public static string Pcie(string lines) =>
        "\tpcie@40000000 {\n\t\tcompatible = \"pci-host-ecam-generic\";\n\t\tdevice_type = \"pci\";\n" +
        "\t\t#address-cells = <3>;\n\t\t#size-cells = <2>;\n\t\treg = <0x40000000 0x1000000>;\n\t\tbus-range = <0x00 0xff>;\n" +
        "\t\tranges = <0x2000000 0x00 0x50000000 0x50000000 0x00 0x10000000>;\n" + lines + "\t};\n";
}
