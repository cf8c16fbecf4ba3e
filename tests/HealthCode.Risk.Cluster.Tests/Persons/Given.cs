using HealthCode.Risk.Cluster.Journal;
using HealthCode.Risk.Cluster.Persons;
using HealthCode.Risk.Inputs;
using HealthCode.Risk.Rules;

namespace HealthCode.Risk.Cluster.Tests.Persons;

/// <summary>Hand-built updates for the person scenarios.</summary>
internal static class Given
{
    public const string PersonKey = "abc00000000000000000000000000002";
    public const string OtherKey = "abc00000000000000000000000000003";
    public const string CaseKey = "c0ffee00000000000000000000000001";

    public static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A companion flag raised at T0 + hours, ending seven days after.</summary>
    public static StoredFlag Companion(int hours) => CompanionOf(PersonKey, hours);

    /// <summary>A companion flag of <paramref name="person"/> raised at T0 + hours, ending seven days after.</summary>
    public static StoredFlag CompanionOf(string person, int hours)
    {
        var start = T0.AddHours(hours);
        var evidence = new Evidence(Rule.Companion, CaseKey, "cell 1:2", new Interval(start, start.AddMinutes(20)),
            [$"{hours:x32}"], RuleSettings.Default.Version);
        return StoredFlag.From(new ContactFlag(person, CodeColour.Yellow, start.AddMinutes(20),
            start.AddMinutes(20).AddDays(7), evidence));
    }

    public static UpdatePerson Flags(params StoredFlag[] flags) => new(PersonKey, flags, [], []);

    public static UpdatePerson Confirmed(string recordId, DateTimeOffset at) =>
        new(PersonKey, null, [new StoredReport(recordId, CaseStatus.Confirmed, at.ToUnixTimeMilliseconds())], []);

    public static UpdatePerson Declared(string recordId, DateTimeOffset at, double temperature = 36.6) =>
        new(PersonKey, null, [], [new StoredDeclaration(recordId, at.ToUnixTimeMilliseconds(), temperature, [])]);
}
