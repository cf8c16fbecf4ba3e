using System.Text;
using Akka.Actor;
using Confluent.Kafka;
using Google.Protobuf;
using HealthCode.Contracts.Feeds;
using HealthCode.Risk.Cluster.Journal;
using HealthCode.Risk.Cluster.Persons;
using HealthCode.Risk.Engine;

namespace HealthCode.Node.Risk;

/// <summary>
/// Hands an engine step's updates to the person entities and its raised and withdrawn flags to the contacts
/// topic, and completes once every entity has acknowledged and every contact is on Kafka.
/// </summary>
internal sealed class PersonUpdateApplier
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Person updates awaited at once.</summary>
    private const int UpdatesInFlight = 2_000;

    private readonly IActorRef _persons;
    private readonly IProducer<byte[]?, byte[]> _producer;

    /// <summary>Creates an applier over the persons' shard region and a producer for the contacts topic.</summary>
    public PersonUpdateApplier(IActorRef persons, IProducer<byte[]?, byte[]> producer)
    {
        _persons = persons;
        _producer = producer;
    }

    /// <summary>Applies the updates; completes when all are acknowledged.</summary>
    public async Task ApplyAsync(IReadOnlyList<PersonUpdate> updates)
    {
        // In chunks: a rebuild can update every person at once, and the journal takes only so many per second, so
        // one ask per person all at once would time out the last of them.
        foreach (var chunk in updates.Chunk(UpdatesInFlight))
        {
            var decidedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var contacts = chunk.SelectMany(u => ContactMessages(u, decidedAt)).ToList();
            var acks = chunk.Select(u => _persons.Ask<UpdatePersonAck>(ToCommand(u), AskTimeout));

            await Task.WhenAll([.. contacts, .. acks]).ConfigureAwait(false);
        }
    }

    private IEnumerable<Task> ContactMessages(PersonUpdate update, long decidedAt)
    {
        if (update.Flags is null)
        {
            yield break;
        }

        var key = Encoding.UTF8.GetBytes(update.PersonKey);
        // Only what changed: a flag that stays is already in ClickHouse under its id.
        var messages = update.Raised.Select(f => RiskEvents.ToContact(f, withdrawn: false, decidedAt))
            .Concat(update.Withdrawn.Select(f => RiskEvents.ToContact(f, withdrawn: true, decidedAt)));

        foreach (var contact in messages)
        {
            yield return _producer.ProduceAsync(Topics.Contacts,
                new Message<byte[]?, byte[]> { Key = key, Value = contact.ToByteArray() });
        }
    }

    private static UpdatePerson ToCommand(PersonUpdate update) => new(
        update.PersonKey,
        update.Flags is null ? null : [.. update.Flags.Select(StoredFlag.From)],
        [.. update.Reports.Select(StoredReport.From)],
        [.. update.Declarations.Select(StoredDeclaration.From)]);
}
