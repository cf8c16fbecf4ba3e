using Google.Protobuf;
using HealthCode.Contracts.Events.V1;
using HealthCode.Contracts.Feeds;
using HealthCode.Ingest.Identity;

namespace HealthCode.Ingest.Parsing;

/// <summary>Parses <c>declarations</c>: id_number, declared_at, temperature_c, symptoms. Key: person.</summary>
internal sealed class DeclarationParser : JsonFeedParser
{
    private const int IdNumber = 0, DeclaredAt = 1, TemperatureC = 2, Symptoms = 3;

    public DeclarationParser(Pseudonymiser pseudonymiser)
        : base(Feed.Declarations, pseudonymiser, "id_number", "declared_at", "temperature_c", "symptoms")
    {
    }

    protected override IMessage? Build(out string key)
    {
        key = PersonKeyOf(IdNumber);
        var declaredAt = Fields.Timestamp(DeclaredAt);
        var temperature = Fields.Number(TemperatureC);

        // Outside this range the reading is a typo or a broken thermometer, not a body temperature.
        if (Fields.Error is null && temperature is < 30 or > 45)
        {
            Fields.Invalid(TemperatureC, "must be a body temperature from 30 to 45", 0);
        }

        var symptoms = Fields.StringList(Symptoms);
        var declaration = new Declaration { PersonKey = key, DeclaredAtMs = declaredAt, TemperatureC = temperature };

        foreach (var symptom in symptoms)
        {
            if (!string.IsNullOrWhiteSpace(symptom))
            {
                declaration.Symptoms.Add(symptom.Trim().ToLowerInvariant());
            }
        }

        return declaration;
    }

    protected override void SetRecordId(IMessage message, ByteString id) => ((Declaration)message).RecordId = id;
}
