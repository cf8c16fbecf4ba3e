using System.Buffers;
using System.Text.Json;
using HealthCode.Simulator.Randomness;

namespace HealthCode.Simulator.Feeds;

/// <summary>
/// Writes a JSON Lines feed from a list of records, with the configured number of malformed lines inserted at
/// positions drawn from the seed. Records are rendered with <see cref="Utf8JsonWriter"/> into one buffer that
/// is flushed to disk in large blocks.
/// </summary>
internal sealed class JsonFeedWriter
{
    private const int FlushBytes = 1 << 20;

    private readonly ulong _seed;
    private readonly int _malformedPerFeed;
    private readonly List<MalformedLine> _log;

    public JsonFeedWriter(ulong seed, int malformedPerFeed, List<MalformedLine> log)
    {
        _seed = seed;
        _malformedPerFeed = malformedPerFeed;
        _log = log;
    }

    public async Task<FeedSummary> WriteAsync<T>(string directory, FeedShape shape, IReadOnlyList<T> records,
        Action<Utf8JsonWriter, T> write, Action<Utf8JsonWriter> writeSample, CancellationToken cancellationToken)
    {
        var fileName = FeedNames.FileName(shape.Feed);
        var positions = MalformedPositions(shape.Feed, records.Count);
        var buffer = new ArrayBufferWriter<byte>(FlushBytes * 2);
        using var json = new Utf8JsonWriter(buffer, JsonOutput.WriterOptions);
        await using var file = OutputFile.Create(Path.Combine(directory, fileName));
        var line = 0L;
        var next = 0;

        for (var i = 0; i <= records.Count; i++)
        {
            while (next < positions.Count && positions[next] == i)
            {
                var template = records.Count > 0 ? Render(write, records[Math.Min(i, records.Count - 1)])
                    : Render((w, _) => writeSample(w), 0);
                var kind = shape.Kinds[(next + KindOffset(shape.Feed)) % shape.Kinds.Count];
                buffer.Write(MalformedJson.Create(kind, next / shape.Kinds.Count, template, shape));
                buffer.Write("\n"u8);
                _log.Add(new MalformedLine(shape.Feed, ++line, kind));
                next++;
            }

            if (i == records.Count)
            {
                break;
            }

            json.Reset(buffer);
            write(json, records[i]);
            json.Flush();
            buffer.Write("\n"u8);
            line++;

            if (buffer.WrittenCount >= FlushBytes)
            {
                await file.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                buffer.ResetWrittenCount();
            }
        }

        await file.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        return new FeedSummary(shape.Feed, fileName, records.Count, positions.Count);
    }

    private static byte[] Render<T>(Action<Utf8JsonWriter, T> write, T record)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using var json = new Utf8JsonWriter(buffer, JsonOutput.WriterOptions);
        write(json, record);
        json.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Insertion points in [0, count]: a malformed line goes before the valid record of that index.</summary>
    private List<int> MalformedPositions(string feed, int count)
    {
        var rng = Rng.For(_seed, RandomStream.Malformed, FeedIndex(feed));
        var positions = new List<int>(_malformedPerFeed);

        for (var i = 0; i < _malformedPerFeed; i++)
        {
            positions.Add(rng.Next(count + 1));
        }

        positions.Sort();
        return positions;
    }

    private int KindOffset(string feed) =>
        (int)(SeedMixer.Hash(_seed, RandomStream.Malformed, FeedIndex(feed), 1) % 97);

    private static int FeedIndex(string feed) => FeedNames.All.ToList().IndexOf(feed);
}
