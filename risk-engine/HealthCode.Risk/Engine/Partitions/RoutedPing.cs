namespace HealthCode.Risk.Engine.Partitions;

/// <summary>A ping on its way to a partition, already placed in its grid cell.</summary>
/// <param name="SubscriberKey">The pseudonymised SIM.</param>
/// <param name="RecordId">The feed record id.</param>
/// <param name="AtMs">When the network saw the SIM, in Unix milliseconds.</param>
/// <param name="Cell">The packed grid cell (<see cref="HealthCode.Contracts.Geo.CellKey.Packed"/>).</param>
public readonly record struct RoutedPing(string SubscriberKey, UInt128 RecordId, long AtMs, long Cell);
