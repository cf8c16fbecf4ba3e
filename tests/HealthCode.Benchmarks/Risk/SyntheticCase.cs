using Google.Protobuf;
using HealthCode.Risk.Inputs;
using Events = HealthCode.Contracts.Events.V1;

namespace HealthCode.Benchmarks.Risk;

/// <summary>A confirmed case report for one person of a synthetic city, with an optional case location.</summary>
/// <param name="Person">The person's index in the city.</param>
/// <param name="PersonKey">The person's key.</param>
/// <param name="ReportedAtMs">When the case was reported, in Unix milliseconds.</param>
/// <param name="Location">
/// An evening venue two days before the report that investigators placed the case at, with a 300 m radius; null
/// when the report comes alone.
/// </param>
internal sealed record SyntheticCase(
    int Person, string PersonKey, long ReportedAtMs, (double Lat, double Lon, long FromMs, long ToMs)? Location)
{
    private const double LocationRadiusMetres = 300;

    /// <summary>A case for <paramref name="person"/>, reported at <paramref name="reportedAtMs"/>.</summary>
    public static SyntheticCase Of(SyntheticCity city, int person, long reportedAtMs, bool withLocation) => new(
        person,
        city.PersonKey(person),
        reportedAtMs,
        withLocation ? city.EveningVenue(person, reportedAtMs - 2 * 86_400_000L) : null);

    private byte[] ReportId => SyntheticCity.RecordIdBytes($"report:{Person}:{ReportedAtMs}");

    private byte[] LocationId => SyntheticCity.RecordIdBytes($"location:{Person}:{ReportedAtMs}");

    /// <summary>Adds the report and the location to an engine, as its inputs.</summary>
    public void AddTo(HealthCode.Risk.Engine.IRecordSink engine)
    {
        engine.Add(new CaseReport(
            Convert.ToHexStringLower(ReportId),
            PersonKey,
            CaseStatus.Confirmed,
            DateTimeOffset.FromUnixTimeMilliseconds(ReportedAtMs)));

        if (Location is { } l)
        {
            engine.Add(new CaseLocation(
                Convert.ToHexStringLower(LocationId),
                PersonKey,
                l.Lat,
                l.Lon,
                LocationRadiusMetres,
                DateTimeOffset.FromUnixTimeMilliseconds(l.FromMs),
                DateTimeOffset.FromUnixTimeMilliseconds(l.ToMs),
                "venue"));
        }
    }

    /// <summary>The report as the storage role receives it.</summary>
    public Events.CaseReport ToEvent() => new()
    {
        RecordId = ByteString.CopyFrom(ReportId),
        PersonKey = PersonKey,
        Status = Events.CaseStatus.Confirmed,
        ReportedAtMs = ReportedAtMs,
    };

    /// <summary>The location as the storage role receives it; empty when there is none.</summary>
    public IReadOnlyList<Events.CaseLocation> LocationEvents() => Location is { } l
        ?
        [
            new Events.CaseLocation
            {
                RecordId = ByteString.CopyFrom(LocationId),
                CasePersonKey = PersonKey,
                Lat = l.Lat,
                Lon = l.Lon,
                RadiusM = LocationRadiusMetres,
                FromMs = l.FromMs,
                ToMs = l.ToMs,
                Venue = "venue",
            },
        ]
        : [];
}
