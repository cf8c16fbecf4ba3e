namespace HealthCode.Simulator.Tests.Support;

/// <summary>A fresh temporary folder, deleted with everything in it on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("healthcode-sim-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
