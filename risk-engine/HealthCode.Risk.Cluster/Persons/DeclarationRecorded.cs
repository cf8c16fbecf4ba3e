namespace HealthCode.Risk.Cluster.Persons;

/// <summary>The journaled fact that the person made a health declaration.</summary>
/// <param name="RecordId">The feed record id; it makes a redelivered <see cref="RecordDeclaration"/> a no-op.</param>
/// <param name="DeclaredAt">When the declaration was made.</param>
/// <param name="Abnormal">Whether it reported a fever or a symptom.</param>
public sealed record DeclarationRecorded(string RecordId, DateTimeOffset DeclaredAt, bool Abnormal);
