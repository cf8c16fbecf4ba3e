using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace HealthCode.Storage.Formats;

/// <summary>Decodes ClickHouse's <c>RowBinaryWithNamesAndTypes</c> output into <see cref="QueryRows"/>.</summary>
/// <remarks>
/// The format is a header (column count, names, type names, as LEB128 lengths and bytes) followed by rows with
/// each value in its binary form; it is the densest self-describing row format ClickHouse writes.
/// </remarks>
internal ref struct RowBinaryReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    private RowBinaryReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>Decodes a whole result.</summary>
    public static QueryRows Read(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return new QueryRows([], []);
        }

        var reader = new RowBinaryReader(data);
        var count = checked((int)reader.ReadVarUInt());
        var names = new string[count];
        var columns = new QueryColumn[count];
        var types = new ClickHouseType[count];

        for (var i = 0; i < count; i++)
        {
            names[i] = reader.ReadString();
        }

        for (var i = 0; i < count; i++)
        {
            var type = reader.ReadString();
            types[i] = ClickHouseType.Parse(type);
            columns[i] = new QueryColumn(names[i], type);
        }

        var rows = new List<object?[]>();

        while (reader._position < data.Length)
        {
            var row = new object?[count];

            for (var i = 0; i < count; i++)
            {
                row[i] = reader.ReadValue(types[i]);
            }

            rows.Add(row);
        }

        return new QueryRows(columns, rows);
    }

    private object? ReadValue(ClickHouseType type) => type.Kind switch
    {
        ClickHouseTypeKind.Bool => Take(1)[0] != 0,
        ClickHouseTypeKind.UInt8 => Take(1)[0],
        ClickHouseTypeKind.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(Take(2)),
        ClickHouseTypeKind.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(Take(4)),
        ClickHouseTypeKind.UInt64 => BinaryPrimitives.ReadUInt64LittleEndian(Take(8)),
        ClickHouseTypeKind.Int8 => (sbyte)Take(1)[0],
        ClickHouseTypeKind.Int16 => BinaryPrimitives.ReadInt16LittleEndian(Take(2)),
        ClickHouseTypeKind.Int32 => BinaryPrimitives.ReadInt32LittleEndian(Take(4)),
        ClickHouseTypeKind.Int64 => BinaryPrimitives.ReadInt64LittleEndian(Take(8)),
        ClickHouseTypeKind.Float32 => BinaryPrimitives.ReadSingleLittleEndian(Take(4)),
        ClickHouseTypeKind.Float64 => BinaryPrimitives.ReadDoubleLittleEndian(Take(8)),
        ClickHouseTypeKind.Decimal => ReadDecimal(type),
        ClickHouseTypeKind.String => ReadString(),
        ClickHouseTypeKind.FixedString => Take(type.Size).ToArray(),
        ClickHouseTypeKind.Uuid => ReadUuid(),
        ClickHouseTypeKind.Date => DateOnly.FromDayNumber(UnixDay + BinaryPrimitives.ReadUInt16LittleEndian(Take(2))),
        ClickHouseTypeKind.Date32 => DateOnly.FromDayNumber(UnixDay + BinaryPrimitives.ReadInt32LittleEndian(Take(4))),
        ClickHouseTypeKind.DateTime => DateTime.UnixEpoch.AddSeconds(BinaryPrimitives.ReadUInt32LittleEndian(Take(4))),
        ClickHouseTypeKind.DateTime64 => ReadDateTime64(type.Size),
        ClickHouseTypeKind.Enum8 => EnumName(type, (sbyte)Take(1)[0]),
        ClickHouseTypeKind.Enum16 => EnumName(type, BinaryPrimitives.ReadInt16LittleEndian(Take(2))),
        ClickHouseTypeKind.Nullable => Take(1)[0] != 0 ? null : ReadValue(type.Inner!),
        ClickHouseTypeKind.Array => ReadArray(type.Inner!),
        _ => throw new NotSupportedException($"ClickHouse type '{type.Name}' is not decoded."),
    };

    private static readonly int UnixDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    private object?[] ReadArray(ClickHouseType element)
    {
        var items = new object?[checked((int)ReadVarUInt())];

        for (var i = 0; i < items.Length; i++)
        {
            items[i] = ReadValue(element);
        }

        return items;
    }

    private DateTime ReadDateTime64(int scale)
    {
        // DateTime64(P) stores units of 10^-P seconds; ticks are 10^-7, so scale the integer to ticks.
        var units = BinaryPrimitives.ReadInt64LittleEndian(Take(8));
        var ticks = scale <= 7 ? units * Pow10(7 - scale) : units / Pow10(scale - 7);
        return new DateTime(DateTime.UnixEpoch.Ticks + ticks, DateTimeKind.Utc);
    }

    private decimal ReadDecimal(ClickHouseType type)
    {
        long raw = type.Width == 4
            ? BinaryPrimitives.ReadInt32LittleEndian(Take(4))
            : BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        // The decimal constructor takes a magnitude and a sign; long.MinValue's magnitude does not fit a long.
        var magnitude = raw < 0 ? (ulong)(-(raw + 1)) + 1 : (ulong)raw;
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, raw < 0, (byte)type.Size);
    }

    private Guid ReadUuid()
    {
        // ClickHouse writes a UUID as two little-endian UInt64 halves, high half first.
        var high = BinaryPrimitives.ReadUInt64LittleEndian(Take(8));
        var low = BinaryPrimitives.ReadUInt64LittleEndian(Take(8));
        return Guid.ParseExact(
            high.ToString("x16", CultureInfo.InvariantCulture) + low.ToString("x16", CultureInfo.InvariantCulture),
            "N");
    }

    private static string EnumName(ClickHouseType type, int value) =>
        type.EnumNames!.TryGetValue(value, out var name) ? name : value.ToString(CultureInfo.InvariantCulture);

    private static long Pow10(int exponent)
    {
        var result = 1L;

        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private string ReadString()
    {
        var length = checked((int)ReadVarUInt());
        return Encoding.UTF8.GetString(Take(length));
    }

    private ulong ReadVarUInt()
    {
        ulong value = 0;

        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Take(1)[0];
            value |= (ulong)(b & 0x7F) << shift;

            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("A RowBinary length is longer than 10 bytes: the result is corrupt.");
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (_position + count > _data.Length)
        {
            throw new FormatException(
                $"The RowBinary result ends after {_data.Length} bytes, inside a value: the result is truncated.");
        }

        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }
}
