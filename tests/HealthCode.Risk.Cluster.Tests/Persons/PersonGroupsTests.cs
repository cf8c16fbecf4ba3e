using System.Globalization;
using HealthCode.Risk.Cluster.Persons;

namespace HealthCode.Risk.Cluster.Tests.Persons;

public sealed class PersonGroupsTests
{
    [Fact]
    public void Batch_ManyPersons_OneGroupPerMessageAndAtMostPerMessagePersons()
    {
        var updates = Enumerable.Range(0, 500).Select(i => Update(Key(i), recordIds: 1)).ToList();

        var messages = PersonGroups.Batch(updates, groups: 8, perMessage: 16);

        Assert.All(messages, m => Assert.InRange(m.Updates.Length, 1, 16));
        Assert.All(messages, m => Assert.All(m.Updates, u => Assert.Equal(m.Group, PersonGroups.Of(u.PersonKey, 8))));
        Assert.Equal(updates.Select(u => u.PersonKey).Order(), messages.SelectMany(m => m.Updates)
            .Select(u => u.PersonKey).Order());
    }

    [Fact]
    public void Batch_HeavyEvidence_CutsByRecordIdsToo()
    {
        var heavy = PersonGroups.RecordIdsPerMessage / 3 + 1;
        var updates = Enumerable.Range(0, 6).Select(i => Update(Key(i), heavy)).ToList();

        var messages = PersonGroups.Batch(updates, groups: 1, perMessage: 64);

        Assert.Equal(3, messages.Count);
        Assert.All(messages, m => Assert.Equal(2, m.Updates.Length));
    }

    [Fact]
    public void Batch_OnePersonOverTheLimit_GoesAlone()
    {
        UpdatePerson[] updates =
            [Update(Key(0), 1), Update(Key(1), PersonGroups.RecordIdsPerMessage + 5), Update(Key(2), 1)];

        var messages = PersonGroups.Batch(updates, groups: 1, perMessage: 64);

        Assert.Equal([1, 1, 1], messages.Select(m => m.Updates.Length));
        Assert.Equal(Key(1), messages[1].Updates[0].PersonKey);
    }

    private static string Key(int i) => i.ToString("x32", CultureInfo.InvariantCulture);

    private static UpdatePerson Update(string key, int recordIds)
    {
        var flag = Given.Companion(1);
        var ids = Enumerable.Range(0, recordIds).Select(Key).ToArray();
        var heavy = flag with { Evidence = flag.Evidence with { RecordIds = ids } };
        return new UpdatePerson(key, [heavy], [], []);
    }
}
