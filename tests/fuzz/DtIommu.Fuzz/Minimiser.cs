namespace DtIommu.Fuzz;

/// <summary>
/// Delta debugging on bytes: removes ever smaller chunks of the input while the case keeps the same verdict and
/// detail, so a report shows the smallest input that still fails the same way.
/// </summary>
internal static class Minimiser
{
    public static byte[] Minimise(FuzzCase c, Func<FuzzCase, bool> stillFails, int budget = 300)
    {
        var current = c.Input;
        var chunk = Math.Max(1, current.Length / 2);
        while (chunk >= 1 && budget > 0)
        {
            var removed = false;
            for (var at = 0; at < current.Length && budget > 0; at += chunk)
            {
                var len = Math.Min(chunk, current.Length - at);
                var candidate = new byte[current.Length - len];
                current.AsSpan(0, at).CopyTo(candidate);
                current.AsSpan(at + len).CopyTo(candidate.AsSpan(at));
                budget--;
                if (stillFails(c with { Input = candidate }))
                {
                    current = candidate;
                    removed = true;
                    at -= chunk;
                }
            }
            if (!removed) chunk /= 2;
        }
        return current;
    }
}
