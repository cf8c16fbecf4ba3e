namespace HealthCode.Simulator.Population;

/// <summary>The three national mobile carriers.</summary>
internal enum Carrier
{
    ChinaMobile,
    ChinaUnicom,
    ChinaTelecom,
}
