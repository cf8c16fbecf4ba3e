using HealthCode.Contracts.Events.V1;
using HealthCode.Storage.Contacts;
using HealthCode.Storage.Writing;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthCode.Storage.Tests.Contacts;

[Collection(ChdbCollection.Name)]
public sealed class CodeChangeQueryTests(ChdbFixture fixture)
{
    [Fact]
    public async Task CountAsync_ChangeRedelivered_CountsItOnce()
    {
        var settings = fixture.NewSettings("changes") with { FlushInterval = TimeSpan.FromHours(1) };
        await using var store = await fixture.NewStoreAsync("changes", settings);
        await using var writer = new EventWriter(store, settings, NullLogger.Instance);
        var first = Change(1, CodeColour.Green, CodeColour.Yellow);
        var second = Change(2, CodeColour.Yellow, CodeColour.Green);

        await writer.WriteAsync([first, second]);
        await writer.FlushAsync();
        await writer.WriteAsync([first.Clone()]);
        await writer.FlushAsync();

        Assert.Equal(2, await CodeChangeQuery.CountAsync(store));
    }

    [Fact]
    public async Task CountAsync_NoChanges_IsZero()
    {
        await using var store = await fixture.NewStoreAsync("no_changes");

        Assert.Equal(0, await CodeChangeQuery.CountAsync(store));
    }

    private static CodeChange Change(long sequence, CodeColour from, CodeColour to) => new()
    {
        PersonKey = TestEvents.Key("person"),
        Sequence = sequence,
        OldColour = from,
        NewColour = to,
        ChangedAtMs = TestEvents.BaseMs + sequence * 60_000,
        RuleSetVersion = "rules-1",
        DecidedAtMs = TestEvents.BaseMs + sequence * 60_000 + 7,
    };
}
