using HealthCode.Contracts.Feeds;

namespace HealthCode.Ingest.Parsing;

/// <summary>Turns one partner line into a canonical event, or says precisely why it cannot.</summary>
public interface IFeedParser
{
    /// <summary>The feed this parser reads.</summary>
    Feed Feed { get; }

    /// <summary>True when the file's first line is a header to read with <see cref="ReadHeader"/>.</summary>
    bool HasHeader { get; }

    /// <summary>Reads the header line; an error here rejects the whole file.</summary>
    ParseError? ReadHeader(ReadOnlySpan<byte> line);

    /// <summary>Parses one data line (without its line ending).</summary>
    bool TryParse(ReadOnlySpan<byte> line, long lineNumber, out ParsedRecord record, out ParseError? error);
}
