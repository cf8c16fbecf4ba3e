using Google.Protobuf;
using HealthCode.Contracts.Events.V1;
using HealthCode.Contracts.Feeds;
using HealthCode.Ingest.Identity;

namespace HealthCode.Ingest.Parsing;

/// <summary>Parses <c>flights</c> manifests, splitting the seat into row and letter. Key: the service.</summary>
internal sealed class FlightParser : JsonFeedParser
{
    private const int IdNumber = 0, Flight = 1, ServiceDate = 2, Seat = 3, From = 4, To = 5;
    private const int DepartsAt = 6, ArrivesAt = 7;

    public FlightParser(Pseudonymiser pseudonymiser)
        : base(Feed.Flights, pseudonymiser, "id_number", "flight", "service_date", "seat", "from", "to",
            "departs_at", "arrives_at")
    {
    }

    protected override IMessage? Build(out string key)
    {
        var person = PersonKeyOf(IdNumber);
        var flight = Fields.Text(Flight).ToUpperInvariant();
        var serviceDate = Fields.Date(ServiceDate);
        var seat = Fields.Text(Seat).ToUpperInvariant();
        var (row, letter) = Fields.Error is null ? SplitSeat(seat) : (0, "");

        if (Fields.Error is null && row == 0)
        {
            Fields.Invalid(Seat, "must be a row number from 1 to 999 then a letter, e.g. 32A", 0);
        }

        var from = Fields.Text(From);
        var to = Fields.Text(To);
        var departs = Fields.Timestamp(DepartsAt);
        var arrives = Fields.Timestamp(ArrivesAt);
        TripFields.RequireOrdered(Fields, ArrivesAt, departs, arrives);
        key = TripFields.ServiceKey(flight, serviceDate);

        return new FlightTrip
        {
            PersonKey = person,
            Flight = flight,
            ServiceDate = serviceDate,
            Seat = seat,
            SeatRow = row,
            SeatLetter = letter,
            From = from,
            To = to,
            DepartsAtMs = departs,
            ArrivesAtMs = arrives,
        };
    }

    protected override void SetRecordId(IMessage message, ByteString id) => ((FlightTrip)message).RecordId = id;

    /// <summary>Splits <c>32A</c> into 32 and "A"; row 0 means the seat is malformed.</summary>
    internal static (int Row, string Letter) SplitSeat(string seat)
    {
        var digits = 0;

        while (digits < seat.Length && char.IsAsciiDigit(seat[digits]))
        {
            digits++;
        }

        if (digits is 0 or > 3 || digits != seat.Length - 1 || !char.IsAsciiLetterUpper(seat[^1]))
        {
            return (0, "");
        }

        var row = int.Parse(seat.AsSpan(0, digits), System.Globalization.CultureInfo.InvariantCulture);
        return row == 0 ? (0, "") : (row, seat[^1..]);
    }
}
