using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace HealthCode.Risk.Cluster.Persistence;

/// <summary>
/// Copies the embedded journal's write-ahead log into its database file from a connection of its own, at a fixed
/// interval, for connections that do not checkpoint themselves (<see cref="SqlitePersistence.Setup"/> with
/// background checkpoints).
/// </summary>
/// <remarks>
/// <para>
/// By default SQLite checkpoints inside the commit that grows the log past 1,000 pages, on the committing thread:
/// the journal's write stream. A new case journals about 31 MB (risk-e2e, 100,000 people), so its writes stopped
/// some eight times to copy 4 MB each into the file and sync it twice, while the case's code changes waited for
/// those writes. Here the copy runs beside them.
/// </para>
/// <para>
/// The checkpoints are PASSIVE: they neither wait for nor block a writer, and copy what no reader still needs.
/// Once all of the log is copied, the next write starts it from the beginning again, and the writers' journal size
/// limit truncates the file then, so the log holds about one interval's writes.
/// </para>
/// </remarks>
public sealed class SqliteCheckpointer : IAsyncDisposable
{
    /// <summary>Log pages left uncopied after a checkpoint from which it warns: 256 MB of 4 kB pages.</summary>
    private const long BehindPages = 65_536;

    private readonly string _connectionString;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private bool _warned;
    private int _checkpoints;

    private SqliteCheckpointer(string databasePath, TimeSpan interval, ILogger logger)
    {
        _connectionString = SqlitePersistence.ConnectionString(databasePath);
        _interval = interval;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Checkpoints made so far, the final one on disposal included.</summary>
    public int Checkpoints => Volatile.Read(ref _checkpoints);

    /// <summary>Starts checkpointing the database at <paramref name="databasePath"/> every interval.</summary>
    public static SqliteCheckpointer Start(string databasePath, TimeSpan interval, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(logger);

        logger.LogInformation("Checkpointing the journal {Journal} every {Interval} in the background",
            databasePath, interval);
        return new SqliteCheckpointer(databasePath, interval, logger);
    }

    /// <summary>
    /// Stops the interval and copies the whole log into the file, truncating it, so the file alone holds the journal.
    /// Call it after the journal's writers have stopped.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);

        try
        {
            Checkpoint("TRUNCATE");
        }
        catch (SqliteException ex)
        {
            // The log stays beside the file and SQLite copies it at the next open: nothing is lost.
            _logger.LogWarning(ex, "The journal's final checkpoint failed; its log is copied at the next start");
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(_interval);

        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                CheckpointPassive();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposal: the final checkpoint follows.
        }
    }

    private void CheckpointPassive()
    {
        try
        {
            var (logPages, copiedPages) = Checkpoint("PASSIVE");
            var behind = logPages - copiedPages;
            if (behind > BehindPages && !_warned)
            {
                _logger.LogWarning(
                    "The journal's log holds {Pages} pages not yet copied into its file after a checkpoint; " +
                    "a long read is holding it back", behind);
            }

            _warned = behind > BehindPages;
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
        {
            // The next tick tries again; until then the log only grows.
            _logger.LogWarning(ex, "A checkpoint of the journal failed");
        }
    }

    /// <summary>Runs one checkpoint: the pages in the log and those of them now in the file.</summary>
    private (long LogPages, long CopiedPages) Checkpoint(string mode)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();

        // Only the final checkpoint waits for a writer (TRUNCATE does); PASSIVE never calls the busy handler.
        using var command = connection.CreateCommand();
        if (mode != "PASSIVE")
        {
            command.CommandText = "PRAGMA busy_timeout = 30000;";
            command.ExecuteNonQuery();
        }

        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new InvalidOperationException("SQLite answered a checkpoint with no row.");
        }

        Interlocked.Increment(ref _checkpoints);

        // The row: whether a lock kept it from finishing, then the log's pages and how many of them are copied.
        return (reader.GetInt64(1), reader.GetInt64(2));
    }
}
