using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace HealthCode.Storage.Schema;

/// <summary>Creates the database and every table at start-up; safe to run again and from every node.</summary>
/// <remarks>
/// Creation is IF NOT EXISTS, so an existing table keeps the TTL it was created with: a changed retention
/// setting needs an <c>ALTER TABLE ... MODIFY TTL</c> by the operator, which rewrites parts and is not
/// something to run implicitly at start-up.
/// </remarks>
public sealed class SchemaInitializer
{
    private readonly IAnalyticsStore _store;
    private readonly StorageSettings _settings;
    private readonly ILogger _logger;

    /// <summary>Creates an initializer for the store's database with the settings' retention.</summary>
    public SchemaInitializer(IAnalyticsStore store, StorageSettings settings, ILogger logger)
    {
        _store = store;
        _settings = settings;
        _logger = logger;
    }

    /// <summary>The statements <see cref="EnsureCreatedAsync"/> runs, in order.</summary>
    public IReadOnlyList<string> Statements() =>
    [
        $"CREATE DATABASE IF NOT EXISTS `{_store.Database}`",
        .. EventSchema.All.Select(t => t.CreateStatement(_store.Database, _settings.Retention.DaysFor(t.Name))),
    ];

    /// <summary>Creates whatever is missing.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();

        foreach (var statement in Statements())
        {
            await _store.ExecuteAsync(statement, null, cancellationToken).ConfigureAwait(false);
        }

        StorageLog.SchemaReady(
            _logger, _store.Database, EventSchema.All.Count, _store.Mode, stopwatch.ElapsedMilliseconds);
    }
}
