using System.Collections.Generic;
using System.IO;
using System.Linq;
using DtIommu.Iommu.Model;
using DtIommu.Model;
using DtIommu.Simulation.Probe;

namespace DtIommu.Iommu.Output;

/// <summary>Writes an <see cref="IommuModel"/> as JSON following docs/model-schema.md (schema version <see cref="SchemaVersion"/>).</summary>
public static class ModelJsonWriter
{
    /// <summary>The schema identifier written in the <c>schema</c> member.</summary>
    public const string SchemaName = "dtiommu-model";

    /// <summary>
    /// The version of the JSON schema written (docs/model-schema.md); 1.1 added masters' compatible and labels, 1.2 the
    /// boot probe's groups and reachability matrix, and masters' evidence.
    /// </summary>
    public const string SchemaVersion = "1.2";

    // Integers above 2^53 lose precision in JavaScript consumers, so wide values are written as hex strings.
    private const ulong MaxExactJson = (1UL << 53) - 1;

    /// <summary>
    /// Writes <paramref name="model"/> to <paramref name="output"/>; <paramref name="source"/> names the input;
    /// <paramref name="tree"/>, the tree the model was built from, gives each master its compatible strings and labels;
    /// <paramref name="probe"/>, when given, adds what the simulated IOMMUs did at boot.
    /// </summary>
    public static void Write(IommuModel model, TextWriter output, string? source = null, DeviceTree? tree = null, BootProbeResult? probe = null)
    {
        var w = new JsonWriter();
        w.StartObject();
        w.Name("schema").String(SchemaName);
        w.Name("version").String(SchemaVersion);
        w.Name("source").String(source);
        w.Name("memory");
        Ranges(w, model.Memory);
        w.Name("maxDmaCpuAddress").String(model.MaxDmaCpuAddress is { } max ? Naming.Hex(max) : null);
        w.Name("iommus").StartArray();
        foreach (var i in model.Instances) Instance(w, i);
        w.EndArray();
        w.Name("masters").StartArray();
        foreach (var m in model.Masters) Master(w, m, tree == null ? null : NodeLookup.ByPath(tree.Root, m.Path));
        w.EndArray();
        w.Name("reservedMemory").StartArray();
        foreach (var r in model.Reserved) Reserved(w, r);
        w.EndArray();
        w.Name("observations").StartArray();
        foreach (var o in model.Observations)
        {
            w.StartObject();
            w.Name("kind").String(Naming.Kebab(o.Kind));
            w.Name("node").String(o.NodePath);
            w.Name("property").String(o.Property);
            w.Name("message").String(o.Message);
            w.EndObject();
        }
        w.EndArray();
        w.Name("probe");
        if (probe == null) w.Null();
        else Probe(w, probe);
        w.EndObject();
        w.WriteTo(output);
    }

    private static void Probe(JsonWriter w, BootProbeResult probe)
    {
        w.StartObject();
        w.Name("groups").StartArray();
        foreach (var g in probe.Groups)
        {
            w.StartObject();
            w.Name("id").Number(g.Id);
            w.Name("iommu").String(g.Iommu);
            w.Name("members");
            Strings(w, g.Members);
            w.Name("defaultDomain").Number(g.DefaultDomain);
            w.Name("domainType").String(g.DomainType);
            w.EndObject();
        }
        w.EndArray();
        w.Name("reachability").StartArray();
        foreach (var c in probe.Cells)
        {
            w.StartObject();
            w.Name("master").String(c.Master);
            w.Name("region").String(Naming.Kebab(c.Region.Kind));
            w.Name("name").String(c.Region.Name);
            w.Name("address").String(Naming.Hex(c.Address));
            w.Name("reach").String(Naming.Kebab(c.Reach));
            w.Name("detail").String(c.Detail);
            w.EndObject();
        }
        w.EndArray();
        w.Name("notes");
        Strings(w, probe.Notes);
        w.EndObject();
    }

    private static void Range(JsonWriter w, AddressRange? r)
    {
        if (r is not { } v)
        {
            w.Null();
            return;
        }
        w.StartObject();
        w.Name("start").String(Naming.Hex(v.Start));
        w.Name("end").String(Naming.Hex(v.End));
        w.EndObject();
    }

    private static void Ranges(JsonWriter w, IEnumerable<AddressRange> ranges)
    {
        w.StartArray();
        foreach (var r in ranges) Range(w, r);
        w.EndArray();
    }

    private static void Strings(JsonWriter w, IEnumerable<string> items)
    {
        w.StartArray();
        foreach (var s in items) w.String(s);
        w.EndArray();
    }

    private static void OptNumber(JsonWriter w, ulong? v)
    {
        if (v is { } x) w.Number(x);
        else w.Null();
    }

    private static void Parameter(JsonWriter w, ParameterValue v)
    {
        switch (v.Kind)
        {
            case ParameterKind.Integer:
                if (v.Integer <= MaxExactJson) w.Number(v.Integer);
                else w.String(Naming.Hex(v.Integer));
                break;
            case ParameterKind.Range:
                Range(w, new AddressRange(v.Integer, v.End));
                break;
            case ParameterKind.Boolean:
                w.Bool(v.Boolean);
                break;
            case ParameterKind.List:
                w.StartArray();
                foreach (var i in v.Items) Parameter(w, i);
                w.EndArray();
                break;
            default:
                w.String(v.Text);
                break;
        }
    }

    private static void Translation(JsonWriter w, BusTranslation? t)
    {
        if (t == null)
        {
            w.Null();
            return;
        }
        w.StartObject();
        w.Name("outcome").String(Naming.Kebab(t.Outcome));
        w.Name("startNode").String(t.StartNode);
        w.Name("rangesNode").String(t.RangesNode);
        w.Name("regions").StartArray();
        foreach (var r in t.Regions)
        {
            w.StartObject();
            w.Name("dmaStart").String(Naming.Hex(r.DmaStart));
            w.Name("cpuStart").String(Naming.Hex(r.CpuStart));
            w.Name("size").String(Naming.Hex(r.Size));
            w.EndObject();
        }
        w.EndArray();
        w.Name("dmaStart").String(Naming.Hex(t.DmaStart));
        w.Name("busDmaLimit").String(t.BusDmaLimit is { } l ? Naming.Hex(l) : null);
        w.Name("maskBits").Number(t.MaskBits);
        w.Name("oddSizeAdjusted").Bool(t.OddSizeAdjusted);
        w.EndObject();
    }

    private static void Instance(JsonWriter w, IommuInstance i)
    {
        w.StartObject();
        w.Name("path").String(i.Path);
        OptNumberNamed(w, "phandle", i.Phandle == 0 ? null : i.Phandle);
        w.Name("compatible");
        Strings(w, i.Compatible);
        w.Name("binding").String(i.Binding?.Name);
        w.Name("driver").String(i.Binding?.Driver);
        w.Name("status").String(i.Status);
        w.Name("available").Bool(i.Available);
        OptNumberNamed(w, "iommuCells", i.IommuCells is { } c ? (ulong)c : null);
        w.Name("simulator");
        if (i.SimulatorKind == null) w.Null();
        else
        {
            w.StartObject();
            w.Name("kind").String(i.SimulatorKind);
            w.Name("parameters").StartObject();
            foreach (var p in i.Parameters)
            {
                w.Name(p.Name);
                Parameter(w, p.Value);
            }
            w.EndObject();
            w.EndObject();
        }
        w.Name("quirks");
        Strings(w, i.Binding?.Quirks ?? []);
        w.Name("aperture");
        Range(w, i.Aperture);
        w.Name("coherent").Bool(i.Coherent);
        OptNumberNamed(w, "liobn", i.Liobn);
        w.Name("ownTranslation");
        Translation(w, i.OwnTranslation);
        w.Name("masters");
        Strings(w, i.Masters);
        w.EndObject();
    }

    private static void OptNumberNamed(JsonWriter w, string name, ulong? v)
    {
        w.Name(name);
        OptNumber(w, v);
    }

    private static void Master(JsonWriter w, DmaMaster m, Node? node)
    {
        w.StartObject();
        w.Name("path").String(m.Path);
        w.Name("compatible");
        Strings(w, node?.GetProperty("compatible")?.Value.AsStringList() ?? []);
        w.Name("labels");
        Strings(w, node?.Labels.Live.Select(l => l.Name) ?? []);
        w.Name("kind").String(Naming.Kebab(m.Kind));
        w.Name("evidence").String(m.Evidence);
        w.Name("remoteProcessor").Bool(m.RemoteProcessor);
        w.Name("available").Bool(m.Available);
        w.Name("state").String(Naming.Kebab(m.State));
        OptNumberNamed(w, "rid", m.Rid);
        OptNumberNamed(w, "liobn", m.Liobn);
        w.Name("attachments").StartArray();
        foreach (var a in m.Attachments)
        {
            w.StartObject();
            w.Name("iommu").String(a.IommuPath);
            w.Name("binding").String(a.BindingName);
            w.Name("state").String(Naming.Kebab(a.State));
            OptNumberNamed(w, "rid", a.Rid);
            w.Name("cells").StartArray();
            foreach (var c in a.Cells) w.Number(c);
            w.EndArray();
            w.Name("fields").StartArray();
            foreach (var f in a.Fields)
            {
                w.StartObject();
                w.Name("name").String(f.Name);
                w.Name("role").String(Naming.Kebab(f.Role));
                if (f.Value <= MaxExactJson) w.Name("value").Number(f.Value);
                else w.Name("value").String(Naming.Hex(f.Value));
                w.Name("subfields").StartObject();
                foreach (var s in f.SubFields) w.Name(s.Key).Number(s.Value);
                w.EndObject();
                w.EndObject();
            }
            w.EndArray();
            w.EndObject();
        }
        w.EndArray();
        w.Name("ridRanges").StartArray();
        foreach (var r in m.RidRanges)
        {
            w.StartObject();
            w.Name("first").Number(r.First);
            w.Name("last").Number(r.Last);
            w.Name("outcome").String(Naming.Kebab(r.Outcome));
            w.Name("iommu").String(r.IommuPath);
            w.Name("firstId").Number(r.FirstId);
            w.Name("lastId").Number(r.LastId);
            w.Name("entry").Number(r.EntryIndex);
            w.EndObject();
        }
        w.EndArray();
        w.Name("functions").StartArray();
        foreach (var f in m.Functions)
        {
            w.StartObject();
            w.Name("path").String(f.Path);
            w.Name("rid").Number(f.Rid);
            w.EndObject();
        }
        w.EndArray();
        w.Name("window");
        if (m.Window == null) w.Null();
        else
        {
            w.StartObject();
            w.Name("start").String(Naming.Hex(m.Window.Range.Start));
            w.Name("end").String(Naming.Hex(m.Window.Range.End));
            w.Name("source").String(Naming.Kebab(m.Window.Source));
            w.Name("table");
            Range(w, m.Window.TableRange);
            w.EndObject();
        }
        w.Name("translation");
        Translation(w, m.Translation);
        w.Name("coherent");
        if (m.Coherent is { } coh) w.Bool(coh);
        else w.Null();
        OptNumberNamed(w, "pasidBits", m.PasidBits is { } pb ? (ulong)pb : null);
        w.Name("dmaCanStall").Bool(m.DmaCanStall);
        w.Name("memoryRegions");
        Strings(w, m.MemoryRegions);
        w.Name("iovaReservations").StartArray();
        foreach (var r in m.IovaReservations)
        {
            w.StartObject();
            w.Name("region").String(r.RegionPath);
            w.Name("start").String(Naming.Hex(r.Iova.Start));
            w.Name("end").String(Naming.Hex(r.Iova.End));
            w.Name("direct").Bool(r.Direct);
            w.EndObject();
        }
        w.EndArray();
        w.Name("reachableRam");
        Ranges(w, m.ReachableRam);
        w.EndObject();
    }

    private static void Reserved(JsonWriter w, ReservedRegion r)
    {
        w.StartObject();
        w.Name("path").String(r.Path);
        w.Name("ranges");
        Ranges(w, r.Ranges);
        w.Name("dynamicSize").String(r.DynamicSize is { } s ? Naming.Hex(s) : null);
        w.Name("noMap").Bool(r.NoMap);
        w.Name("reusable").Bool(r.Reusable);
        w.Name("compatible");
        Strings(w, r.Compatible);
        w.Name("iommuAddresses").StartArray();
        foreach (var e in r.IommuAddresses)
        {
            w.StartObject();
            w.Name("device").String(e.DevicePath);
            w.Name("iova");
            Range(w, e.Iova);
            w.EndObject();
        }
        w.EndArray();
        w.Name("users");
        Strings(w, r.Users);
        w.EndObject();
    }
}
