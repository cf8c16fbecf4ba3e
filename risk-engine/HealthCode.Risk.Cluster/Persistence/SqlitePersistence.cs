using Akka.Configuration;
using System.Data.Common;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Config;
using LinqToDB;
using Microsoft.Data.Sqlite;

namespace HealthCode.Risk.Cluster.Persistence;

/// <summary>
/// The embedded person store: Akka.Persistence.Sql's journal and snapshot store on one SQLite file.
/// </summary>
public static class SqlitePersistence
{
    // busy_timeout: SQLite's own busy handler then waits for the other writer in steps of a few milliseconds;
    // without it Microsoft.Data.Sqlite retries a locked statement only every 150 ms, and the journal, the snapshot
    // store and the remembered entities write through separate connections.
    private const string Pragmas = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";

    // For connections whose log a SqliteCheckpointer copies: no checkpoint in their commits, and a log file cut
    // back to 64 MB whenever it starts over.
    private const string BackgroundCheckpointPragmas =
        Pragmas + " PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 67108864;";

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
    /// The database options the journal and snapshot store open their connections with: those of
    /// <see cref="Config"/>, and every connection set to <c>synchronous = NORMAL</c>. With
    /// <paramref name="backgroundCheckpoints"/> the connections never checkpoint themselves, and the caller runs a
    /// <see cref="SqliteCheckpointer"/> on the file.
    /// </summary>
    /// <remarks>
    /// SQLite in WAL mode syncs the disk at every commit unless told otherwise: on this machine 1,070 commits a
    /// second against 8,300 with NORMAL, and the journal commits few events at a time when persons write one by
    /// one. With NORMAL a commit survives the process crashing and only a crash of the machine can take back the
    /// last ones; the embedded Kafka lives in the process's memory and is lost with the machine anyway, so the
    /// journal is no less durable than its input. A service uses PostgreSQL. (In the risk-e2e benchmark the gain
    /// was within its noise: a new case's contacts are bound by something else, see docs/PERFORMANCE.md.)
    /// </remarks>
    public static DataOptionsSetup Setup(string databasePath, bool backgroundCheckpoints = false) =>
        new(Options(databasePath, backgroundCheckpoints));

    /// <summary>The linq2db options behind <see cref="Setup"/>.</summary>
    internal static DataOptions Options(string databasePath, bool backgroundCheckpoints)
    {
        var pragmas = backgroundCheckpoints ? BackgroundCheckpointPragmas : Pragmas;
        return new DataOptions()
            .UseConnectionString(ProviderName, ConnectionString(databasePath))
            .UseAfterConnectionOpened(
                connection => Pragma(connection, pragmas),
                (connection, cancellationToken) => PragmaAsync(connection, pragmas, cancellationToken));
    }

    private static void Pragma(DbConnection connection, string pragmas)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }

    private static async Task PragmaAsync(DbConnection connection, string pragmas,
        CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The HOCON that makes the SQL journal and snapshot store the defaults, on the file at
    /// <paramref name="databasePath"/>, creating their tables at start-up.
    /// </summary>
    public static Config Config(string databasePath)
    {
        var connectionString = ConnectionString(databasePath).Replace("\"", "\\\"", StringComparison.Ordinal);

        // SQLite takes one writer at a time, so many write streams would only queue on the file lock; two let one
        // stream serialize its events while the other writes (in risk-e2e the gain was within noise). Batches of
        // more than one row go as one multi-row INSERT: row by row, linq2db built each row's statement anew, which
        // was 40 % of the journal's CPU in a profile of risk-e2e.
        var hocon = $$"""
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  connection-string = "{{connectionString}}"
                  provider-name = "{{ProviderName}}"
                  table-mapping = sqlite
                  auto-initialize = true
                  parallelism = 2
                  batch-size = 500
                  max-row-by-row-size = 1
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
        return ConfigurationFactory.ParseString(hocon)
            .WithFallback(PersonSerializer.Config)
            .WithFallback(SqlPersistence.DefaultConfiguration);
    }
}
