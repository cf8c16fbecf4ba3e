namespace HealthCode.Risk.Engine.Partitions;

/// <summary>
/// What one partition does in the first phase of a routed step: add its records, hand back what others now need,
/// then forget the SIMs it no longer holds.
/// </summary>
public sealed class PartitionWork
{
    /// <summary>The records routed to the partition.</summary>
    public PartitionRecords Records { get; } = new();

    /// <summary>SIMs whose registrations and pings go back to the router after the records are added.</summary>
    public List<string> ExportSims { get; } = [];

    /// <summary>Persons whose trips go back to the router after the records are added.</summary>
    public List<string> ExportTravellers { get; } = [];

    /// <summary>SIMs the partition drops last, because another partition holds them now.</summary>
    public List<string> ForgetSims { get; } = [];

    /// <summary>Whether, after its records, the partition hands anything over or forgets anything.</summary>
    public bool HandsOver => ExportSims.Count > 0 || ExportTravellers.Count > 0 || ForgetSims.Count > 0;

    /// <summary>Whether there is nothing to do.</summary>
    public bool IsEmpty => Records.Count == 0 && !HandsOver;
}
