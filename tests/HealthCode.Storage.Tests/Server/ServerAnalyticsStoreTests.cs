using System.Net;
using System.Text;
using ClickHouse.Driver;
using HealthCode.Storage.Server;
using HealthCode.Storage.Writing;

namespace HealthCode.Storage.Tests.Server;

// No ClickHouse server can run on the development machine, so these tests check what the store sends over HTTP
// and how it reads replies, against a stub; they do not prove a real server accepts it.
public sealed class ServerAnalyticsStoreTests
{
    [Fact]
    public async Task InsertAsync_Batch_PostsNativeBlockToEachQualifiedTable()
    {
        var handler = new StubClickHouseHandler(_ => StubClickHouseHandler.Text(string.Empty));
        await using var store = Open(handler);
        using var block = EventMappings.Pings.Encode(TestEvents.Pings(0, 10));

        await ((IAnalyticsStore)store).InsertAsync(["pings", "pings_by_subscriber"], block, CancellationToken.None);

        Assert.Equal(2, handler.Requests.Count);
        var (request, body) = handler.Requests[0];
        var query = WebUtility.UrlDecode(request.RequestUri!.Query);
        Assert.Contains("INSERT INTO `hc`.`pings`", query + Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.Contains("FORMAT Native", query + Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.True(body.AsSpan().IndexOf(block.Data.Span) >= 0, "the posted body carries the Native block");
        Assert.Contains("optimize_on_insert=0", query, StringComparison.Ordinal);
        var second = WebUtility.UrlDecode(handler.Requests[1].Request.RequestUri!.Query);
        Assert.Contains("INSERT INTO `hc`.`pings_by_subscriber`", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_ServerError_ThrowsClickHouseExceptionWithServerMessage()
    {
        const string error =
            "Code: 60. DB::Exception: Table hc.nope does not exist. (UNKNOWN_TABLE) (version 25.8.1.1)";
        var handler = new StubClickHouseHandler(_ =>
        {
            var response = StubClickHouseHandler.Text(error, HttpStatusCode.NotFound);
            response.Headers.Add("X-ClickHouse-Exception-Code", "60");
            return response;
        });
        await using var store = Open(handler);

        var thrown = await Assert.ThrowsAsync<ClickHouseException>(() => store.ExecuteAsync("DROP TABLE hc.nope"));

        Assert.Equal("DROP TABLE hc.nope", thrown.Query);
        Assert.Equal(60, thrown.ErrorCode);
        Assert.Equal("UNKNOWN_TABLE", thrown.ErrorName);
    }

    [Fact]
    public async Task QueryTextAsync_Parameters_SendsThemAsHttpParameters()
    {
        var handler = new StubClickHouseHandler(_ => StubClickHouseHandler.Text("42\n"));
        await using var store = Open(handler);

        var text = await store.QueryTextAsync(
            "SELECT {n:Int64}", "TSV", new QueryParameters().Add("n", 42L));

        var (request, body) = Assert.Single(handler.Requests);
        var sent = WebUtility.UrlDecode(request.RequestUri!.Query) + Encoding.UTF8.GetString(body);
        Assert.Equal("42\n", text);
        Assert.Contains("param_n=42", sent, StringComparison.Ordinal);
        Assert.Contains("FORMAT TSV", sent, StringComparison.Ordinal);
    }

    private static ServerAnalyticsStore Open(StubClickHouseHandler handler) =>
        new(new ClickHouseClient("Host=stub;Port=8123;Username=default", new HttpClient(handler)), "hc");
}
