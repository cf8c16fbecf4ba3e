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
    public void Union_ThreePackableLists_IsPackedAndTheSameAsTwoStringUnions()
    {
        string[] report = [Hex(0, 4)];
        var presence = RecordIdSet.Adopt([new UInt128(0, 2), new UInt128(0, 4), new UInt128(9, 0)]);
        var stay = RecordIdSet.Adopt([new UInt128(0, 1), new UInt128(0, 2), new UInt128(7, 7)]);

        var union = RecordIdSet.Union(report, presence, stay);

        Assert.IsType<PackedRecordIds>(union);
        Assert.Equal(RecordIdSet.Union(RecordIdSet.Union(report, [.. presence]), [.. stay]), union);
        Assert.Equal([Hex(0, 1), Hex(0, 2), Hex(0, 4), Hex(7, 7), Hex(9, 0)], union);
    }

    [Fact]
    public void Union_RandomOverlappingLists_PackedAgreesWithTheStringUnion()
    {
        var random = new Random(11);

        for (var round = 0; round < 200; round++)
        {
            var lists = Enumerable.Range(0, 3).Select(_ => RecordIdSet.Adopt([.. Enumerable
                .Range(0, random.Next(0, 400))
                .Select(_ => new UInt128((ulong)random.Next(4), (ulong)random.Next(600)))])).ToArray();
            string[][] text = [.. lists.Select(l => l.ToArray())];

            var expected = RecordIdSet.Union(RecordIdSet.Union(text[0], text[1]), text[2]);

            Assert.Equal(expected, RecordIdSet.Union(lists[0], lists[1], lists[2]));
            Assert.Equal(expected, RecordIdSet.Union(RecordIdSet.Union(lists[0], lists[1]), lists[2]));

            // A report's id as text with two packed lists, as the companion rule joins them.
            string[] report = [Hex(0, (ulong)random.Next(600))];
            Assert.Equal(RecordIdSet.Union(RecordIdSet.Union(report, text[1]), text[2]),
                RecordIdSet.Union(report, lists[1], lists[2]));
        }
    }

    [Fact]
    public void Union_ThreeListsOneNotPackable_IsTheirStringUnion()
    {
        var stay = RecordIdSet.Adopt([new UInt128(0, 2)]);

        Assert.Equal([Hex(0, 2), "a", "report"], RecordIdSet.Union(["report"], ["a"], stay));
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

    [Fact]
    public void Union_ThreePackedLists_IsAViewThatReadsAsTheirMergedIds()
    {
        var random = new Random(23);

        for (var round = 0; round < 200; round++)
        {
            // Values near the top of the range too: the view's merge must not take the greatest one for an end.
            var lists = Enumerable.Range(0, 3).Select(_ => PackedRecordIds.Adopt([.. Enumerable
                .Range(0, random.Next(1, 120))
                .Select(_ => random.Next(10) == 0
                    ? UInt128.MaxValue - (ulong)random.Next(3)
                    : new UInt128((ulong)random.Next(3), (ulong)random.Next(300)))
                .Distinct().Order()])!).ToArray();
            UInt128[] expected = [.. lists.SelectMany(l => l.Values.ToArray()).Distinct().Order()];

            var union = Assert.IsType<PackedRecordIds>(RecordIdSet.Union(lists[0], lists[1], lists[2]));

            Assert.Equal(3, union.PartCount);
            Assert.Equal(expected.Length, union.Count);
            var read = new List<UInt128>();
            foreach (var value in union.EnumerateValues())
            {
                read.Add(value);
            }

            Assert.Equal(expected, read);
            Assert.Equal(expected.Select(v => v.ToString("x32", null)), union);
            Assert.Equal(expected[^1].ToString("x32", null), union[union.Count - 1]);
            Assert.Equal(expected, union.Values.ToArray());
            Assert.True(RecordIdSet.SequenceEqual(union, PackedRecordIds.Adopt(expected)!));
        }
    }

    [Fact]
    public void Union_OfAViewWithMoreLists_IsOneArrayOfTheSameIds()
    {
        var first = RecordIdSet.Union(RecordIdSet.Adopt([new UInt128(0, 1)]), RecordIdSet.Adopt([new UInt128(0, 5)]));
        var second = RecordIdSet.Union(RecordIdSet.Adopt([new UInt128(0, 2)]), RecordIdSet.Adopt([new UInt128(0, 5)]));

        var union = Assert.IsType<PackedRecordIds>(RecordIdSet.Union(first, second));

        Assert.Equal(1, union.PartCount);
        Assert.Equal([Hex(0, 1), Hex(0, 2), Hex(0, 5)], union);
    }

    [Fact]
    public void Union_OnePackedListWithEmptyOnes_IsThatList()
    {
        var only = RecordIdSet.Adopt([new UInt128(0, 1), new UInt128(0, 2)]);

        Assert.Same(only, RecordIdSet.Union(RecordIdSet.Adopt([]), only, RecordIdSet.Adopt([])));
    }

    [Fact]
    public void SequenceEqual_ViewsDifferingInOneId_AreNotEqual()
    {
        var shared = RecordIdSet.Adopt([new UInt128(0, 2), new UInt128(0, 4)]);
        var first = RecordIdSet.Union(shared, RecordIdSet.Adopt([new UInt128(0, 7)]));
        var second = RecordIdSet.Union(shared, RecordIdSet.Adopt([new UInt128(0, 8)]));

        Assert.Equal(first.Count, second.Count);
        Assert.False(RecordIdSet.SequenceEqual(first, second));
        var same = RecordIdSet.Union(RecordIdSet.Adopt([new UInt128(0, 7)]), shared);
        Assert.True(RecordIdSet.SequenceEqual(first, same));
    }

    private static string Hex(ulong high, ulong low) => new UInt128(high, low).ToString("x32", null);
}
