using System.Text.Json;
using HealthCode.Simulator.Engine;
using HealthCode.Simulator.Population;

namespace HealthCode.Simulator.Feeds.Records;

/// <summary>The <c>subscribers</c> feed: one line per SIM, in person order.</summary>
internal sealed class SubscriberRecords
{
    private static readonly JsonEncodedText Msisdn = JsonEncodedText.Encode("msisdn");
    private static readonly JsonEncodedText IdNumber = JsonEncodedText.Encode("id_number");
    private static readonly JsonEncodedText Carrier = JsonEncodedText.Encode("carrier");
    private static readonly JsonEncodedText RegisteredAt = JsonEncodedText.Encode("registered_at");

    private readonly World _world;

    public SubscriberRecords(World world)
    {
        _world = world;
    }

    public void Write(Utf8JsonWriter writer, SimCard sim)
    {
        writer.WriteStartObject();
        writer.WriteString(Msisdn, sim.Msisdn);
        writer.WriteString(IdNumber, _world.People[sim.PersonIndex].IdNumber);
        writer.WriteString(Carrier, CarrierCatalog.NameOf(sim.Carrier));
        writer.WriteTimestamp(RegisteredAt, _world.Clock, sim.RegisteredAt);
        writer.WriteEndObject();
    }

    public void WriteSample(Utf8JsonWriter writer) => Write(writer, _world.Sims[0]);
}
