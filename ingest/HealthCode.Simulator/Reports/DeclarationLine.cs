namespace HealthCode.Simulator.Reports;

/// <summary>One line of the <c>declarations</c> feed.</summary>
internal sealed record DeclarationLine(int Person, int DeclaredAt, double TemperatureC,
    IReadOnlyList<string> Symptoms);
