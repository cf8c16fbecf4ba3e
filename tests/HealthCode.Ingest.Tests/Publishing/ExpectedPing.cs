using HealthCode.Contracts.Events.V1;

namespace HealthCode.Ingest.Tests.Publishing;

/// <summary>The canonical content of one ping, comparable by value (the record id and cell are left out).</summary>
internal sealed record ExpectedPing(string SubscriberKey, double Lat, double Lon, float AccuracyM, long ObservedAtMs)
{
    public static ExpectedPing Of(Ping ping) =>
        new(ping.SubscriberKey, ping.Lat, ping.Lon, ping.AccuracyM, ping.ObservedAtMs);
}
