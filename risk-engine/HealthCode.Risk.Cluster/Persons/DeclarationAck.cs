namespace HealthCode.Risk.Cluster.Persons;

/// <summary>The reply to <see cref="RecordDeclaration"/>, sent once the event is journaled or found applied.</summary>
/// <param name="PersonKey">The person's key.</param>
/// <param name="RecordId">The acknowledged declaration's record id.</param>
/// <param name="Duplicate">Whether the declaration had been applied before, so nothing was journaled.</param>
public sealed record DeclarationAck(string PersonKey, string RecordId, bool Duplicate);
