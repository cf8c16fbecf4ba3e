using System.Globalization;
using HealthCode.Node.Cli;
using HealthCode.Simulator;
using Microsoft.Extensions.Logging;

namespace HealthCode.Node.Commands;

/// <summary>
/// <c>simulate --out DIR --people N --days D --seed S</c>: writes the seven partner files of a city.
/// </summary>
internal static class SimulateCommand
{
    public static async Task<int> RunAsync(CommandLine commandLine, ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var output = commandLine.RequiredText("out");
        var settings = SettingsFrom(commandLine, new SimulationSettings());
        commandLine.RejectUnknown();

        var report = await RunAsync(settings, output, loggerFactory.CreateLogger("HealthCode.Simulator"),
            cancellationToken).ConfigureAwait(false);

        foreach (var feed in report.Feeds)
        {
            Console.WriteLine(
                $"{feed.FileName,-22} {feed.ValidLines,12:N0} lines {feed.MalformedLines,6:N0} malformed");
        }

        Console.WriteLine($"{report.People:N0} people, {report.Infections:N0} infections, {report.Cases:N0} cases, "
            + $"{report.WallTime.TotalSeconds:F1} s -> {Path.GetFullPath(output)}");
        return 0;
    }

    /// <summary>
    /// Simulation settings from the shared options <c>--people --days --seed --malformed --start</c>.
    /// </summary>
    /// <param name="commandLine">The command line to read.</param>
    /// <param name="defaults">Values for options not given.</param>
    /// <param name="defaultStart">The start date when <c>--start</c> is not given, from the number of days.</param>
    public static SimulationSettings SettingsFrom(CommandLine commandLine, SimulationSettings defaults,
        Func<int, DateOnly>? defaultStart = null)
    {
        var start = commandLine.Text("start");
        var days = commandLine.Integer("days", defaults.Days);
        var settings = new SimulationSettings
        {
            People = commandLine.Integer("people", defaults.People),
            Days = days,
            Seed = commandLine.Integer("seed", (int)defaults.Seed),
            MalformedPerFeed = commandLine.Integer("malformed", defaults.MalformedPerFeed),
            StartDate = start is null
                ? defaultStart?.Invoke(days) ?? defaults.StartDate
                : DateOnly.TryParseExact(start, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                    out var date) ? date : throw new UsageException($"--start must be YYYY-MM-DD, not '{start}'"),
        };

        try
        {
            settings.Validate();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            throw new UsageException(ex.Message);
        }

        return settings;
    }

    /// <summary>Runs the simulator, logging its stages.</summary>
    public static Task<SimulationReport> RunAsync(SimulationSettings settings, string output, ILogger logger,
        CancellationToken cancellationToken)
    {
        logger.LogInformation(
            "Simulating {People} people over {Days} days from {Start} with seed {Seed} into {Output}",
            settings.People, settings.Days, settings.StartDate, settings.Seed, Path.GetFullPath(output));
        var lastStage = string.Empty;
        var progress = new Progress<SimulationProgress>(p =>
        {
            if (p.Stage != lastStage)
            {
                lastStage = p.Stage;
                logger.LogInformation("Simulator: {Stage}", p.Stage);
            }
        });

        return CitySimulator.RunAsync(settings, output, progress, cancellationToken);
    }
}
