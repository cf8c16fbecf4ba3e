using Google.Protobuf;
using HealthCode.Contracts.Events.V1;
using HealthCode.Contracts.Feeds;
using HealthCode.Ingest.Identity;

namespace HealthCode.Ingest.Parsing;

/// <summary>Parses <c>subscribers</c>: msisdn, id_number, carrier, registered_at. Key: subscriber key.</summary>
internal sealed class SubscriberParser : JsonFeedParser
{
    private const int Msisdn = 0, IdNumber = 1, Carrier = 2, RegisteredAt = 3;

    public SubscriberParser(Pseudonymiser pseudonymiser)
        : base(Feed.Subscribers, pseudonymiser, "msisdn", "id_number", "carrier", "registered_at")
    {
    }

    protected override IMessage? Build(out string key)
    {
        var msisdn = Fields.Text(Msisdn);

        if (Fields.Error is null && !Identifiers.IsE164(msisdn))
        {
            Fields.Invalid(Msisdn, "must be an E.164 number such as +8613800000000", 0);
        }

        var person = PersonKeyOf(IdNumber);
        var carrier = Fields.Text(Carrier);
        var registeredAt = Fields.Timestamp(RegisteredAt);
        key = Fields.Error is null ? Pseudonymiser.SubscriberKey(msisdn) : string.Empty;

        return new Subscriber
        {
            SubscriberKey = key,
            PersonKey = person,
            Carrier = carrier,
            RegisteredAtMs = registeredAt,
        };
    }

    protected override void SetRecordId(IMessage message, ByteString id) => ((Subscriber)message).RecordId = id;
}
