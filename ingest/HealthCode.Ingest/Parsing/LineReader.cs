namespace HealthCode.Ingest.Parsing;

/// <summary>Reads a stream line by line into a reused buffer: a partner file is never loaded whole.</summary>
/// <remarks>
/// Lines end with LF or CRLF; a UTF-8 byte order mark at the start is skipped. A line longer than
/// <see cref="MaxLineBytes"/> is reported as oversized and skipped up to its end, so one corrupt line cannot
/// exhaust memory.
/// </remarks>
public sealed class LineReader
{
    /// <summary>The longest line handled; longer lines are reported and skipped.</summary>
    public const int MaxLineBytes = 1 << 20;

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private bool _first = true;

    /// <summary>Creates a reader over <paramref name="stream"/>, which it does not dispose.</summary>
    public LineReader(Stream stream, int bufferBytes = 1 << 20)
    {
        _stream = stream;
        _buffer = new byte[bufferBytes];
    }

    /// <summary>The number of the line last returned, from 1.</summary>
    public long LineNumber { get; private set; }

    /// <summary>True when the line last returned was cut at <see cref="MaxLineBytes"/>.</summary>
    public bool Oversized { get; private set; }

    /// <summary>Reads the next line without its line ending; false at the end of the stream.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        Oversized = false;

        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');

            if (newline >= 0)
            {
                line = Take(newline, newline + 1);
                return true;
            }

            if (_eof)
            {
                if (_start == _end)
                {
                    line = default;
                    return false;
                }

                line = Take(_end - _start, _end - _start);
                return true;
            }

            if (_end - _start >= MaxLineBytes)
            {
                line = Take(_end - _start, _end - _start);
                Oversized = true;
                SkipToNextLine();
                return true;
            }

            Fill();
        }
    }

    private ReadOnlySpan<byte> Take(int length, int consumed)
    {
        var line = _buffer.AsSpan(_start, length);
        _start += consumed;
        LineNumber++;

        if (line.Length > 0 && line[^1] == '\r')
        {
            line = line[..^1];
        }

        if (_first)
        {
            _first = false;

            if (line.StartsWith("\uFEFF"u8))
            {
                line = line[3..];
            }
        }

        return line;
    }

    private void SkipToNextLine()
    {
        while (true)
        {
            _start = _end = 0;
            Fill();
            var newline = _buffer.AsSpan(0, _end).IndexOf((byte)'\n');

            if (newline >= 0)
            {
                _start = newline + 1;
                return;
            }

            if (_eof)
            {
                _start = _end;
                return;
            }
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxLineBytes + 1));
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);

        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }
}
