using Antlr4.Runtime.Tree;
using DtIommu.Syntax;

namespace DtIommu.Tests.Compiler;

/// <summary>The parse tree's child list behaves as a list as its array grows and after it is cleared for reuse.</summary>
public class ChildListTests
{
    private static IParseTree[] Nodes(int n) => Enumerable.Range(0, n).Select(i => (IParseTree)new TerminalNodeImpl(new Antlr4.Runtime.CommonToken(i))).ToArray();

    [Fact]
    public void Adds_past_the_first_array_keep_order_and_count()
    {
        var nodes = Nodes(11);
        var list = new ChildList();
        foreach (var n in nodes) list.Add(n);
        list.Count.ShouldBe(11);
        list.ToArray().ShouldBe(nodes);
        for (var i = 0; i < nodes.Length; i++) list[i].ShouldBeSameAs(nodes[i]);
        list.IndexOf(nodes[9]).ShouldBe(9);
    }

    [Fact]
    public void Insert_and_remove_shift_across_a_grown_array()
    {
        var nodes = Nodes(7);
        var list = new ChildList();
        foreach (var n in nodes.Take(6)) list.Add(n);
        list.Insert(2, nodes[6]);
        list.ToArray().ShouldBe([nodes[0], nodes[1], nodes[6], nodes[2], nodes[3], nodes[4], nodes[5]]);
        list.RemoveAt(0);
        list.Remove(nodes[4]).ShouldBeTrue();
        list.ToArray().ShouldBe([nodes[1], nodes[6], nodes[2], nodes[3], nodes[5]]);
        list.RemoveAt(list.Count - 1);
        list.Count.ShouldBe(4);
        Should.Throw<ArgumentOutOfRangeException>(() => list[4]);
        list.Clear();
        list.Count.ShouldBe(0);
        list.Add(nodes[3]);
        list.ToArray().ShouldBe([nodes[3]]);
        Should.Throw<ArgumentOutOfRangeException>(() => list[1]);
    }
}
