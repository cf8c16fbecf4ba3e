using System.Text;
using HealthCode.Ingest.Parsing;

namespace HealthCode.Ingest.Tests.Parsing;

public sealed class LineReaderTests
{
    private static List<string> ReadAll(byte[] bytes, int bufferBytes = 16)
    {
        var reader = new LineReader(new MemoryStream(bytes), bufferBytes);
        var lines = new List<string>();

        while (reader.TryReadLine(out var line))
        {
            lines.Add(Encoding.UTF8.GetString(line));
        }

        return lines;
    }

    [Fact]
    public void TryReadLine_MixedLineEndingsAndNoFinalNewline_ReturnsEveryLine()
    {
        var lines = ReadAll(Encoding.UTF8.GetBytes("first line\r\nsecond line that is long\nthird"));

        Assert.Equal(["first line", "second line that is long", "third"], lines);
    }

    [Fact]
    public void TryReadLine_ByteOrderMark_IsSkipped()
    {
        var lines = ReadAll([0xEF, 0xBB, 0xBF, (byte)'a', (byte)'\n', (byte)'b']);

        Assert.Equal(["a", "b"], lines);
    }

    [Fact]
    public void TryReadLine_OversizedLine_IsFlaggedAndTheNextLineSurvives()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('x', LineReader.MaxLineBytes + 10) + "\nnext\n");
        var reader = new LineReader(new MemoryStream(bytes), 4096);

        Assert.True(reader.TryReadLine(out _));
        Assert.True(reader.Oversized);
        Assert.True(reader.TryReadLine(out var next));
        Assert.False(reader.Oversized);
        Assert.Equal("next", Encoding.UTF8.GetString(next));
        Assert.Equal(2, reader.LineNumber);
    }
}
