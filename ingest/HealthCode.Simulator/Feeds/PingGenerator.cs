using HealthCode.Simulator.Engine;
using HealthCode.Simulator.Geo;
using HealthCode.Simulator.Mobility;
using HealthCode.Simulator.Randomness;

namespace HealthCode.Simulator.Feeds;

/// <summary>
/// The carrier's view of a phone: periodic location updates at exponential gaps (a Poisson process, so each
/// hour can be drawn independently), more updates while moving as the phone changes cells, none in the air.
/// A reported position is the true one displaced by a tower-based error: the accuracy is drawn between 50 and
/// 1500 m (median about 120 m), the error is Rayleigh-distributed with about 95 % of errors within the
/// accuracy, and never beyond it.
/// </summary>
internal sealed class PingGenerator
{
    private const double MinAccuracy = 50;
    private const double MaxAccuracy = 1500;
    private const int MovingFirstPingSeconds = 30;
    private const int MovingGapSeconds = 240;
    private const int MovingGapJitterSeconds = 360;

    // Accuracy is 50 m times 30 to the power u squared: skewed to small errors, as in a dense city.
    private static readonly double LogRange = Math.Log(MaxAccuracy / MinAccuracy);

    private readonly World _world;
    private readonly double _meanGapSeconds;

    public PingGenerator(World world)
    {
        _world = world;
        _meanGapSeconds = world.Settings.PingIntervalMinutes * 60;
    }

    /// <summary>Appends the pings of one person's SIMs in [sliceStart, sliceEnd), each SIM's in time order.</summary>
    public void Generate(int personIndex, Segment[] segments, int sliceStart, int sliceEnd, int slice,
        List<PingRecord> output, List<int> times)
    {
        foreach (var sim in _world.People[personIndex].Sims)
        {
            if (sim.RegisteredAt >= sliceEnd)
            {
                continue;
            }

            var rng = Rng.For(_world.Seed, RandomStream.Ping, sim.Index, slice);
            times.Clear();

            for (var t = sliceStart + rng.Exponential(_meanGapSeconds); t < sliceEnd;
                t += rng.Exponential(_meanGapSeconds))
            {
                times.Add((int)t);
            }

            AddMovementTimes(sim.Index, segments, sliceStart, sliceEnd, times);
            times.Sort();
            var previous = int.MinValue;

            foreach (var time in times)
            {
                if (time == previous || time < sim.RegisteredAt)
                {
                    continue;
                }

                previous = time;
                var segment = segments[Trajectories.IndexAt(segments, time)];

                if (segment.Kind != SegmentKind.Flight)
                {
                    output.Add(Observe(sim.Index, time, segment, ref rng));
                }
            }
        }
    }

    /// <summary>
    /// Moving phones update every 4 to 10 minutes and once on arrival. The times hash from the segment, not the
    /// hour's generator, so a journey crossing an hour boundary yields the same pings either side.
    /// </summary>
    private void AddMovementTimes(int sim, Segment[] segments, int sliceStart, int sliceEnd, List<int> times)
    {
        foreach (var segment in segments)
        {
            if (segment.Kind is not (SegmentKind.Move or SegmentKind.Ride) || segment.End <= sliceStart
                || segment.Start >= sliceEnd || segment.IsStationary)
            {
                continue;
            }

            var t = segment.Start + MovingFirstPingSeconds;

            for (var k = 0; t < segment.End; k++)
            {
                if (t >= sliceStart && t < sliceEnd)
                {
                    times.Add(t);
                }

                var jitter = SeedMixer.Hash(_world.Seed, RandomStream.MovementPing, sim, segment.Start, k);
                t += MovingGapSeconds + (int)(jitter % MovingGapJitterSeconds);
            }

            var arrival = segment.End + (int)(SeedMixer.Hash(_world.Seed, RandomStream.MovementPing, sim,
                segment.Start, -1) % 60);

            if (segment.Kind == SegmentKind.Move && arrival >= sliceStart && arrival < sliceEnd
                && arrival < segments[^1].End)
            {
                times.Add(arrival);
            }
        }
    }

    private static PingRecord Observe(int sim, int time, Segment segment, ref Rng rng)
    {
        var truth = segment.PositionAt(time);
        var spread = segment.Kind == SegmentKind.Ride ? 1.5 : 1.0;
        var u = rng.NextDouble();
        var accuracy = (int)Math.Round(Math.Min(MaxAccuracy, spread * MinAccuracy * Math.Exp(LogRange * u * u)));
        var sigma = accuracy / 2.45;
        var error = sigma * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble()));

        if (error > accuracy)
        {
            error = accuracy * rng.NextDouble();
        }

        var bearing = 2 * Math.PI * rng.NextDouble();
        var reported = GeoMath.Offset(truth, error * Math.Cos(bearing), error * Math.Sin(bearing));
        return new PingRecord(time, sim, reported.Lat, reported.Lon, accuracy);
    }
}
