namespace HealthCode.Node.Tests;

/// <summary>
/// Tests that open chDB: the engine allows one data folder at a time per process, so they share one and never run
/// side by side.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChdbCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "chDB";

    /// <summary>The one chDB folder of this test process; each test keeps to its own database in it.</summary>
    public static string DataPath { get; } =
        Path.Combine(Path.GetTempPath(), $"healthcode-node-tests-chdb-{Environment.ProcessId}");
}
