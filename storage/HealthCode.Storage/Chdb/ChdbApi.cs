using System.Runtime.InteropServices;

namespace HealthCode.Storage.Chdb;

/// <summary>The part of chDB's C API (<c>chdb.h</c>) this project calls, bound once by function pointer.</summary>
/// <remarks>
/// The library is loaded explicitly rather than through <c>DllImport</c> so that its path comes from
/// <see cref="ChdbLibraryLocator"/> and a missing library fails with the fix in the message. Signatures are those of
/// chDB 26.5 (<c>@chdb/lib-linux-x64-gnu@26.5.3</c>): a connection is a <c>chdb_connection*</c> (pointer to the
/// handle) for connect/close but the handle itself for queries; a result is a <c>chdb_result*</c>.
/// </remarks>
internal sealed unsafe class ChdbApi
{
    private static readonly Lazy<ChdbApi> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private ChdbApi(string path, nint library)
    {
        LibraryPath = path;
        SetSignalHandlersEnabled = (delegate* unmanaged<int, void>)Export(library, "chdb_set_signal_handlers_enabled");
        Connect = (delegate* unmanaged<int, byte**, nint>)Export(library, "chdb_connect");
        CloseConnection = (delegate* unmanaged<nint, void>)Export(library, "chdb_close_conn");
        QueryN = (delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nint>)Export(library, "chdb_query_n");
        QueryWithParamsN =
            (delegate* unmanaged<nint, byte*, nuint, byte*, nuint, byte**, nuint*, byte**, nuint*, nuint, nint>)
            Export(library, "chdb_query_with_params_n");
        ResultBuffer = (delegate* unmanaged<nint, byte*>)Export(library, "chdb_result_buffer");
        ResultLength = (delegate* unmanaged<nint, nuint>)Export(library, "chdb_result_length");
        ResultElapsed = (delegate* unmanaged<nint, double>)Export(library, "chdb_result_elapsed");
        ResultRowsRead = (delegate* unmanaged<nint, ulong>)Export(library, "chdb_result_rows_read");
        ResultRowsWritten = (delegate* unmanaged<nint, ulong>)Export(library, "chdb_result_rows_written");
        ResultError = (delegate* unmanaged<nint, byte*>)Export(library, "chdb_result_error");
        DestroyResult = (delegate* unmanaged<nint, void>)Export(library, "chdb_destroy_query_result");
    }

    /// <summary>The process-wide binding; the first call loads the library (seconds when not yet cached).</summary>
    public static ChdbApi Instance => Shared.Value;

    /// <summary>The file the binding was loaded from.</summary>
    public string LibraryPath { get; }

    /// <summary><c>void chdb_set_signal_handlers_enabled(int enabled)</c>.</summary>
    public delegate* unmanaged<int, void> SetSignalHandlersEnabled { get; }

    /// <summary><c>chdb_connection* chdb_connect(int argc, char** argv)</c>; NULL on failure.</summary>
    public delegate* unmanaged<int, byte**, nint> Connect { get; }

    /// <summary><c>void chdb_close_conn(chdb_connection* conn)</c>.</summary>
    public delegate* unmanaged<nint, void> CloseConnection { get; }

    /// <summary><c>chdb_result* chdb_query_n(conn, query, query_len, format, format_len)</c>.</summary>
    public delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nint> QueryN { get; }

    /// <summary><c>chdb_query_with_params_n(conn, q, q_len, fmt, fmt_len, names, lens, values, lens, n)</c>.</summary>
    public delegate* unmanaged<nint, byte*, nuint, byte*, nuint, byte**, nuint*, byte**, nuint*, nuint, nint>
        QueryWithParamsN { get; }

    /// <summary><c>char* chdb_result_buffer(chdb_result*)</c>.</summary>
    public delegate* unmanaged<nint, byte*> ResultBuffer { get; }

    /// <summary><c>size_t chdb_result_length(chdb_result*)</c>.</summary>
    public delegate* unmanaged<nint, nuint> ResultLength { get; }

    /// <summary><c>double chdb_result_elapsed(chdb_result*)</c>, seconds.</summary>
    public delegate* unmanaged<nint, double> ResultElapsed { get; }

    /// <summary><c>uint64_t chdb_result_rows_read(chdb_result*)</c>.</summary>
    public delegate* unmanaged<nint, ulong> ResultRowsRead { get; }

    /// <summary><c>uint64_t chdb_result_rows_written(chdb_result*)</c>.</summary>
    public delegate* unmanaged<nint, ulong> ResultRowsWritten { get; }

    /// <summary><c>const char* chdb_result_error(chdb_result*)</c>; NULL when the query succeeded.</summary>
    public delegate* unmanaged<nint, byte*> ResultError { get; }

    /// <summary><c>void chdb_destroy_query_result(chdb_result*)</c>.</summary>
    public delegate* unmanaged<nint, void> DestroyResult { get; }

    private static ChdbApi Load()
    {
        var path = ChdbLibraryLocator.Locate();

        try
        {
            return new ChdbApi(path, NativeLibrary.Load(path));
        }
        catch (DllNotFoundException e)
        {
            throw new DllNotFoundException(
                $"chDB at '{path}' could not be loaded ({e.Message}). Run './healthcode setup' to fetch it again.", e);
        }
    }

    private static void* Export(nint library, string name)
    {
        if (NativeLibrary.TryGetExport(library, name, out var address))
        {
            return (void*)address;
        }

        throw new EntryPointNotFoundException(
            $"chDB does not export {name}: this binding needs chDB 26.5 (@chdb/lib-linux-x64-gnu@26.5.3). " +
            "Run './healthcode setup' to fetch that version.");
    }
}
