namespace HealthCode.Risk.Inputs;

/// <summary>A real-name SIM registration from the <c>subscribers</c> feed: which person a SIM belongs to.</summary>
/// <param name="RecordId">The feed record id.</param>
/// <param name="SubscriberKey">The SIM's key.</param>
/// <param name="PersonKey">The registered owner's key.</param>
/// <param name="RegisteredAt">When the registration was made; the latest one decides the owner.</param>
public sealed record SubscriberRegistration(
    string RecordId, string SubscriberKey, string PersonKey, DateTimeOffset RegisteredAt);
