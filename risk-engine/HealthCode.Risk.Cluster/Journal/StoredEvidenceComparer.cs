namespace HealthCode.Risk.Cluster.Journal;

/// <summary>Compares stored evidence by value, record ids included (records compare arrays by reference).</summary>
internal sealed class StoredEvidenceComparer : IEqualityComparer<StoredEvidence>
{
    public static StoredEvidenceComparer Instance { get; } = new();

    public bool Equals(StoredEvidence? x, StoredEvidence? y) => ReferenceEquals(x, y)
        || (x is not null && y is not null
            && x.Rule == y.Rule && x.CaseKey == y.CaseKey && x.Place == y.Place && x.FromMs == y.FromMs
            && x.ToMs == y.ToMs && x.RuleSetVersion == y.RuleSetVersion
            && x.RecordIds.SequenceEqual(y.RecordIds, StringComparer.Ordinal));

    public int GetHashCode(StoredEvidence obj) => HashCode.Combine(obj.Rule, obj.CaseKey, obj.FromMs, obj.ToMs);
}
