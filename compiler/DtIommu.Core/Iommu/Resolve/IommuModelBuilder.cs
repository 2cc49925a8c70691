using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DtIommu.Iommu.Bindings;
using DtIommu.Iommu.Model;
using DtIommu.Model;

namespace DtIommu.Iommu.Resolve;

/// <summary>Builds the <see cref="IommuModel"/> of a compiled tree the way Linux 6.1 reads it.</summary>
public static class IommuModelBuilder
{
    /// <summary>Builds the model; never throws on malformed trees (problems become observations).</summary>
    /// <param name="tree">The compiled tree.</param>
    /// <param name="catalog">The IOMMU bindings.</param>
    /// <param name="memory">RAM to use instead of the tree's <c>/memory</c> (which bootloaders often fill in), sorted; null to read the tree's.</param>
    public static IommuModel Build(DeviceTree tree, BindingCatalog catalog, IReadOnlyList<AddressRange>? memory = null) =>
        new Builder(tree, catalog).Run(memory);

    private sealed class Builder
    {
        private readonly BindingCatalog _catalog;
        private readonly TreeIndex _index;
        private readonly IommuModel _model = new();
        private readonly DmaRangesWalker _walker;
        private readonly IommuMapResolver _map;
        private readonly ReservedMemoryReader _memory;
        private readonly IommusResolver _iommus;
        private readonly Dictionary<Node, IommuInstance> _instances = [];
        private readonly HashSet<Node> _mastered = [];
        private readonly Dictionary<DmaMaster, Node> _masterNodes = [];

        public Builder(DeviceTree tree, BindingCatalog catalog)
        {
            _catalog = catalog;
            _index = new TreeIndex(tree);
            _walker = new DmaRangesWalker(_index, _model.Observations);
            _map = new IommuMapResolver(_index);
            _memory = new ReservedMemoryReader(_index, _model.Observations);
            _iommus = new IommusResolver(_index, InstanceFor, _model.Observations);
        }

        private void Observe(ObservationKind kind, Node node, string? property, string message) =>
            _model.Observations.Add(new ModelObservation(kind, node.FullPath, property, message));

        public IommuModel Run(IReadOnlyList<AddressRange>? memory)
        {
            // RAM given by the user (what a bootloader fills in) replaces /memory as written.
            _model.Memory.AddRange(memory ?? BootMemoryRelocation.Apply(TreeIndex.Compatible(_index.Root), _memory.ReadMemory()));
            _walker.Memory = _model.Memory;
            _model.Reserved.AddRange(_memory.ReadReserved());
            foreach (var n in _index.Nodes)
                if (IsIommuNode(n)) InstanceFor(n);
            foreach (var n in _index.Nodes)
            {
                if (n.Parent == null || _mastered.Contains(n)) continue;
                VisitForMasters(n);
            }
            foreach (var m in _model.Masters) Finish(m);
            ObserveBoundedMasters();
            CheckSingleMaster();
            CheckUnprotected();
            CheckLiobns();
            var max = _walker.MaxCpuAddress(_index.Root);
            _model.MaxDmaCpuAddress = max == ulong.MaxValue ? null : max;
            _model.Instances.Sort((a, b) => Order(a.Path).CompareTo(Order(b.Path)));
            return _model;
        }

        private readonly Dictionary<string, int> _order = [];

        private int Order(string path)
        {
            if (_order.Count == 0)
                for (var i = 0; i < _index.Nodes.Count; i++) _order[_index.Nodes[i].FullPath] = i;
            return _order.TryGetValue(path, out var o) ? o : int.MaxValue;
        }

        private bool IsIommuNode(Node n)
        {
            if (TreeIndex.Has(n, "#iommu-cells")) return true;
            var b = TreeIndex.Has(n, "compatible") ? _catalog.MatchCompatible(TreeIndex.Compatible(n)) : null;
            return b is { Attach: AttachKind.Liodn };
        }

        private IommuInstance InstanceFor(Node node)
        {
            if (_instances.TryGetValue(node, out var existing)) return existing;
            var binding = _catalog.MatchIommuNode(node);
            var compat = TreeIndex.Compatible(node);
            var cellsValue = TreeIndex.ReadU32(node, "#iommu-cells");
            if (binding == null)
            {
                var msg = compat.Count > 0
                    ? $"IOMMU compatible {string.Join(", ", compat.Select(c => "\"" + c + "\""))} matches no binding file; the IOMMU is reported, not guessed"
                    : cellsValue == null
                        ? "node is used as an IOMMU but has neither compatible nor #iommu-cells"
                        : $"IOMMU node without compatible and #iommu-cells = <{cellsValue}> matches no generic binding";
                Observe(ObservationKind.UnknownIommuCompatible, node, "compatible", msg);
            }
            var parameters = new List<NamedParameter>();
            if (binding?.Simulator != null)
            {
                var failures = new List<string>();
                parameters = ParameterEvaluator.EvaluateAll(binding.Simulator, node, failures);
                foreach (var f in failures) Observe(ObservationKind.ParameterUnresolved, node, null, $"binding '{binding.Name}': {f}");
            }
            if (binding != null && cellsValue != null && !binding.NoSpecifier && binding.LayoutFor((int)cellsValue.Value) == null)
                Observe(ObservationKind.IommuCellsNotAllowed, node, "#iommu-cells",
                    $"#iommu-cells = <{cellsValue}> but binding '{binding.Name}' allows {string.Join(" or ", binding.Specifiers.Select(s => s.CellCount))}");
            var aperture = parameters.FirstOrDefault(p => p.Name == "aperture")?.Value;
            var inst = new IommuInstance
            {
                Path = node.FullPath,
                Phandle = TreeIndex.PhandleOf(node),
                Compatible = compat,
                Binding = binding,
                Status = TreeIndex.Status(node),
                Available = TreeIndex.IsAvailableWithAncestors(node),
                IommuCells = cellsValue == null ? null : (int)Math.Min(cellsValue.Value, int.MaxValue),
                SimulatorKind = binding?.Simulator?.Kind,
                Parameters = parameters,
                Aperture = aperture is { Kind: ParameterKind.Range } ? new AddressRange(aperture.Integer, aperture.End) : null,
                Coherent = TreeIndex.Has(node, "dma-coherent"),
            };
            _instances[node] = inst;
            _model.Instances.Add(inst);
            _iommus.Register(inst);
            var parent = _index.DmaParent(node);
            inst.OwnTranslation = _walker.Walk(parent, node.FullPath);
            if (parent != null && binding?.Attach == AttachKind.Iommus && parent.GetProperty("dma-ranges") == null)
                Observe(ObservationKind.IommuParentWithoutDmaRanges, node, null,
                    $"the IOMMU's parent {parent.FullPath} has no \"dma-ranges\" (iommu.txt requires one; Linux does not care)");
            return inst;
        }

        private void VisitForMasters(Node n)
        {
            if (_instances.ContainsKey(n) && !TreeIndex.Has(n, "iommus")) return;
            var pseries = _catalog.FirstWithAttach(AttachKind.DmaWindow);
            if (pseries != null && TreeIndex.Has(n, "ibm,dma-window") && pseries.Matchers.Any(m => m.Kind == MatchKind.Property && m.Text == "ibm,dma-window"))
            {
                AddPseriesPe(n, pseries);
                return;
            }
            if (pseries != null && TreeIndex.Has(n, "ibm,my-dma-window") && pseries.Matchers.Any(m => m.Kind == MatchKind.Property && m.Text == "ibm,my-dma-window"))
            {
                AddPseriesVio(n, pseries);
                return;
            }
            // Behind a PAMU a whole PCI controller is one LIODN, so this comes before the host-bridge case.
            if ((TreeIndex.Has(n, "fsl,liodn") || TreeIndex.Has(n, "fsl,liodn-reg")) && _instances.Values.Any(i => i.Binding?.Attach == AttachKind.Liodn))
            {
                AddLiodn(n);
                return;
            }
            var isPci = TreeIndex.IsPciBus(n);
            if (isPci && (n.Parent == null || !TreeIndex.IsPciBus(n.Parent)))
            {
                if (TreeIndex.Has(n, "iommus"))
                {
                    var bridge = AddPlatform(n);
                    // With an iommu-map beside it, `iommus` is the bridge's own DMA and the devices are covered; with
                    // the IOMMU disabled nothing is translated at all.
                    if (!TreeIndex.Has(n, "iommu-map") && bridge.State == IommuState.Translated)
                        Observe(ObservationKind.IommusOnPciBus, n, "iommus",
                            "\"iommus\" on a PCI bus node applies to the bridge device only: the PCI devices below get no IOMMU while the IOMMU sees their DMA with the bridge's stream ID");
                }
                AddHostBridge(n);
                return;
            }
            if (TreeIndex.Has(n, "iommus"))
            {
                AddPlatform(n);
                return;
            }
            if (TreeIndex.Has(n, "iommu-map") && !isPci)
            {
                AddIdMappedBus(n);
                return;
            }
            if (DmaEvidence(n) is { } evidence) AddPlatform(n, evidence);
        }

        // Why a node without iommus is a DMA master, or null; buses, IOMMUs, memory and reserved regions never are.
        private string? DmaEvidence(Node n)
        {
            if (_instances.ContainsKey(n) || TreeIndex.IsPciBus(n)) return null;
            if (n.Parent?.Name == "reserved-memory" || n.GetProperty("device_type")?.Value.AsString() == "memory") return null;
            return DmaMasterClassifier.Evidence(n, OwnsPool(n));
        }

        private bool OwnsPool(Node n)
        {
            var regions = TreeIndex.Cells(n, "memory-region");
            if (regions == null) return false;
            foreach (var ph in regions)
            {
                var r = _index.ByPhandle(ph);
                if (r == null) continue;
                var rc = TreeIndex.Compatible(r);
                if (rc.Contains("shared-dma-pool") || rc.Contains("restricted-dma-pool")) return true;
            }
            return false;
        }

        private DmaMaster NewMaster(Node n, MasterKind kind, Node coherencyNode, string evidence, uint? rid = null, uint? liobn = null) =>
            new()
            {
                Path = n.FullPath,
                Evidence = evidence,
                RemoteProcessor = DmaMasterClassifier.IsRemoteProcessor(n),
                Kind = kind,
                Available = TreeIndex.IsAvailableWithAncestors(n),
                Coherent = Coherency(coherencyNode),
                PasidBits = TreeIndex.ReadU32(n, "pasid-num-bits") is { } p ? (int)Math.Min(p, 64u) : null,
                DmaCanStall = TreeIndex.Has(n, "dma-can-stall"),
                Rid = rid,
                Liobn = liobn,
            };

        private void Add(DmaMaster m, Node n)
        {
            _model.Masters.Add(m);
            _mastered.Add(n);
            _masterNodes[m] = n;
            m.IovaReservations.AddRange(_memory.ResvRegionsFor(n, _model.Reserved, m.MemoryRegions));
        }

        // Linux's of_dma_is_coherent: the first dma-coherent/dma-noncoherent up the DMA parents; null = arch default.
        private bool? Coherency(Node start)
        {
            var guard = 0;
            for (var n = start; n != null && guard < 256; n = _index.DmaParent(n), guard++)
            {
                if (TreeIndex.Has(n, "dma-coherent")) return true;
                if (TreeIndex.Has(n, "dma-noncoherent")) return false;
            }
            return null;
        }

        private DmaMaster AddPlatform(Node n, string evidence = "iommus")
        {
            var m = NewMaster(n, MasterKind.Platform, n, evidence);
            m.Translation = _walker.Walk(_walker.StartFor(n), n.FullPath);
            _iommus.Resolve(n, m);
            Add(m, n);
            return m;
        }

        private void AddHostBridge(Node n)
        {
            var m = NewMaster(n, MasterKind.PciHostBridge, n, "PCI host bridge");
            m.Translation = _walker.Walk(n, n.FullPath);
            var busRange = TreeIndex.Cells(n, "bus-range");
            uint busFirst = 0, busLast = 0xff;
            if (busRange is { Length: 2 } && busRange[0] <= busRange[1] && busRange[1] <= 0xff)
            {
                busFirst = busRange[0];
                busLast = busRange[1];
            }
            var functions = new List<(Node node, uint rid)>();
            CollectFunctions(n, functions, stopAtWindows: false);
            foreach (var (fn, rid) in functions) m.Functions.Add(new PciFunction(fn.FullPath, rid));
            if (TreeIndex.Has(n, "iommu-map"))
            {
                ValidateMap(n);
                m.RidRanges.AddRange(MarkDisabledTargets(_map.MapRange(n, busFirst << 8, busLast << 8 | 0xff)));
                m.State = MapState(m.RidRanges);
                if (m.State == IommuState.IommuDisabled) ObserveDisabledMapTargets(n, m.RidRanges);
                else ReportHoles(n, m.RidRanges, functions);
            }
            else
            {
                m.RidRanges.Add(new RidRange(busFirst << 8, busLast << 8 | 0xff, RidOutcome.NoMap, null, busFirst << 8, busLast << 8 | 0xff, -1));
                m.State = IommuState.NoIommu;
            }
            Add(m, n);
            foreach (var (fn, rid) in functions) AddPciDevice(fn, n, rid);
        }

        private static IommuState MapState(List<RidRange> runs)
        {
            bool any(RidOutcome o) => runs.Any(r => r.Outcome == o);
            if (any(RidOutcome.Error)) return IommuState.ParseError;
            if (any(RidOutcome.Translated))
                return any(RidOutcome.Bypass) || any(RidOutcome.TargetDisabled) ? IommuState.Partial : IommuState.Translated;
            if (any(RidOutcome.TargetDisabled)) return IommuState.IommuDisabled;
            return any(RidOutcome.Bypass) ? IommuState.Bypass : IommuState.NoIommu;
        }

        // of_iommu_xlate refuses an unavailable IOMMU (-ENODEV), so RIDs mapped to it get no IOMMU at all.
        private List<RidRange> MarkDisabledTargets(List<RidRange> runs)
        {
            for (var i = 0; i < runs.Count; i++)
            {
                var r = runs[i];
                if (r.Outcome != RidOutcome.Translated || r.IommuPath == null) continue;
                if (_model.FindInstance(r.IommuPath) is { Available: false }) runs[i] = r with { Outcome = RidOutcome.TargetDisabled };
            }
            return runs;
        }

        private void ObserveDisabledMapTargets(Node n, List<RidRange> runs)
        {
            var targets = runs.Where(r => r.Outcome == RidOutcome.TargetDisabled).Select(r => r.IommuPath!).Distinct().ToList();
            Observe(ObservationKind.IommuDisabled, n, "iommu-map",
                $"IOMMU {string.Join(", ", targets)} {(targets.Count > 1 ? "are" : "is")} disabled; Linux sets the devices below {n.FullPath} up without an IOMMU and the bridge's dma-ranges apply");
        }

        // PCI functions described below a bus node: children whose parent is a PCI bus, with RID = phys.hi[23:8].
        private void CollectFunctions(Node bus, List<(Node, uint)> into, bool stopAtWindows)
        {
            foreach (var c in bus.LiveChildren)
            {
                if (stopAtWindows && TreeIndex.Has(c, "ibm,dma-window")) continue;
                var reg = TreeIndex.Cells(c, "reg");
                if (reg != null && reg.Length >= 1) into.Add((c, (reg[0] >> 8) & 0xffff));
                if (TreeIndex.IsPciBus(c)) CollectFunctions(c, into, stopAtWindows);
            }
        }

        private void ValidateMap(Node n)
        {
            var p = n.GetProperty("iommu-map")!;
            if (p.Value.Length == 0 || p.Value.Length % 16 != 0)
            {
                Observe(ObservationKind.IommuMapBadLength, n, "iommu-map",
                    $"\"iommu-map\" has {p.Value.Length} bytes, not a non-zero multiple of 16 (<rid-base iommu iommu-base length>); Linux fails with \"Bad iommu-map length\"");
                return;
            }
            var mask = TreeIndex.ReadU32(n, "iommu-map-mask");
            if (mask is { } mk && mk > 0xffff)
                Observe(ObservationKind.IommuMapMaskRange, n, "iommu-map-mask", $"iommu-map-mask 0x{mk:x} is wider than the 16-bit RID");
            var cells = TreeIndex.Cells(p);
            for (var i = 0; i + 4 <= cells.Length; i += 4)
            {
                var (ridBase, ph, outBase, len) = (cells[i], cells[i + 1], cells[i + 2], cells[i + 3]);
                var e = i / 4;
                if (mask is { } m && (ridBase & ~m) != 0)
                    Observe(ObservationKind.IommuMapMaskIgnoresBase, n, "iommu-map",
                        $"entry {e}: iommu-map-mask (0x{m:x}) ignores id-base (0x{ridBase:x}); Linux fails with -EFAULT when it reaches this entry");
                if (ridBase > 0xffff || len > 0x10000 || (ulong)ridBase + len > 0x10000)
                    Observe(ObservationKind.IommuMapRange, n, "iommu-map",
                        $"entry {e}: RIDs 0x{ridBase:x}+0x{len:x} leave the 16-bit RID space{((ulong)ridBase + len > 0xffffffffUL ? " and wrap in Linux's u32 compare" : "")}");
                ObserveShadowing(n, cells, i);
                var target = _index.ByPhandle(ph);
                if (target == null)
                {
                    Observe(ObservationKind.PhandleNotFound, n, "iommu-map", $"entry {e}: phandle {ph} does not resolve");
                    continue;
                }
                var inst = InstanceFor(target);
                if (inst.IommuCells != 1)
                    Observe(ObservationKind.IommuMapTargetCells, n, "iommu-map",
                        $"entry {e}: target {target.FullPath} has #iommu-cells = {(inst.IommuCells?.ToString(CultureInfo.InvariantCulture) ?? "(none)")}, but iommu-map always passes one cell");
            }
        }

        // First match wins in of_map_id. A specific entry before a catch-all is the usual way to carve RIDs out (VT-d
        // style), so only an entry that earlier entries cover completely, mapping its RIDs differently, is dead.
        private void ObserveShadowing(Node n, uint[] cells, int at)
        {
            var (ridBase, ph, outBase, len) = (cells[at], cells[at + 1], cells[at + 2], cells[at + 3]);
            if (len == 0) return;
            var first = (ulong)ridBase;
            var last = first + len - 1;
            var covering = new List<(ulong Lo, ulong Hi, int Entry, bool Same)>();
            for (var j = 0; j < at; j += 4)
            {
                var (b, p, o, l) = (cells[j], cells[j + 1], cells[j + 2], cells[j + 3]);
                if (l == 0 || b > last || (ulong)b + l - 1 < first) continue;
                covering.Add((b, (ulong)b + l - 1, j / 4, p == ph && unchecked(o - b) == unchecked(outBase - ridBase)));
            }
            if (covering.Count == 0 || covering.All(c => c.Same)) return;
            var next = first;
            foreach (var c in covering.OrderBy(c => c.Lo))
            {
                if (c.Lo > next) return;
                if (c.Hi >= next) next = c.Hi + 1;
                if (next > last) break;
            }
            if (next <= last) return;
            Observe(ObservationKind.IommuMapEntryShadowed, n, "iommu-map",
                $"entry {at / 4} (RIDs 0x{first:x}-0x{last:x}) is never used: entr{(covering.Count > 1 ? "ies" : "y")} {string.Join(", ", covering.Select(c => c.Entry))} before it already match{(covering.Count > 1 ? "" : "es")} all of its RIDs and map them differently (first match wins)");
        }

        // One observation per property: described functions that bypass are a hazard; uncovered RIDs where nothing is
        // described are how boards with one soldered-down endpoint are written.
        private void ReportHoles(Node n, List<RidRange> runs, List<(Node node, uint rid)> functions)
        {
            var holes = new List<RidRange>();
            foreach (var r in runs)
            {
                if (r.Outcome != RidOutcome.Bypass) continue;
                // A hole for the IOMMU's own function is the binding's pattern (virtio/pci-iommu.yaml), not a gap.
                var own = true;
                for (var rid = r.First; ; rid++)
                {
                    if (!functions.Any(f => f.rid == rid && _instances.ContainsKey(f.node))) { own = false; break; }
                    if (rid == r.Last) break;
                }
                if (!own) holes.Add(r);
            }
            if (holes.Count == 0) return;
            var described = functions.Where(f => !_instances.ContainsKey(f.node) && TreeIndex.IsAvailableWithAncestors(f.node) && !IsPciPort(f.node)
                && holes.Any(h => h.First <= f.rid && f.rid <= h.Last)).ToList();
            if (described.Count > 0)
                Observe(ObservationKind.PciFunctionBypasses, n, "iommu-map",
                    $"{string.Join(", ", described.Select(f => $"{f.node.FullPath} (RID 0x{f.rid:x4})"))} {(described.Count > 1 ? "are" : "is")} not covered by iommu-map: Linux sets {(described.Count > 1 ? "them" : "it")} up without an IOMMU while {n.FullPath}'s other devices are translated (an SMMU with disable_bypass aborts their DMA)");
            Observe(ObservationKind.PciRidNotCovered, n, "iommu-map",
                $"RIDs {RidList(holes)} of the bus range are not covered by iommu-map: devices there get no IOMMU (an SMMU with disable_bypass aborts them)");
        }

        // Root ports, bridges and root-complex event collectors forward or signal; they do not master DMA buffers.
        private static bool IsPciPort(Node n) =>
            TreeIndex.IsPciBus(n) || n.BaseName is "pci" or "pcie" or "pci-bridge" or "rcec";

        private static string RidList(List<RidRange> runs)
        {
            const int Shown = 4;
            var text = string.Join(", ", runs.Take(Shown).Select(r => r.First == r.Last ? $"0x{r.First:x4}" : $"0x{r.First:x4}-0x{r.Last:x4}"));
            return runs.Count > Shown ? $"{text} and {runs.Count - Shown} more run(s)" : text;
        }

        private void AddPciDevice(Node fn, Node bridge, uint rid)
        {
            if (_mastered.Contains(fn)) return;
            var m = NewMaster(fn, MasterKind.PciDevice, bridge, "PCI function below a host bridge", rid: rid);
            m.Translation = _walker.Walk(bridge, fn.FullPath);
            if (!TreeIndex.Has(bridge, "iommu-map")) m.State = IommuState.NoIommu;
            else
            {
                var r = _map.MapId(bridge, rid);
                switch (r.Status)
                {
                    case MapIdStatus.Matched:
                        var inst = InstanceFor(r.Target!);
                        m.Attachments.Add(_iommus.Decode(inst, r.Target!, [r.Id], rid, fn.FullPath));
                        m.State = _iommus.ApplyDriverRules(m, fn.FullPath, "iommu-map");
                        break;
                    case MapIdStatus.NoMatch:
                        m.State = IommuState.Bypass;
                        break;
                    default:
                        m.State = IommuState.ParseError;
                        Observe(ObservationKind.IommuParseError, bridge, "iommu-map", r.Message ?? "of_map_id failed");
                        break;
                }
            }
            Add(m, fn);
            if (TreeIndex.Has(fn, "iommus"))
                Observe(ObservationKind.IommusOnPciBus, fn, "iommus", "\"iommus\" on a PCI function node is not used: Linux maps PCI devices through the host bridge's iommu-map");
        }

        private void AddIdMappedBus(Node n)
        {
            Observe(ObservationKind.IommuMapOnNonPci, n, "iommu-map",
                "\"iommu-map\" on a node that is not a PCI host bridge is honoured only by buses that pass an input ID (fsl-mc and similar)");
            var m = NewMaster(n, MasterKind.IdMappedBus, n, "iommu-map");
            m.Translation = _walker.Walk(_walker.StartFor(n), n.FullPath);
            ValidateMap(n);
            m.RidRanges.AddRange(_map.MapRange(n, 0, 0xffff));
            m.State = MapState(m.RidRanges);
            Add(m, n);
        }

        private void AddLiodn(Node n)
        {
            var m = NewMaster(n, MasterKind.LiodnDevice, n, "fsl,liodn");
            m.Translation = _walker.Walk(_walker.StartFor(n), n.FullPath);
            // fsl,iommu-parent names a pamu@N child of the PAMU block; the instance is its nearest PAMU ancestor.
            IommuInstance? inst = null;
            if (TreeIndex.ReadU32(n, "fsl,iommu-parent") is { } ph)
                for (var p = _index.ByPhandle(ph); p != null && inst == null; p = p.Parent)
                    if (_instances.TryGetValue(p, out var candidate) && candidate.Binding?.Attach == AttachKind.Liodn) inst = candidate;
            inst ??= _instances.Values.Where(i => i.Binding?.Attach == AttachKind.Liodn).OrderBy(i => Order(i.Path)).First();
            // Without fsl,liodn the LIODN is programmed by firmware through fsl,liodn-reg and unknown here.
            var liodns = TreeIndex.Cells(n, "fsl,liodn") ?? [];
            var fields = liodns.Select((v, i) => new SpecifierFieldValue(i == 0 ? "liodn" : "liodn" + i.ToString(CultureInfo.InvariantCulture),
                FieldRole.Id, v, [])).ToList();
            m.Attachments.Add(new IommuAttachment
            {
                IommuPath = inst.Path, BindingName = inst.Binding?.Name, Cells = liodns, Fields = fields, State = AttachmentState.Active,
            });
            m.State = _iommus.ApplyDriverRules(m, n.FullPath, "fsl,liodn");
            Add(m, n);
        }

        private IommuInstance TceInstance(Node n, BindingDefinition binding, PseriesWindow w, string property)
        {
            var failures = new List<string>();
            var parameters = binding.Simulator == null ? [] : ParameterEvaluator.EvaluateAll(binding.Simulator, n, failures);
            parameters.Add(new NamedParameter("liobn", ParameterValue.Of(w.Liobn)));
            if (w.Range is { } range) parameters.Add(new NamedParameter("window", ParameterValue.OfRange(range.Start, range.End)));
            if (property == "ibm,dma-window")
            {
                var ddw = TreeIndex.Cells(n, "ibm,ddw-applicable");
                parameters.Add(new NamedParameter("ddw", ParameterValue.Of(ddw is { Length: 3 })));
                if (ddw is { Length: 3 })
                    parameters.Add(new NamedParameter("ddw-applicable", ParameterValue.OfList(ddw.Select(t => ParameterValue.Of(t)).ToList())));
                var ext = TreeIndex.Cells(n, "ibm,ddw-extensions");
                if (ext is { Length: > 0 })
                    parameters.Add(new NamedParameter("ddw-extensions", ParameterValue.OfList(ext.Select(t => ParameterValue.Of(t)).ToList())));
            }
            foreach (var f in failures) Observe(ObservationKind.ParameterUnresolved, n, null, $"binding '{binding.Name}': {f}");
            var inst = new IommuInstance
            {
                Path = n.FullPath,
                Phandle = TreeIndex.PhandleOf(n),
                Compatible = TreeIndex.Compatible(n),
                Binding = binding,
                Status = TreeIndex.Status(n),
                Available = TreeIndex.IsAvailableWithAncestors(n),
                SimulatorKind = binding.Simulator?.Kind,
                Parameters = parameters,
                Aperture = property == "ibm,dma-window" ? w.PciTableRange : w.Range,
                Liobn = w.Liobn,
            };
            _instances[n] = inst;
            _model.Instances.Add(inst);
            _iommus.Register(inst);
            return inst;
        }

        private PseriesWindow? ParseWindow(Node n, string property)
        {
            var w = PseriesWindowResolver.Parse(n, property, out var problem, out var fallback);
            if (problem != null) Observe(ObservationKind.DmaWindowFormat, n, property, problem);
            if (fallback)
                Observe(ObservationKind.DmaWindowCellsFallback, n, property,
                    $"no \"ibm,#dma-address-cells\": Linux uses {(TreeIndex.Has(n, "#address-cells") ? "the node's own #address-cells" : "the parent's #address-cells")} ({w?.AddressCells.ToString(CultureInfo.InvariantCulture) ?? "?"})");
            return w;
        }

        private void AddPseriesPe(Node n, BindingDefinition binding)
        {
            var w = ParseWindow(n, "ibm,dma-window");
            var m = NewMaster(n, MasterKind.PseriesPe, n, "ibm,dma-window", liobn: w?.Liobn);
            m.Translation = _walker.Walk(n, n.FullPath);
            var functions = new List<(Node node, uint rid)>();
            if (TreeIndex.IsPciBus(n)) CollectFunctions(n, functions, stopAtWindows: true);
            foreach (var (fn, rid) in functions)
            {
                m.Functions.Add(new PciFunction(fn.FullPath, rid));
                _mastered.Add(fn);
            }
            if (w == null || w.Range == null)
            {
                m.State = IommuState.ParseError;
                Add(m, n);
                return;
            }
            if ((w.Size & (w.Size - 1)) != 0)
                Observe(ObservationKind.WindowNotPowerOfTwo, n, "ibm,dma-window",
                    $"window size 0x{w.Size:x} is not a power of two; Linux builds a table of {w.PciTableRange!.Value.Size.ToString("x", CultureInfo.InvariantCulture)} bytes (order_base_2)");
            if (w.Range.Value.End > 0xffffffffUL)
                Observe(ObservationKind.WindowAbove4G, n, "ibm,dma-window",
                    $"default window {w.Range} extends above 4 GiB: devices with 32-bit masks fail (\"IOMMU offset too big for device mask\")");
            var inst = TceInstance(n, binding, w, "ibm,dma-window");
            m.Attachments.Add(new IommuAttachment
            {
                IommuPath = inst.Path, BindingName = binding.Name, Cells = [w.Liobn],
                Fields = [new SpecifierFieldValue("liobn", FieldRole.Id, w.Liobn, [])], State = AttachmentState.Active,
            });
            m.State = _iommus.ApplyDriverRules(m, n.FullPath, "ibm,dma-window");
            m.Window = new DmaWindow(w.Range.Value, WindowSource.DmaWindowProperty, w.PciTableRange);
            Add(m, n);
        }

        private void AddPseriesVio(Node n, BindingDefinition binding)
        {
            var w = ParseWindow(n, "ibm,my-dma-window");
            var m = NewMaster(n, MasterKind.PseriesVio, n, "ibm,my-dma-window", liobn: w?.Liobn);
            m.Translation = _walker.Walk(_walker.StartFor(n), n.FullPath);
            if (w == null || w.Range == null)
            {
                m.State = IommuState.ParseError;
                Add(m, n);
                return;
            }
            if (w.Base != 0)
                Observe(ObservationKind.VioWindowBase, n, "ibm,my-dma-window", $"VIO window base is 0x{w.Base:x}; Linux expects 0 (\"offset for VIO should always be 0\")");
            var inst = TceInstance(n, binding, w, "ibm,my-dma-window");
            m.Attachments.Add(new IommuAttachment
            {
                IommuPath = inst.Path, BindingName = binding.Name, Cells = [w.Liobn],
                Fields = [new SpecifierFieldValue("liobn", FieldRole.Id, w.Liobn, [])], State = AttachmentState.Active,
            });
            m.State = _iommus.ApplyDriverRules(m, n.FullPath, "ibm,my-dma-window");
            m.Window = new DmaWindow(w.Range.Value, WindowSource.DmaWindowProperty);
            Add(m, n);
        }

        private void Finish(DmaMaster m)
        {
            var active = m.Attachments.Where(a => a.State is AttachmentState.Active or AttachmentState.AttributedToFirstInstance).ToList();
            var translated = m.State is IommuState.Translated or IommuState.Partial;
            // IDs attributed to the first instance do not make the master a user of the second one.
            if (translated)
                foreach (var a in active.Where(x => x.State == AttachmentState.Active))
                {
                    var inst = _model.FindInstance(a.IommuPath!);
                    if (inst != null && !inst.Masters.Contains(m.Path)) inst.Masters.Add(m.Path);
                }
            if (m.Kind == MasterKind.PciHostBridge && translated)
                foreach (var r in m.RidRanges)
                    if (r.Outcome == RidOutcome.Translated && r.IommuPath != null && _model.FindInstance(r.IommuPath) is { } inst && !inst.Masters.Contains(m.Path))
                        inst.Masters.Add(m.Path);

            if (translated && m.Translation.Outcome == TranslationOutcome.Ranges && m.Kind is MasterKind.Platform or MasterKind.PciHostBridge
                && m.Translation.RangesNode is { } rangesNode)
            {
                if (!_boundedMasters.TryGetValue(rangesNode, out var list))
                {
                    _boundedMasters[rangesNode] = list = [];
                    _boundedOrder.Add(rangesNode);
                }
                list.Add(m.Path);
            }
            if (translated && m.Window == null && m.Kind != MasterKind.PciHostBridge && active.Count > 0)
                m.Window = WindowFor(m, active[0]);
            else if (m.Kind == MasterKind.PciHostBridge && translated)
            {
                var first = m.RidRanges.FirstOrDefault(r => r.Outcome == RidOutcome.Translated);
                if (first?.IommuPath != null && _model.FindInstance(first.IommuPath) is { Aperture: { } ap })
                    m.Window = ClipToEnvelope(m, ap, _masterNodes[m]);
            }
            Reach(m, translated, active);
        }

        // One observation per dma-ranges property, naming the translated masters whose IOVA windows it bounds.
        private readonly Dictionary<string, List<string>> _boundedMasters = new(StringComparer.Ordinal);
        private readonly List<string> _boundedOrder = [];

        private void ObserveBoundedMasters()
        {
            foreach (var rangesNode in _boundedOrder)
            {
                var masters = _boundedMasters[rangesNode];
                var node = _index.Nodes.First(n => n.FullPath == rangesNode);
                var shown = string.Join(", ", masters.Take(3)) + (masters.Count > 3 ? $" and {masters.Count - 3} more" : "");
                Observe(ObservationKind.DmaRangesWithIommu, node, "dma-ranges",
                    $"these dma-ranges bound the IOVA windows of {masters.Count} IOMMU master(s) ({shown}): Linux applies them although iommu.txt says they are ignored");
            }
        }

        private DmaWindow? WindowFor(DmaMaster m, IommuAttachment a)
        {
            var wb = a.Fields.FirstOrDefault(f => f.Role == FieldRole.WindowBase);
            var ws = a.Fields.FirstOrDefault(f => f.Role == FieldRole.WindowSize);
            if (wb != null && ws != null)
            {
                var r = AddressRange.FromSize(wb.Value, ws.Value);
                return r == null ? null : new DmaWindow(r.Value, WindowSource.Specifier);
            }
            var inst = _model.FindInstance(a.IommuPath!);
            if (inst?.Aperture is not { } ap) return null;
            return ClipToEnvelope(m, ap, _masterNodes[m]);
        }

        // iommu_dma_init_domain refuses a dma-ranges envelope wholly outside the aperture; otherwise IOVAs are
        // allocated inside aperture ∩ [dma_start, bus_dma_limit].
        private DmaWindow? ClipToEnvelope(DmaMaster m, AddressRange aperture, Node node)
        {
            if (m.Translation.Outcome != TranslationOutcome.Ranges || m.Translation.BusDmaLimit is not { } limit)
                return new DmaWindow(aperture, WindowSource.Aperture);
            var envelope = new AddressRange(m.Translation.DmaStart, limit);
            var inter = aperture.Intersect(envelope);
            if (inter == null)
            {
                Observe(ObservationKind.WindowOutsideAperture, node, "dma-ranges",
                    $"dma-ranges envelope {envelope} lies outside the IOMMU aperture {aperture}: \"specified DMA range outside IOMMU capability\"; Linux keeps platform DMA ops");
                return null;
            }
            return new DmaWindow(inter.Value, WindowSource.Aperture);
        }

        private void Reach(DmaMaster m, bool translated, List<IommuAttachment> active)
        {
            if (translated && active.Count > 0 && _model.FindInstance(active[0].IommuPath!) is { } inst)
            {
                if (inst.OwnTranslation == null || inst.Liobn != null) m.ReachableRam.AddRange(_model.Memory);
                else m.ReachableRam.AddRange(RamVia(inst.OwnTranslation));
                return;
            }
            if (m.Kind == MasterKind.PciHostBridge && translated)
            {
                var first = m.RidRanges.FirstOrDefault(r => r.Outcome == RidOutcome.Translated);
                if (first?.IommuPath != null && _model.FindInstance(first.IommuPath) is { OwnTranslation: { } own })
                {
                    m.ReachableRam.AddRange(RamVia(own));
                    return;
                }
            }
            m.ReachableRam.AddRange(RamVia(m.Translation));
        }

        private List<AddressRange> RamVia(BusTranslation t)
        {
            var result = new List<AddressRange>();
            if (t.Outcome == TranslationOutcome.Invalid) return result;
            if (t.Outcome == TranslationOutcome.NoConstraint)
            {
                result.AddRange(_model.Memory);
                return result;
            }
            foreach (var r in t.Regions)
            {
                if (r.Size == 0) break;
                if (AddressRange.FromSize(r.CpuStart, r.Size) is not { } cpu) continue;
                foreach (var ram in _model.Memory)
                    if (cpu.Intersect(ram) is { } x) result.Add(x);
            }
            return ReservedMemoryReader.Merge(result);
        }

        private void CheckSingleMaster()
        {
            foreach (var inst in _model.Instances)
            {
                if (inst.Binding?.HasQuirk(BindingQuirks.SingleMaster) != true || inst.Masters.Count <= 1) continue;
                Observe(ObservationKind.SingleMasterShared, _index.Nodes.First(n => n.FullPath == inst.Path), null,
                    $"single-master IOMMU serves {inst.Masters.Count} masters: {string.Join(", ", inst.Masters)}");
            }
        }

        private void CheckUnprotected()
        {
            foreach (var m in _model.Masters)
            {
                if (m.Kind != MasterKind.Platform || m.State != IommuState.NoIommu || !m.Available) continue;
                var node = _masterNodes[m];
                // A master of the legacy arm,smmu binding is named by its SMMU's mmu-masters, not by iommus.
                if (TreeIndex.Has(node, "#stream-id-cells")) continue;
                // Only a sibling that Linux really puts behind an IOMMU makes the contrast: one that is disabled, or
                // whose IOMMU is, protects nothing.
                var protectedSibling = _model.Masters.FirstOrDefault(o => o != m && o.Available && _masterNodes[o].Parent == node.Parent
                    && o.Kind is MasterKind.Platform or MasterKind.PciHostBridge && o.State is IommuState.Translated or IommuState.Partial);
                if (protectedSibling != null)
                    Observe(ObservationKind.UnprotectedDmaMaster, node, null,
                        $"DMA-capable node has no IOMMU while its sibling {protectedSibling.Path} is behind one: its DMA is unrestricted");
            }
        }

        private void CheckLiobns()
        {
            foreach (var g in _model.Instances.Where(i => i.Liobn != null).GroupBy(i => i.Liobn!.Value))
            {
                var list = g.ToList();
                if (list.Count < 2) continue;
                for (var i = 1; i < list.Count; i++)
                    Observe(ObservationKind.DuplicateLiobn, _index.Nodes.First(n => n.FullPath == list[i].Path), null,
                        $"LIOBN 0x{g.Key:x} is also used by {list[0].Path}: two windows share one TCE table");
            }
        }
    }
}
