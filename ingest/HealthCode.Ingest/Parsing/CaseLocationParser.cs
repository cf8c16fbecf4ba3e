using Google.Protobuf;
using HealthCode.Contracts.Events.V1;
using HealthCode.Contracts.Feeds;
using HealthCode.Ingest.Identity;

namespace HealthCode.Ingest.Parsing;

/// <summary>Parses <c>case_locations</c> from case investigation. Key: the case's person key.</summary>
internal sealed class CaseLocationParser : JsonFeedParser
{
    private const int IdNumber = 0, Lat = 1, Lon = 2, RadiusM = 3, From = 4, To = 5, Venue = 6;

    /// <summary>
    /// Largest radius accepted: a circle wider than a district is an investigation error, not a place.
    /// </summary>
    private const double MaxRadiusMetres = 50_000;

    public CaseLocationParser(Pseudonymiser pseudonymiser)
        : base(Feed.CaseLocations, pseudonymiser, "id_number", "lat", "lon", "radius_m", "from", "to", "venue")
    {
    }

    protected override IMessage? Build(out string key)
    {
        key = PersonKeyOf(IdNumber);
        var lat = Coordinates.Latitude(Fields, Lat);
        var lon = Coordinates.Longitude(Fields, Lon);
        var radius = Fields.Number(RadiusM);

        if (Fields.Error is null && radius is < 0 or > MaxRadiusMetres)
        {
            Fields.Invalid(RadiusM, "must be from 0 to 50000 metres", 0);
        }

        var from = Fields.Timestamp(From);
        var to = Fields.Timestamp(To);

        if (Fields.Error is null && to < from)
        {
            Fields.Invalid(To, "must not be before from", 0);
        }

        var venue = Fields.OptionalString(Venue);

        return new CaseLocation
        {
            CasePersonKey = key,
            Lat = lat,
            Lon = lon,
            RadiusM = radius,
            FromMs = from,
            ToMs = to,
            Venue = venue,
        };
    }

    protected override void SetRecordId(IMessage message, ByteString id) => ((CaseLocation)message).RecordId = id;
}
