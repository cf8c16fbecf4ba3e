using HealthCode.Storage.Chdb;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthCode.Storage.Tests.Chdb;

[Collection(ChdbCollection.Name)]
public sealed class EmbeddedAnalyticsStoreTests(ChdbFixture fixture)
{
    [Fact]
    public async Task QueryTextAsync_UnknownTable_ThrowsWithClickHouseMessageAndQuery()
    {
        await using var store = fixture.NewBareStore("errors");
        const string sql = "SELECT * FROM system.no_such_table";

        var error = await Assert.ThrowsAsync<ClickHouseException>(() => store.QueryTextAsync(sql, "TSV"));

        Assert.Equal(sql, error.Query);
        Assert.Equal(60, error.ErrorCode);
        Assert.Equal("UNKNOWN_TABLE", error.ErrorName);
        Assert.Contains("no_such_table", error.ClickHouseMessage, StringComparison.Ordinal);
        Assert.Contains(error.ClickHouseMessage.Trim(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_SyntaxError_ThrowsSyntaxError()
    {
        await using var store = fixture.NewBareStore("syntax");

        var error = await Assert.ThrowsAsync<ClickHouseException>(() => store.ExecuteAsync("SELEC 1"));

        Assert.Equal(62, error.ErrorCode);
        Assert.Equal("SYNTAX_ERROR", error.ErrorName);
    }

    [Fact]
    public async Task QueryRowsAsync_Parameters_BindsTypedValuesWithoutSplicing()
    {
        await using var store = fixture.NewBareStore("params");
        var tricky = "it's \\ a\ttab\nand newline; DROP TABLE x";
        var time = new DateTime(2026, 12, 1, 8, 30, 15, 250, DateTimeKind.Utc);
        var parameters = new QueryParameters()
            .Add("n", 41L)
            .Add("s", tricky)
            .Add("t", time)
            .Add("tags", new[] { "a'b", "c\\d" })
            .Add("missing", null);

        var rows = await store.QueryRowsAsync(
            "SELECT {n:Int64} + 1 AS n, {s:String} AS s, {t:DateTime64(3, 'UTC')} AS t, " +
            "{tags:Array(String)} AS tags, {missing:Nullable(Int32)} AS missing",
            parameters);

        Assert.Equal(42L, rows.Get<long>(0, "n"));
        Assert.Equal(tricky, rows.Get<string>(0, "s"));
        Assert.Equal(time, rows.Get<DateTime>(0, "t"));
        Assert.Equal(new object?[] { "a'b", "c\\d" }, rows.Get<object?[]>(0, "tags"));
        Assert.Null(rows.Get<int?>(0, "missing"));
    }

    [Fact]
    public async Task QueryAsync_UnboundParameter_ThrowsUnknownQueryParameter()
    {
        await using var store = fixture.NewBareStore("unbound");

        var error = await Assert.ThrowsAsync<ClickHouseException>(
            () => store.QueryTextAsync("SELECT {x:Int32}", "TSV"));

        Assert.Equal("UNKNOWN_QUERY_PARAMETER", error.ErrorName);
    }

    [Fact]
    public async Task QueryRowsAsync_CommonTypes_DecodeFromRowBinary()
    {
        await using var store = fixture.NewBareStore("types");

        var rows = await store.QueryRowsAsync(
            "SELECT toUInt8(200) AS u8, toInt32(-5) AS i32, toUInt64(18446744073709551615) AS u64, " +
            "toFloat32(1.5) AS f32, 2.25 AS f64, true AS b, 'héllo' AS s, toFixedString('ab', 3) AS fs, " +
            "toDate('2026-11-30') AS d, toDateTime('2026-11-30 01:02:03', 'UTC') AS dt, " +
            "toDecimal64(12.345, 3) AS dec, toUUID('01234567-89ab-cdef-0123-456789abcdef') AS id, " +
            "CAST('b', 'Enum8(\\'a\\' = 1, \\'b\\' = 2)') AS e, toLowCardinality('lc') AS lc, " +
            "[1, 2, 3]::Array(UInt16) AS arr, CAST(NULL, 'Nullable(String)') AS n");

        Assert.Equal((byte)200, rows.Get<byte>(0, "u8"));
        Assert.Equal(-5, rows.Get<int>(0, "i32"));
        Assert.Equal(ulong.MaxValue, rows.Get<ulong>(0, "u64"));
        Assert.Equal(1.5f, rows.Get<float>(0, "f32"));
        Assert.Equal(2.25, rows.Get<double>(0, "f64"));
        Assert.True(rows.Get<bool>(0, "b"));
        Assert.Equal("héllo", rows.Get<string>(0, "s"));
        Assert.Equal(new byte[] { (byte)'a', (byte)'b', 0 }, rows.Get<byte[]>(0, "fs"));
        Assert.Equal(new DateOnly(2026, 11, 30), rows.Get<DateOnly>(0, "d"));
        Assert.Equal(new DateTime(2026, 11, 30, 1, 2, 3, DateTimeKind.Utc), rows.Get<DateTime>(0, "dt"));
        Assert.Equal(12.345m, rows.Get<decimal>(0, "dec"));
        Assert.Equal(Guid.Parse("01234567-89ab-cdef-0123-456789abcdef"), rows.Get<Guid>(0, "id"));
        Assert.Equal("b", rows.Get<string>(0, "e"));
        Assert.Equal("lc", rows.Get<string>(0, "lc"));
        Assert.Equal(new object?[] { (ushort)1, (ushort)2, (ushort)3 }, rows.Get<object?[]>(0, "arr"));
        Assert.Null(rows.Get<string?>(0, "n"));
    }

    [Fact]
    public async Task QueryJsonAsync_JsonEachRow_DeserialisesSnakeCaseColumns()
    {
        await using var store = fixture.NewBareStore("json");

        var rows = await store.QueryJsonAsync<NumberRow>(
            "SELECT number AS row_number, toString(number) AS row_text FROM numbers(3)");

        Assert.Equal([0L, 1L, 2L], rows.Select(r => r.RowNumber));
        Assert.Equal(["0", "1", "2"], rows.Select(r => r.RowText));
    }

    [Fact]
    public async Task QueryAsync_ManyConcurrentCallers_AllSucceed()
    {
        await using var store = fixture.NewBareStore("concurrent");

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            store.QueryScalarAsync<ulong>("SELECT {i:UInt64} * 2", new QueryParameters().Add("i", i))));

        Assert.Equal(Enumerable.Range(0, 32).Select(i => (ulong)i * 2), results);
    }

    [Fact]
    public void Acquire_SecondDataPath_ThrowsNamingBothPaths()
    {
        var other = Path.Combine(Path.GetTempPath(), "healthcode-other-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<InvalidOperationException>(() => ChdbSession.Acquire(other, NullLogger.Instance));

        Assert.Contains(other, error.Message, StringComparison.Ordinal);
        Assert.Contains("one data path per process", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManagedNullReference_AfterChdbConnected_IsStillCatchable()
    {
        // chDB installs signal handlers unless disabled before connecting; .NET turns SIGSEGV into this exception.
        await using var store = fixture.NewBareStore("signals");
        await store.ExecuteAsync("SELECT 1");
        string? nothing = null;

        Assert.Throws<NullReferenceException>(() => nothing!.Length);
    }

    private sealed record NumberRow(long RowNumber, string RowText);
}
