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
    public void Adopt_UnsortedValues_AreSortedDistinctAndReadAsTheirHex()
    {
        var ids = RecordIdSet.Adopt([new UInt128(0, 0xb), new UInt128(1, 0), new UInt128(0, 0xb)]);

        Assert.Equal([Hex(0, 0xb), Hex(1, 0)], ids);
        Assert.IsType<PackedRecordIds>(ids);
    }

    [Fact]
    public void Adopt_Values_CannotBeCastToAWritableList()
    {
        var ids = RecordIdSet.Adopt([new UInt128(0, 1), new UInt128(0, 2)]);

        Assert.False(ids is IList<string>);
    }

    [Fact]
    public void Union_PackedWithFeedHex_IsPackedAndTheSameAsTheStringUnion()
    {
        var packed = RecordIdSet.Adopt([new UInt128(0, 2), new UInt128(5, 0)]);
        string[] report = [Hex(0, 3)];

        var union = RecordIdSet.Union(report, packed);

        Assert.IsType<PackedRecordIds>(union);
        Assert.Equal(RecordIdSet.Union(report, [.. packed]), union);
        Assert.Equal([Hex(0, 2), Hex(0, 3), Hex(5, 0)], union);
    }

    [Fact]
    public void Union_PackedWithOtherIds_MergesTheirStringsOrdinally()
    {
        var packed = RecordIdSet.Adopt([new UInt128(0, 2)]);

        var union = RecordIdSet.Union(["g-report"], packed);

        Assert.IsNotType<PackedRecordIds>(union);
        Assert.Equal([Hex(0, 2), "g-report"], union);
    }

    [Fact]
    public void SequenceEqual_PackedAndStrings_CompareTheirIds()
    {
        var packed = RecordIdSet.Adopt([new UInt128(0, 2), new UInt128(0, 3)]);

        Assert.True(RecordIdSet.SequenceEqual(packed, RecordIdSet.Adopt([new UInt128(0, 3), new UInt128(0, 2)])));
        Assert.True(RecordIdSet.SequenceEqual(packed, [Hex(0, 2), Hex(0, 3)]));
        Assert.False(RecordIdSet.SequenceEqual(packed, RecordIdSet.Adopt([new UInt128(0, 2)])));
        Assert.False(RecordIdSet.SequenceEqual(packed, [Hex(0, 2), Hex(0, 4)]));
    }

    private static string Hex(ulong high, ulong low) => new UInt128(high, low).ToString("x32", null);
}
