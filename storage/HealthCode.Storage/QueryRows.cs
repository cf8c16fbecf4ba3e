namespace HealthCode.Storage;

/// <summary>A typed query result: columns and rows of CLR values, read from RowBinaryWithNamesAndTypes.</summary>
/// <remarks>
/// Values map as: integers and floats to their CLR width, String to <see cref="string"/>, FixedString to
/// <c>byte[]</c>, Date to <see cref="DateOnly"/>, DateTime and DateTime64 to UTC <see cref="DateTime"/>, Enum to
/// its name, Bool to <see cref="bool"/>, UUID to <see cref="Guid"/>, Array to <c>object?[]</c>, NULL to null.
/// </remarks>
public sealed class QueryRows
{
    private readonly Dictionary<string, int> _ordinals;

    /// <summary>Creates a result from its columns and rows (each row holds one value per column).</summary>
    public QueryRows(IReadOnlyList<QueryColumn> columns, IReadOnlyList<object?[]> rows)
    {
        Columns = columns;
        Rows = rows;
        _ordinals = new Dictionary<string, int>(StringComparer.Ordinal);

        for (var i = 0; i < columns.Count; i++)
        {
            _ordinals.TryAdd(columns[i].Name, i);
        }
    }

    /// <summary>The result's columns in order.</summary>
    public IReadOnlyList<QueryColumn> Columns { get; }

    /// <summary>The rows, each an array with one value per column.</summary>
    public IReadOnlyList<object?[]> Rows { get; }

    /// <summary>The number of rows.</summary>
    public int Count => Rows.Count;

    /// <summary>The position of a column; throws naming the columns there are when it is missing.</summary>
    public int Ordinal(string column) => _ordinals.TryGetValue(column, out var ordinal)
        ? ordinal
        : throw new KeyNotFoundException(
            $"The result has no column '{column}'; it has {string.Join(", ", Columns.Select(c => c.Name))}.");

    /// <summary>The value of <paramref name="column"/> in a row, as <typeparamref name="T"/>.</summary>
    public T Get<T>(int row, string column) => Convert<T>(Rows[row][Ordinal(column)], column);

    /// <summary>Maps every row with <paramref name="map"/>, which reads the row through this result.</summary>
    public IReadOnlyList<T> Map<T>(Func<QueryRows, int, T> map)
    {
        var mapped = new T[Count];

        for (var i = 0; i < mapped.Length; i++)
        {
            mapped[i] = map(this, i);
        }

        return mapped;
    }

    private static T Convert<T>(object? value, string column)
    {
        if (value is T typed)
        {
            return typed;
        }

        if (value is null)
        {
            return default(T) is null
                ? default!
                : throw new InvalidCastException($"Column '{column}' is NULL and {typeof(T).Name} cannot hold it.");
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return (T)System.Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
    }
}
