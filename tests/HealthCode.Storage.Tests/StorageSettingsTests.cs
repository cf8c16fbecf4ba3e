namespace HealthCode.Storage.Tests;

public sealed class StorageSettingsTests
{
    [Fact]
    public void Validate_Defaults_AreEmbeddedAndValid()
    {
        var settings = new StorageSettings().Validate();

        Assert.Equal(StorageMode.Embedded, settings.Mode);
        Assert.Equal("data/clickhouse", settings.DataPath);
        Assert.Equal(60, settings.Retention.PingsDays);
    }

    [Fact]
    public void Validate_ServerWithoutConnectionString_NamesTheSetting()
    {
        var settings = new StorageSettings { Mode = StorageMode.Server };

        var error = Assert.Throws<ArgumentException>(() => settings.Validate());

        Assert.Contains("ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("health-code")]
    [InlineData("1db")]
    [InlineData("")]
    public void Validate_UnsafeDatabaseName_Throws(string database)
    {
        var settings = new StorageSettings { Database = database };

        var error = Assert.Throws<ArgumentException>(() => settings.Validate());

        Assert.Contains("Database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NegativeRetention_NamesTheTable()
    {
        var settings = new StorageSettings { Retention = new RetentionSettings { DeclarationsDays = -1 } };

        var error = Assert.Throws<ArgumentException>(() => settings.Validate());

        Assert.Contains("Retention.DeclarationsDays", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ZeroBatchSize_Throws()
    {
        var settings = new StorageSettings { BatchSize = 0 };

        Assert.Throws<ArgumentException>(() => settings.Validate());
    }
}
