namespace HealthCode.Risk.Cluster.Persons;

/// <summary>The quarantine timer: re-evaluates the code when its valid-until has passed on the engine clock.</summary>
/// <param name="PersonKey">The person.</param>
public sealed record Reevaluate(string PersonKey) : IPersonMessage;
