using HealthCode.Simulator.Engine;
using HealthCode.Simulator.Epidemic;
using HealthCode.Simulator.Mobility;
using HealthCode.Simulator.Reports;
using HealthCode.Simulator.Travel;
using HealthCode.Simulator.Truth;

namespace HealthCode.Simulator.Tests.Truth;

public sealed class ContactFinderTests
{
    private const int Day = 86_400;

    private static readonly World World = WorldBuilder.Build(new SimulationSettings
    {
        People = 2_000, Days = 6, Seed = 3, TravelShare = 0.5,
    });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FindAsync_TravellingCase_FlagsFellowPassengersByTheRules(bool flight)
    {
        var state = new EpidemicState(World.People.Count);
        var planner = new DayPlanner(World, state);
        var caseRide = SharedRide(flight);
        var trip = World.People[caseRide.PersonIndex].Trip!;
        var reported = (trip.ReturnDay + 1) * Day + 10 * 3600;
        state.AddEpisode(caseRide.PersonIndex, new CaseEpisode
        {
            ReportedAt = reported, FirstStatus = CaseStatus.Suspected, ConfirmedAt = InfectionCourse.Never,
            ClearedAt = reported + Day, HomeQuarantineUntil = reported + Day, ClinicSeconds = 3600,
            IsInfection = false,
        });
        var contacts = new List<TrueContact>();

        await new ContactFinder(World, planner, new ParallelOptions()).FindAsync(
            CaseReports.Windows(state, World.People.Count, World.Clock.Horizon),
            c =>
            {
                contacts.Add(c);
                return ValueTask.CompletedTask;
            },
            CancellationToken.None);

        var fellows = World.Rides.Where(r => r.Service == caseRide.Service && r.PersonIndex != caseRide.PersonIndex)
            .ToList();
        Assert.NotEmpty(fellows);
        Assert.All(fellows, other =>
        {
            var found = contacts.Single(c => c.PersonRide == other);
            Assert.Equal(other.PersonIndex, found.Person);
            Assert.Equal(ExpectedRule(caseRide, other), found.Rule);
        });
        Assert.Contains(contacts, c => c.Rule == ContactRule.Companion);
    }

    private static ContactRule ExpectedRule(Ride caseRide, Ride other)
    {
        if (caseRide.Service.IsFlight)
        {
            return Math.Abs(caseRide.SeatRow - other.SeatRow) <= 3 ? ContactRule.Flight : ContactRule.FellowTraveller;
        }

        return caseRide.Carriage == other.Carriage ? ContactRule.Rail : ContactRule.FellowTraveller;
    }

    /// <summary>An outbound ride with fellow passengers, of a trip that ends well before the run does.</summary>
    private static Ride SharedRide(bool flight) =>
        World.Rides
            .Where(r => r.Service.IsFlight == flight && r.Departs < World.Clock.Horizon && r.Board == 0)
            .Where(r => World.People[r.PersonIndex].Trip is { } t && t.Outbound == r && t.ReturnDay + 2 < 6)
            .Where(r => World.Rides.Count(o => o.Service == r.Service && o.Board == 0) >= 3)
            .First();
}
