namespace HealthCode.Risk.Tests;

public sealed class RecordIdSetTests
{
    [Fact]
    public void Of_UnsortedWithRepeats_IsSortedOrdinallyAndDistinct()
    {
        var ids = RecordIdSet.Of(["b", "a", "B", "b", "c", "a"]);

        Assert.Equal(["B", "a", "b", "c"], ids);
    }

    [Fact]
    public void Of_AlreadyCanonical_KeepsTheOrder()
    {
        Assert.Equal(["0a", "0b", "1f"], RecordIdSet.Of(["0a", "0b", "1f"]));
    }

    [Fact]
    public void Union_OverlappingCanonicalLists_IsTheirCanonicalUnion()
    {
        var union = RecordIdSet.Union(["a", "c", "e"], ["b", "c", "f"]);

        Assert.Equal(["a", "b", "c", "e", "f"], union);
        Assert.Equal(RecordIdSet.Of(["c", "a", "e", "f", "b", "c"]), union);
    }

    [Fact]
    public void Union_OneSideEmpty_IsTheOther()
    {
        Assert.Equal(["x", "y"], RecordIdSet.Union([], ["x", "y"]));
        Assert.Equal(["x", "y"], RecordIdSet.Union(["x", "y"], []));
    }

    [Fact]
    public void Of_ListItMadeItself_IsPassedOnWithoutACopy()
    {
        var union = RecordIdSet.Union(["a", "c"], ["b"]);

        Assert.Same(union, RecordIdSet.Of(union));
    }

    [Fact]
    public void Adopt_UnsortedArray_IsNormalisedLikeOf()
    {
        Assert.Equal(["a", "b"], RecordIdSet.Adopt(["b", "a", "b"]));
    }

    [Fact]
    public void Adopt_SortedArray_CannotBeCastBackAndChanged()
    {
        var ids = RecordIdSet.Adopt(["a", "b"]);

        Assert.False(ids is string[]);
        Assert.Throws<NotSupportedException>(() => ((IList<string>)ids)[0] = "z");
    }
}
