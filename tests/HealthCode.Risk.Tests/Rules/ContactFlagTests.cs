using HealthCode.Risk.Rules;

namespace HealthCode.Risk.Tests.Rules;

public sealed class ContactFlagTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Id_CopyWithAnotherQuarantineEnd_HasItsOwnId()
    {
        var flag = Flag();
        var id = flag.Id;

        var later = flag with { QuarantineEnds = flag.QuarantineEnds.AddDays(1) };

        Assert.NotEqual(id, later.Id);
        Assert.Equal(id, (later with { QuarantineEnds = flag.QuarantineEnds }).Id);
    }

    [Fact]
    public void Equals_OneIdHashedAndOneNot_StillEqual()
    {
        var hashed = Flag();
        _ = hashed.Id;

        var fresh = Flag();

        Assert.Equal(hashed, fresh);
        Assert.Equal(hashed.GetHashCode(), fresh.GetHashCode());
        Assert.Equal(32, fresh.Id.Length);
        Assert.Equal(hashed.Id, fresh.Id);
    }

    private static ContactFlag Flag() => new("person-b", CodeColour.Yellow, Start.AddHours(1), Start.AddDays(7),
        new Evidence(Rule.Companion, "case-a", "cell 1:2", new Interval(Start, Start.AddHours(1)),
            [$"{1:x32}", $"{2:x32}"], RuleSettings.Default.Version));
}
