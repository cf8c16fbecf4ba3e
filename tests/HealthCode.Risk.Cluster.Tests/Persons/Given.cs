using HealthCode.Risk.Cluster.Persons;
using HealthCode.Risk.Rules;

namespace HealthCode.Risk.Cluster.Tests.Persons;

/// <summary>Hand-built commands for the person scenarios.</summary>
internal static class Given
{
    public const string PersonKey = "abc00000000000000000000000000002";
    public const string CaseKey = "c0ffee00000000000000000000000001";

    public static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static RecordExposure Exposure(string flagId, string personKey = PersonKey) =>
        new(personKey, flagId, CodeColour.Yellow, T0, T0.AddDays(7), Rule.Companion, CaseKey);

    public static RecordDeclaration Declaration(string recordId, bool abnormal = false) =>
        new(PersonKey, recordId, T0.AddHours(1), abnormal);
}
