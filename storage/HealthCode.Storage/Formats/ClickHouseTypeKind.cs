namespace HealthCode.Storage.Formats;

/// <summary>The ClickHouse types the RowBinary reader decodes.</summary>
internal enum ClickHouseTypeKind
{
    Bool,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Int8,
    Int16,
    Int32,
    Int64,
    Float32,
    Float64,
    Decimal,
    String,
    FixedString,
    Uuid,
    Date,
    Date32,
    DateTime,
    DateTime64,
    Enum8,
    Enum16,
    Nullable,
    Array,
}
