using HealthCode.Risk;
using HealthCode.Risk.Cluster.Journal;
using HealthCode.Risk.Cluster.Persons;
using HealthCode.Risk.Rules;

namespace HealthCode.Risk.Cluster.Tests.Persons;

public sealed class PersonEntryTests
{
    [Theory]
    [InlineData(3, 4)]
    [InlineData(0, 6)]
    [InlineData(6, 0)]
    [InlineData(40, 40)]
    public void FlagChanges_RandomFlagLists_AgreeWithTheSetDifferences(int heldCount, int wantedCount)
    {
        var random = new Random(heldCount * 100 + wantedCount);

        for (var round = 0; round < 200; round++)
        {
            // Few distinct ids, so lists share ids and repeat them.
            var held = Flags(random, heldCount);
            var wanted = Flags(random, wantedCount);

            var (added, removed) = PersonEntry.FlagChanges(held, wanted);

            var heldIds = held.Select(f => f.FlagId).ToHashSet(StringComparer.Ordinal);
            var wantedIds = wanted.Select(f => f.FlagId).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(wanted.Where(f => !heldIds.Contains(f.FlagId)).DistinctBy(f => f.FlagId), added);
            Assert.Equal(heldIds.Where(id => !wantedIds.Contains(id)).Order(StringComparer.Ordinal), removed);
        }
    }

    [Fact]
    public void NewFacts_SameFlagsAgain_AddsNothing()
    {
        var flags = Flags(new Random(7), 5).DistinctBy(f => f.FlagId).ToArray();
        var entry = new PersonEntry(PersonState.Empty with { Flags = flags });

        Assert.Null(entry.NewFacts(new UpdatePerson("p1", [.. flags.Reverse()], [], [])));
    }

    private static StoredFlag[] Flags(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => Flag($"{random.Next(12):x32}", random.Next(1_000)))];

    private static StoredFlag Flag(string id, long raisedAtMs) => new(id, CodeColour.Yellow, raisedAtMs,
        raisedAtMs + 1_000,
        new StoredEvidence(Rule.Companion, "case-1", "cell", raisedAtMs, raisedAtMs + 600_000, [], "v1"));
}
