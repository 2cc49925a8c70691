using System.Collections.Generic;
using DtIommu.Simulation.Groups;
using DtIommu.Simulation.Tce;
using DtIommu.Text;

namespace DtIommu.Simulation.Trace;

/// <summary>One statement of a DMA trace, with the text and position it came from.</summary>
/// <param name="Span">The statement's span (its words, without the comment).</param>
/// <param name="Text">The statement's words joined by single spaces, as reports echo it.</param>
public abstract record TraceStep(SourceSpan Span, string Text);

/// <summary>A name used by a step, with where it was written.</summary>
/// <param name="Name">The name.</param>
/// <param name="Span">Where it appears.</param>
public readonly record struct TraceName(string Name, SourceSpan Span);

/// <summary><c>iommu NAME KIND options</c>: declares a simulator.</summary>
/// <param name="Span">Where the statement is.</param>
/// <param name="Text">The statement as written.</param>
/// <param name="Name">The IOMMU's name.</param>
/// <param name="Config">Its parameters.</param>
/// <param name="IdentityDefault">iommu.passthrough=1: the unit's groups get the identity domain as default domain.</param>
public sealed record IommuStep(SourceSpan Span, string Text, TraceName Name, IommuConfig Config, bool IdentityDefault = false) : TraceStep(Span, Text);

/// <summary><c>window IOMMU liobn= base= size= ...</c>: a pSeries PE and its default window.</summary>
public sealed record WindowStep(SourceSpan Span, string Text, TraceName Iommu, TceWindowConfig Window) : TraceStep(Span, Text);

/// <summary><c>pci NAME KIND BB:DD.F options</c>: a PCI function that is not a master (bridges, ports).</summary>
public sealed record PciStep(SourceSpan Span, string Text, PciFunction Function) : TraceStep(Span, Text);

/// <summary><c>master NAME on IOMMU options</c>: probes a master.</summary>
public sealed record MasterStep(SourceSpan Span, string Text, TraceName Name, TraceName Iommu, IReadOnlyList<uint> StreamIds, uint StreamMask, PciFunction? Pci, uint Liobn, bool Ats = false, VirtualDevice Virtual = VirtualDevice.None) : TraceStep(Span, Text);

/// <summary><c>attach MASTER domain=N</c>, <c>attach MASTER domain=NAME</c>, <c>attach MASTER identity</c> or <c>attach MASTER default</c>.</summary>
/// <param name="Span">Where the statement is.</param>
/// <param name="Text">The statement as written.</param>
/// <param name="Master">The master whose group moves.</param>
/// <param name="Domain">The domain ID; null with <c>default</c>, a name or <c>identity</c>.</param>
/// <param name="Named">A software domain named in the trace (may span VT-d units), or null.</param>
/// <param name="Identity">The driver's identity (pass-through) domain.</param>
public sealed record AttachStep(SourceSpan Span, string Text, TraceName Master, uint? Domain, string? Named = null, bool Identity = false) : TraceStep(Span, Text);

/// <summary><c>reset MASTER</c>: PCI function-level reset; the device TLB is emptied, the IOMMU's state stays.</summary>
public sealed record ResetStep(SourceSpan Span, string Text, TraceName Master) : TraceStep(Span, Text);

/// <summary><c>queue MASTER KIND [IOVA SIZE]</c>: an invalidation put in the command queue without waiting for it.</summary>
public sealed record QueueStep(SourceSpan Span, string Text, TraceName Master, TraceName Kind, ulong Iova, ulong Size) : TraceStep(Span, Text);

/// <summary><c>sync MASTER</c>: the completion barrier of the master's IOMMU (VT-d wait descriptor, SMMUv3 CMD_SYNC, SMMUv2 TLBSYNC).</summary>
public sealed record SyncStep(SourceSpan Span, string Text, TraceName Master) : TraceStep(Span, Text);

/// <summary><c>detach MASTER</c>: back to the group's default domain.</summary>
public sealed record DetachStep(SourceSpan Span, string Text, TraceName Master) : TraceStep(Span, Text);

/// <summary><c>map MASTER IOVA PHYS SIZE PERM</c>.</summary>
public sealed record MapStep(SourceSpan Span, string Text, TraceName Master, ulong Iova, ulong Physical, ulong Size, DmaPermission Permission) : TraceStep(Span, Text);

/// <summary><c>unmap MASTER IOVA SIZE</c>.</summary>
public sealed record UnmapStep(SourceSpan Span, string Text, TraceName Master, ulong Iova, ulong Size) : TraceStep(Span, Text);

/// <summary><c>access MASTER read|write IOVA</c>.</summary>
public sealed record AccessStep(SourceSpan Span, string Text, TraceName Master, DmaDirection Direction, ulong Iova) : TraceStep(Span, Text);

/// <summary><c>invalidate MASTER KIND [IOVA SIZE]</c>.</summary>
public sealed record InvalidateStep(SourceSpan Span, string Text, TraceName Master, TraceName Kind, ulong Iova, ulong Size) : TraceStep(Span, Text);

/// <summary><c>ddw MASTER window-shift=N [max-page-shift=N]</c>: create a dynamic DMA window for the master's PE.</summary>
public sealed record DdwStep(SourceSpan Span, string Text, TraceName Master, int WindowShift, int MaxPageShift) : TraceStep(Span, Text);

/// <summary><c>free PHYS SIZE</c>: the CPU frees a buffer; any mapping still pointing at it is a bug.</summary>
public sealed record FreeStep(SourceSpan Span, string Text, ulong Physical, ulong Size) : TraceStep(Span, Text);

/// <summary><c>timer</c>: the flush-queue timer fires (IOVA_DEFAULT_FQ_TIMEOUT): every queued deferred unmap is flushed.</summary>
public sealed record TimerStep(SourceSpan Span, string Text) : TraceStep(Span, Text);

/// <summary>A parsed trace: its file name and its steps in order.</summary>
/// <param name="FileName">Name used in diagnostics and the report header.</param>
/// <param name="Steps">Statements that parsed.</param>
public sealed record TraceScript(string FileName, IReadOnlyList<TraceStep> Steps);
