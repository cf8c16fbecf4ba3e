using Google.Protobuf;
using HealthCode.Contracts.Feeds;
using HealthCode.Ingest.Identity;
using HealthCode.Ingest.Records;

namespace HealthCode.Ingest.Parsing;

/// <summary>The shared frame of the JSON Lines feeds: read the object, build the event, stamp its record id.</summary>
internal abstract class JsonFeedParser : IFeedParser
{
    protected JsonFeedParser(Feed feed, Pseudonymiser pseudonymiser, params string[] fields)
    {
        Feed = feed;
        Pseudonymiser = pseudonymiser;
        Fields = new JsonFields(feed, fields);
    }

    public Feed Feed { get; }

    public bool HasHeader => false;

    protected Pseudonymiser Pseudonymiser { get; }

    protected JsonFields Fields { get; }

    public ParseError? ReadHeader(ReadOnlySpan<byte> line) => null;

    public bool TryParse(ReadOnlySpan<byte> line, long lineNumber, out ParsedRecord record, out ParseError? error)
    {
        record = default;

        if (!Fields.Read(line, lineNumber))
        {
            error = Fields.Error;
            return false;
        }

        var message = Build(out var key);

        if (Fields.Error is not null || message is null)
        {
            error = Fields.Error ?? ParseError.ForLine(Feed, lineNumber, "record could not be built");
            return false;
        }

        SetRecordId(message, RecordIds.Compute(Feed, message));
        record = new ParsedRecord(message, key);
        error = null;
        return true;
    }

    /// <summary>Builds the event from <see cref="Fields"/>; errors are recorded there.</summary>
    protected abstract IMessage? Build(out string key);

    /// <summary>Stores the computed id in the event's <c>record_id</c> field.</summary>
    protected abstract void SetRecordId(IMessage message, ByteString id);

    /// <summary>A person key from a required <c>id_number</c> field, validated first.</summary>
    protected string PersonKeyOf(int field)
    {
        var idNumber = Fields.Text(field);

        if (Fields.Error is not null)
        {
            return string.Empty;
        }

        return Identifiers.IsIdNumber(idNumber)
            ? Pseudonymiser.PersonKey(idNumber)
            : Fields.Invalid(field, "must be 4 to 32 letters or digits", string.Empty);
    }
}
