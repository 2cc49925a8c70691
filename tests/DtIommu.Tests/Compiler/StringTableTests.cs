using DtIommu.Blob;

namespace DtIommu.Tests.Compiler;

public class StringTableTests
{
    [Fact]
    public void Suffix_of_an_earlier_string_reuses_its_tail()
    {
        var t = new StringTableBuilder();
        t.Insert("clock-names").ShouldBe(0);
        t.Insert("names").ShouldBe(6);
        t.Insert("s").ShouldBe(10);
        t.Insert("clock-names").ShouldBe(0);
        t.Length.ShouldBe(12);
    }

    [Fact]
    public void Longer_string_inserted_later_is_not_merged_with_an_earlier_shorter_one()
    {
        var t = new StringTableBuilder();
        t.Insert("phandle").ShouldBe(0);
        t.Insert("linux,phandle").ShouldBe(8);
        t.Insert("phandle").ShouldBe(0);
        t.ToArray().ShouldBe("phandle\0linux,phandle\0"u8.ToArray());
    }

    [Fact]
    public void First_occurrence_wins_among_several_matching_tails()
    {
        var t = new StringTableBuilder();
        t.Insert("a-ible");
        t.Insert("b-ible");
        t.Insert("ible").ShouldBe(2);
    }
}
