using System.Buffers;
using System.Text.Json;

namespace HealthCode.Simulator.Feeds;

/// <summary>A plain JSON Lines file (truth files, trajectories): records in, large asynchronous writes out.</summary>
internal sealed class JsonLinesWriter : IAsyncDisposable
{
    private const int FlushBytes = 1 << 20;

    private readonly FileStream _file;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushBytes * 2);
    private readonly Utf8JsonWriter _json;

    public JsonLinesWriter(string path)
    {
        _file = OutputFile.Create(path);
        _json = new Utf8JsonWriter(_buffer, JsonOutput.WriterOptions);
    }

    public long Lines { get; private set; }

    /// <summary>Renders one record as a line; flushes to disk when the buffer is full.</summary>
    public async ValueTask WriteAsync<T>(T record, Action<Utf8JsonWriter, T> write,
        CancellationToken cancellationToken)
    {
        _json.Reset(_buffer);
        write(_json, record);
        _json.Flush();
        _buffer.Write("\n"u8);
        Lines++;

        if (_buffer.WrittenCount >= FlushBytes)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await _file.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _buffer.ResetWrittenCount();
    }

    public async ValueTask DisposeAsync()
    {
        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        await _json.DisposeAsync().ConfigureAwait(false);
        await _file.DisposeAsync().ConfigureAwait(false);
    }
}
