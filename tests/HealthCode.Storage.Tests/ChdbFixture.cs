using HealthCode.Storage.Chdb;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthCode.Storage.Tests;

/// <summary>One chDB engine for every test of the collection, on a temporary data directory.</summary>
/// <remarks>chDB opens one data path per process, so tests share the engine and each uses its own database.</remarks>
public sealed class ChdbFixture : IAsyncLifetime
{
    private int _databases;
    private EmbeddedAnalyticsStore? _anchor;

    /// <summary>The temporary data directory, removed after the collection.</summary>
    public string DataPath { get; } =
        Path.Combine(Path.GetTempPath(), "healthcode-storage-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>Settings on the shared data path with a fresh database name.</summary>
    public StorageSettings NewSettings(string purpose) => new()
    {
        Mode = StorageMode.Embedded,
        DataPath = DataPath,
        Database = $"t{Interlocked.Increment(ref _databases)}_{purpose}",
    };

    /// <summary>Opens a store on a fresh database with the schema created.</summary>
    public async Task<IAnalyticsStore> NewStoreAsync(string purpose, StorageSettings? settings = null)
    {
        return await AnalyticsStore.OpenAsync(settings ?? NewSettings(purpose), NullLoggerFactory.Instance);
    }

    /// <summary>Opens a store on a fresh database without creating the schema.</summary>
    internal EmbeddedAnalyticsStore NewBareStore(string purpose) =>
        EmbeddedAnalyticsStore.Open(NewSettings(purpose), NullLoggerFactory.Instance);

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        // Holding one store keeps the engine open between tests, which each open and close their own.
        _anchor = await Task.Run(() => EmbeddedAnalyticsStore.Open(NewSettings("anchor"), NullLoggerFactory.Instance));
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_anchor is not null)
        {
            await _anchor.DisposeAsync();
        }

        if (Directory.Exists(DataPath))
        {
            Directory.Delete(DataPath, recursive: true);
        }
    }
}
