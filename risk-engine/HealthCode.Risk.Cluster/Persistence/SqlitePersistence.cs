using Akka.Configuration;
using Akka.Persistence.Sql;
using Microsoft.Data.Sqlite;

namespace HealthCode.Risk.Cluster.Persistence;

/// <summary>
/// The embedded person store: Akka.Persistence.Sql's journal and snapshot store on one SQLite file.
/// </summary>
public static class SqlitePersistence
{
    /// <summary>The linq2db provider name for Microsoft.Data.Sqlite.</summary>
    public const string ProviderName = "SQLite.MS";

    /// <summary>The connection string of the database file at <paramref name="databasePath"/>.</summary>
    public static string ConnectionString(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);

        // A busy writer makes the other connection wait rather than fail with "database is locked".
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        };
        return builder.ToString();
    }

    /// <summary>
    /// Creates the file if needed and switches it to write-ahead logging, which SQLite keeps in the file,
    /// so every later connection, linq2db's included, inherits it.
    /// </summary>
    public static void Prepare(string databasePath)
    {
        using var connection = new SqliteConnection(ConnectionString(databasePath));
        connection.Open();

        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"SQLite file {databasePath} stayed in journal mode '{mode}' instead of WAL; "
                + "is it on a network share or read-only?");
        }
    }

    /// <summary>
    /// The HOCON that makes the SQL journal and snapshot store the defaults, on the file at
    /// <paramref name="databasePath"/>, creating their tables at start-up.
    /// </summary>
    public static Config Config(string databasePath)
    {
        var connectionString = ConnectionString(databasePath).Replace("\"", "\\\"", StringComparison.Ordinal);

        // SQLite takes one writer at a time, so parallel write streams only queue on the file lock;
        // one stream with large batches makes each transaction (one fsync in WAL) carry many events.
        var hocon = $$"""
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  connection-string = "{{connectionString}}"
                  provider-name = "{{ProviderName}}"
                  table-mapping = sqlite
                  auto-initialize = true
                  parallelism = 1
                  batch-size = 500
                  max-row-by-row-size = 100
                  db-round-trip-max-batch-size = 1000
                }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  connection-string = "{{connectionString}}"
                  provider-name = "{{ProviderName}}"
                  table-mapping = sqlite
                  auto-initialize = true
                }
              }
            }
            """;
        // The plugin's reference.conf is embedded, not loaded by itself: without this fallback the
        // journal fails with "Plugin class name must be defined in config property".
        return ConfigurationFactory.ParseString(hocon).WithFallback(SqlPersistence.DefaultConfiguration);
    }
}
