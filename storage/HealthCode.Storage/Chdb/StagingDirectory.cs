namespace HealthCode.Storage.Chdb;

/// <summary>The folder embedded inserts write their encoded batches to before chDB reads them back.</summary>
/// <remarks>
/// tmpfs (<c>/dev/shm</c>) when the machine has one: the file is written once, read once and deleted, so
/// nothing gains from a disk. Each store uses its own subfolder, removed when the store closes.
/// </remarks>
internal sealed class StagingDirectory : IDisposable
{
    private const string SharedMemory = "/dev/shm";

    private StagingDirectory(string path, bool owned)
    {
        Path = path;
        Owned = owned;
    }

    /// <summary>The folder's absolute path.</summary>
    public string Path { get; }

    private bool Owned { get; }

    /// <summary>Creates the configured folder, or picks tmpfs, or a folder beside the data.</summary>
    public static StagingDirectory Create(StorageSettings settings)
    {
        // Several stores can share one process (one per database in tests), so each gets its own folder.
        var leaf = $"healthcode-staging-{Environment.ProcessId}-{Guid.NewGuid():N}";

        var (path, owned) = settings.StagingPath is { Length: > 0 } configured
            ? (System.IO.Path.GetFullPath(configured), false)
            : Directory.Exists(SharedMemory)
                ? (System.IO.Path.Combine(SharedMemory, leaf), true)
                : (System.IO.Path.GetFullPath(System.IO.Path.Combine(settings.DataPath, leaf)), true);

        Directory.CreateDirectory(path);
        return new StagingDirectory(path, owned);
    }

    /// <summary>A fresh file name for one batch.</summary>
    public string NewFile() => System.IO.Path.Combine(Path, $"batch-{Guid.NewGuid():N}.native");

    /// <summary>Removes the folder when this process created it.</summary>
    public void Dispose()
    {
        if (Owned && Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
