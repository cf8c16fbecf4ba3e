using Akka.Configuration;
using Akka.Persistence.Sql;

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
        var quoted = connectionString.Replace("\"", "\\\"", StringComparison.Ordinal);

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
        return ConfigurationFactory.ParseString(hocon).WithFallback(SqlPersistence.DefaultConfiguration);
    }
}
