using System.Diagnostics;
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
/// Hands an engine step's updates to the person groups and its raised and withdrawn flags to the contacts topic,
/// and completes once every group has acknowledged and every contact is on Kafka.
/// </summary>
internal sealed class PersonUpdateApplier
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan QueueFullWait = TimeSpan.FromMilliseconds(10);

    /// <summary>Person updates in flight at once.</summary>
    private const int UpdatesInFlight = 16_384;

    /// <summary>Updates in a wave from which their journal forms are made on all cores.</summary>
    private const int ParallelFrom = 256;

    private readonly IActorRef _persons;
    private readonly IProducer<byte[]?, byte[]> _producer;
    private readonly int _groups;

    /// <summary>
    /// Creates an applier over the person groups' shard region (<paramref name="groups"/> of them) and a producer
    /// for the contacts topic.
    /// </summary>
    public PersonUpdateApplier(IActorRef persons, IProducer<byte[]?, byte[]> producer, int groups)
    {
        _persons = persons;
        _producer = producer;
        _groups = groups;
    }

    /// <summary>
    /// Applies the updates; completes when every group has acknowledged and every contact is on Kafka, with the
    /// time it took until the last group acknowledged (every code change delivered).
    /// </summary>
    /// <remarks>
    /// Code changes go first and contacts after: the app platforms wait for the codes, while contacts feed the
    /// analytics, and a case's contacts (one per raised flag, with its evidence) take as long to encode and produce
    /// as its code changes take to journal and publish. Offsets wait for both.
    /// </remarks>
    public async Task<TimeSpan> ApplyAsync(IReadOnlyList<PersonUpdate> updates)
    {
        var clock = Stopwatch.StartNew();
        var waves = updates.Chunk(UpdatesInFlight).ToList();

        // In waves: a rebuild can update every person at once, and the journal takes only so much at a time, so
        // the last of too many asks would time out.
        foreach (var wave in waves)
        {
            var acks = PersonGroups.Batch(ToCommands(wave), _groups, PersonGroups.PersonsPerMessage)
                .Select(m => _persons.Ask<UpdatePersonsAck>(m, AskTimeout));
            await Task.WhenAll(acks).ConfigureAwait(false);
        }

        var codesOut = clock.Elapsed;

        // Also in waves, so the producer's queue never holds more than one wave's contacts.
        foreach (var wave in waves)
        {
            var decidedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var delivery = new DeliveryCountdown();
            foreach (var update in wave.Where(u => u.Flags is not null))
            {
                await ProduceContactsAsync(update, decidedAt, delivery).ConfigureAwait(false);
            }

            await delivery.Seal().ConfigureAwait(false);
        }

        return codesOut;
    }

    private async Task ProduceContactsAsync(PersonUpdate update, long decidedAt, DeliveryCountdown delivery)
    {
        var key = Encoding.UTF8.GetBytes(update.PersonKey);

        // Only what changed: a flag that stays is already in ClickHouse under its id.
        foreach (var flag in update.Raised)
        {
            await ProduceAsync(key, RiskEvents.EncodeContact(flag, withdrawn: false, decidedAt), delivery)
                .ConfigureAwait(false);
        }

        foreach (var flag in update.Withdrawn)
        {
            await ProduceAsync(key, RiskEvents.EncodeContact(flag, withdrawn: true, decidedAt), delivery)
                .ConfigureAwait(false);
        }
    }

    private async ValueTask ProduceAsync(byte[] key, byte[] contact, DeliveryCountdown delivery)
    {
        var message = new Message<byte[]?, byte[]> { Key = key, Value = contact };

        while (true)
        {
            delivery.Add();
            try
            {
                _producer.Produce(Topics.Contacts, message, delivery.Handler);
                return;
            }
            catch (ProduceException<byte[]?, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                // A full local queue is back-pressure: let the broker threads send some and queue it again.
                delivery.Cancel();
            }
            catch
            {
                delivery.Cancel();
                throw;
            }

            await Task.Delay(QueueFullWait).ConfigureAwait(false);
        }
    }

    /// <summary>The wave's updates as group commands, in the wave's order.</summary>
    /// <remarks>
    /// A new case's flags each get their journal form, an id hashed over all their record ids: pure work, and a
    /// third of a case's time in the person updates when done on one thread, so a large wave spreads it.
    /// </remarks>
    private static UpdatePerson[] ToCommands(PersonUpdate[] wave) => wave.Length < ParallelFrom
        ? [.. wave.Select(ToCommand)]
        : wave.AsParallel().AsOrdered().Select(ToCommand).ToArray();

    private static UpdatePerson ToCommand(PersonUpdate update) => new(
        update.PersonKey,
        update.Flags is null ? null : [.. update.Flags.Select(StoredFlag.From)],
        [.. update.Reports.Select(StoredReport.From)],
        [.. update.Declarations.Select(StoredDeclaration.From)]);
}
