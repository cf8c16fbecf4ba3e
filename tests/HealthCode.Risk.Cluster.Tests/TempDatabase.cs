using HealthCode.Risk.Cluster.Persistence;
using Microsoft.Data.Sqlite;

namespace HealthCode.Risk.Cluster.Tests;

/// <summary>A fresh SQLite file per test, prepared for WAL, and queries on the tables the plugin creates.</summary>
internal static class TempDatabase
{
    public static string Create()
    {
        var path = Path.Combine(Path.GetTempPath(), $"healthcode-person-{Guid.NewGuid():N}.db");
        SqlitePersistence.Prepare(path);
        return path;
    }

    public static long Count(string path, string sql, string persistenceId)
    {
        using var connection = new SqliteConnection(SqlitePersistence.ConnectionString(path));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", persistenceId);
        return (long)command.ExecuteScalar()!;
    }

    public static long Events(string path, string persistenceId) =>
        Count(path, "SELECT COUNT(*) FROM event_journal WHERE persistence_id = $id", persistenceId);

    public static long Snapshots(string path, string persistenceId) =>
        Count(path, "SELECT COUNT(*) FROM snapshot WHERE persistence_id = $id", persistenceId);

    public static void Delete(string path)
    {
        // Pooled connections keep the file open; release them so the files can go.
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
