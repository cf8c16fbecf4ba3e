using HealthCode.Simulator.Epidemic;
using HealthCode.Simulator.Feeds;
using HealthCode.Simulator.Truth;

namespace HealthCode.Simulator.Engine;

/// <summary>Writes <c>truth/infections.jsonl</c> and <c>truth/malformed.jsonl</c>.</summary>
internal sealed class TruthSet
{
    private readonly World _world;
    private readonly string _directory;

    public TruthSet(World world, string directory)
    {
        _world = world;
        _directory = Path.Combine(directory, "truth");
    }

    public async Task WriteAsync(EpidemicState state, IReadOnlyList<MalformedLine> malformed,
        CancellationToken cancellationToken)
    {
        var records = new TruthRecords(_world);

        await using (var infections = new JsonLinesWriter(Path.Combine(_directory, "infections.jsonl")))
        {
            foreach (var course in state.Infections)
            {
                await infections.WriteAsync(course, records.WriteInfection, cancellationToken).ConfigureAwait(false);
            }
        }

        await using var lines = new JsonLinesWriter(Path.Combine(_directory, "malformed.jsonl"));

        foreach (var line in malformed.OrderBy(m => FeedNames.All.ToList().IndexOf(m.Feed)).ThenBy(m => m.Line))
        {
            await lines.WriteAsync(line, TruthRecords.WriteMalformed, cancellationToken).ConfigureAwait(false);
        }
    }
}
