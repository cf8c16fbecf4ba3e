namespace HealthCode.Ingest.Parsing;

/// <summary>Splits one CSV line that uses RFC 4180 quoting; the rare path of <see cref="PingCsvParser"/>.</summary>
internal static class QuotedCsv
{
    /// <summary>The unquoted fields, or null when a quote is left open.</summary>
    public static List<byte[]>? Split(ReadOnlySpan<byte> line)
    {
        var fields = new List<byte[]>();
        var current = new List<byte>();
        var quoted = false;
        var i = 0;

        while (i < line.Length)
        {
            var b = line[i];

            if (quoted)
            {
                if (b == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Add((byte)'"');
                    i++;
                }
                else if (b == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Add(b);
                }
            }
            else if (b == '"')
            {
                quoted = true;
            }
            else if (b == ',')
            {
                fields.Add([.. current]);
                current.Clear();
            }
            else
            {
                current.Add(b);
            }

            i++;
        }

        if (quoted)
        {
            return null;
        }

        fields.Add([.. current]);
        return fields;
    }
}
