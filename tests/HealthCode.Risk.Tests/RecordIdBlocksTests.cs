namespace HealthCode.Risk.Tests;

public sealed class RecordIdBlocksTests
{
    [Fact]
    public void Take_ManySlices_NeverShareAValue()
    {
        var slices = Enumerable.Range(0, 2_000).Select(i => (Index: i, Slice: RecordIdBlocks.Take(1 + (i % 90))))
            .ToList();
        foreach (var (index, slice) in slices)
        {
            slice.AsSpan().Fill(new UInt128(0, (ulong)index));
        }

        Assert.All(slices, s => Assert.Equal(1 + (s.Index % 90), s.Slice.Count));
        Assert.All(slices, s => Assert.All(s.Slice, v => Assert.Equal(new UInt128(0, (ulong)s.Index), v)));
    }

    [Fact]
    public void Take_ALongRun_IsAnArrayOfItsOwn()
    {
        var slice = RecordIdBlocks.Take(5_000);

        Assert.Equal(0, slice.Offset);
        Assert.Equal(5_000, slice.Array!.Length);
    }
}
