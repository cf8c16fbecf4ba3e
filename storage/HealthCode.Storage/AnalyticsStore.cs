using HealthCode.Storage.Chdb;
using HealthCode.Storage.Schema;
using HealthCode.Storage.Server;
using Microsoft.Extensions.Logging;

namespace HealthCode.Storage;

/// <summary>Opens the analytics store the settings ask for and makes sure its schema exists.</summary>
public static class AnalyticsStore
{
    /// <summary>Validates the settings, opens the embedded or server store and creates any missing tables.</summary>
    /// <remarks>The first embedded open in a process loads chDB: seconds when the library is not yet cached.</remarks>
    public static async Task<IAnalyticsStore> OpenAsync(
        StorageSettings settings, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        settings.Validate();

        IAnalyticsStore store = settings.Mode == StorageMode.Embedded
            ? await Task.Run(() => EmbeddedAnalyticsStore.Open(settings, loggerFactory), cancellationToken)
                .ConfigureAwait(false)
            : ServerAnalyticsStore.Open(settings);

        try
        {
            var logger = loggerFactory.CreateLogger(StorageLogCategories.Schema);
            var schema = new SchemaInitializer(store, settings, logger);
            await schema.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
