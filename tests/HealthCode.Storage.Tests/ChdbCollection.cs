namespace HealthCode.Storage.Tests;

/// <summary>The tests that use chDB; they run one after another on one shared engine.</summary>
[CollectionDefinition(Name)]
public sealed class ChdbCollection : ICollectionFixture<ChdbFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "chdb";
}
