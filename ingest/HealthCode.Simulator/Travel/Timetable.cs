using System.Globalization;
using HealthCode.Simulator.Time;

namespace HealthCode.Simulator.Travel;

/// <summary>
/// Every train and flight of the network for each simulated day (and a few after, for late returns): the same
/// daily slots in both directions, dropping slots that would arrive too late for a traveller to get home.
/// </summary>
internal sealed class Timetable
{
    /// <summary>Days past the end that still get services, so trips near the end can be planned whole.</summary>
    public const int ExtraDays = 6;

    // Latest arrival, in minutes of the day, that still leaves time to reach a bed before midnight.
    private const int LatestArrivalMinute = 1425 - 90;

    private readonly List<Service> _services = [];
    private readonly Dictionary<(int Route, bool Flight, bool Inbound, int Day, int Slot), Service> _byKey = [];

    public Timetable(TravelNetwork network, int days)
    {
        for (var day = 0; day < days + ExtraDays; day++)
        {
            for (var r = 0; r < network.RailRoutes.Count; r++)
            {
                AddRail(network, r, day);
            }

            for (var f = 0; f < network.FlightRoutes.Count; f++)
            {
                AddFlights(network, f, day);
            }
        }
    }

    public IReadOnlyList<Service> Services => _services;

    public Service? Find(int route, bool flight, bool inbound, int day, int slot) =>
        _byKey.GetValueOrDefault((route, flight, inbound, day, slot));

    private void AddRail(TravelNetwork network, int routeIndex, int day)
    {
        var route = network.RailRoutes[routeIndex];
        var dwell = RailRoute.DwellMinutes;

        for (var slot = 0; slot < route.DepartureMinutes.Count; slot++)
        {
            var start = route.DepartureMinutes[slot];

            if (start + route.TotalMinutes > LatestArrivalMinute)
            {
                continue;
            }

            var n = route.Stops.Count;
            var outArrive = new int[n];
            var outDepart = new int[n];
            var inArrive = new int[n];
            var inDepart = new int[n];

            for (var k = 0; k < n; k++)
            {
                outArrive[k] = Seconds(day, start + route.MinutesFromOrigin[k]);
                outDepart[k] = k == 0 || k == n - 1 ? outArrive[k] : outArrive[k] + dwell * 60;

                // Inbound trains run the same line backwards: stop k of the reversed list is stop n-1-k.
                var reversed = n - 1 - k;
                inArrive[k] = Seconds(day, start + route.TotalMinutes - route.MinutesFromOrigin[reversed]);
                inDepart[k] = k == 0 || k == n - 1 ? inArrive[k] : inArrive[k] + dwell * 60;
            }

            var stops = route.Stops.ToArray();
            var reversedStops = stops.Reverse().ToArray();
            Add((routeIndex, false, false, day, slot), Number(route.Prefix, route.NumberBase + 2 * slot), false,
                day, stops, outArrive, outDepart, route.Carriages, 18, "ABCDF");
            Add((routeIndex, false, true, day, slot), Number(route.Prefix, route.NumberBase + 1 + 2 * slot), false,
                day, reversedStops, inArrive, inDepart, route.Carriages, 18, "ABCDF");
        }
    }

    private void AddFlights(TravelNetwork network, int routeIndex, int day)
    {
        var route = network.FlightRoutes[routeIndex];

        for (var slot = 0; slot < route.DepartureMinutes.Count; slot++)
        {
            var start = route.DepartureMinutes[slot];

            if (start + route.DurationMinutes > LatestArrivalMinute)
            {
                continue;
            }

            int[] times = [Seconds(day, start), Seconds(day, start + route.DurationMinutes)];
            Add((routeIndex, true, false, day, slot), Number(route.Airline, route.NumberBase + 2 * slot), true, day,
                [network.HomeAirport, route.Destination], times, times, 0, route.Rows, route.SeatLetters);
            Add((routeIndex, true, true, day, slot), Number(route.Airline, route.NumberBase + 1 + 2 * slot), true,
                day, [route.Destination, network.HomeAirport], times, times, 0, route.Rows, route.SeatLetters);
        }
    }

    private void Add((int, bool, bool, int, int) key, string number, bool isFlight, int day, TransitNode[] stops,
        int[] arrivals, int[] departures, int carriages, int rows, string letters)
    {
        var service = new Service(_services.Count, number, isFlight, day, stops, arrivals, departures, carriages,
            rows, letters);
        _services.Add(service);
        _byKey[key] = service;
    }

    private static int Seconds(int day, int minuteOfDay) => day * SimClock.SecondsPerDay + minuteOfDay * 60;

    private static string Number(string prefix, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{number}");
}
