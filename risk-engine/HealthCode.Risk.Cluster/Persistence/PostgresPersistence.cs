using Akka.Configuration;
using Akka.Persistence.Sql;
using Npgsql;

namespace HealthCode.Risk.Cluster.Persistence;

/// <summary>The production person store: Akka.Persistence.Sql's journal and snapshot store on PostgreSQL.</summary>
public static class PostgresPersistence
{
    /// <summary>The linq2db provider name for PostgreSQL 15 and later, through Npgsql.</summary>
    public const string ProviderName = "PostgreSQL.15";

    /// <summary>
    /// The HOCON that makes the SQL journal and snapshot store the defaults on the database of
    /// <paramref name="connectionString"/>, creating their tables at start-up.
    /// </summary>
    public static Config Config(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var quoted = WithPoolLimit(connectionString).Replace("\"", "\\\"", StringComparison.Ordinal);

        // Unlike SQLite, PostgreSQL takes concurrent writers, so several write streams keep the journal busy.
        var hocon = $$"""
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  connection-string = "{{quoted}}"
                  provider-name = "{{ProviderName}}"
                  table-mapping = postgresql
                  auto-initialize = true
                  parallelism = 4
                  batch-size = 500
                }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  connection-string = "{{quoted}}"
                  provider-name = "{{ProviderName}}"
                  table-mapping = postgresql
                  auto-initialize = true
                }
              }
            }
            """;
        return ConfigurationFactory.ParseString(hocon)
            .WithFallback(PersonSerializer.Config)
            .WithFallback(SqlPersistence.DefaultConfiguration);
    }

    /// <summary>
    /// <paramref name="connectionString"/> with at most <see cref="DefaultPoolSize"/> connections unless it sets
    /// its own limit.
    /// </summary>
    /// <remarks>
    /// A new case wakes thousands of persons, up to 1,000 of them recovering at once, and Npgsql's default pool of
    /// 100 per node then takes every connection the server allows (100 by default): measured here, the recoveries
    /// failed with "remaining connection slots are reserved" and the engine's asks timed out. The journal and the
    /// snapshot store share the one pool of this connection string; a query beyond it waits for a free connection.
    /// </remarks>
    public static string WithPoolLimit(string connectionString)
    {
        // Npgsql reads "Maximum Pool Size", "Max Pool Size" and "MaxPoolSize" alike; the builder cannot tell a
        // limit set to its default from none, so look at the text.
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Replace(" ", "", StringComparison.Ordinal)
                .Contains("poolsize", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = DefaultPoolSize;
        }

        return builder.ConnectionString;
    }

    /// <summary>The most connections one node opens to PostgreSQL, unless its connection string sets a limit.</summary>
    public const int DefaultPoolSize = 20;
}
