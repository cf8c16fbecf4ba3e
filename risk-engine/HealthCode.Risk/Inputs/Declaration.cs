namespace HealthCode.Risk.Inputs;

/// <summary>A self-reported health declaration, from the <c>declarations</c> feed.</summary>
/// <param name="RecordId">The feed record id, carried into evidence.</param>
/// <param name="PersonKey">The declaring person's key.</param>
/// <param name="DeclaredAt">When the declaration was made.</param>
/// <param name="TemperatureC">The declared temperature in °C.</param>
/// <param name="Symptoms">The declared symptoms; empty when none.</param>
public sealed record Declaration(
    string RecordId,
    string PersonKey,
    DateTimeOffset DeclaredAt,
    double TemperatureC,
    IReadOnlyList<string> Symptoms)
{
    /// <summary>Whether it is abnormal under <paramref name="settings"/>: a fever or any symptom.</summary>
    public bool IsAbnormal(RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return TemperatureC >= settings.AbnormalTemperatureC || Symptoms.Count > 0;
    }
}
