using HealthCode.Simulator.Engine;
using HealthCode.Simulator.Mobility;

namespace HealthCode.Simulator.Feeds;

/// <summary>
/// Generates one hour of pings for everyone in parallel and orders them by second, then SIM, with a stable
/// counting sort. Chunks are concatenated in person order, so the order never depends on thread timing.
/// </summary>
internal sealed class PingSlicer
{
    private const int SliceSeconds = 3600;

    private readonly World _world;
    private readonly ParallelOptions _parallel;
    private readonly int _chunkSize;
    private readonly PingGenerator _generator;
    private readonly List<PingRecord>[] _chunkPings;
    private readonly List<int>[] _chunkTimes;
    private readonly int[] _offsets = new int[SliceSeconds + 1];
    private PingRecord[] _sorted = new PingRecord[1024];

    public PingSlicer(World world, ParallelOptions parallel, int chunkSize)
    {
        _world = world;
        _parallel = parallel;
        _chunkSize = chunkSize;
        _generator = new PingGenerator(world);
        var chunks = (world.People.Count + chunkSize - 1) / chunkSize;
        _chunkPings = Enumerable.Range(0, chunks).Select(_ => new List<PingRecord>()).ToArray();
        _chunkTimes = Enumerable.Range(0, chunks).Select(_ => new List<int>()).ToArray();
    }

    /// <summary>The slice's pings, sorted; the array is reused by the next call.</summary>
    public (PingRecord[] Sorted, int Count) Generate(Segment[][] trajectories, int sliceStart, int slice)
    {
        var people = _world.People.Count;

        Parallel.For(0, _chunkPings.Length, _parallel, chunk =>
        {
            var output = _chunkPings[chunk];
            output.Clear();

            for (var person = chunk * _chunkSize; person < Math.Min(people, (chunk + 1) * _chunkSize); person++)
            {
                _generator.Generate(person, trajectories[person], sliceStart, sliceStart + SliceSeconds, slice,
                    output, _chunkTimes[chunk]);
            }
        });

        var total = _chunkPings.Sum(c => c.Count);

        if (_sorted.Length < total)
        {
            _sorted = new PingRecord[Math.Max(total, _sorted.Length * 2)];
        }

        Array.Clear(_offsets);

        foreach (var chunk in _chunkPings)
        {
            foreach (var ping in chunk)
            {
                _offsets[ping.Time - sliceStart + 1]++;
            }
        }

        for (var i = 1; i < _offsets.Length; i++)
        {
            _offsets[i] += _offsets[i - 1];
        }

        foreach (var chunk in _chunkPings)
        {
            foreach (var ping in chunk)
            {
                _sorted[_offsets[ping.Time - sliceStart]++] = ping;
            }
        }

        return (_sorted, total);
    }
}
