using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using Akka.Serialization;
using HealthCode.Risk.Engine;
using HealthCode.Risk.Engine.Partitions;
using HealthCode.Risk.Inputs;
using HealthCode.Risk.Rules;

namespace HealthCode.Node.Risk.Partitions;

/// <summary>
/// Writes the engine-partition protocol in a compact binary form for Akka.Remote: fields in declaration order,
/// strings in UTF-8, counts as <see cref="int"/>, times as UTC ticks and an offset in minutes.
/// </summary>
/// <remarks>
/// The format has no version: both ends of a cluster run the same build. A manifest names the message type, so a
/// changed message can take a new manifest while the old one is still read.
/// </remarks>
internal sealed class PartitionSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer's identifier on the wire; Akka.NET keeps 1 to 100 for its own.</summary>
    public const int Id = 4711;

    /// <summary>
    /// The configuration that registers the serializer and binds every partition message and reply to it.
    /// </summary>
    /// <remarks>
    /// The node's assembly is named <c>healthcode</c> (its <c>AssemblyName</c>), not after the project. A binding
    /// that names the wrong assembly does not stop the actor system: the messages quietly go by the default JSON
    /// serializer instead.
    /// </remarks>
    public const string Hocon = """
        akka.actor {
          serializers {
            partition = "HealthCode.Node.Risk.Partitions.PartitionSerializer, healthcode"
          }
          serialization-bindings {
            "HealthCode.Node.Risk.Partitions.IPartitionMessage, healthcode" = partition
            "HealthCode.Node.Risk.Partitions.PartitionReady, healthcode" = partition
            "HealthCode.Node.Risk.Partitions.RecordsAdded, healthcode" = partition
            "HealthCode.Node.Risk.Partitions.HandedOver, healthcode" = partition
            "HealthCode.Node.Risk.Partitions.PartitionStepped, healthcode" = partition
            "HealthCode.Node.Risk.Partitions.PartitionFigures, healthcode" = partition
            "HealthCode.Node.Risk.Partitions.PartitionLost, healthcode" = partition
          }
          serialization-identifiers {
            "HealthCode.Node.Risk.Partitions.PartitionSerializer, healthcode" = 4711
          }
        }
        """;

    private const string Reset = "rst";
    private const string Ready = "rdy";
    private const string Add = "add";
    private const string Added = "addd";
    private const string Hand = "hnd";
    private const string Handed = "hndd";
    private const string Step = "stp";
    private const string Stepped = "stpd";
    private const string Read = "rd";
    private const string Figures = "fig";
    private const string Lost = "lost";

    // Strict, so that a string that cannot be encoded fails here instead of arriving changed on the other node.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Creates the serializer; Akka calls this when the actor system starts.</summary>
    public PartitionSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <inheritdoc/>
    public override int Identifier => Id;

    /// <inheritdoc/>
    public override string Manifest(object o) => o switch
    {
        ResetPartition => Reset,
        PartitionReady => Ready,
        AddRecords => Add,
        RecordsAdded => Added,
        HandOver => Hand,
        HandedOver => Handed,
        StepPartition => Step,
        PartitionStepped => Stepped,
        ReadPartition => Read,
        PartitionFigures => Figures,
        PartitionLost => Lost,
        _ => throw Unknown(o),
    };

    /// <inheritdoc/>
    public override byte[] ToBinary(object obj)
    {
        using var stream = new MemoryStream(SizeOf(obj));
        using var writer = new BinaryWriter(stream, Utf8, leaveOpen: true);
        switch (obj)
        {
            case ResetPartition m:
                writer.Write(m.Partition);
                writer.Write(m.Count);
                writer.Write(m.Generation);
                break;
            case PartitionReady m:
                writer.Write(m.Partition);
                writer.Write(m.Generation);
                break;
            case AddRecords m:
                writer.Write(m.Partition);
                writer.Write(m.Generation);
                WriteRecords(writer, m.Records);
                break;
            case RecordsAdded m:
                writer.Write(m.Partition);
                break;
            case HandOver m:
                writer.Write(m.Partition);
                writer.Write(m.Generation);
                WriteTargets(writer, m.Sims);
                WriteTargets(writer, m.Travellers);
                WriteStrings(writer, m.Forget);
                break;
            case HandedOver m:
                writer.Write(m.Partition);
                writer.Write(m.Records);
                break;
            case StepPartition m:
                writer.Write(m.Partition);
                writer.Write(m.Generation);
                break;
            case PartitionStepped m:
                writer.Write(m.Partition);
                writer.Write(m.Updates);
                writer.Write(m.StepSeconds);
                writer.Write(m.CodesSeconds);
                writer.Write(m.ApplySeconds);
                WriteCounts(writer, m.Contacts);
                break;
            case ReadPartition m:
                writer.Write(m.Partition);
                writer.Write(m.WithPairs);
                break;
            case PartitionFigures m:
                writer.Write(m.Partition);
                writer.Write(m.Pings);
                WriteCounts(writer, m.Contacts);
                WritePairs(writer, m.Pairs);
                break;
            case PartitionLost m:
                writer.Write(m.Partition);
                writer.Write(m.Reason);
                break;
            default:
                throw Unknown(obj);
        }

        writer.Flush();
        return stream.ToArray();
    }

    /// <inheritdoc/>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false), Utf8);
        object message;
        try
        {
            // C# evaluates arguments left to right, so each constructor reads its fields in the order written.
            message = manifest switch
            {
                Reset => new ResetPartition(reader.ReadInt32(), reader.ReadInt32(), reader.ReadString()),
                Ready => new PartitionReady(reader.ReadInt32(), reader.ReadString()),
                Add => new AddRecords(reader.ReadInt32(), reader.ReadString(), ReadRecords(reader)),
                Added => new RecordsAdded(reader.ReadInt32()),
                Hand => new HandOver(reader.ReadInt32(), reader.ReadString(), ReadTargets(reader),
                    ReadTargets(reader), ReadStrings(reader)),
                Handed => new HandedOver(reader.ReadInt32(), reader.ReadInt32()),
                Step => new StepPartition(reader.ReadInt32(), reader.ReadString()),
                Stepped => new PartitionStepped(reader.ReadInt32(), reader.ReadInt32(), reader.ReadDouble(),
                    reader.ReadDouble(), reader.ReadDouble(), ReadCounts(reader)),
                Read => new ReadPartition(reader.ReadInt32(), reader.ReadBoolean()),
                Figures => new PartitionFigures(reader.ReadInt32(), reader.ReadInt64(),
                    ReadCounts(reader) ?? throw new InvalidDataException("contacts missing"), ReadPairs(reader)),
                Lost => new PartitionLost(reader.ReadInt32(), reader.ReadString()),
                _ => throw new SerializationException(
                    $"{nameof(PartitionSerializer)} does not know the manifest '{manifest}'."),
            };
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or ArgumentException)
        {
            throw Corrupt(manifest, e.Message, e);
        }

        // Bytes left over mean the two ends disagree on the format, which would otherwise pass unnoticed.
        if (reader.BaseStream.Position != bytes.Length)
        {
            throw Corrupt(manifest, $"{bytes.Length - reader.BaseStream.Position} bytes left over");
        }

        return message;
    }

    // A rough guess that spares the stream most of its regrowing: a ping takes 33 bytes and its SIM's key 33 more
    // where the key first appears, other records some 100 to 200.
    private static int SizeOf(object message) => message switch
    {
        AddRecords m => 64 + (m.Records.Pings.Count * 40) + ((m.Records.Count - m.Records.Pings.Count) * 160),
        HandOver m => 64 + ((m.Sims.Count + m.Travellers.Count) * 48) + (m.Forget.Count * 32),
        PartitionFigures m => 64 + (m.Contacts.Count * 8) + (m.Pairs.Count * 80),
        _ => 64,
    };

    private static void WriteRecords(BinaryWriter writer, PartitionRecords records)
    {
        WritePings(writer, records.Pings);

        writer.Write(records.Registrations.Count);
        foreach (var r in records.Registrations)
        {
            writer.Write(r.RecordId);
            writer.Write(r.SubscriberKey);
            writer.Write(r.PersonKey);
            WriteTime(writer, r.RegisteredAt);
        }

        writer.Write(records.Reports.Count);
        foreach (var r in records.Reports)
        {
            writer.Write(r.RecordId);
            writer.Write(r.PersonKey);
            writer.Write((int)r.Status);
            WriteTime(writer, r.ReportedAt);
        }

        writer.Write(records.Locations.Count);
        foreach (var l in records.Locations)
        {
            writer.Write(l.RecordId);
            writer.Write(l.CaseKey);
            writer.Write(l.Lat);
            writer.Write(l.Lon);
            writer.Write(l.RadiusMetres);
            WriteTime(writer, l.From);
            WriteTime(writer, l.To);
            writer.Write(l.Venue is not null);
            if (l.Venue is not null)
            {
                writer.Write(l.Venue);
            }
        }

        writer.Write(records.Flights.Count);
        foreach (var t in records.Flights)
        {
            writer.Write(t.RecordId);
            writer.Write(t.PersonKey);
            writer.Write(t.Flight);
            writer.Write(t.ServiceDate);
            writer.Write(t.SeatRow);
            WriteTime(writer, t.DepartsAt);
            WriteTime(writer, t.ArrivesAt);
        }

        writer.Write(records.Rails.Count);
        foreach (var t in records.Rails)
        {
            writer.Write(t.RecordId);
            writer.Write(t.PersonKey);
            writer.Write(t.Train);
            writer.Write(t.ServiceDate);
            writer.Write(t.Carriage);
            WriteTime(writer, t.DepartsAt);
            WriteTime(writer, t.ArrivesAt);
        }

        writer.Write(records.Declarations.Count);
        foreach (var d in records.Declarations)
        {
            writer.Write(d.RecordId);
            writer.Write(d.PersonKey);
            WriteTime(writer, d.DeclaredAt);
            writer.Write(d.TemperatureC);
            WriteStrings(writer, d.Symptoms);
        }
    }

    private static PartitionRecords ReadRecords(BinaryReader reader)
    {
        var records = new PartitionRecords();
        ReadPings(reader, records.Pings);

        var count = ReadCount(reader);
        records.Registrations.EnsureCapacity(count);
        for (var i = 0; i < count; i++)
        {
            records.Registrations.Add(new SubscriberRegistration(
                reader.ReadString(), reader.ReadString(), reader.ReadString(), ReadTime(reader)));
        }

        count = ReadCount(reader);
        records.Reports.EnsureCapacity(count);
        for (var i = 0; i < count; i++)
        {
            records.Reports.Add(new CaseReport(
                reader.ReadString(), reader.ReadString(), (CaseStatus)reader.ReadInt32(), ReadTime(reader)));
        }

        count = ReadCount(reader);
        records.Locations.EnsureCapacity(count);
        for (var i = 0; i < count; i++)
        {
            records.Locations.Add(new CaseLocation(
                reader.ReadString(), reader.ReadString(), reader.ReadDouble(), reader.ReadDouble(),
                reader.ReadDouble(), ReadTime(reader), ReadTime(reader),
                reader.ReadBoolean() ? reader.ReadString() : null));
        }

        count = ReadCount(reader);
        records.Flights.EnsureCapacity(count);
        for (var i = 0; i < count; i++)
        {
            records.Flights.Add(new FlightTrip(
                reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadString(),
                reader.ReadInt32(), ReadTime(reader), ReadTime(reader)));
        }

        count = ReadCount(reader);
        records.Rails.EnsureCapacity(count);
        for (var i = 0; i < count; i++)
        {
            records.Rails.Add(new RailTrip(
                reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadString(),
                reader.ReadInt32(), ReadTime(reader), ReadTime(reader)));
        }

        count = ReadCount(reader);
        records.Declarations.EnsureCapacity(count);
        for (var i = 0; i < count; i++)
        {
            records.Declarations.Add(new Declaration(
                reader.ReadString(), reader.ReadString(), ReadTime(reader), reader.ReadDouble(),
                ReadStrings(reader)));
        }

        return records;
    }

    // A SIM pings many times in one chunk, so its key is written once and then referred to by its number in order
    // of first appearance: a repeat costs a byte or three instead of the key's 33 (a ping's other fields take 32),
    // and the receiver keeps one string per SIM instead of one per ping.
    private static void WritePings(BinaryWriter writer, List<RoutedPing> pings)
    {
        writer.Write(pings.Count);
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var ping in pings)
        {
            if (keys.TryGetValue(ping.SubscriberKey, out var known))
            {
                writer.Write7BitEncodedInt(known);
            }
            else
            {
                writer.Write7BitEncodedInt(keys.Count);
                writer.Write(ping.SubscriberKey);
                keys.Add(ping.SubscriberKey, keys.Count);
            }

            writer.Write((ulong)(ping.RecordId >> 64));
            writer.Write((ulong)ping.RecordId);
            writer.Write(ping.AtMs);
            writer.Write(ping.Cell);
        }
    }

    private static void ReadPings(BinaryReader reader, List<RoutedPing> pings)
    {
        var count = ReadCount(reader);
        pings.EnsureCapacity(count);
        var keys = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var number = reader.Read7BitEncodedInt();
            if (number == keys.Count)
            {
                keys.Add(reader.ReadString());
            }
            else if ((uint)number > (uint)keys.Count)
            {
                throw new InvalidDataException($"ping {i} refers to SIM {number} of {keys.Count}");
            }

            var upper = reader.ReadUInt64();
            var lower = reader.ReadUInt64();
            pings.Add(new RoutedPing(keys[number], new UInt128(upper, lower), reader.ReadInt64(),
                reader.ReadInt64()));
        }
    }

    // UtcTicks alone would lose the offset, which DateTimeOffset's equality ignores but its text does not.
    private static void WriteTime(BinaryWriter writer, DateTimeOffset time)
    {
        writer.Write(time.UtcTicks);
        writer.Write((short)time.TotalOffsetMinutes);
    }

    private static DateTimeOffset ReadTime(BinaryReader reader)
    {
        var utcTicks = reader.ReadInt64();
        var offset = TimeSpan.FromMinutes(reader.ReadInt16());
        return new DateTimeOffset(utcTicks + offset.Ticks, offset);
    }

    private static void WriteTargets(BinaryWriter writer, IReadOnlyDictionary<string, int[]> targets)
    {
        writer.Write(targets.Count);
        foreach (var (key, partitions) in targets)
        {
            writer.Write(key);
            writer.Write(partitions.Length);
            foreach (var partition in partitions)
            {
                writer.Write(partition);
            }
        }
    }

    private static Dictionary<string, int[]> ReadTargets(BinaryReader reader)
    {
        var count = ReadCount(reader);
        var targets = new Dictionary<string, int[]>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadString();
            var partitions = new int[ReadCount(reader)];
            for (var j = 0; j < partitions.Length; j++)
            {
                partitions[j] = reader.ReadInt32();
            }

            targets.Add(key, partitions);
        }

        return targets;
    }

    private static void WriteStrings(BinaryWriter writer, IReadOnlyList<string> strings)
    {
        writer.Write(strings.Count);
        for (var i = 0; i < strings.Count; i++)
        {
            writer.Write(strings[i]);
        }
    }

    private static string[] ReadStrings(BinaryReader reader)
    {
        var strings = new string[ReadCount(reader)];
        for (var i = 0; i < strings.Length; i++)
        {
            strings[i] = reader.ReadString();
        }

        return strings;
    }

    // A count of -1 stands for null: a step without flag changes reports no contacts at all, not zero of each.
    private static void WriteCounts(BinaryWriter writer, IReadOnlyList<ContactCount>? counts)
    {
        if (counts is null)
        {
            writer.Write(-1);
            return;
        }

        writer.Write(counts.Count);
        for (var i = 0; i < counts.Count; i++)
        {
            writer.Write((int)counts[i].Rule);
            writer.Write(counts[i].Contacts);
        }
    }

    private static ContactCount[]? ReadCounts(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        if (count == -1)
        {
            return null;
        }

        var counts = new ContactCount[CheckCount(reader, count)];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = new ContactCount((Rule)reader.ReadInt32(), reader.ReadInt32());
        }

        return counts;
    }

    private static void WritePairs(BinaryWriter writer, IReadOnlyList<ContactPair> pairs)
    {
        writer.Write(pairs.Count);
        for (var i = 0; i < pairs.Count; i++)
        {
            writer.Write((int)pairs[i].Rule);
            writer.Write(pairs[i].PersonKey);
            writer.Write(pairs[i].CaseKey);
        }
    }

    private static ContactPair[] ReadPairs(BinaryReader reader)
    {
        var pairs = new ContactPair[ReadCount(reader)];
        for (var i = 0; i < pairs.Length; i++)
        {
            pairs[i] = new ContactPair((Rule)reader.ReadInt32(), reader.ReadString(), reader.ReadString());
        }

        return pairs;
    }

    private static int ReadCount(BinaryReader reader) => CheckCount(reader, reader.ReadInt32());

    // Every element takes at least a byte, so a count beyond the bytes left is damage, and allocating for it could
    // take the node's memory.
    private static int CheckCount(BinaryReader reader, int count) =>
        count >= 0 && count <= reader.BaseStream.Length - reader.BaseStream.Position
            ? count
            : throw new InvalidDataException($"a count of {count} with fewer bytes left");

    private static ArgumentException Unknown(object message) => new(
        $"{nameof(PartitionSerializer)} cannot serialize {message?.GetType().FullName ?? "null"}.",
        nameof(message));

    private static SerializationException Corrupt(string manifest, string why, Exception? inner = null) => new(
        $"{nameof(PartitionSerializer)} could not read a '{manifest}' message: {why}.", inner);
}
