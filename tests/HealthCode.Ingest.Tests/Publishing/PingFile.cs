using System.Globalization;
using System.Text;
using HealthCode.Ingest.Identity;

namespace HealthCode.Ingest.Tests.Publishing;

/// <summary>A carrier pings CSV built line by line, remembering what each line must become after ingest.</summary>
internal sealed class PingFile
{
    public const string Header = "msisdn,lat,lon,accuracy_m,observed_at";

    private static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.FromHours(8));

    private readonly StringBuilder _text = new();
    private readonly List<string> _lines = [];
    private readonly List<ExpectedPing> _pings = [];
    private readonly List<ExpectedDeadLetter> _deadLetters = [];
    private readonly HashSet<string> _msisdns = new(StringComparer.Ordinal);

    public PingFile(string header = Header)
    {
        Append(header);
    }

    /// <summary>Every line as written, the header first; the index is the line number less one.</summary>
    public IReadOnlyList<string> Lines => _lines;

    public IReadOnlyList<ExpectedPing> Pings => _pings;

    public IReadOnlyList<ExpectedDeadLetter> DeadLetters => _deadLetters;

    /// <summary>The raw msisdns of the valid lines, none of which may reach the canonical topic.</summary>
    public IReadOnlyCollection<string> Msisdns => _msisdns;

    public long BlankLines { get; private set; }

    public static string Msisdn(int subscriber) =>
        "+86138" + (10_000_000 + subscriber).ToString(CultureInfo.InvariantCulture);

    /// <summary>A file of <paramref name="count"/> valid lines from <paramref name="subscribers"/> SIMs.</summary>
    public static PingFile Valid(int count, int subscribers = 200)
    {
        var file = new PingFile();

        for (var i = 0; i < count; i++)
        {
            file.AddValid(i, subscribers);
        }

        return file;
    }

    /// <summary>Adds the <paramref name="index"/>-th valid ping; its time makes every such line unique.</summary>
    public PingFile AddValid(int index, int subscribers = 200, bool quoted = false)
    {
        var msisdn = Msisdn(index % subscribers);
        var lat = 30.2 + (index % 97) * 0.001;
        var lon = 120.1 + (index % 89) * 0.001;
        var accuracy = 20 + index % 500;
        var observed = Start.AddSeconds(index);
        var fields = new[]
        {
            msisdn,
            lat.ToString("R", CultureInfo.InvariantCulture),
            lon.ToString("R", CultureInfo.InvariantCulture),
            accuracy.ToString(CultureInfo.InvariantCulture),
            observed.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        };

        Append(string.Join(',', quoted ? fields.Select(f => $"\"{f}\"") : fields));
        _msisdns.Add(msisdn);
        _pings.Add(new ExpectedPing(Pseudonymiser.Derive(IngestTestBed.PepperBytes, msisdn), lat, lon, accuracy,
            observed.ToUnixTimeMilliseconds()));
        return this;
    }

    /// <summary>Adds a line that must be rejected, blaming <paramref name="field"/> (null: the whole line).</summary>
    public PingFile AddMalformed(string line, string? field)
    {
        Append(line);
        _deadLetters.Add(new ExpectedDeadLetter(_lines.Count, field, line));
        return this;
    }

    public PingFile AddBlank(string line = "")
    {
        Append(line);
        BlankLines++;
        return this;
    }

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(_text.ToString());

    private void Append(string line)
    {
        _lines.Add(line);
        _text.Append(line).Append('\n');
    }
}
