using System.Globalization;
using HealthCode.Simulator.Mobility;
using HealthCode.Simulator.Places;
using HealthCode.Simulator.Randomness;

namespace HealthCode.Simulator.Travel;

/// <summary>
/// Seats passengers: a party books together, so it sits in one carriage and row, in adjacent letters of one
/// block (ABC or DF on a train). Every seat of a service is used once. Creates the carriage and aircraft places.
/// </summary>
internal sealed class SeatAssigner
{
    private const int Attempts = 60;

    private readonly ulong _seed;
    private readonly PlaceTable _places;
    private readonly Dictionary<int, HashSet<(int Carriage, int Row, char Letter)>> _taken = [];
    private readonly Dictionary<(int Service, int Carriage), int> _vehiclePlaces = [];

    public SeatAssigner(ulong seed, PlaceTable places)
    {
        _seed = seed;
        _places = places;
    }

    /// <summary>Seat row of each passenger on each aircraft place.</summary>
    public Dictionary<(int Person, int Place), int> AircraftRows { get; } = [];

    public void Assign(IEnumerable<List<Ride>> parties)
    {
        foreach (var party in parties)
        {
            foreach (var group in party.GroupBy(r => r.Service.Id))
            {
                Seat(group.ToList());
            }
        }
    }

    private void Seat(List<Ride> group)
    {
        var service = group[0].Service;
        var rng = Rng.For(_seed, RandomStream.Seat, service.Id, group[0].PersonIndex);
        var taken = _taken.TryGetValue(service.Id, out var set) ? set : _taken[service.Id] = [];

        if (!TrySeatTogether(group, service, taken, ref rng))
        {
            foreach (var ride in group)
            {
                SeatAlone(ride, service, taken, ref rng);
            }
        }

        foreach (var ride in group)
        {
            ride.PlaceId = VehiclePlace(service, ride.Carriage);
            ride.Segments = BuildSegments(ride);

            if (service.IsFlight)
            {
                AircraftRows[(ride.PersonIndex, ride.PlaceId)] = ride.SeatRow;
            }
        }
    }

    private static bool TrySeatTogether(List<Ride> group, Service service,
        HashSet<(int, int, char)> taken, ref Rng rng)
    {
        var blocks = service.SeatBlocks.Where(b => b.Length >= group.Count).ToList();

        for (var attempt = 0; attempt < Attempts && blocks.Count > 0; attempt++)
        {
            var carriage = service.IsFlight ? 0 : rng.Next(1, service.Carriages + 1);
            var row = rng.Next(1, service.Rows + 1);
            var block = blocks[rng.Next(blocks.Count)];
            var letters = block.Substring(rng.Next(block.Length - group.Count + 1), group.Count);

            if (letters.All(l => !taken.Contains((carriage, row, l))))
            {
                for (var i = 0; i < group.Count; i++)
                {
                    taken.Add((carriage, row, letters[i]));
                    (group[i].Carriage, group[i].SeatRow, group[i].SeatLetter) = (carriage, row, letters[i]);
                }

                return true;
            }
        }

        return false;
    }

    private static void SeatAlone(Ride ride, Service service, HashSet<(int, int, char)> taken, ref Rng rng)
    {
        var capacity = Math.Max(1, service.Carriages) * service.Rows * service.SeatLetters.Length;

        if (taken.Count >= capacity)
        {
            throw new InvalidOperationException(
                $"Service {service.Number} is full; lower SimulationSettings.TravelShare.");
        }

        while (true)
        {
            var carriage = service.IsFlight ? 0 : rng.Next(1, service.Carriages + 1);
            var row = rng.Next(1, service.Rows + 1);
            var letter = service.SeatLetters[rng.Next(service.SeatLetters.Length)];

            if (taken.Add((carriage, row, letter)))
            {
                (ride.Carriage, ride.SeatRow, ride.SeatLetter) = (carriage, row, letter);
                return;
            }
        }
    }

    private int VehiclePlace(Service service, int carriage)
    {
        if (!_vehiclePlaces.TryGetValue((service.Id, carriage), out var id))
        {
            var name = service.IsFlight
                ? service.Number
                : string.Create(CultureInfo.InvariantCulture, $"{service.Number} coach {carriage}");
            var kind = service.IsFlight ? PlaceKind.Aircraft : PlaceKind.TrainCarriage;
            id = _places.Add(kind, service.Stops[0].Position, name).Id;
            _vehiclePlaces[(service.Id, carriage)] = id;
        }

        return id;
    }

    /// <summary>Between stops the train moves in a straight line; at a stop it stands for the dwell time.</summary>
    private static Segment[] BuildSegments(Ride ride)
    {
        var service = ride.Service;

        if (service.IsFlight)
        {
            return [new Segment(ride.Departs, ride.Arrives, ride.From.Position, ride.To.Position, ride.PlaceId,
                SegmentKind.Flight)];
        }

        var segments = new List<Segment>();

        for (var k = ride.Board; k < ride.Alight; k++)
        {
            var from = service.Stops[k].Position;
            var to = service.Stops[k + 1].Position;
            segments.Add(new Segment(service.Departures[k], service.Arrivals[k + 1], from, to, ride.PlaceId,
                SegmentKind.Ride));

            if (k + 1 < ride.Alight)
            {
                segments.Add(new Segment(service.Arrivals[k + 1], service.Departures[k + 1], to, to, ride.PlaceId,
                    SegmentKind.Ride));
            }
        }

        return segments.ToArray();
    }
}
