using System.Text;
using HealthCode.Ingest.Identity;

namespace HealthCode.Ingest.Tests.Publishing;

/// <summary>A partner file of one JSON feed: good lines, a bad one after every third, and one blank line.</summary>
internal sealed class JsonFeedFile
{
    public const int GoodLines = 24;

    /// <summary>Resident ids and passports, some padded or lower-case, which the person key normalises.</summary>
    public static readonly IReadOnlyList<string> RawIds =
    [
        "11010519491231002X", " e12345678 ", "G98765432", "330106198001011234", "440305199512120987",
        "p1234567", "110101200001011111", "E99887766", "320102198811223344", "h01234567",
    ];

    private JsonFeedFile(byte[] content, IReadOnlyList<ExpectedDeadLetter> deadLetters)
    {
        Content = content;
        DeadLetters = deadLetters;
    }

    public byte[] Content { get; }

    public IReadOnlyList<ExpectedDeadLetter> DeadLetters { get; }

    public static string RawIdOf(int goodLine) => RawIds[goodLine % RawIds.Count];

    /// <summary>The person key as DESIGN defines it: HMAC of the id_number trimmed and upper-cased.</summary>
    public static string PersonKeyOf(int goodLine) =>
        Pseudonymiser.Derive(IngestTestBed.PepperBytes, RawIdOf(goodLine).Trim().ToUpperInvariant());

    public static JsonFeedFile Build(JsonFeedCase feedCase)
    {
        var text = new StringBuilder();
        var deadLetters = new List<ExpectedDeadLetter>();
        var line = 0L;

        for (var i = 0; i < GoodLines; i++)
        {
            text.Append(JsonLine.Of(feedCase.Good(RawIdOf(i), i))).Append('\n');
            line++;

            if (i % 3 == 2 && i / 3 < feedCase.Bad.Count)
            {
                var (bad, field) = feedCase.Bad[i / 3];
                text.Append(bad).Append('\n');
                deadLetters.Add(new ExpectedDeadLetter(++line, field, bad));
            }

            if (i == GoodLines / 2)
            {
                text.Append('\n');
                line++;
            }
        }

        return new JsonFeedFile(Encoding.UTF8.GetBytes(text.ToString()), deadLetters);
    }
}
