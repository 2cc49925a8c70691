using System.Collections.Generic;
using DtIommu.Iommu.Bindings;
using DtIommu.Iommu.Model;

using DtIommu.Simulation.SingleMaster;
using DtIommu.Simulation.Smmu;
using DtIommu.Simulation.Tce;
using DtIommu.Simulation.Vtd;

namespace DtIommu.Simulation;

/// <summary>
/// Instantiates the simulated IOMMUs of a board from its IOMMU model: one simulator per available instance, named by
/// node path, with the binding's parameters, and one master per translated DMA master (also named by node path).
/// Binding families without a dedicated simulator are run on the nearest model: multi-master ID-indexed IOMMUs
/// (DART, IPMMU, Tegra, MediaTek, virtio-iommu, ...) on the SMMUv3 stream table, single-master ones on the
/// single-master simulator. What was built, and what was left out and why, is listed in <see cref="Notes"/>.
/// </summary>
public sealed class PlatformFromModel
{
    private PlatformFromModel(SimulatedPlatform platform) => Platform = platform;

    /// <summary>The platform to replay traces against.</summary>
    public SimulatedPlatform Platform { get; }

    /// <summary>One line per IOMMU and master: how it was simulated, or why it was not.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>The masters a simulated IOMMU refused when they were added, each with its note.</summary>
    public Dictionary<string, string> Refused { get; } = new(System.StringComparer.Ordinal);

    /// <summary>Builds the platform of <paramref name="model"/>; with <paramref name="identityDefault"/> (iommu.passthrough=1) groups start in their driver's identity domain where it has one.</summary>
    public static PlatformFromModel Build(IommuModel model, bool identityDefault = false)
    {
        var result = new PlatformFromModel(new SimulatedPlatform());
        var simulated = new Dictionary<string, string>();
        foreach (var instance in model.Instances)
        {
            if (!instance.Available || instance.SimulatorKind == null)
            {
                result.Notes.Add($"iommu {instance.Path}: not simulated ({(instance.Available ? "no simulator in its binding" : "disabled")})");
                continue;
            }
            if (instance.SimulatorKind == "xen-grant")
            {
                // xen-grant-dma is DMA ops over grant references at 2^63 and up, not an IOMMU with tables and groups.
                result.Notes.Add($"iommu {instance.Path}: not simulated (Xen grant DMA has no translation tables)");
                continue;
            }
            var (config, kind) = ConfigFor(instance, model);
            var outcome = result.Platform.AddIommu(instance.Path, config);
            if (!outcome.IsOk)
            {
                result.Notes.Add($"iommu {instance.Path}: not simulated ({outcome.Detail})");
                continue;
            }
            simulated[instance.Path] = kind;
            if (identityDefault) result.Platform.UseIdentityDefault(instance.Path);
            result.Notes.Add($"iommu {instance.Path}: {instance.SimulatorKind}" + (kind == instance.SimulatorKind ? "" : $" simulated as {kind}"));
        }

        var firstOfInstance = new Dictionary<string, string>();
        foreach (var master in model.Masters)
        {
            if (!master.Available || master.State is not (IommuState.Translated or IommuState.Partial)) continue;
            if (master.Liobn is { } liobn && FirstSimulated(model, simulated, "tce") is { } tce)
            {
                Add(result, new MasterSpec(master.Path, tce, Liobn: liobn));
                continue;
            }
            foreach (var a in master.Attachments)
            {
                if (a.State is not (AttachmentState.Active or AttachmentState.AttributedToFirstInstance)) continue;
                if (a.IommuPath == null || !simulated.TryGetValue(a.IommuPath, out var kind)) continue;
                var spec = kind switch
                {
                    "single-master" => new MasterSpec(master.Path, a.IommuPath),
                    "vtd" => new MasterSpec(master.Path, a.IommuPath, Pci: new Groups.PciFunction(master.Path,
                        Groups.PciAddress.FromRequesterId((ushort)(a.Rid ?? (uint)(a.PrimaryId ?? 0))), Groups.PciDeviceKind.Endpoint)),
                    _ => new MasterSpec(master.Path, a.IommuPath, StreamIds: [(uint)(a.PrimaryId ?? 0)], StreamMask: SmrMask(a)),
                };
                if (DriverGrouping.For(a.BindingName) == GroupingRule.PerInstance)
                {
                    if (firstOfInstance.TryGetValue(a.IommuPath, out var first)) spec = spec with { GroupWith = first };
                    else firstOfInstance[a.IommuPath] = master.Path;
                }
                Add(result, spec);
                break;
            }
        }
        return result;
    }

    private static void Add(PlatformFromModel result, MasterSpec spec)
    {
        var outcome = result.Platform.AddMaster(spec);
        var note = outcome.IsOk
            ? $"master {spec.Name}: on {spec.Iommu}"
            : $"master {spec.Name}: refused by {spec.Iommu} ({outcome.Detail})";
        result.Notes.Add(note);
        if (!outcome.IsOk) result.Refused[spec.Name] = note;
    }

    private static string? FirstSimulated(IommuModel model, Dictionary<string, string> simulated, string kind)
    {
        foreach (var i in model.Instances)
            if (simulated.TryGetValue(i.Path, out var k) && k == kind) return i.Path;
        return null;
    }

    private static uint SmrMask(IommuAttachment a)
    {
        foreach (var f in a.Fields)
            if (f.Role == FieldRole.Mask) return (uint)f.Value;
        return 0;
    }

    private static (IommuConfig Config, string Kind) ConfigFor(IommuInstance instance, IommuModel model)
    {
        int Int(string name, int fallback) => instance.Parameter(name) is { Kind: ParameterKind.Integer } p ? (int)p.Integer : fallback;
        var multi = instance.Parameter("masters") is { } m && m.Text == "multi";
        switch (instance.SimulatorKind)
        {
            case "vtd":
                return (new VtdConfig(NumDomains: Int("domains", 256), Mgaw: Int("mgaw", 48)), "vtd");
            case "smmu-v2":
                // The binding gives architectural maxima; the simulator models up to 128 SMRs and context banks.
                return (new SmmuV2Config(NumSmrs: Clamp(Int("smrs", 128), 1, 128), NumContextBanks: Clamp(Int("contexts", 128), 1, 128),
                    StreamIdBits: Clamp(Int("id-bits", 16), 1, 16)), "smmu-v2");
            case "smmu-v3":
                return (new SmmuV3Config(StreamIdBits: Clamp(Int("id-bits", 16), 1, 32)), "smmu-v3");
            case "tce":
                return (new TceConfig(TceWindows(model)), "tce");
            default:
                if (multi) return (new SmmuV3Config(StreamIdBits: Clamp(Int("id-bits", 16), 1, 32)), "smmu-v3");
                var aperture = instance.Aperture ?? new AddressRange(0, 0xFFFF_FFFF);
                return (new SingleMasterConfig(aperture.Start, aperture.End, SingleActiveDomain: instance.SimulatorKind == "gart",
                    PerDeviceGroups: DriverGrouping.For(instance.Binding?.Name) == GroupingRule.PerDeviceSharedTable), "single-master");
        }
    }

    private static List<TceWindowConfig> TceWindows(IommuModel model)
    {
        var windows = new List<TceWindowConfig>();
        var seen = new HashSet<uint>();
        foreach (var m in model.Masters)
        {
            if (m.Liobn is not { } liobn || m.Window is not { } w || !seen.Add(liobn)) continue;
            bool vio = m.Kind == MasterKind.PseriesVio;
            windows.Add(new TceWindowConfig(liobn, w.Range.Start, w.Range.End - w.Range.Start + 1, Vio: vio, Ddw: vio ? null : DdwOf(model, liobn)));
        }
        return windows;
    }

    // A PHB with ibm,ddw-applicable (query, create, remove tokens) supports dynamic windows; the reset token is
    // the first extension of ibm,ddw-extensions (count first), as enable_ddw reads it.
    private static TceDdwConfig? DdwOf(IommuModel model, uint liobn)
    {
        foreach (var i in model.Instances)
        {
            if (i.Liobn != liobn || i.Parameter("ddw") is not { Kind: ParameterKind.Boolean, Boolean: true }) continue;
            var ext = i.Parameter("ddw-extensions")?.Items ?? [];
            return new TceDdwConfig(ResetExtension: ext.Count >= 2 && ext[0].Integer >= 1);
        }
        return null;
    }

    private static int Clamp(int v, int lo, int hi) => v < lo ? lo : v > hi ? hi : v;
}
