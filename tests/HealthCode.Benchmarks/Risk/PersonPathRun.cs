using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using HealthCode.Node.Risk;
using HealthCode.Node.Runtime;
using HealthCode.Risk;
using HealthCode.Risk.Cluster.Codes;
using HealthCode.Risk.Cluster.Journal;
using HealthCode.Risk.Cluster.Persons;
using HealthCode.Risk.Rules;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthCode.Benchmarks.Risk;

/// <summary>
/// The person side of detection on its own: a node with no engine input, and batches of updates to new or known
/// persons in their sharded groups, that only ask a code, journal a fact, or journal and publish a colour change.
/// </summary>
internal static class PersonPathRun
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromMinutes(3);

    private static readonly DateTimeOffset Now = new(2026, 11, 10, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Times each kind of ask for <see cref="HarnessOptions.People"/> persons at once.</summary>
    public static async Task RunAsync(HarnessOptions options)
    {
        var count = options.People;
        Console.WriteLine($"risk-persons: {count:N0} persons per batch, journal on SQLite");
        var root = Path.Combine(Path.GetTempPath(), "healthcode-persons-" + Guid.NewGuid().ToString("N"));
        var risk = new RiskOptions(RuleSettings.Default, EngineClock.Fixed(Now), null,
            Path.Combine(root, "risk", "persons.db"))
        {
            RebuildFromHistory = false,
        };
        var node = BenchmarkNode.Options(root, "risk-persons");

        await using (var runtime = await NodeRuntime.StartAsync(node, withStorage: false,
                         NullLoggerFactory.Instance, CancellationToken.None, risk).ConfigureAwait(false))
        {
            var persons = runtime.Risk!.Persons;
            var groups = risk.PersonGroups;

            // The first batch also starts the shards and groups and warms the journal's connections and queries.
            await TimeAsync(persons, groups, count, "warm-up: new persons, code asked", i => Ask("w", i))
                .ConfigureAwait(false);
            await TimeAsync(persons, groups, count, "new persons, code asked (start + recovery)", i => Ask("a", i))
                .ConfigureAwait(false);
            await TimeAsync(persons, groups, count, "the same again (running)", i => Ask("a", i)).ConfigureAwait(false);
            await TimeAsync(persons, groups, count, "new persons, a declaration (start + recovery + journal)",
                i => Declared("b", i, Now)).ConfigureAwait(false);
            await TimeAsync(persons, groups, count, "the same persons, another declaration (journal)",
                i => Declared("b", i, Now.AddMinutes(1))).ConfigureAwait(false);
            await TimeAsync(persons, groups, count, "the same persons, a flag (journal + publish + confirm)",
                i => Flagged("b", i)).ConfigureAwait(false);
            await TimeAsync(persons, groups, count, "new persons, a flag (all of it)", i => Flagged("c", i))
                .ConfigureAwait(false);
        }

        BenchmarkNode.TryDelete(root);
    }

    /// <summary>
    /// Times one batch: code asks one per person, as the API asks; updates cut into group messages, as the
    /// engine's step sends them.
    /// </summary>
    private static async Task TimeAsync(IActorRef persons, int groups, int count, string what,
        Func<int, object> message)
    {
        var watch = Stopwatch.StartNew();
        var messages = Enumerable.Range(0, count).Select(message).ToList();
        var updates = messages.OfType<UpdatePerson>().ToList();
        IEnumerable<object> asks = updates.Count > 0
            ? PersonGroups.Batch(updates, groups, PersonGroups.PersonsPerMessage)
            : messages;
        await Task.WhenAll(asks.Select(m => persons.Ask<object>(m, AskTimeout))).ConfigureAwait(false);
        watch.Stop();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what}: {watch.Elapsed.TotalSeconds:F2} s = {count / watch.Elapsed.TotalSeconds:N0} persons/s"));
    }

    private static string Key(string prefix, int i) => prefix + i.ToString("x31", CultureInfo.InvariantCulture);

    private static GetCode Ask(string prefix, int i) => new(Key(prefix, i));

    private static UpdatePerson Declared(string prefix, int i, DateTimeOffset at)
    {
        var key = Key(prefix, i);
        var id = $"declaration-{key}-{at.ToUnixTimeMilliseconds()}";
        return new UpdatePerson(key, null, [], [new StoredDeclaration(id, at.ToUnixTimeMilliseconds(), 36.5, [])]);
    }

    /// <summary>A running companion flag with 40 record ids, about what a stay of ten hours carries.</summary>
    private static UpdatePerson Flagged(string prefix, int i)
    {
        var key = Key(prefix, i);
        var start = Now.AddDays(-1);
        var ids = Enumerable.Range(0, 40).Select(j => j.ToString("x32", CultureInfo.InvariantCulture)).ToArray();
        var evidence = new Evidence(Rule.Companion, "case", "cell 1:2", new Interval(start, start.AddMinutes(20)),
            ids, RuleSettings.Default.Version);
        var flag = new ContactFlag(key, CodeColour.Yellow, start.AddMinutes(20), start.AddDays(7), evidence);
        return new UpdatePerson(key, [StoredFlag.From(flag)], [], []);
    }
}
