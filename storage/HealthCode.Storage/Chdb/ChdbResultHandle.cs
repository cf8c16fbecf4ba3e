using System.Runtime.InteropServices;
using System.Text;

namespace HealthCode.Storage.Chdb;

/// <summary>Owns a <c>chdb_result*</c> and frees it with <c>chdb_destroy_query_result</c>.</summary>
internal sealed unsafe class ChdbResultHandle : SafeHandle
{
    private ChdbResultHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == nint.Zero;

    /// <summary>Takes ownership of a result pointer returned by a query function.</summary>
    public static ChdbResultHandle FromPointer(nint result)
    {
        var owned = new ChdbResultHandle();
        owned.SetHandle(result);
        return owned;
    }

    /// <summary>ClickHouse's error text, or null when the query succeeded.</summary>
    public string? Error
    {
        get
        {
            var error = ChdbApi.Instance.ResultError(handle);
            return error is null ? null : Marshal.PtrToStringUTF8((nint)error);
        }
    }

    /// <summary>The output bytes in the requested format; valid only while this handle lives.</summary>
    /// <remarks>Read only once <see cref="Error"/> is null: a failed query leaves these fields undefined.</remarks>
    public ReadOnlySpan<byte> Buffer
    {
        get
        {
            var api = ChdbApi.Instance;
            var data = api.ResultBuffer(handle);
            var length = checked((int)api.ResultLength(handle));
            return data is null ? [] : new ReadOnlySpan<byte>(data, length);
        }
    }

    /// <summary>Seconds the engine spent on the query.</summary>
    public double ElapsedSeconds => ChdbApi.Instance.ResultElapsed(handle);

    /// <summary>Rows the query read (for a SELECT, the rows in its result).</summary>
    public ulong RowsRead => ChdbApi.Instance.ResultRowsRead(handle);

    /// <summary>Rows the query wrote, including rows written by materialised views.</summary>
    public ulong RowsWritten => ChdbApi.Instance.ResultRowsWritten(handle);

    /// <summary>The output decoded as UTF-8 text.</summary>
    public string Text => Encoding.UTF8.GetString(Buffer);

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        ChdbApi.Instance.DestroyResult(handle);
        return true;
    }
}
