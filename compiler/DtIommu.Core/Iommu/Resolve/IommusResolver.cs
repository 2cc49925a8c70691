using System;
using System.Collections.Generic;
using System.Globalization;
using DtIommu.Iommu.Bindings;
using DtIommu.Iommu.Model;
using DtIommu.Model;

namespace DtIommu.Iommu.Resolve;

/// <summary>
/// Linux's <c>of_iommu_configure_dev</c> + <c>of_iommu_xlate</c> + <c>iommu_fwspec_init</c> over a master's
/// <c>iommus</c>: parse until the first bad entry, decode specifiers with the binding's layout, then apply the driver rules.
/// </summary>
public sealed class IommusResolver
{
    private readonly TreeIndex _index;
    private readonly Func<Node, IommuInstance> _instanceFor;
    private readonly List<ModelObservation> _observations;

    /// <summary>Creates a resolver; <paramref name="instanceFor"/> returns (creating if needed) the instance of an IOMMU node.</summary>
    public IommusResolver(TreeIndex index, Func<Node, IommuInstance> instanceFor, List<ModelObservation> observations)
    {
        _index = index;
        _instanceFor = instanceFor;
        _observations = observations;
    }

    private void Observe(ObservationKind kind, string path, string? property, string message) =>
        _observations.Add(new ModelObservation(kind, path, property, message));

    /// <summary>Fills <paramref name="master"/>'s attachments and state from <paramref name="node"/>'s <c>iommus</c>.</summary>
    public void Resolve(Node node, DmaMaster master)
    {
        var entries = _index.ParsePhandleList(node, "iommus", "#iommu-cells");
        if (entries.Count == 0)
        {
            master.State = IommuState.NoIommu;
            if (TreeIndex.Has(node, "iommus"))
                Observe(ObservationKind.IommuParseError, node.FullPath, "iommus", "\"iommus\" is empty");
            return;
        }
        var parseFailedAtFirst = false;
        for (var idx = 0; idx < entries.Count; idx++)
        {
            var e = entries[idx];
            if (e.Error == null && e.Phandle == 0)
            {
                if (idx + 1 < entries.Count)
                    Observe(ObservationKind.ZeroPhandle, node.FullPath, "iommus",
                        $"iommus entry {idx} has phandle 0; Linux stops there and ignores the {entries.Count - idx - 1} later entr(ies)");
                if (idx == 0) parseFailedAtFirst = true;
                break;
            }
            if (e.Error != null)
            {
                var kind = e.Target == null ? ObservationKind.PhandleNotFound
                    : e.CellsProperty ? ObservationKind.MissingIommuCells : ObservationKind.SpecifierTruncated;
                Observe(kind, node.FullPath, "iommus", $"{node.FullPath}: {e.Error} (entry {idx}; Linux stops parsing here)");
                if (e.CellsProperty && e.Target != null)
                    Observe(ObservationKind.NotAnIommu, node.FullPath, "iommus", $"iommus entry {idx} points at {e.Target.FullPath}, which is not an IOMMU (no #iommu-cells)");
                if (idx == 0) parseFailedAtFirst = true;
                break;
            }
            var inst = _instanceFor(e.Target!);
            master.Attachments.Add(Decode(inst, e.Target!, e.Args, null, node.FullPath));
        }
        if (parseFailedAtFirst || master.Attachments.Count == 0)
        {
            master.State = IommuState.ParseError;
            return;
        }
        master.State = ApplyDriverRules(master, node.FullPath, "iommus");
    }

    /// <summary>Decodes a specifier with the instance's binding layout.</summary>
    public IommuAttachment Decode(IommuInstance inst, Node iommuNode, uint[] args, uint? rid, string masterPath)
    {
        var fields = new List<SpecifierFieldValue>();
        var layout = inst.Binding?.LayoutFor(args.Length);
        if (inst.Binding != null && layout == null && !inst.Binding.NoSpecifier)
            Observe(ObservationKind.IommuCellsNotAllowed, masterPath, rid == null ? "iommus" : "iommu-map",
                $"binding '{inst.Binding.Name}' has no layout for {args.Length} specifier cell(s) (IOMMU {inst.Path})");
        if (layout != null)
        {
            var at = 0;
            foreach (var f in layout.Fields)
            {
                ulong value;
                if (f.Cells == 0)
                {
                    if (f.Default == null) continue;
                    var v = ParameterEvaluator.Evaluate(f.Default, iommuNode, out _);
                    if (v == null || v.Kind != ParameterKind.Integer) continue;
                    value = v.Integer;
                }
                else
                {
                    value = TreeIndex.ReadNumber(args, at, f.Cells);
                    at += f.Cells;
                }
                if (f.Bits is { } bits && bits < 64 && value >> bits != 0)
                    Observe(ObservationKind.IdTooWide, masterPath, rid == null ? "iommus" : "iommu-map",
                        $"{f.Name} 0x{value.ToString("x", CultureInfo.InvariantCulture)} is wider than {bits} bits for binding '{inst.Binding!.Name}' (IOMMU {inst.Path})");
                var subs = new List<KeyValuePair<string, ulong>>();
                foreach (var s in f.SubFields) subs.Add(new KeyValuePair<string, ulong>(s.Name, s.Extract(value)));
                fields.Add(new SpecifierFieldValue(f.Name, f.Role, value, subs));
            }
        }
        return new IommuAttachment
        {
            IommuPath = inst.Path,
            BindingName = inst.Binding?.Name,
            Cells = args,
            Fields = fields,
            Rid = rid,
            State = AttachmentState.Active,
        };
    }

    /// <summary>
    /// Applies <c>of_iommu_xlate</c> and <c>iommu_fwspec_init</c> in order: a disabled target or a missing driver ends
    /// the loop without an IOMMU; a second driver fails the fwspec; a second instance of a driver that cannot track it
    /// has its IDs attributed to the first. Returns the master's resulting state.
    /// </summary>
    public IommuState ApplyDriverRules(DmaMaster master, string path, string property)
    {
        string? driver = null, firstInstance = null;
        var state = IommuState.Translated;
        var stopped = false;
        foreach (var a in master.Attachments)
        {
            if (stopped) { a.State = AttachmentState.NotProcessed; continue; }
            var inst = a.IommuPath == null ? null : InstanceByPath(a.IommuPath);
            if (inst == null) { a.State = AttachmentState.NotProcessed; continue; }
            if (!inst.Available)
            {
                a.State = AttachmentState.TargetDisabled;
                Observe(ObservationKind.IommuDisabled, path, property,
                    $"IOMMU {inst.Path} is disabled (status \"{inst.Status}\"); Linux sets {path} up without an IOMMU and the parent's dma-ranges apply");
                state = IommuState.IommuDisabled;
                stopped = true;
                continue;
            }
            if (inst.Binding == null)
            {
                a.State = AttachmentState.NoDriver;
                Observe(ObservationKind.IommuWithoutDriver, path, property,
                    $"IOMMU {inst.Path} has no binding (no driver): Linux defers {path}, then probes it without an IOMMU");
                state = IommuState.NoDriver;
                stopped = true;
                continue;
            }
            if (driver == null)
            {
                driver = inst.Binding.Driver;
                firstInstance = inst.Path;
            }
            else if (driver != inst.Binding.Driver)
            {
                a.State = AttachmentState.DriverConflict;
                Observe(ObservationKind.MixedIommuDrivers, path, property,
                    $"{path} uses IOMMU drivers '{driver}' and '{inst.Binding.Driver}'; iommu_fwspec_init fails and Linux drops the IOMMU");
                state = IommuState.DriverConflict;
                stopped = true;
                continue;
            }
            else if (inst.Path != firstInstance && !inst.Binding.HasQuirk(BindingQuirks.MultiInstance)
                && !inst.Binding.HasQuirk(BindingQuirks.LastEntryWins))
            {
                a.State = AttachmentState.AttributedToFirstInstance;
                Observe(ObservationKind.MultipleInstances, path, property,
                    $"{path} uses instances {firstInstance} and {inst.Path} of '{driver}', which tracks one instance per master; the IDs go to {firstInstance}");
                continue;
            }
            a.State = AttachmentState.Active;
        }
        if (state != IommuState.Translated) return state;
        // Drivers that keep only the last of_xlate call (rockchip) drop every earlier entry.
        IommuAttachment? lastActive = null;
        foreach (var a in master.Attachments)
            if (a.State == AttachmentState.Active && a.BindingName != null
                && InstanceByPath(a.IommuPath!)?.Binding?.HasQuirk(BindingQuirks.LastEntryWins) == true)
            {
                if (lastActive != null)
                {
                    lastActive.State = AttachmentState.Superseded;
                    Observe(ObservationKind.LastEntryWins, path, property,
                        $"binding '{a.BindingName}' keeps only the last iommus entry; the entry for {lastActive.IommuPath} is dropped");
                }
                lastActive = a;
            }
        return state;
    }

    private readonly Dictionary<string, IommuInstance> _byPath = [];

    /// <summary>Registers an instance so that attachments can find it by path.</summary>
    public void Register(IommuInstance instance) => _byPath[instance.Path] = instance;

    private IommuInstance? InstanceByPath(string path) => _byPath.TryGetValue(path, out var i) ? i : null;
}
