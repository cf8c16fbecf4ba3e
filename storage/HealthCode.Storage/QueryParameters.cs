using System.Collections;

namespace HealthCode.Storage;

/// <summary>Values for a query's <c>{name:Type}</c> placeholders; the engine binds them, none is spliced in.</summary>
/// <remarks>
/// Supported values: strings, booleans, integers, floating point, decimals, <see cref="DateTime"/> (taken as UTC),
/// <see cref="DateTimeOffset"/>, <see cref="DateOnly"/>, <see cref="Guid"/>, null (for Nullable placeholders)
/// and sequences of those (for Array placeholders). Binary values travel as hex: bind a String and use
/// <c>unhex({id:String})</c>, because placeholder values are text on both the embedded and the HTTP path.
/// </remarks>
public sealed class QueryParameters : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly List<KeyValuePair<string, object?>> _values = [];

    /// <summary>The number of bound values.</summary>
    public int Count => _values.Count;

    /// <summary>Binds <paramref name="value"/> to the placeholder <c>{name:Type}</c>; returns this.</summary>
    public QueryParameters Add(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        if (_values.Exists(v => string.Equals(v.Key, name, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"Query parameter '{name}' is bound twice.", nameof(name));
        }

        _values.Add(new KeyValuePair<string, object?>(name, value));
        return this;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
