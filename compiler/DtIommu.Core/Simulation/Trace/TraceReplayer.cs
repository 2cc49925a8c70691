using System.Collections.Generic;
using System.Linq;
using DtIommu.Diagnostics;
using DtIommu.Simulation.SingleMaster;
using DtIommu.Simulation.Smmu;
using DtIommu.Simulation.Tce;
using DtIommu.Simulation.Vtd;

namespace DtIommu.Simulation.Trace;

/// <summary>
/// Replays a trace against a <see cref="SimulatedPlatform"/>: declarations in the trace add to the platform (so a
/// trace can describe its own platform or run against one built from a device tree), and every step's outcome,
/// invalidation count, redundancy and staleness goes into a <see cref="ReplayReport"/>.
/// </summary>
public sealed class TraceReplayer
{
    private readonly SimulatedPlatform _platform;
    private readonly DiagnosticBag _diagnostics;
    private readonly MappingShadow _shadow = new();
    private readonly System.Action<StepOutcome> _sink;
    private long _stepStart;
    private int _steps, _accesses, _allowed, _faulted, _stale, _invalidations, _redundant, _refused, _bugs, _errors;

    private TraceReplayer(SimulatedPlatform platform, DiagnosticBag diagnostics, System.Action<StepOutcome> sink)
    {
        _platform = platform;
        _diagnostics = diagnostics;
        _sink = sink;
    }

    /// <summary>Replays <paramref name="script"/>; names the trace cannot resolve are reported to <paramref name="diagnostics"/>.</summary>
    public static ReplayReport Replay(TraceScript script, SimulatedPlatform platform, DiagnosticBag diagnostics)
    {
        var outcomes = new List<StepOutcome>();
        var r = new TraceReplayer(platform, diagnostics, outcomes.Add);
        foreach (var step in script.Steps) r.Run(step);
        var (summary, faults, pending, groups) = r.Tail();
        return new ReplayReport(script.FileName, outcomes, summary, faults, pending, groups);
    }

    /// <summary>
    /// Replays a trace as it is read, in one pass, and writes the report as it goes; neither the trace nor the step
    /// outcomes are ever held whole. At the first line that does not parse the replay stops (the steps before it
    /// are already reported), the rest is only checked, and the parse errors follow the report without its summary.
    /// Returns false when the trace did not parse.
    /// </summary>
    public static bool ReplayStream(System.IO.TextReader input, string fileName, SimulatedPlatform platform, DiagnosticBag diagnostics, System.IO.TextWriter output)
    {
        var parseErrors = new DiagnosticBag();
        var sb = new System.Text.StringBuilder(1 << 16);
        sb.Append("replay ").Append(fileName).Append('\n');
        var r = new TraceReplayer(platform, diagnostics, o =>
        {
            o.Render(sb);
            if (sb.Length < 1 << 15) return;
            output.Write(sb);
            sb.Clear();
        });
        TraceParser.ParseStream(input, fileName, parseErrors, step =>
        {
            if (parseErrors.Items.Count == 0) r.Run(step);
        }, (text, line) => parseErrors.Items.Count == 0 && r.RunHot(text, line));
        if (parseErrors.Items.Count > 0)
        {
            output.Write(sb);
            foreach (var d in parseErrors.Items) diagnostics.Add(d);
            return false;
        }
        var (summary, faults, pending, groups) = r.Tail();
        ReplayReport.RenderTail(sb, summary, faults, pending, groups);
        output.Write(sb);
        return true;
    }

    /// <summary>Parses and replays a self-contained trace on a fresh platform.</summary>
    public static ReplayReport? ParseAndReplay(string text, string fileName, DiagnosticBag diagnostics, SimulatedPlatform? platform = null)
    {
        var script = TraceParser.Parse(text, fileName, diagnostics);
        return diagnostics.HasErrors ? null : Replay(script, platform ?? new SimulatedPlatform(), diagnostics);
    }

    private (ReplaySummary, IReadOnlyList<DmaFault>, IReadOnlyList<string>, IReadOnlyList<string>) Tail()
    {
        var summary = new ReplaySummary(_steps, _accesses, _allowed, _faulted, _stale, _invalidations, _redundant, _refused, _bugs, _errors);
        var pending = _platform.Iommus.SelectMany(i => i.PendingInvalidations()).ToList();
        var groups = _platform.Groups.Select(g =>
        {
            var master = g.Members[0];
            string cur = SimulatedPlatform.FormatDomain(master, g.CurrentDomain), dflt = SimulatedPlatform.FormatDomain(master, g.DefaultDomain);
            return $"group {g.Id} on {g.Iommu}: {string.Join(", ", g.Members.Select(m => m.Name))}; domain {cur}" + (g.CurrentDomain == g.DefaultDomain ? " (default)" : $" (default {dflt})");
        }).ToList();
        return (summary, _platform.AllFaults().ToList(), pending, groups);
    }

    private long TotalInvalidations()
    {
        long n = 0;
        var iommus = _platform.Iommus;
        for (int i = 0; i < iommus.Count; i++) n += iommus[i].InvalidationCount;
        return n;
    }

    private void Run(TraceStep step)
    {
        _stepStart = TotalInvalidations();
        Finish(Execute(step));
    }

    // A plain map, unmap or access line of a known master runs straight from its text, with no step record.
    private bool RunHot(string text, int line)
    {
        if (!FastStepParser.TryParseHot(text, out var h)) return false;
        PlatformMaster? m;
        if (ReferenceEquals(h.Name, _lastMasterName)) m = _lastMaster;
        else if ((m = _platform.FindMaster(h.Name)) == null) return false;
        else { _lastMasterName = h.Name; _lastMaster = m; }
        _stepStart = TotalInvalidations();
        Finish(h.Kind switch
        {
            HotKind.Map => Map(line, text, m!, h.Iova, h.Physical, h.Size, h.Permission),
            HotKind.Unmap => Unmap(line, text, m!, h.Iova, h.Size),
            _ => Access(line, text, m!, h.Direction, h.Iova),
        });
        return true;
    }

    private void Finish(StepOutcome outcome)
    {
        _invalidations += outcome.Invalidations;
        switch (outcome.Verdict)
        {
            case StepVerdict.Refused: _refused++; break;
            case StepVerdict.Bug: _bugs++; break;
            case StepVerdict.Error: _errors++; break;
        }
        if (outcome.Redundant) _redundant++;
        _steps++;
        _sink(outcome);
    }

    // Every outcome is built once the step's work is done, so it carries the invalidations the step issued.
    private StepOutcome Out(TraceStep s, StepVerdict v, string detail, bool redundant = false, bool stale = false, IReadOnlyList<string>? notes = null) =>
        Out(s.Span.Line, s.Text, v, detail, redundant, stale, notes);

    private StepOutcome Out(int line, string text, StepVerdict v, string detail, bool redundant = false, bool stale = false, IReadOnlyList<string>? notes = null) =>
        new(line, text, v, detail, (int)(TotalInvalidations() - _stepStart), redundant, stale, notes ?? []);

    private StepOutcome FromPlatform(int line, string text, PlatformOutcome o) =>
        o.IsOk ? Out(line, text, StepVerdict.Ok, o.Detail) : Out(line, text, StepVerdict.Refused, Refusal(o.Status, o.Detail));

    private StepOutcome FromPlatform(TraceStep s, PlatformOutcome o) =>
        o.IsOk ? Out(s, StepVerdict.Ok, o.Detail) : Out(s, StepVerdict.Refused, Refusal(o.Status, o.Detail));

    private static string Refusal(SimStatus status, string? detail)
    {
        string text = SimStatusText.Describe(status);
        return string.IsNullOrEmpty(detail) || detail == text ? text : $"{text}: {detail}";
    }

    private StepOutcome Error(TraceStep s, DiagnosticDescriptor d, TraceName at, string message)
    {
        _diagnostics.Report(d, message, at.Span);
        return Out(s, StepVerdict.Error, message);
    }

    // Replays name the same master step after step, and the fast parser hands the same string instance each time.
    private PlatformMaster? Master(TraceName name)
    {
        if (ReferenceEquals(name.Name, _lastMasterName)) return _lastMaster;
        var m = _platform.FindMaster(name.Name);
        if (m != null) { _lastMasterName = name.Name; _lastMaster = m; }
        return m;
    }

    private string? _lastMasterName;
    private PlatformMaster? _lastMaster;

    private StepOutcome Execute(TraceStep step)
    {
        switch (step)
        {
            case AccessStep hot:
                return Access(hot);
            case MapStep hot:
                return Map(hot);
            case UnmapStep hot:
                return Unmap(hot);
            case IommuStep s:
            {
                var added = _platform.AddIommu(s.Name.Name, s.Config);
                if (!added.IsOk) return FromPlatform(s, added);
                if (s.IdentityDefault) _platform.UseIdentityDefault(s.Name.Name);
                return Out(s, StepVerdict.Ok, Describe(s.Config) + (s.IdentityDefault ? "; default domains: identity (iommu.passthrough=1)" : ""));
            }
            case WindowStep s:
            {
                var sim = _platform.FindIommu(s.Iommu.Name);
                if (sim == null) return Error(s, TraceDiagnostics.UnknownIommu, s.Iommu, $"no IOMMU is named '{s.Iommu.Name}'");
                if (sim is not TceSimulator tce) return Error(s, TraceDiagnostics.WrongIommuKind, s.Iommu, $"'{s.Iommu.Name}' is a {sim.Kind} IOMMU; windows belong to tce IOMMUs");
                var st = tce.AddWindow(s.Window);
                if (st != SimStatus.Ok) return Out(s, StepVerdict.Refused, Refusal(st, tce.LastRefusalDetail));
                var t = tce.Table(s.Window.Liobn)!;
                var notes = new List<string>();
                if (t.LinuxTableSize != t.Size)
                    notes.Add($"note: Linux rounds the table up to 0x{t.LinuxTableSize:x} bytes; H_PUT_TCE above 0x{t.Base + t.Size - 1:x} fails with H_PARAMETER");
                return Out(s, StepVerdict.Ok, $"PE 0x{t.Liobn:x}: window 0x{t.Base:x}-0x{t.Base + t.Size - 1:x}, 0x{1UL << t.PageShift:x}-byte TCEs, {t.Size >> t.PageShift} entries", notes: notes);
            }
            case PciStep s:
                return FromPlatform(s, _platform.AddPciFunction(s.Function));
            case MasterStep s:
            {
                if (_platform.FindIommu(s.Iommu.Name) == null) return Error(s, TraceDiagnostics.UnknownIommu, s.Iommu, $"no IOMMU is named '{s.Iommu.Name}'");
                return FromPlatform(s, _platform.AddMaster(new MasterSpec(s.Name.Name, s.Iommu.Name, s.StreamIds, s.StreamMask, s.Pci, s.Liobn, Ats: s.Ats, Virtual: s.Virtual)));
            }
            case AttachStep s:
            {
                if (Master(s.Master) == null) return Error(s, TraceDiagnostics.UnknownMaster, s.Master, $"no master is named '{s.Master.Name}'");
                if (s.Identity) return FromPlatform(s, _platform.AttachIdentity(s.Master.Name));
                if (s.Named is string label) return FromPlatform(s, _platform.AttachNamed(s.Master.Name, label));
                return FromPlatform(s, s.Domain is uint d ? _platform.Attach(s.Master.Name, d) : _platform.Detach(s.Master.Name));
            }
            case DetachStep s:
                if (Master(s.Master) == null) return Error(s, TraceDiagnostics.UnknownMaster, s.Master, $"no master is named '{s.Master.Name}'");
                return FromPlatform(s, _platform.Detach(s.Master.Name));
            case InvalidateStep s:
                return Invalidate(s);
            case QueueStep s:
                return Queue(s);
            case SyncStep s:
            {
                var m = Master(s.Master);
                if (m == null) return Error(s, TraceDiagnostics.UnknownMaster, s.Master, $"no master is named '{s.Master.Name}'");
                if (m.Iommu is not CachingIommuSimulator { SyncCommand: string sync } c)
                    return Out(s, StepVerdict.Refused, $"no invalidation queue: {m.Iommu.Name} ({m.Iommu.Kind}) completes its invalidations synchronously");
                var done = c.Sync();
                int dropped = done.Sum(r => r.EntriesDropped);
                return Out(s, StepVerdict.Ok, $"{sync}: {done.Count} queued invalidation(s) completed, {dropped} cached entr{(dropped == 1 ? "y" : "ies")} dropped");
            }
            case ResetStep s:
            {
                var m = Master(s.Master);
                if (m == null) return Error(s, TraceDiagnostics.UnknownMaster, s.Master, $"no master is named '{s.Master.Name}'");
                return FromPlatform(s, _platform.Reset(m));
            }
            case DdwStep s:
            {
                var m = Master(s.Master);
                if (m == null) return Error(s, TraceDiagnostics.UnknownMaster, s.Master, $"no master is named '{s.Master.Name}'");
                if (m.Iommu is not TceSimulator tce) return Error(s, TraceDiagnostics.WrongIommuKind, s.Master, $"'{m.Name}' is behind a {m.Iommu.Kind} IOMMU; ddw applies to tce");
                int windowsBefore = tce.WindowsOf(m.Sim.Liobn).Count;
                bool hadDefault = tce.Table(m.Sim.Liobn) != null;
                var st = tce.CreateDdw(m.Sim.Liobn, s.WindowShift, s.MaxPageShift, out var w);
                if (st != SimStatus.Ok) return Out(s, StepVerdict.Refused, Refusal(st, tce.LastRefusalDetail));
                var notes = new List<string>();
                if (hadDefault && tce.Table(m.Sim.Liobn) == null) notes.Add($"note: no window was free; the unused default window 0x{m.Sim.Liobn:x} was removed");
                return Out(s, StepVerdict.Ok, $"window 0x{w!.Liobn:x} at 0x{w.Base:x}, 2^{s.WindowShift} bytes, 0x{1UL << w.PageShift:x}-byte TCEs ({windowsBefore} -> {tce.WindowsOf(m.Sim.Liobn).Count} windows)", notes: notes);
            }
            case TimerStep s:
            {
                int flushed = 0;
                foreach (var i in _platform.Iommus) flushed += i.FlushQueueTimeout();
                return Out(s, StepVerdict.Ok, flushed == 0 ? "no flush queue holds an unmap" : $"flush-queue timeout: {flushed} domain(s) flushed");
            }
            case FreeStep s:
            {
                var still = _shadow.Free(s.Physical, s.Size);
                var notes = still.Select(m => $"still mapped: {m.Iommu} domain {DomainText(m)} iova 0x{m.Iova:x}-0x{m.Iova + m.Size - 1:x} -> 0x{m.Physical:x}-0x{m.Physical + m.Size - 1:x}").ToList();
                int unflushed = 0;
                foreach (var m in _shadow.UnmappedInto(s.Physical, s.Size))
                {
                    if (!PendingAnywhere(m.Iommu, m.Domain, m.Iova, m.Size))
                    {
                        _shadow.ForgetUnmapped(m);
                        continue;
                    }
                    unflushed++;
                    notes.Add($"unmapped but not invalidated: {m.Iommu} domain {DomainText(m)} iova 0x{m.Iova:x}-0x{m.Iova + m.Size - 1:x} may still reach 0x{m.Physical:x}-0x{m.Physical + m.Size - 1:x} through a stale cached translation");
                }
                if (notes.Count == 0) return Out(s, StepVerdict.Ok, "no mapping points into the buffer");
                string what = still.Count > 0 && unflushed > 0 ? $"{still.Count} mapping(s) and {unflushed} uninvalidated unmap(s)"
                    : still.Count > 0 ? $"{still.Count} mapping(s)" : $"{unflushed} uninvalidated unmap(s)";
                return Out(s, StepVerdict.Bug, $"buffer freed while {what} still point into it", notes: notes);
            }
            default:
                return Out(step, StepVerdict.Error, "unsupported step");
        }
    }

    private StepOutcome Map(MapStep s)
    {
        var m = Master(s.Master);
        if (m == null) return Error(s, TraceDiagnostics.UnknownMaster, s.Master, $"no master is named '{s.Master.Name}'");
        return Map(s.Span.Line, s.Text, m, s.Iova, s.Physical, s.Size, s.Permission);
    }

    private StepOutcome Map(int line, string text, PlatformMaster m, ulong iova, ulong physical, ulong size, DmaPermission permission)
    {
        var (unit, domain) = ShadowKey(m, _platform.DomainFor(m, iova));
        var o = _platform.Map(m, iova, physical, size, permission);
        if (o.IsOk && m.Caching is { KeptPages: > 0 })
            _shadow.MapHoles(unit, domain, iova, physical, size);
        else if (o.IsOk) RecordIfPending(_shadow.Map(unit, domain, iova, physical, size));
        else if (m.Iommu is TceSimulator { LastWrittenBytes: > 0 } tce)
            RecordIfPending(_shadow.Map(unit, domain, iova, physical, tce.LastWrittenBytes));
        return WithWarning(FromPlatform(line, text, o), m.Iommu);
    }

    private StepOutcome Unmap(UnmapStep s)
    {
        var m = Master(s.Master);
        if (m == null) return Error(s, TraceDiagnostics.UnknownMaster, s.Master, $"no master is named '{s.Master.Name}'");
        return Unmap(s.Span.Line, s.Text, m, s.Iova, s.Size);
    }

    private StepOutcome Unmap(int line, string text, PlatformMaster m, ulong iova, ulong size)
    {
        var (unit, domain) = ShadowKey(m, _platform.DomainFor(m, iova));
        var o = _platform.Unmap(m, iova, size);
        ulong done = m.Caching is CachingIommuSimulator c ? c.LastUnmappedBytes : size;
        if (o.IsOk && done > 0) RecordIfPending(_shadow.Unmap(unit, domain, iova, done));
        return WithWarning(FromPlatform(line, text, o), m.Iommu);
    }

    // Only a removed translation that a cache may still hold can reach a buffer after its free.
    private void RecordIfPending(List<ShadowMapping> removed)
    {
        foreach (var r in removed)
            if (PendingAnywhere(r.Iommu, r.Domain, r.Iova, r.Size)) _shadow.RecordUnmapped([r]);
    }

    // The replay's own mapping record names a domain spanning VT-d units by its first unit and DID, so that a map
    // through one unit and an unmap through another meet.
    private static (string Unit, uint Domain) ShadowKey(PlatformMaster m, uint domain)
    {
        if (m.Caching?.FindDomain(domain)?.Peers is { } peers && peers[0].Owner is { } first) return (first.Name, peers[0].Id);
        return (m.Iommu.Name, domain);
    }

    // A change is still pending when any unit that walks the domain's table has not been flushed for it.
    private bool PendingAnywhere(string unit, uint domain, ulong iova, ulong size)
    {
        var sim = _platform.FindIommu(unit);
        if (sim == null) return false;
        if (sim is CachingIommuSimulator c && c.FindDomain(domain)?.Peers is { } peers)
        {
            foreach (var p in peers)
                if (p.Owner != null && p.Owner.IsInvalidationPending(p.Id, iova, size)) return true;
            return false;
        }
        return sim.IsInvalidationPending(domain, iova, size);
    }

    private static StepOutcome WithWarning(StepOutcome o, IIommuSimulator sim)
    {
        if (sim.LastWarning is string w) o = o with { Notes = [.. o.Notes, w] };
        if (sim is CachingIommuSimulator { LastNote: string n }) o = o with { Notes = [.. o.Notes, n] };
        return o;
    }

    private StepOutcome Access(AccessStep s)
    {
        var m = Master(s.Master);
        if (m == null) return Error(s, TraceDiagnostics.UnknownMaster, s.Master, $"no master is named '{s.Master.Name}'");
        return Access(s.Span.Line, s.Text, m, s.Direction, s.Iova);
    }

    private StepOutcome Access(int line, string text, PlatformMaster m, DmaDirection direction, ulong iova)
    {
        _accesses++;
        var r = _platform.Access(m, direction, iova);
        if (r.Stale) _stale++;
        List<string>? notes = r.Stale ? [] : null;
        if (r.Via == AccessVia.HostShadow && !r.Allowed && r.Stale)
            (notes ??= []).Add("hard fault: the host IOMMU has no such mapping; QEMU shadows a guest mapping into VFIO only when the guest invalidates it (caching mode)");
        if (!r.Allowed)
        {
            _faulted++;
            if (r.Stale && r.Via != AccessVia.HostShadow) notes!.Add("stale: a cached entry that no invalidation removed decided this fault");
            AddQueuedNote(m, r, ref notes);
            return Out(line, text, StepVerdict.Faulted, r.Fault.Describe(), stale: r.Stale, notes: notes);
        }
        _allowed++;
        string where = Where(m, r);
        if (r.Stale)
            notes!.Add(r.Via switch
            {
                AccessVia.DeviceTlb => "stale: the device TLB (ATS) still holds the old translation; no device-TLB invalidation reached the device",
                AccessVia.HostShadow => "stale: the host IOMMU still holds a mapping the guest changed without invalidating it",
                _ => "stale: the translation was changed or unmapped but no invalidation followed; the device still reaches the old page",
            });
        if (r.Via == AccessVia.EmulatedWalk)
            (notes ??= []).Add("CM=1: this mapping was never invalidated (a spec violation); QEMU's emulated device walks the guest table on a miss, so it works here");
        AddQueuedNote(m, r, ref notes);
        var verdict = StepVerdict.Allowed;
        if (_shadow.HasFreed && _shadow.IsFreed(r.PhysicalAddress))
        {
            notes ??= [];
            notes.Add($"use after free: DMA {(direction == DmaDirection.Write ? "writes" : "reads")} freed memory at 0x{r.PhysicalAddress:x}");
            verdict = StepVerdict.Bug;
        }
        return StepOutcome.Reached(line, text, verdict, r.PhysicalAddress, where, (int)(TotalInvalidations() - _stepStart), r.Stale, notes ?? (IReadOnlyList<string>)[]);
    }

    // "domain 5, cached" and its few variants, kept per master for the domain it last reached.
    private string Where(PlatformMaster m, AccessResult r)
    {
        if (r.Bypass) return m.Group.CurrentDomain == IommuGroup.IdentityDomain ? "identity, untranslated" : "bypass";
        int variant = r.Via switch { AccessVia.DeviceTlb => 2, AccessVia.HostShadow => 3, _ => r.CacheHit ? 1 : 0 };
        if (m.WhereDomain != r.Domain)
        {
            System.Array.Clear(m.Where, 0, m.Where.Length);
            m.WhereDomain = r.Domain;
        }
        return m.Where[variant] ??= _platform.DomainDetail(m, r.Domain) + variant switch { 1 => ", cached", 2 => ", device TLB", 3 => ", host IOMMU", _ => "" };
    }

    private static void AddQueuedNote(PlatformMaster m, AccessResult r, ref List<string>? notes)
    {
        if (!r.Stale || m.Iommu is not CachingIommuSimulator { QueuedInvalidations: > 0, SyncCommand: string sync }) return;
        (notes ??= []).Add($"queued, not completed: an invalidation waits in the queue with no {sync} after it; until then the hardware may still use the stale entry");
    }

    private StepOutcome Queue(QueueStep s)
    {
        var m = Master(s.Master);
        if (m == null) return Error(s, TraceDiagnostics.UnknownMaster, s.Master, $"no master is named '{s.Master.Name}'");
        var kind = m.Iommu.Invalidations.FirstOrDefault(k => k.Name == s.Kind.Name);
        if (kind == null) return Error(s, TraceDiagnostics.UnknownInvalidation, s.Kind, $"{m.Iommu.Name} ({m.Iommu.Kind}) has no invalidation '{s.Kind.Name}'");
        if (m.Iommu is not CachingIommuSimulator c) return Out(s, StepVerdict.Refused, "no invalidation queue");
        var st = c.Queue(new InvalidationRequest(kind.Scope, _platform.DomainFor(m, s.Iova), m.Sim.WireSourceId, s.Iova, s.Size));
        if (st != SimStatus.Ok) return Out(s, StepVerdict.Refused, Refusal(st, c.LastRefusalDetail));
        return Out(s, StepVerdict.Ok, $"{kind.Description} queued ({c.QueuedInvalidations} waiting for {c.SyncCommand}); not yet in effect");
    }

    private StepOutcome Invalidate(InvalidateStep s)
    {
        var m = Master(s.Master);
        if (m == null) return Error(s, TraceDiagnostics.UnknownMaster, s.Master, $"no master is named '{s.Master.Name}'");
        var kinds = m.Iommu.Invalidations;
        var kind = kinds.FirstOrDefault(k => k.Name == s.Kind.Name);
        if (kind == null)
        {
            string has = kinds.Count == 0
                ? "it has none (H_PUT_TCE is synchronous)"
                : "it has " + string.Join(", ", kinds.Select(k => k.Name));
            return Error(s, TraceDiagnostics.UnknownInvalidation, s.Kind, $"{m.Iommu.Name} ({m.Iommu.Kind}) has no invalidation '{s.Kind.Name}'; {has}");
        }
        if (kind.Scope == InvalidationScope.TranslationPage && s.Size == 0)
            return Error(s, TraceDiagnostics.UnknownInvalidation, s.Kind, $"'{kind.Name}' needs an IOVA and a non-zero size");
        var r = _platform.Invalidate(m, kind, s.Iova, s.Size);
        if (r.Status != SimStatus.Ok) return Out(s, StepVerdict.Refused, Refusal(r.Status, m.Iommu.LastRefusalDetail));
        var notes = new List<string>();
        if (r.Effective != kind.Scope) notes.Add($"note: the hardware cannot express this range; widened to {kinds.FirstOrDefault(k => k.Scope == r.Effective)?.Name ?? r.Effective.ToString()}");
        if (r.Redundant) notes.Add("redundant: nothing in its scope changed since the last invalidation that covered it");
        return Out(s, StepVerdict.Ok, $"{kind.Description}, {r.EntriesDropped} cached entr{(r.EntriesDropped == 1 ? "y" : "ies")} dropped", redundant: r.Redundant, notes: notes);
    }

    private string DomainText(ShadowMapping m) =>
        _platform.FindIommu(m.Iommu) is TceSimulator ? $"0x{m.Domain:x}" : m.Domain.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Describe(IommuConfig config) => config switch
    {
        VtdConfig v => $"vtd: CM={(v.CachingMode ? 1 : 0)}, {(v.StrictUnmap || v.CachingMode ? "strict" : "deferred")} unmap{(v.CachingMode && !v.StrictUnmap ? " (forced by caching mode)" : "")}, {v.NumDomains} domain IDs, {v.AddressWidth}-bit domains, MGAW {v.Mgaw}",
        SmmuV2Config c => $"smmu-v2: {(c.StreamIndexing ? "stream indexing" : $"{c.NumSmrs} SMRs")}, {c.NumContextBanks} context banks, {c.StreamIdBits}-bit stream IDs",
        SmmuV3Config c => $"smmu-v3: {c.StreamIdBits}-bit stream table, {c.InputAddressBits}-bit input addresses",
        SingleMasterConfig c => $"single-master: aperture 0x{c.ApertureStart:x}-0x{c.ApertureEnd:x}, pages {string.Join(",", (c.PageSizes ?? [4096UL]).Select(p => $"0x{p:x}"))}{(c.SingleActiveDomain ? ", one active domain" : "")}",
        TceConfig => "tce: PAPR TCE tables, no guest-visible cache",
        _ => config.Kind,
    };
}
