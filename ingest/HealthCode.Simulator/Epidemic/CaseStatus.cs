namespace HealthCode.Simulator.Epidemic;

/// <summary>The statuses of the <c>cases</c> feed.</summary>
internal enum CaseStatus
{
    Suspected,
    Confirmed,
    Cleared,
}
