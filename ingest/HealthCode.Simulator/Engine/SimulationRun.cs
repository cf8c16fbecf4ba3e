using System.Diagnostics;
using HealthCode.Simulator.Epidemic;
using HealthCode.Simulator.Feeds;
using HealthCode.Simulator.Mobility;
using HealthCode.Simulator.Reports;
using HealthCode.Simulator.Time;
using HealthCode.Simulator.Truth;

namespace HealthCode.Simulator.Engine;

/// <summary>
/// One run, in two passes. The first walks the days: plan everyone's day, spread infection along it, stream
/// that day's pings. The second, once every report is known, re-plans the days it needs (plans are pure) to
/// find true contacts and investigate cases, then writes the remaining feeds, the truth and the manifest.
/// </summary>
internal sealed class SimulationRun
{
    private const int PlanChunk = 512;
    private const int PingChunk = 256;

    private readonly SimulationSettings _settings;
    private readonly string _directory;
    private readonly IProgress<SimulationProgress>? _progress;

    public SimulationRun(SimulationSettings settings, string directory, IProgress<SimulationProgress>? progress)
    {
        _settings = settings;
        _directory = directory;
        _progress = progress;
    }

    public async Task<SimulationReport> ExecuteAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = _settings.MaxDegreeOfParallelism > 0
                ? _settings.MaxDegreeOfParallelism
                : Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };
        PrepareDirectory();

        Report("building the city", 0);
        var world = WorldBuilder.Build(_settings);
        var state = new EpidemicState(world.People.Count);
        var scheduler = new CaseScheduler(world.Seed, world.People, state);
        scheduler.SeedInfections(_settings.ResolvedInitialInfections);
        scheduler.ScheduleFalseAlarms(_settings.Days);
        var planner = new DayPlanner(world, state);
        var malformed = new List<MalformedLine>();

        var pings = await SimulateDaysAsync(world, state, scheduler, planner, malformed, parallel, cancellationToken)
            .ConfigureAwait(false);

        Report("finding true contacts", 0.8);
        var windows = CaseReports.Windows(state, world.People.Count, world.Clock.Horizon);
        var observations = new Observations();

        foreach (var window in windows)
        {
            observations.Add(window.CasePerson, window.FirstReport);
        }

        var contacts = await FindContactsAsync(world, planner, windows, observations, parallel, cancellationToken)
            .ConfigureAwait(false);

        Report("writing feeds", 0.9);
        var caseLines = CaseReports.Lines(state, world.People.Count, world.Clock.Horizon);
        var locations = new CaseInvestigator(world, planner).Investigate(windows);
        var declarations = new DeclarationBuilder(world.Seed, state, _settings.Days).Build(observations);
        var writer = new JsonFeedWriter(world.Seed, _settings.MalformedPerFeed, malformed);
        var summaries = await new FeedSet(world, _directory, writer)
            .WriteAsync(pings, caseLines, locations, declarations, planner, cancellationToken).ConfigureAwait(false);
        await new TruthSet(world, _directory).WriteAsync(state, malformed, cancellationToken).ConfigureAwait(false);

        var report = new SimulationReport
        {
            OutputDirectory = Path.GetFullPath(_directory),
            People = world.People.Count,
            Days = _settings.Days,
            Seed = _settings.Seed,
            SimCards = world.Sims.Count,
            Infections = state.Infections.Count,
            Cases = caseLines.Where(l => l.Status != CaseStatus.Cleared).Select(l => l.Person).Distinct().Count(),
            Contacts = contacts,
            Travellers = world.People.Count(p => p.Trip is { } t && t.OutDay < _settings.Days
                && planner.IsTripTaken(p, t)),
            Feeds = summaries,
            WallTime = stopwatch.Elapsed,
        };

        // The manifest leaves out the wall time, so that it too is identical for a seed.
        await ManifestWriter.WriteAsync(Path.Combine(_directory, "manifest.json"), _settings, world.Clock, report,
            cancellationToken).ConfigureAwait(false);
        Report("done", 1);
        return report;
    }

    /// <summary>Creates the folders; drops an earlier run's trajectory file that this run would not replace.</summary>
    private void PrepareDirectory()
    {
        var truth = Path.Combine(_directory, "truth");
        Directory.CreateDirectory(truth);

        if (!_settings.WriteTrajectories)
        {
            File.Delete(Path.Combine(truth, "trajectories.jsonl"));
        }
    }

    private async Task<FeedSummary> SimulateDaysAsync(World world, EpidemicState state, CaseScheduler scheduler,
        DayPlanner planner, List<MalformedLine> malformed, ParallelOptions parallel,
        CancellationToken cancellationToken)
    {
        var days = _settings.Days;
        var slices = days * 24;
        var transmission = new TransmissionModel(world, state, scheduler);
        var formatter = new PingLineFormatter(world.Clock, world.Sims);
        var slicer = new PingSlicer(world, parallel, PingChunk);
        var trajectories = new Segment[world.People.Count][];
        var truth = new TruthRecords(world);
        var pingsPath = Path.Combine(_directory, FeedNames.FileName(FeedNames.Pings));
        var trajectoriesPath = Path.Combine(_directory, "truth", "trajectories.jsonl");

        await using var pings = new PingFeedWriter(pingsPath, formatter, world.Seed, _settings.MalformedPerFeed,
            slices, malformed, parallel);
        await using var trajectoryFile = _settings.WriteTrajectories ? new JsonLinesWriter(trajectoriesPath) : null;
        await pings.WriteHeaderAsync(cancellationToken).ConfigureAwait(false);

        for (var day = 0; day < days; day++)
        {
            Report($"simulating day {day + 1} of {days}", 0.05 + 0.75 * day / days);
            PlanDay(world, planner, day, trajectories, parallel);

            // Infections of today start reports at least two days later, so today's plans stay valid.
            transmission.RunDay(day, trajectories);

            for (var hour = 0; hour < 24; hour++)
            {
                var slice = day * 24 + hour;
                var sliceStart = day * SimClock.SecondsPerDay + hour * 3600;
                var (sorted, count) = slicer.Generate(trajectories, sliceStart, slice);
                await pings.WriteSliceAsync(sorted, count, slice, sliceStart, cancellationToken)
                    .ConfigureAwait(false);
            }

            if (trajectoryFile is not null)
            {
                for (var person = 0; person < trajectories.Length; person++)
                {
                    foreach (var segment in trajectories[person])
                    {
                        await trajectoryFile.WriteAsync((person, segment), truth.WriteSegment, cancellationToken)
                            .ConfigureAwait(false);
                    }
                }
            }
        }

        return new FeedSummary(FeedNames.Pings, FeedNames.FileName(FeedNames.Pings), pings.ValidLines,
            pings.MalformedLines);
    }

    /// <summary>Streams the true contacts to <c>truth/contacts.jsonl</c>, noting who is under observation.</summary>
    private async Task<long> FindContactsAsync(World world, DayPlanner planner, IReadOnlyList<CaseWindow> windows,
        Observations observations, ParallelOptions parallel, CancellationToken cancellationToken)
    {
        var records = new TruthRecords(world);
        await using var file = new JsonLinesWriter(Path.Combine(_directory, "truth", "contacts.jsonl"));

        return await new ContactFinder(world, planner, parallel).FindAsync(windows, contact =>
        {
            observations.Add(contact.Person, contact.Window.FirstReport);
            return file.WriteAsync(contact, records.WriteContact, cancellationToken);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static void PlanDay(World world, DayPlanner planner, int day, Segment[][] trajectories,
        ParallelOptions parallel)
    {
        var people = world.People.Count;
        var chunks = (people + PlanChunk - 1) / PlanChunk;

        Parallel.For(0, chunks, parallel, () => new TrajectoryBuilder(world.Places), (chunk, _, builder) =>
        {
            for (var person = chunk * PlanChunk; person < Math.Min(people, (chunk + 1) * PlanChunk); person++)
            {
                trajectories[person] = planner.Plan(person, day, builder);
            }

            return builder;
        }, _ => { });
    }

    private void Report(string stage, double fraction) => _progress?.Report(new SimulationProgress(stage, fraction));
}
