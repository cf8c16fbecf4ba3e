using System.Globalization;

namespace HealthCode.Storage.Contacts;

/// <summary>Reads the stored code changes.</summary>
public static class CodeChangeQuery
{
    /// <summary>The distinct code changes, counting a redelivered (person, sequence) once.</summary>
    /// <remarks>
    /// uniqExact rather than a FINAL count: it counts a change once even if a redelivery landed in another
    /// partition, which FINAL would not collapse.
    /// </remarks>
    public static async Task<long> CountAsync(IAnalyticsStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);

        var sql = string.Format(
            CultureInfo.InvariantCulture,
            "SELECT uniqExact(person_key, sequence) AS changes FROM `{0}`.code_changes",
            store.Database);

        return await store.QueryScalarAsync<long>(sql, null, cancellationToken).ConfigureAwait(false);
    }
}
