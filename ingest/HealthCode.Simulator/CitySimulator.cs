using HealthCode.Simulator.Engine;

namespace HealthCode.Simulator;

/// <summary>
/// Generates a synthetic city's partner feeds (pings, SIM registrations, rail and flight manifests, case
/// reports, case locations, health declarations) and their ground truth, deterministically from a seed.
/// </summary>
public static class CitySimulator
{
    /// <summary>
    /// Simulates the city and writes the feeds, <c>manifest.json</c> and <c>truth/</c> into
    /// <paramref name="outputDirectory"/> (created if missing; files of an earlier run are overwritten).
    /// </summary>
    /// <exception cref="ArgumentException">A setting is out of range; nothing has been written.</exception>
    public static Task<SimulationReport> RunAsync(SimulationSettings settings, string outputDirectory,
        CancellationToken cancellationToken = default) =>
        RunAsync(settings, outputDirectory, null, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(SimulationSettings, string, CancellationToken)"/>, reporting progress.
    /// </summary>
    public static Task<SimulationReport> RunAsync(SimulationSettings settings, string outputDirectory,
        IProgress<SimulationProgress>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        settings.Validate();

        // The work is CPU-bound; running it off the caller's thread keeps a UI or host responsive.
        return Task.Run(() => new SimulationRun(settings, outputDirectory, progress).ExecuteAsync(cancellationToken),
            cancellationToken);
    }
}
