using System.Text.Json.Serialization;
using HealthCode.Risk.Cluster.Journal;
using HealthCode.Risk.Cluster.Persons;

namespace HealthCode.Risk.Cluster.Persistence;

/// <summary>The JSON contracts of <see cref="PersonSerializer"/>, generated at build time.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(GroupChanged))]
[JsonSerializable(typeof(GroupPublished))]
[JsonSerializable(typeof(GroupSnapshot))]
[JsonSerializable(typeof(GroupForgot))]
[JsonSerializable(typeof(UpdatePersons))]
[JsonSerializable(typeof(UpdatePersonsAck))]
internal sealed partial class PersonJsonContext : JsonSerializerContext
{
}
