namespace HealthCode.Risk.Cluster.Tests;

/// <summary>
/// A fact that needs a PostgreSQL server: it runs when <c>HEALTHCODE_TEST_POSTGRES</c> holds a connection string
/// (<c>./healthcode test</c> sets it when it can start a local cluster) and is reported as skipped otherwise.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>The variable with the connection string.</summary>
    public const string Variable = "HEALTHCODE_TEST_POSTGRES";

    /// <summary>Marks the fact skipped when no server is configured.</summary>
    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            Skip = $"no PostgreSQL: set {Variable} to a connection string (./healthcode test does it when it can)";
        }
    }

    /// <summary>The configured connection string, or null.</summary>
    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);
}
