using System;
using System.Collections.Generic;
using DtIommu.Model;

namespace DtIommu.Iommu.Resolve;

/// <summary>
/// Decides which nodes without <c>iommus</c> are DMA masters, and says how it knows: board files rarely mark a plain
/// MMC, Ethernet or USB controller as DMA-capable, yet its <c>dma-ranges</c> decide where its buffers may live.
/// </summary>
public static class DmaMasterClassifier
{
    // Generic node names (Devicetree specification §2.2.2) of device classes that master the bus for their buffers.
    private static readonly HashSet<string> BusMasterNames = new(StringComparer.Ordinal)
    {
        "usb", "mmc", "ethernet", "sata", "ufs", "ufshc", "gpu", "display-controller", "video-codec", "crypto",
        "nand-controller", "npu", "dma-controller",
    };

    // Remote processors and DSPs run their own software with their own address map: their `dma-ranges` and pools
    // describe that map, not where Linux puts DMA buffers.
    private static readonly string[] RemoteProcessorNames = ["remoteproc", "dsp", "m4", "m7", "mcu", "r5f", "pru", "scp", "wkup-m3", "ipu"];
    private static readonly string[] RemoteProcessorCompatibles = ["rproc", "remoteproc", "-pil", "-pas", "-dsp", "-m4", ",m4", "-scp", "-adsp", "-cdsp", "-mpss", "-wcss"];

    /// <summary>
    /// Why <paramref name="node"/> is a DMA master (a short phrase for the model), or null when nothing says it is.
    /// <paramref name="ownsPool"/> tells whether its <c>memory-region</c> names a DMA pool.
    /// </summary>
    public static string? Evidence(Node node, bool ownsPool)
    {
        var compat = TreeIndex.Compatible(node);
        var isBus = TreeIndex.Has(node, "ranges") || TreeIndex.Has(node, "dma-ranges") || compat.Contains("simple-bus");
        if ((TreeIndex.Has(node, "dma-coherent") || TreeIndex.Has(node, "dma-noncoherent")) && !isBus) return "dma-coherent/dma-noncoherent";
        // DMA routers (crossbars) carry #dma-cells but only steer requests; they never master the bus.
        if (TreeIndex.Has(node, "#dma-cells") && node.BaseName != "dma-router") return "#dma-cells (DMA engine)";
        if (compat.Contains("virtio,mmio")) return "virtio,mmio";
        if (ownsPool) return "memory-region names a DMA pool";
        if (!isBus && BusMasterNames.Contains(node.BaseName) && OnMmioBus(node) && !BelowIommuMaster(node)) return $"generic node name \"{node.BaseName}\" (a bus-mastering device class)";
        return null;
    }

    /// <summary>True for remote processors and DSPs, recognised by generic name or compatible.</summary>
    public static bool IsRemoteProcessor(Node node)
    {
        if (Array.IndexOf(RemoteProcessorNames, node.BaseName) >= 0) return true;
        foreach (var c in TreeIndex.Compatible(node))
            foreach (var k in RemoteProcessorCompatibles)
                if (c.Contains(k, StringComparison.Ordinal)) return true;
        return false;
    }

    // Sub-blocks of a master that has `iommus` (a display controller inside its MDSS) DMA with the parent's stream ID,
    // through the parent's IOMMU domain.
    private static bool BelowIommuMaster(Node node)
    {
        for (var p = node.Parent; p != null; p = p.Parent)
            if (TreeIndex.Has(p, "iommus")) return true;
        return false;
    }

    // A node addressed on a memory-mapped bus; children of USB, MMC or MDIO buses (#size-cells 0) are not.
    private static bool OnMmioBus(Node node) =>
        node.Parent != null && TreeIndex.Has(node, "reg") && TreeIndex.BusSizeCells(node.Parent) > 0;
}
