using System.Collections.Generic;
using System.Globalization;
using DtIommu.Iommu.Model;

namespace DtIommu.Lint.Rules;

/// <summary>W10-W12: the IOVA ranges a master needs (<c>iommu-addresses</c>) against its IOMMU.</summary>
internal static class IovaRules
{
    private const ulong Page = 0x1000;

    public static void OutsideAperture(LintContext c)
    {
        foreach (var (m, r, inst) in Reservations(c))
        {
            if (inst.Aperture is not { } ap) continue;
            if (ap.Start <= r.Iova.Start && r.Iova.End <= ap.End) continue;
            c.Report(r.RegionPath, "iommu-addresses",
                $"IOVA range {r.Iova} for {m.Path} lies outside the aperture {ap} of {inst.Path}", m.Path, inst.Path);
        }
    }

    public static void Alignment(LintContext c)
    {
        foreach (var (m, r, _) in Reservations(c))
        {
            if (r.Iova.Start % Page == 0 && (r.Iova.End == ulong.MaxValue || (r.Iova.End + 1) % Page == 0)) continue;
            c.Report(r.RegionPath, "iommu-addresses",
                $"IOVA range {r.Iova} for {m.Path} is not aligned to 4 KiB pages", m.Path);
        }
    }

    public static void MsiOverlap(LintContext c)
    {
        foreach (var (m, r, inst) in Reservations(c))
        {
            if (inst.Parameter("sw-msi") is not { Kind: ParameterKind.Range } msi) continue;
            var window = new AddressRange(msi.Integer, msi.End);
            if (window.Intersect(r.Iova) == null) continue;
            c.Report(r.RegionPath, "iommu-addresses",
                $"IOVA range {r.Iova} for {m.Path} overlaps the MSI window {window} that {inst.Path}'s driver reserves", m.Path, inst.Path);
        }
    }

    /// <summary>Each reservation of each translated master, with the IOMMU instance it is made in.</summary>
    private static IEnumerable<(DmaMaster Master, IovaReservation Reservation, IommuInstance Instance)> Reservations(LintContext c)
    {
        foreach (var m in c.Model.Masters)
        {
            if (m.IovaReservations.Count == 0) continue;
            var inst = FirstInstance(c, m);
            if (inst == null) continue;
            foreach (var r in m.IovaReservations) yield return (m, r, inst);
        }
    }

    internal static IommuInstance? FirstInstance(LintContext c, DmaMaster m)
    {
        foreach (var a in m.Attachments)
            if (a.State == AttachmentState.Active && a.IommuPath != null && c.Model.FindInstance(a.IommuPath) is { } i) return i;
        return null;
    }

    internal static string Hex(ulong v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture);
}
