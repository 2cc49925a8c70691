using System.Collections.Generic;

namespace DtIommu.Simulation;

/// <summary>The small surface every simulated IOMMU offers: probe, attach, map, unmap, access, invalidate, fault log.</summary>
public interface IIommuSimulator
{
    /// <summary>Instance name, e.g. <c>dmar0</c>.</summary>
    string Name { get; }

    /// <summary>Kind keyword used in traces: <c>tce</c>, <c>single-master</c>, <c>smmu-v2</c>, <c>smmu-v3</c>, <c>vtd</c>.</summary>
    string Kind { get; }

    /// <summary>Probe-time registration of a master (ID range checks, SMR allocation, duplicate IDs, second master).</summary>
    /// <param name="master">The master.</param>
    /// <param name="groupPeer">An already registered master this one must share a group with (shared SMR, same PE, same instance), or null.</param>
    SimStatus AddMaster(SimMaster master, out string? groupPeer);

    /// <summary>Chooses a domain for a new group's default domain.</summary>
    SimStatus AllocateDefaultDomain(SimMaster firstMember, out uint domain);

    /// <summary>Programs the master's IDs to translate through <paramref name="domain"/>.</summary>
    SimStatus Attach(SimMaster master, uint domain);

    /// <summary>Maps [<paramref name="iova"/>, +<paramref name="size"/>) to <paramref name="physical"/> in a domain; a live entry is refused or kept as the driver does (see <see cref="MapOverLivePolicy"/>).</summary>
    SimStatus Map(uint domain, ulong iova, ulong physical, ulong size, DmaPermission permission);

    /// <summary>Clears the translations of [<paramref name="iova"/>, +<paramref name="size"/>) in a domain.</summary>
    SimStatus Unmap(uint domain, ulong iova, ulong size);

    /// <summary>One DMA transaction from <paramref name="sourceId"/>; faults are also added to <see cref="Faults"/>.</summary>
    AccessResult Access(uint sourceId, ulong iova, DmaDirection direction);

    /// <summary>The invalidations this hardware has, by trace name.</summary>
    IReadOnlyList<InvalidationKind> Invalidations { get; }

    /// <summary>Executes one invalidation command.</summary>
    InvalidationResult Invalidate(in InvalidationRequest request);

    /// <summary>Invalidation commands issued so far, including those the driver model issues itself (strict unmap, flush queue).</summary>
    long InvalidationCount { get; }

    /// <summary>Changes written to the tables that no invalidation has covered yet, one line each, for end-of-replay reports.</summary>
    IReadOnlyList<string> PendingInvalidations();

    /// <summary>True when a change to [<paramref name="iova"/>, +<paramref name="size"/>) in the domain still awaits an invalidation.</summary>
    bool IsInvalidationPending(uint domain, ulong iova, ulong size);

    /// <summary>Faults recorded so far.</summary>
    FaultLog Faults { get; }

    /// <summary>The kernel WARN (or warning) the driver printed during the last map or unmap, or null.</summary>
    string? LastWarning { get; }

    /// <summary>The dma-iommu flush-queue timer fires: every domain with queued unmaps is flushed; returns the invalidations issued.</summary>
    int FlushQueueTimeout();

    /// <summary>Extra detail about the last refusal (the conflicting SMR, the other master), or null.</summary>
    string? LastRefusalDetail { get; }
}
