using System.Diagnostics;
using HealthCode.Risk.Engine;
using HealthCode.Risk.Inputs;

namespace HealthCode.Benchmarks.Risk;

/// <summary>Feeds a synthetic city into a detection engine the way a risk node does: registrations, then pings in
/// time order in batches, each batch followed by a step.</summary>
internal static class EngineFeed
{
    /// <summary>Adds one registration per SIM, a day before the history starts, and steps once.</summary>
    public static void Register(IContactEngine engine, SyntheticCity city)
    {
        var registeredAt = DateTimeOffset.FromUnixTimeMilliseconds(city.StartMs - 86_400_000L);

        for (var p = 0; p < city.People; p++)
        {
            var recordId = Convert.ToHexStringLower(SyntheticCity.RecordIdBytes("subscriber:" + p));
            engine.Add(new SubscriberRegistration(recordId, city.SubscriberKey(p), city.PersonKey(p), registeredAt));
        }

        engine.Step();
    }

    /// <summary>
    /// Adds the pings of slots [<paramref name="firstSlot"/>, <paramref name="endSlot"/>) slot by slot, stepping
    /// after every <paramref name="batch"/> pings and once at the end.
    /// </summary>
    public static FeedTiming Pings(IContactEngine engine, SyntheticCity city, int firstSlot, int endSlot, int batch)
    {
        var adding = new Stopwatch();
        var stepping = new Stopwatch();
        long pings = 0;
        long updates = 0;
        var inBatch = 0;

        adding.Start();
        for (var slot = firstSlot; slot < endSlot; slot++)
        {
            for (var p = 0; p < city.People; p++)
            {
                city.PingOf(p, slot, out var atMs, out var lat, out var lon);
                engine.AddPing(city.SubscriberKey(p), SyntheticCity.PingRecordId(p, slot), atMs, lat, lon);
                pings++;

                if (++inBatch == batch)
                {
                    adding.Stop();
                    stepping.Start();
                    updates += engine.Step().Count;
                    stepping.Stop();
                    adding.Start();
                    inBatch = 0;
                }
            }
        }

        adding.Stop();
        stepping.Start();
        updates += engine.Step().Count;
        stepping.Stop();

        return new FeedTiming(pings, adding.Elapsed, stepping.Elapsed, updates);
    }
}
