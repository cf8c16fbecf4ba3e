using System.Buffers;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace HealthCode.Storage.Chdb;

/// <summary>The process's one chDB engine: one data path, one connection, queries run one at a time.</summary>
/// <remarks>
/// <para>
/// chDB boots the ClickHouse engine once per process on one data path. While a connection to path A is open,
/// <c>chdb_connect</c> with path B returns NULL; after every connection is closed a new path may be opened. So
/// the session is shared and reference counted: <see cref="Acquire"/> opens it or joins it, the last
/// <see cref="Release"/> closes it.
/// </para>
/// <para>
/// A chDB connection runs one statement at a time (<c>chdb.h</c>: "a connection runs one statement at a time"),
/// so callers are serialised by a gate. A query cannot be interrupted once chDB runs it: cancellation is honoured
/// while waiting for the gate only. chDB 26.5 does accept a second connection to the same path, and two inserts
/// ran concurrently on two connections without error in a trial, but on two cores that gained nothing, so one
/// connection it is; a small pool is the way to add read concurrency later.
/// </para>
/// <para>
/// Other behaviour of chDB 26.5 (<c>SELECT version()</c> says 26.5.1.1) that this binding relies on: a FORMAT
/// clause in the query wins over the format argument; text with several statements separated by <c>;</c> runs
/// them all; <c>file()</c> reads any absolute path, not only <c>user_files_path</c>; there is no
/// <c>system.query_log</c>; loading the 559 MB library takes seconds cold and about 0.1 s when cached, and
/// connecting another 0.1 s.
/// </para>
/// <para>
/// Two facts learned the hard way: connecting replaces signal handlers .NET depends on, so the connect runs
/// inside <see cref="SignalHandlerGuard"/>; and a process that exits with a connection still open can abort in
/// chDB's global destructors (a libc++ hardening assertion), so the session closes itself on ProcessExit.
/// </para>
/// </remarks>
internal sealed class ChdbSession
{
    private static readonly Lock Registry = new();
    private static ChdbSession? _current;
    private static bool _exitHookInstalled;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ChdbConnectionHandle _connection;
    private readonly ILogger _logger;
    private int _references;

    private ChdbSession(string dataPath, ChdbConnectionHandle connection, ILogger logger)
    {
        DataPath = dataPath;
        _connection = connection;
        _logger = logger;
    }

    /// <summary>The absolute data directory the engine was opened on.</summary>
    public string DataPath { get; }

    /// <summary>Opens the engine on <paramref name="dataPath"/>, or joins it when already open on that path.</summary>
    public static ChdbSession Acquire(string dataPath, ILogger logger)
    {
        var fullPath = Path.GetFullPath(dataPath);

        lock (Registry)
        {
            if (_current is { } open)
            {
                if (!string.Equals(open.DataPath, fullPath, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"chDB is already open on '{open.DataPath}' in this process and cannot open '{fullPath}' " +
                        "as well: chDB allows one data path per process. Use one StorageSettings.DataPath.");
                }

                open._references++;
                return open;
            }

            var session = Open(fullPath, logger);
            session._references = 1;
            _current = session;
            InstallExitHook();
            return session;
        }
    }

    /// <summary>Drops one reference; the last one closes the connection after any running query.</summary>
    public void Release()
    {
        lock (Registry)
        {
            if (--_references > 0)
            {
                return;
            }

            if (ReferenceEquals(_current, this))
            {
                _current = null;
            }
        }

        Close();
    }

    /// <summary>Runs one statement and hands its result to <paramref name="read"/> while it is alive.</summary>
    /// <remarks>The reader runs on the worker thread and must copy what it keeps: chDB frees the buffer.</remarks>
    public async Task<T> QueryAsync<T>(
        string sql,
        string format,
        IReadOnlyList<ChdbQueryParameter>? parameters,
        Func<ChdbResultHandle, T> read,
        CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);

        try
        {
            ObjectDisposedException.ThrowIf(_connection.IsClosed, this);
            return await Task.Run(() => Execute(sql, format, parameters, read), CancellationToken.None)
                .ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static ChdbSession Open(string fullPath, ILogger logger)
    {
        var stopwatch = Stopwatch.StartNew();
        Directory.CreateDirectory(fullPath);
        var api = ChdbApi.Instance;

        var connection = SignalHandlerGuard.Preserve(() =>
        {
            unsafe
            {
                api.SetSignalHandlersEnabled(0);
            }

            return ChdbConnectionHandle.Open(api, ["healthcode", "--path=" + fullPath]);
        });
        StorageLog.ChdbOpened(logger, fullPath, api.LibraryPath, stopwatch.ElapsedMilliseconds);
        return new ChdbSession(fullPath, connection, logger);
    }

    private static void InstallExitHook()
    {
        if (_exitHookInstalled)
        {
            return;
        }

        _exitHookInstalled = true;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            ChdbSession? open;

            lock (Registry)
            {
                open = _current;
                _current = null;
            }

            open?.Close();
        };
    }

    private void Close()
    {
        // A query still inside chDB must finish before its connection goes; give it a bounded wait at exit.
        var entered = _gate.Wait(TimeSpan.FromSeconds(30));

        try
        {
            _connection.Dispose();
            StorageLog.ChdbClosed(_logger, DataPath);
        }
        finally
        {
            if (entered)
            {
                _gate.Release();
            }
        }
    }

    private unsafe T Execute<T>(
        string sql,
        string format,
        IReadOnlyList<ChdbQueryParameter>? parameters,
        Func<ChdbResultHandle, T> read)
    {
        var api = ChdbApi.Instance;
        var sqlBytes = Encoding.UTF8.GetBytes(sql);
        var formatBytes = Encoding.ASCII.GetBytes(format);
        nint raw;

        fixed (byte* query = sqlBytes)
        fixed (byte* fmt = formatBytes)
        {
            raw = parameters is { Count: > 0 }
                ? ExecuteWithParameters(api, query, sqlBytes.Length, fmt, formatBytes.Length, parameters)
                : api.QueryN(_connection.Connection, query, (nuint)sqlBytes.Length, fmt, (nuint)formatBytes.Length);
        }

        using var result = ChdbResultHandle.FromPointer(raw);

        if (result.IsInvalid)
        {
            throw new ClickHouseException("chDB returned no result (the connection may be closed).", sql);
        }

        if (result.Error is { } error)
        {
            throw new ClickHouseException(error, sql);
        }

        return read(result);
    }

    private unsafe nint ExecuteWithParameters(
        ChdbApi api,
        byte* query,
        int queryLength,
        byte* format,
        int formatLength,
        IReadOnlyList<ChdbQueryParameter> parameters)
    {
        // Names and values go into one buffer so a single pin covers them; the _n variant takes explicit lengths.
        var count = parameters.Count;
        var total = 0;

        foreach (var p in parameters)
        {
            total += Encoding.UTF8.GetByteCount(p.Name) + Encoding.UTF8.GetByteCount(p.Value);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(total, 1));

        try
        {
            var names = stackalloc byte*[count];
            var values = stackalloc byte*[count];
            var nameLengths = stackalloc nuint[count];
            var valueLengths = stackalloc nuint[count];

            fixed (byte* start = buffer)
            {
                var offset = 0;

                for (var i = 0; i < count; i++)
                {
                    var nameLength = Encoding.UTF8.GetBytes(parameters[i].Name, buffer.AsSpan(offset));
                    names[i] = start + offset;
                    nameLengths[i] = (nuint)nameLength;
                    offset += nameLength;

                    var valueLength = Encoding.UTF8.GetBytes(parameters[i].Value, buffer.AsSpan(offset));
                    values[i] = start + offset;
                    valueLengths[i] = (nuint)valueLength;
                    offset += valueLength;
                }

                return api.QueryWithParamsN(
                    _connection.Connection,
                    query,
                    (nuint)queryLength,
                    format,
                    (nuint)formatLength,
                    names,
                    nameLengths,
                    values,
                    valueLengths,
                    (nuint)count);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
