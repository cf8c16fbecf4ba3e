namespace HealthCode.Risk.Cluster.Persons;

/// <summary>The reply to <see cref="RecordExposure"/>, sent once the event is journaled or found applied.</summary>
/// <param name="PersonKey">The person's key.</param>
/// <param name="FlagId">The acknowledged flag's id.</param>
/// <param name="Duplicate">Whether the flag had been applied before, so nothing was journaled.</param>
public sealed record ExposureAck(string PersonKey, string FlagId, bool Duplicate);
