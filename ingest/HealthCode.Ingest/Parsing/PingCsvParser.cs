using System.Buffers.Binary;
using System.Text;
using Google.Protobuf;
using HealthCode.Contracts.Events.V1;
using HealthCode.Contracts.Feeds;
using HealthCode.Contracts.Geo;
using HealthCode.Ingest.Identity;
using HealthCode.Ingest.Records;

namespace HealthCode.Ingest.Parsing;

/// <summary>Parses carrier pings: CSV with a header naming <c>msisdn,lat,lon,accuracy_m,observed_at</c>.</summary>
/// <remarks>
/// This is the hottest path of the system (hundreds of thousands of lines a second), so it works on UTF-8
/// bytes without allocating per field. Columns are found by header name, in any order, and unknown columns
/// are ignored. Quoted fields are accepted through a slower path, since carriers rarely quote.
/// </remarks>
internal sealed class PingCsvParser : IFeedParser
{
    private static readonly string[] Required = ["msisdn", "lat", "lon", "accuracy_m", "observed_at"];

    /// <summary>Largest accepted location error: beyond 100 km a ping says nothing about a grid cell.</summary>
    private const double MaxAccuracyMetres = 100_000;

    private readonly Pseudonymiser _pseudonymiser;
    private readonly CellFinder _cells;
    private readonly int[] _columnOf = [0, 1, 2, 3, 4];
    private readonly Range[] _ranges = new Range[64];
    private int _columnCount = Required.Length;

    public PingCsvParser(Pseudonymiser pseudonymiser, Grid grid)
    {
        _pseudonymiser = pseudonymiser;
        _cells = new CellFinder(grid);
    }

    public Feed Feed => Feed.Pings;

    public bool HasHeader => true;

    public ParseError? ReadHeader(ReadOnlySpan<byte> line)
    {
        var names = Encoding.UTF8.GetString(line).Split(',').Select(n => n.Trim().Trim('"').ToLowerInvariant())
            .ToList();

        for (var i = 0; i < Required.Length; i++)
        {
            _columnOf[i] = names.IndexOf(Required[i]);

            if (_columnOf[i] < 0)
            {
                return ParseError.ForField(Feed, 1, Required[i], null,
                    "header lacks this column; expected msisdn,lat,lon,accuracy_m,observed_at");
            }
        }

        _columnCount = names.Count;
        return null;
    }

    public bool TryParse(ReadOnlySpan<byte> line, long lineNumber, out ParsedRecord record, out ParseError? error)
    {
        record = default;

        if (!TryParsePing(line, lineNumber, out var fields, out error))
        {
            return false;
        }

        var ping = new Ping
        {
            RecordId = ByteString.CopyFrom(fields.RecordId),
            SubscriberKey = fields.SubscriberKey,
            Lat = fields.Lat,
            Lon = fields.Lon,
            AccuracyM = fields.AccuracyM,
            ObservedAtMs = fields.ObservedAtMs,
            Cell = fields.Cell,
        };
        record = new ParsedRecord(ping, ping.SubscriberKey);
        return true;
    }

    /// <summary>Parses one data line into the fields of a ping: no message and no id array per valid line.</summary>
    public bool TryParsePing(ReadOnlySpan<byte> line, long lineNumber, out ParsedPing ping, out ParseError? error)
    {
        ping = default;

        if (line.Contains((byte)'"'))
        {
            return TryParseQuoted(line, lineNumber, out ping, out error);
        }

        var count = SplitColumns(line, _ranges);

        if (count != _columnCount)
        {
            error = ParseError.ForLine(Feed, lineNumber, $"expected {_columnCount} columns, found {count}");
            return false;
        }

        return TryBuild(
            line[_ranges[_columnOf[0]]], line[_ranges[_columnOf[1]]], line[_ranges[_columnOf[2]]],
            line[_ranges[_columnOf[3]]], line[_ranges[_columnOf[4]]], lineNumber, out ping, out error);
    }

    private bool TryParseQuoted(ReadOnlySpan<byte> line, long lineNumber, out ParsedPing ping,
        out ParseError? error)
    {
        ping = default;
        var fields = QuotedCsv.Split(line);

        if (fields is null)
        {
            error = ParseError.ForLine(Feed, lineNumber, "unbalanced quotes");
            return false;
        }

        if (fields.Count != _columnCount)
        {
            error = ParseError.ForLine(Feed, lineNumber, $"expected {_columnCount} columns, found {fields.Count}");
            return false;
        }

        return TryBuild(fields[_columnOf[0]], fields[_columnOf[1]], fields[_columnOf[2]], fields[_columnOf[3]],
            fields[_columnOf[4]], lineNumber, out ping, out error);
    }

    private bool TryBuild(ReadOnlySpan<byte> msisdnBytes, ReadOnlySpan<byte> latBytes, ReadOnlySpan<byte> lonBytes,
        ReadOnlySpan<byte> accuracyBytes, ReadOnlySpan<byte> observedBytes, long lineNumber,
        out ParsedPing ping, out ParseError? error)
    {
        ping = default;
        msisdnBytes = msisdnBytes.Trim((byte)' ');
        Span<char> msisdn = stackalloc char[msisdnBytes.Length <= 32 ? msisdnBytes.Length : 0];

        if (msisdnBytes.Length > 32 || Encoding.ASCII.GetChars(msisdnBytes, msisdn) != msisdn.Length
            || !Identifiers.IsE164(msisdn))
        {
            error = Field(lineNumber, 0, msisdnBytes, msisdnBytes.IsEmpty ? "is missing"
                : "must be an E.164 number such as +8613800000000");
            return false;
        }

        if (!TryNumber(latBytes, out var lat) || !Coordinates.IsLatitude(lat))
        {
            error = Field(lineNumber, 1, latBytes, "must be a latitude from -90 to 90");
            return false;
        }

        if (!TryNumber(lonBytes, out var lon) || !Coordinates.IsLongitude(lon))
        {
            error = Field(lineNumber, 2, lonBytes, "must be a longitude from -180 to 180");
            return false;
        }

        if (!TryNumber(accuracyBytes, out var accuracy) || accuracy is <= 0 or > MaxAccuracyMetres)
        {
            error = Field(lineNumber, 3, accuracyBytes, "must be metres above 0 and at most 100000");
            return false;
        }

        if (!Iso8601.TryParseUnixMs(observedBytes.Trim((byte)' '), out var observedMs))
        {
            error = Field(lineNumber, 4, observedBytes, "must be an ISO-8601 timestamp with an offset");
            return false;
        }

        var key = _pseudonymiser.SubscriberKey(msisdn);
        var accuracyM = (float)accuracy;
        var id = default(RecordIdBytes);
        IdOf(key, lat, lon, accuracyM, observedMs, id);

        ping = new ParsedPing(id, key, lat, lon, accuracyM, observedMs, _cells.PackedCellOf(lat, lon));
        error = null;
        return true;
    }

    /// <summary>The record id from the canonical fields directly, cheaper than serialising the ping twice.</summary>
    internal static ByteString IdOf(Ping ping)
    {
        var id = default(RecordIdBytes);
        IdOf(ping.SubscriberKey, ping.Lat, ping.Lon, ping.AccuracyM, ping.ObservedAtMs, id);
        return ByteString.CopyFrom(id);
    }

    private static void IdOf(string subscriberKey, double lat, double lon, float accuracyM, long observedAtMs,
        Span<byte> id)
    {
        Span<byte> canonical = stackalloc byte[1 + Pseudonymiser.KeyLength + 8 + 8 + 4 + 8];
        canonical[0] = (byte)Feed.Pings;
        Encoding.ASCII.GetBytes(subscriberKey, canonical.Slice(1, Pseudonymiser.KeyLength));

        var rest = canonical[(1 + Pseudonymiser.KeyLength)..];
        BinaryPrimitives.WriteDoubleLittleEndian(rest, lat);
        BinaryPrimitives.WriteDoubleLittleEndian(rest[8..], lon);
        BinaryPrimitives.WriteSingleLittleEndian(rest[16..], accuracyM);
        BinaryPrimitives.WriteInt64LittleEndian(rest[20..], observedAtMs);
        RecordIds.Hash(canonical, id);
    }

    /// <summary>Finds the column ranges of an unquoted line; returns how many columns it has.</summary>
    private static int SplitColumns(ReadOnlySpan<byte> line, Range[] ranges)
    {
        var count = 0;
        var start = 0;

        while (count < ranges.Length)
        {
            var comma = line[start..].IndexOf((byte)',');

            if (comma < 0)
            {
                ranges[count++] = new Range(start, line.Length);
                return count;
            }

            ranges[count++] = new Range(start, start + comma);
            start += comma + 1;
        }

        return count + 1;
    }

    private static bool TryNumber(ReadOnlySpan<byte> text, out double value) => DecimalText.TryParse(text, out value);

    private ParseError Field(long line, int column, ReadOnlySpan<byte> value, string reason) =>
        ParseError.ForField(Feed, line, Required[column], Encoding.UTF8.GetString(value), reason);
}
