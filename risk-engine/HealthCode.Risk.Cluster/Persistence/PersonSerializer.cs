using System.Runtime.CompilerServices;
using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using HealthCode.Risk.Cluster.Journal;
using HealthCode.Risk.Cluster.Persons;

namespace HealthCode.Risk.Cluster.Persistence;

/// <summary>
/// Writes the person groups' journal events, snapshots and update messages as System.Text.Json, named by a short
/// manifest instead of a CLR type name.
/// </summary>
/// <remarks>
/// Akka's default, Newtonsoft.Json with type names and reference tracking, spent most of a group's journal write in
/// its converter lookup (a profile of <c>risk-persons</c>: 2.8 of 10 CPU seconds, 1.7 of them asking every
/// converter whether it takes each value). Enums are written by name, so a reordered enum cannot change what an
/// old event means.
/// </remarks>
public sealed class PersonSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer's identifier in the journal and on the wire; Akka keeps 1 to 100 for itself.</summary>
    public const int Id = 4712;

    private const string GroupChangedManifest = "group-changed";
    private const string GroupPublishedManifest = "group-published";
    private const string GroupSnapshotManifest = "group-snapshot";
    private const string GroupForgotManifest = "group-forgot";
    private const string UpdatePersonsManifest = "update-persons";
    private const string UpdatePersonsAckManifest = "update-persons-ack";

    /// <summary>The configuration that registers the serializer and binds the journal's types to it.</summary>
    /// <remarks>The assembly name after the comma must be this project's, or Akka falls back to its default.</remarks>
    public static Config Config { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers {
            person = "HealthCode.Risk.Cluster.Persistence.PersonSerializer, HealthCode.Risk.Cluster"
          }
          serialization-bindings {
            "HealthCode.Risk.Cluster.Journal.GroupChanged, HealthCode.Risk.Cluster" = person
            "HealthCode.Risk.Cluster.Journal.GroupPublished, HealthCode.Risk.Cluster" = person
            "HealthCode.Risk.Cluster.Journal.GroupSnapshot, HealthCode.Risk.Cluster" = person
            "HealthCode.Risk.Cluster.Journal.GroupForgot, HealthCode.Risk.Cluster" = person
            "HealthCode.Risk.Cluster.Persons.UpdatePersons, HealthCode.Risk.Cluster" = person
            "HealthCode.Risk.Cluster.Persons.UpdatePersonsAck, HealthCode.Risk.Cluster" = person
          }
          serialization-identifiers {
            "HealthCode.Risk.Cluster.Persistence.PersonSerializer, HealthCode.Risk.Cluster" = {{Id}}
          }
        }
        """);

    // Events serialized ahead by the group that made them; an entry goes with its event.
    private static readonly ConditionalWeakTable<object, byte[]> WrittenAhead = new();

    /// <summary>Creates the serializer; Akka calls this when the actor system starts.</summary>
    public PersonSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <inheritdoc/>
    public override int Identifier => Id;

    /// <inheritdoc/>
    public override string Manifest(object o) => o switch
    {
        GroupChanged => GroupChangedManifest,
        GroupPublished => GroupPublishedManifest,
        GroupSnapshot => GroupSnapshotManifest,
        GroupForgot => GroupForgotManifest,
        UpdatePersons => UpdatePersonsManifest,
        UpdatePersonsAck => UpdatePersonsAckManifest,
        _ => throw Unknown(o),
    };

    /// <summary>
    /// Serializes <paramref name="value"/> now, on the caller's thread, for the journal to take when it writes it.
    /// </summary>
    /// <remarks>
    /// The journal serializes every event on its one thread, which made it the slowest step of a case's updates
    /// (a profile of risk-e2e); the groups that make the events run side by side.
    /// </remarks>
    public static void WriteAhead(GroupChanged value)
    {
        using var document = RecordIdsJsonConverter.BeginDocument();
        WrittenAhead.AddOrUpdate(
            value, JsonSerializer.SerializeToUtf8Bytes(value, PersonJsonContext.Default.GroupChanged));
    }

    /// <inheritdoc/>
    public override byte[] ToBinary(object obj)
    {
        if (obj is GroupChanged && WrittenAhead.TryGetValue(obj, out var ahead))
        {
            return ahead;
        }

        // One document per message: a list of record ids met again in it is written as a reference.
        using var document = RecordIdsJsonConverter.BeginDocument();
        return obj switch
        {
            GroupChanged e => JsonSerializer.SerializeToUtf8Bytes(e, PersonJsonContext.Default.GroupChanged),
            GroupPublished e => JsonSerializer.SerializeToUtf8Bytes(e, PersonJsonContext.Default.GroupPublished),
            GroupSnapshot s => JsonSerializer.SerializeToUtf8Bytes(s, PersonJsonContext.Default.GroupSnapshot),
            GroupForgot e => JsonSerializer.SerializeToUtf8Bytes(e, PersonJsonContext.Default.GroupForgot),
            UpdatePersons m => JsonSerializer.SerializeToUtf8Bytes(m, PersonJsonContext.Default.UpdatePersons),
            UpdatePersonsAck m => JsonSerializer.SerializeToUtf8Bytes(m, PersonJsonContext.Default.UpdatePersonsAck),
            _ => throw Unknown(obj),
        };
    }

    /// <inheritdoc/>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        using var document = RecordIdsJsonConverter.BeginDocument();

        try
        {
            object? value = manifest switch
            {
                GroupChangedManifest => JsonSerializer.Deserialize(bytes, PersonJsonContext.Default.GroupChanged),
                GroupPublishedManifest => JsonSerializer.Deserialize(bytes, PersonJsonContext.Default.GroupPublished),
                GroupSnapshotManifest => JsonSerializer.Deserialize(bytes, PersonJsonContext.Default.GroupSnapshot),
                GroupForgotManifest => JsonSerializer.Deserialize(bytes, PersonJsonContext.Default.GroupForgot),
                UpdatePersonsManifest => JsonSerializer.Deserialize(bytes, PersonJsonContext.Default.UpdatePersons),
                UpdatePersonsAckManifest =>
                    JsonSerializer.Deserialize(bytes, PersonJsonContext.Default.UpdatePersonsAck),
                _ => throw new SerializationException(
                    $"{nameof(PersonSerializer)} does not know the manifest '{manifest}'."),
            };
            return value ?? throw new SerializationException($"A '{manifest}' message was JSON null.");
        }
        catch (JsonException ex)
        {
            throw new SerializationException($"{nameof(PersonSerializer)} could not read a '{manifest}': {ex.Message}",
                ex);
        }
    }

    private static SerializationException Unknown(object? value) => new(
        $"{nameof(PersonSerializer)} cannot serialize {value?.GetType().FullName ?? "null"}.");
}
