namespace HealthCode.Risk.Cluster.Persons;

/// <summary>Records a health declaration of the person; answered by <see cref="DeclarationAck"/>.</summary>
/// <param name="PersonKey">The declaring person's key.</param>
/// <param name="RecordId">The feed record id; a second command with the same id is acked without effect.</param>
/// <param name="DeclaredAt">When the declaration was made.</param>
/// <param name="Abnormal">Whether it reported a fever or a symptom.</param>
public sealed record RecordDeclaration(string PersonKey, string RecordId, DateTimeOffset DeclaredAt, bool Abnormal)
    : IPersonMessage;
