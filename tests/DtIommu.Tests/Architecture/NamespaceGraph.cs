using System.Text.RegularExpressions;

namespace DtIommu.Tests.Architecture;

/// <summary>Which DtIommu namespace imports which, read from the sources' <c>namespace</c> and <c>using</c> lines.</summary>
internal sealed partial class NamespaceGraph
{
    private readonly Dictionary<string, SortedSet<string>> _imports = new(StringComparer.Ordinal);
    private readonly Dictionary<(string From, string To), string> _witness = new();

    /// <summary>Adds one source file: its namespace imports every DtIommu namespace it has a using for.</summary>
    public void AddSource(string path, string text)
    {
        var ns = NamespaceLine().Match(text);
        if (!ns.Success) return;
        var from = ns.Groups[1].Value;
        if (!_imports.ContainsKey(from)) _imports[from] = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match u in UsingLine().Matches(text))
        {
            var to = u.Groups[1].Value;
            if (to == from) continue;
            _imports[from].Add(to);
            _witness.TryAdd((from, to), path);
        }
    }

    /// <summary>True when <paramref name="from"/> has a using for <paramref name="to"/>.</summary>
    public bool Imports(string from, string to) => _imports.TryGetValue(from, out var set) && set.Contains(to);

    /// <summary>Every set of namespaces that import each other, directly or around a loop (Tarjan's SCCs of size > 1).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<IReadOnlyList<string>>();
        var next = 0;

        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in _imports.TryGetValue(v, out var set) ? set : [])
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            if (component.Count > 1) { component.Sort(StringComparer.Ordinal); result.Add(component); }
        }

        foreach (var v in _imports.Keys.OrderBy(k => k, StringComparer.Ordinal))
            if (!index.ContainsKey(v)) Visit(v);
        return result;
    }

    /// <summary>The file whose using made <paramref name="from"/> import <paramref name="to"/>.</summary>
    public string? Witness(string from, string to) => _witness.TryGetValue((from, to), out var p) ? p : null;

    [GeneratedRegex(@"^namespace (DtIommu[\w.]*);", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^using (DtIommu[\w.]*);", RegexOptions.Multiline)]
    private static partial Regex UsingLine();
}
