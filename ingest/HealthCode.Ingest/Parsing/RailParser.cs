using Google.Protobuf;
using HealthCode.Contracts.Events.V1;
using HealthCode.Contracts.Feeds;
using HealthCode.Ingest.Identity;

namespace HealthCode.Ingest.Parsing;

/// <summary>Parses <c>rail</c> manifests. Key: the service (train and service date).</summary>
internal sealed class RailParser : JsonFeedParser
{
    private const int IdNumber = 0, Train = 1, ServiceDate = 2, Carriage = 3, Seat = 4, From = 5, To = 6;
    private const int DepartsAt = 7, ArrivesAt = 8;

    public RailParser(Pseudonymiser pseudonymiser)
        : base(Feed.Rail, pseudonymiser, "id_number", "train", "service_date", "carriage", "seat", "from", "to",
            "departs_at", "arrives_at")
    {
    }

    protected override IMessage? Build(out string key)
    {
        var person = PersonKeyOf(IdNumber);
        var train = Fields.Text(Train).ToUpperInvariant();
        var serviceDate = Fields.Date(ServiceDate);
        var carriage = Fields.Integer(Carriage);

        if (Fields.Error is null && carriage is < 1 or > 99)
        {
            Fields.Invalid(Carriage, "must be a carriage number from 1 to 99", 0);
        }

        var seat = Fields.Text(Seat);
        var from = Fields.Text(From);
        var to = Fields.Text(To);
        var departs = Fields.Timestamp(DepartsAt);
        var arrives = Fields.Timestamp(ArrivesAt);
        TripFields.RequireOrdered(Fields, ArrivesAt, departs, arrives);
        key = TripFields.ServiceKey(train, serviceDate);

        return new RailTrip
        {
            PersonKey = person,
            Train = train,
            ServiceDate = serviceDate,
            Carriage = (int)carriage,
            Seat = seat,
            From = from,
            To = to,
            DepartsAtMs = departs,
            ArrivesAtMs = arrives,
        };
    }

    protected override void SetRecordId(IMessage message, ByteString id) => ((RailTrip)message).RecordId = id;
}
