namespace HealthCode.Simulator.Travel;

/// <summary>Why someone travels; business trips are short and solo, family trips longer and together.</summary>
internal enum TripPurpose
{
    Business,
    Family,
}
