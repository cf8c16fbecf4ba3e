using System.Text.RegularExpressions;

namespace HealthCode.Storage;

/// <summary>Immutable settings of the storage role; <see cref="Validate"/> fails at start-up, not later.</summary>
public sealed partial record StorageSettings
{
    /// <summary>Embedded chDB or a ClickHouse server.</summary>
    public StorageMode Mode { get; init; } = StorageDefaults.Mode;

    /// <summary>The chDB data directory (embedded mode); a relative path is from the working directory.</summary>
    public string DataPath { get; init; } = StorageDefaults.DataPath;

    /// <summary>Where embedded inserts stage batches; null picks <c>/dev/shm</c>, else a folder in the data.</summary>
    public string? StagingPath { get; init; }

    /// <summary>The ClickHouse.Driver connection string (server mode), e.g. <c>Host=ch;Port=8123</c>.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>The ClickHouse database holding every table; created at start-up when missing.</summary>
    public string Database { get; init; } = StorageDefaults.Database;

    /// <summary>Days each table keeps its rows.</summary>
    public RetentionSettings Retention { get; init; } = new();

    /// <summary>Rows a table buffers before the writer inserts them.</summary>
    public int BatchSize { get; init; } = StorageDefaults.BatchSize;

    /// <summary>The longest buffered rows wait before the writer inserts them anyway.</summary>
    public TimeSpan FlushInterval { get; init; } = StorageDefaults.FlushInterval;

    /// <summary>Inserts slower than this are logged as warnings.</summary>
    public TimeSpan SlowBatchThreshold { get; init; } = StorageDefaults.SlowBatchThreshold;

    /// <summary>Checks every value and returns these settings, or throws naming the setting to change.</summary>
    public StorageSettings Validate()
    {
        if (!Enum.IsDefined(Mode))
        {
            throw Invalid(nameof(Mode), $"'{Mode}' is not embedded or server.");
        }

        if (!DatabaseName().IsMatch(Database ?? string.Empty))
        {
            throw Invalid(
                nameof(Database), $"'{Database}' must be letters, digits and underscores, not starting with a digit.");
        }

        if (Mode == StorageMode.Embedded && string.IsNullOrWhiteSpace(DataPath))
        {
            throw Invalid(nameof(DataPath), "embedded mode needs a chDB data directory.");
        }

        if (Mode == StorageMode.Server && string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw Invalid(nameof(ConnectionString), "server mode needs a ClickHouse connection string.");
        }

        ValidateBatching();
        ValidateRetention();
        return this;
    }

    private void ValidateBatching()
    {
        if (BatchSize < 1)
        {
            throw Invalid(nameof(BatchSize), $"{BatchSize} must be at least 1 row.");
        }

        if (FlushInterval <= TimeSpan.Zero)
        {
            throw Invalid(nameof(FlushInterval), $"{FlushInterval} must be positive.");
        }

        if (SlowBatchThreshold <= TimeSpan.Zero)
        {
            throw Invalid(nameof(SlowBatchThreshold), $"{SlowBatchThreshold} must be positive.");
        }
    }

    private void ValidateRetention()
    {
        if (Retention is null)
        {
            throw Invalid(nameof(Retention), "must be set (use 0 days to keep a table forever).");
        }

        foreach (var (setting, days) in Retention.All())
        {
            if (days < 0)
            {
                throw Invalid($"{nameof(Retention)}.{setting}", $"{days} must be 0 (keep forever) or more days.");
            }
        }
    }

    private static ArgumentException Invalid(string setting, string problem) =>
        new($"Storage setting {setting}: {problem}", setting);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex DatabaseName();
}
