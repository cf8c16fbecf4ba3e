using System.Buffers;
using HealthCode.Simulator.Randomness;

namespace HealthCode.Simulator.Feeds;

/// <summary>
/// Streams the ping CSV slice by slice (one simulated hour each), in observation order. The malformed lines
/// are spread evenly over the slices and placed at drawn positions within them. Lines are formatted in
/// parallel parts and written in order; a slice's write overlaps the generation of the next.
/// </summary>
internal sealed class PingFeedWriter : IAsyncDisposable
{
    private const int LinesPerPart = 32_768;

    private readonly FileStream _file;
    private readonly PingLineFormatter _formatter;
    private readonly ulong _seed;
    private readonly int[] _malformedPerSlice;
    private readonly List<MalformedLine> _log;
    private readonly ParallelOptions _parallel;
    private long _lines = 1;
    private int _malformedWritten;
    private Task _pendingWrite = Task.CompletedTask;

    public PingFeedWriter(string path, PingLineFormatter formatter, ulong seed, int malformed, int slices,
        List<MalformedLine> log, ParallelOptions parallel)
    {
        _file = OutputFile.Create(path);
        _formatter = formatter;
        _seed = seed;
        _log = log;
        _parallel = parallel;
        _malformedPerSlice = new int[slices];

        for (var j = 0; j < malformed; j++)
        {
            _malformedPerSlice[(int)((2L * j + 1) * slices / (2L * malformed))]++;
        }
    }

    public long ValidLines { get; private set; }

    public long MalformedLines => _malformedWritten;

    public ValueTask WriteHeaderAsync(CancellationToken cancellationToken) =>
        _file.WriteAsync(PingLineFormatter.Header, cancellationToken);

    /// <summary>Writes one slice of pings, already sorted by time then SIM.</summary>
    public async Task WriteSliceAsync(PingRecord[] pings, int count, int slice, int sliceStart,
        CancellationToken cancellationToken)
    {
        var inserts = MalformedInserts(pings, count, slice, sliceStart);
        var parts = Math.Max(1, (count + LinesPerPart - 1) / LinesPerPart);
        var buffers = new byte[parts][];
        var lengths = new int[parts];

        Parallel.For(0, parts, _parallel, part =>
            (buffers[part], lengths[part]) = FormatPart(pings, count, part * LinesPerPart, inserts));

        await _pendingWrite.ConfigureAwait(false);
        _pendingWrite = WritePartsAsync(buffers, lengths, cancellationToken);

        for (var j = 0; j < inserts.Count; j++)
        {
            _log.Add(new MalformedLine(FeedNames.Pings, _lines + inserts[j].Position + j + 1, inserts[j].Kind));
        }

        _lines += count + inserts.Count;
        ValidLines += count;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _pendingWrite.ConfigureAwait(false);
            await _file.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            await _file.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task WritePartsAsync(byte[][] buffers, int[] lengths, CancellationToken cancellationToken)
    {
        for (var part = 0; part < buffers.Length; part++)
        {
            await _file.WriteAsync(buffers[part].AsMemory(0, lengths[part]), cancellationToken).ConfigureAwait(false);
            ArrayPool<byte>.Shared.Return(buffers[part]);
        }
    }

    /// <summary>Formats one part's lines, with the malformed lines falling in it, into a rented buffer.</summary>
    private (byte[] Buffer, int Length) FormatPart(PingRecord[] pings, int count, int from,
        List<(int Position, byte[] Line, MalformedKind Kind)> inserts)
    {
        var to = Math.Min(count, from + LinesPerPart);
        var extra = inserts.Where(i => InPart(i.Position, from, to, count)).Sum(i => i.Line.Length);
        var buffer = ArrayPool<byte>.Shared.Rent((to - from) * PingLineFormatter.MaxLineBytes + extra);
        var length = 0;
        var next = inserts.FindIndex(i => i.Position >= from);

        for (var i = from; i <= to; i++)
        {
            while (next >= 0 && next < inserts.Count && inserts[next].Position == i && InPart(i, from, to, count))
            {
                inserts[next].Line.CopyTo(buffer, length);
                length += inserts[next].Line.Length;
                next++;
            }

            if (i < to)
            {
                length += _formatter.Format(pings[i], buffer.AsSpan(length));
            }
        }

        return (buffer, length);
    }

    /// <summary>A line inserted at the slice end belongs to the last part; others to the part holding it.</summary>
    private static bool InPart(int position, int from, int to, int count) =>
        position >= from && (position < to || (position == count && to == count));

    private List<(int Position, byte[] Line, MalformedKind Kind)> MalformedInserts(PingRecord[] pings, int count,
        int slice, int sliceStart)
    {
        var wanted = _malformedPerSlice[slice];
        var inserts = new List<(int, byte[], MalformedKind)>(wanted);

        if (wanted == 0)
        {
            return inserts;
        }

        var rng = Rng.For(_seed, RandomStream.Malformed, FeedNames.All.ToList().IndexOf(FeedNames.Pings), slice);
        var positions = Enumerable.Range(0, wanted).Select(_ => rng.Next(count + 1)).Order().ToList();
        var kinds = FeedShape.PingKinds;

        foreach (var position in positions)
        {
            // With no ping in the slice, the first SIM at the city's start of the slice stands in as template.
            var template = count > 0 ? pings[Math.Min(position, count - 1)]
                : new PingRecord(sliceStart, 0, 30.25, 120.17, 300);
            var kind = kinds[_malformedWritten % kinds.Count];
            inserts.Add((position, _formatter.Malformed(kind, _malformedWritten / kinds.Count, template), kind));
            _malformedWritten++;
        }

        return inserts;
    }
}
