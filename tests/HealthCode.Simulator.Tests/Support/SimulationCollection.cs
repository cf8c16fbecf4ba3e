namespace HealthCode.Simulator.Tests.Support;

/// <summary>Shares one <see cref="SimulationFixture"/> run among the test classes that read its output.</summary>
[CollectionDefinition(Name)]
public sealed class SimulationCollection : ICollectionFixture<SimulationFixture>
{
    public const string Name = "simulation output";
}
