using HealthCode.Simulator.Feeds;
using HealthCode.Simulator.Feeds.Records;
using HealthCode.Simulator.Mobility;
using HealthCode.Simulator.Reports;
using HealthCode.Simulator.Travel;

namespace HealthCode.Simulator.Engine;

/// <summary>Writes the JSON Lines feeds; returns every feed's summary in <see cref="FeedNames.All"/> order.</summary>
internal sealed class FeedSet
{
    private readonly World _world;
    private readonly string _directory;
    private readonly JsonFeedWriter _writer;

    public FeedSet(World world, string directory, JsonFeedWriter writer)
    {
        _world = world;
        _directory = directory;
        _writer = writer;
    }

    public async Task<IReadOnlyList<FeedSummary>> WriteAsync(FeedSummary pings, IReadOnlyList<CaseReportLine> cases,
        IReadOnlyList<CaseLocationLine> locations, IReadOnlyList<DeclarationLine> declarations, DayPlanner planner,
        CancellationToken cancellationToken)
    {
        var rides = TakenRides(planner);
        var subscribers = new SubscriberRecords(_world);
        var rail = new RailRecords(_world);
        var flights = new FlightRecords(_world);
        var caseRecords = new CaseRecords(_world);
        var locationRecords = new CaseLocationRecords(_world);
        var declarationRecords = new DeclarationRecords(_world);

        return
        [
            await _writer.WriteAsync(_directory, FeedShape.Subscribers, _world.Sims, subscribers.Write,
                subscribers.WriteSample, cancellationToken).ConfigureAwait(false),
            pings,
            await _writer.WriteAsync(_directory, FeedShape.Rail, rides.Where(r => !r.Service.IsFlight).ToList(),
                rail.Write, rail.WriteSample, cancellationToken).ConfigureAwait(false),
            await _writer.WriteAsync(_directory, FeedShape.Flights, rides.Where(r => r.Service.IsFlight).ToList(),
                flights.Write, flights.WriteSample, cancellationToken).ConfigureAwait(false),
            await _writer.WriteAsync(_directory, FeedShape.Cases, cases, caseRecords.Write, caseRecords.WriteSample,
                cancellationToken).ConfigureAwait(false),
            await _writer.WriteAsync(_directory, FeedShape.CaseLocations, locations, locationRecords.Write,
                locationRecords.WriteSample, cancellationToken).ConfigureAwait(false),
            await _writer.WriteAsync(_directory, FeedShape.Declarations, declarations, declarationRecords.Write,
                declarationRecords.WriteSample, cancellationToken).ConfigureAwait(false),
        ];
    }

    /// <summary>Rides of trips that went ahead and departed inside the simulated period, in departure order.</summary>
    private List<Ride> TakenRides(DayPlanner planner) =>
        _world.Rides
            .Where(r => r.Departs < _world.Clock.Horizon && _world.People[r.PersonIndex].Trip is { } trip
                && planner.IsTripTaken(_world.People[r.PersonIndex], trip))
            .OrderBy(r => r.Departs).ThenBy(r => r.Service.Id).ThenBy(r => r.Carriage).ThenBy(r => r.SeatRow)
            .ThenBy(r => r.SeatLetter)
            .ToList();
}
