namespace HealthCode.Simulator.Epidemic;

/// <summary>A successful transmission draw: who infected whom, where, when, during which shared span.</summary>
internal readonly record struct Exposure(int Target, int Source, int Place, int Time, int From, int To)
{
    /// <summary>Orders competing exposures of one person: the earliest wins, ties to the lower source index.</summary>
    public bool IsEarlierThan(Exposure other) =>
        Time < other.Time || (Time == other.Time && Source < other.Source);
}
