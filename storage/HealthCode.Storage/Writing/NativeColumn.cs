using System.Globalization;
using Google.Protobuf;
using HealthCode.Storage.Formats;
using HealthCode.Storage.Schema;

namespace HealthCode.Storage.Writing;

/// <summary>How one table column is read from an event and encoded into a Native block.</summary>
/// <typeparam name="T">The canonical event type.</typeparam>
internal sealed class NativeColumn<T>
{
    private const int RecordIdBytes = 16;
    private static readonly int UnixDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    private readonly Action<T, ColumnBuffer, NativeBlockWriter, int> _write;
    private readonly Func<T, string?>? _check;

    private NativeColumn(
        string name,
        string type,
        int width,
        Action<T, ColumnBuffer, NativeBlockWriter, int> write,
        Func<T, string?>? check,
        string? wireType = null)
    {
        Definition = new ColumnDefinition(name, type);
        Wire = wireType is null ? Definition : new ColumnDefinition(name, wireType);
        Width = width;
        _write = write;
        _check = check;
    }

    /// <summary>The column's name and ClickHouse type, which must match the table's.</summary>
    public ColumnDefinition Definition { get; }

    /// <summary>The name and type the Native block carries; ClickHouse converts it to the table's on insert.</summary>
    public ColumnDefinition Wire { get; }

    /// <summary>Approximate bytes per row, to size the column buffer.</summary>
    public int Width { get; }

    /// <summary>The 16-byte <c>record_id</c> of every event; other lengths are rejected before buffering.</summary>
    public static NativeColumn<T> RecordId(Func<T, ByteString> get) => new(
        "record_id",
        ClickHouseTypes.RecordId,
        RecordIdBytes,
        (row, values, _, _) => values.WriteFixedString(get(row).Span, RecordIdBytes),
        row => get(row).Length == RecordIdBytes
            ? null
            : $"record_id has {get(row).Length} bytes; canonical events carry a {RecordIdBytes}-byte content hash");

    /// <summary>A String column.</summary>
    public static NativeColumn<T> String(string name, Func<T, string> get) =>
        new(name, "String", 40, (row, values, _, _) => values.WriteString(get(row)), null);

    /// <summary>A LowCardinality(String) column, sent as plain String.</summary>
    /// <remarks>
    /// LowCardinality's Native form is a per-block dictionary with its own versioned header; plain strings are
    /// what ClickHouse converts from on both insert paths (INSERT ... SELECT casts, and Native input converts
    /// with input_format_native_allow_types_conversion, on by default), so the writer needs no dictionary code.
    /// </remarks>
    public static NativeColumn<T> Label(string name, Func<T, string> get) => new(
        name, ClickHouseTypes.Label, 8, (row, values, _, _) => values.WriteString(get(row)), null, "String");

    /// <summary>A Bool column, one byte of 0 or 1.</summary>
    public static NativeColumn<T> Bool(string name, Func<T, bool> get) =>
        new(name, "Bool", 1, (row, values, _, _) => values.WriteInt8(get(row) ? (sbyte)1 : (sbyte)0), null);

    /// <summary>An Int32 column.</summary>
    public static NativeColumn<T> Int32(string name, Func<T, int> get) =>
        new(name, "Int32", 4, (row, values, _, _) => values.WriteInt32(get(row)), null);

    /// <summary>An Int64 column.</summary>
    public static NativeColumn<T> Int64(string name, Func<T, long> get) =>
        new(name, "Int64", 8, (row, values, _, _) => values.WriteInt64(get(row)), null);

    /// <summary>A Float32 column.</summary>
    public static NativeColumn<T> Float32(string name, Func<T, float> get) =>
        new(name, "Float32", 4, (row, values, _, _) => values.WriteFloat32(get(row)), null);

    /// <summary>A Float64 column.</summary>
    public static NativeColumn<T> Float64(string name, Func<T, double> get) =>
        new(name, "Float64", 8, (row, values, _, _) => values.WriteFloat64(get(row)), null);

    /// <summary>An event time in unix milliseconds, stored as DateTime64(3, 'UTC'), which holds it exactly.</summary>
    public static NativeColumn<T> Time(string name, Func<T, long> unixMs) =>
        new(name, ClickHouseTypes.Time, 8, (row, values, _, _) => values.WriteInt64(unixMs(row)), null);

    /// <summary>An optional event time in unix milliseconds, stored as Nullable(DateTime64(3, 'UTC')).</summary>
    public static NativeColumn<T> NullableTime(string name, Func<T, long?> unixMs) => new(
        name,
        $"Nullable({ClickHouseTypes.Time})",
        8,
        (row, nulls, block, index) =>
        {
            // Native Nullable: a null map (1 = NULL) for every row, then a value for every row, NULLs included.
            var value = unixMs(row);
            nulls.WriteInt8(value is null ? (sbyte)1 : (sbyte)0);
            block.Elements(index).WriteInt64(value ?? 0);
        },
        null);

    /// <summary>A calendar date from <c>YYYY-MM-DD</c> text; other text is rejected before buffering.</summary>
    public static NativeColumn<T> Date(string name, Func<T, string> get) => new(
        name,
        ClickHouseTypes.Date,
        2,
        (row, values, _, _) => values.WriteUInt16((ushort)(ParseDate(get(row))!.Value.DayNumber - UnixDay)),
        row => ParseDate(get(row)) is null
            ? $"{name} '{get(row)}' is not a date (YYYY-MM-DD) from 1970 to 2149"
            : null);

    /// <summary>An Enum8 column storing the numbers <paramref name="get"/> returns; others are rejected.</summary>
    public static NativeColumn<T> Enum8(string name, string type, Func<T, int> get, int maxValue) => new(
        name,
        type,
        1,
        (row, values, _, _) => values.WriteInt8((sbyte)get(row)),
        row => get(row) is var v && v >= 0 && v <= maxValue ? null : $"{name} {get(row)} is not a known value");

    /// <summary>An Array(String) column.</summary>
    public static NativeColumn<T> StringArray(string name, Func<T, IReadOnlyList<string>> get) =>
        ArrayOf(name, "String", 24, get, (elements, item) => elements.WriteString(item));

    /// <summary>An Array(DateTime64(3, 'UTC')) column of unix milliseconds.</summary>
    public static NativeColumn<T> TimeArray(string name, Func<T, IReadOnlyList<long>> unixMs) =>
        ArrayOf(name, ClickHouseTypes.Time, 16, unixMs, (elements, item) => elements.WriteInt64(item));

    /// <summary>Why <paramref name="row"/> cannot be stored, or null when it can.</summary>
    public string? Check(T row) => _check?.Invoke(row);

    /// <summary>Encodes this column's value of one row into column <paramref name="index"/> of the block.</summary>
    public void Write(T row, NativeBlockWriter block, int index) => _write(row, block.Values(index), block, index);

    private static NativeColumn<T> ArrayOf<TItem>(
        string name,
        string elementType,
        int width,
        Func<T, IReadOnlyList<TItem>> get,
        Action<ColumnBuffer, TItem> writeItem) => new(
        name,
        $"Array({elementType})",
        width,
        (row, offsets, block, index) =>
        {
            // Native arrays: each row's cumulative end offset in one buffer, all elements in a second one.
            var items = get(row);
            var elements = block.Elements(index);
            offsets.RunningCount += (ulong)items.Count;
            offsets.WriteUInt64(offsets.RunningCount);

            foreach (var item in items)
            {
                writeItem(elements, item);
            }
        },
        null);

    private static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) &&
        date.Year >= 1970 && date.Year <= 2149
            ? date
            : null;
}
