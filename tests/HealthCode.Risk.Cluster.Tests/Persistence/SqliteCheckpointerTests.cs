using HealthCode.Risk.Cluster.Persistence;
using LinqToDB.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthCode.Risk.Cluster.Tests.Persistence;

public sealed class SqliteCheckpointerTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly string _path = TempDatabase.Create();

    public void Dispose() => TempDatabase.Delete(_path);

    [Theory]
    [InlineData(true, 0L)]
    [InlineData(false, 1000L)]
    public void Setup_BackgroundCheckpoints_DecidesWhetherCommitsCheckpoint(bool background, long autoCheckpoint)
    {
        using var connection = new DataConnection(SqlitePersistence.Options(_path, background));

        var pages = connection.Execute<long>("PRAGMA wal_autocheckpoint;");

        Assert.Equal(autoCheckpoint, pages);
    }

    [Fact]
    public async Task Checkpointer_LogOfWritersThatDoNotCheckpoint_IsCopiedIntoTheFile()
    {
        using var writer = OpenWriter();
        Write(writer, rows: 2_000);
        var logBefore = LogBytes();

        await using (var checkpointer = SqliteCheckpointer.Start(_path, TimeSpan.FromMilliseconds(20),
            NullLogger.Instance))
        {
            await WaitUntilAsync(() => checkpointer.Checkpoints > 0);

            // A checkpoint that copied the whole log lets the next write start it over, so it stops growing.
            Write(writer, rows: 2_000);
            await WaitUntilAsync(() => checkpointer.Checkpoints > 2);
            Write(writer, rows: 2_000);
            Assert.True(LogBytes() < logBefore * 2, $"log {LogBytes()} B, {logBefore} B after the first write");
        }

        Assert.True(logBefore > 2_000 * 4_096, $"the writer checkpointed itself: log {logBefore} B");
        Assert.Equal(0L, LogBytes());
        Assert.Equal(6_000, Rows());
    }

    [Fact]
    public async Task Checkpointer_Disposed_LeavesNoLogBehind()
    {
        using var writer = OpenWriter();
        var checkpointer = SqliteCheckpointer.Start(_path, TimeSpan.FromHours(1), NullLogger.Instance);
        Write(writer, rows: 100);

        await checkpointer.DisposeAsync();

        Assert.Equal(0L, LogBytes());
        Assert.Equal(1, checkpointer.Checkpoints);
    }

    private SqliteConnection OpenWriter()
    {
        var connection = new SqliteConnection(SqlitePersistence.ConnectionString(_path));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 0; " +
            "CREATE TABLE IF NOT EXISTS rows (payload BLOB NOT NULL);";
        command.ExecuteNonQuery();
        return connection;
    }

    private static void Write(SqliteConnection connection, int rows)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO rows (payload) VALUES (randomblob(4096));";
        for (var i = 0; i < rows; i++)
        {
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private long Rows()
    {
        using var connection = new SqliteConnection(SqlitePersistence.ConnectionString(_path));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM rows;";
        return (long)command.ExecuteScalar()!;
    }

    private long LogBytes() => File.Exists(_path + "-wal") ? new FileInfo(_path + "-wal").Length : 0;

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
