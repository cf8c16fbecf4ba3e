using HealthCode.Risk.Inputs;

namespace HealthCode.Risk.Cluster.Journal;

/// <summary>A health declaration of the person, as the journal keeps it.</summary>
/// <param name="RecordId">The feed record id.</param>
/// <param name="DeclaredAtMs">When it was declared, Unix milliseconds.</param>
/// <param name="TemperatureC">The declared temperature.</param>
/// <param name="Symptoms">The declared symptoms.</param>
public sealed record StoredDeclaration(string RecordId, long DeclaredAtMs, double TemperatureC, string[] Symptoms)
{
    /// <summary>The journal form of <paramref name="declaration"/>.</summary>
    public static StoredDeclaration From(Declaration declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        return new StoredDeclaration(declaration.RecordId, declaration.DeclaredAt.ToUnixTimeMilliseconds(),
            declaration.TemperatureC, [.. declaration.Symptoms]);
    }

    /// <summary>The declaration this stands for, of <paramref name="personKey"/>.</summary>
    public Declaration ToDeclaration(string personKey) =>
        new(RecordId, personKey, DateTimeOffset.FromUnixTimeMilliseconds(DeclaredAtMs), TemperatureC, Symptoms);
}
