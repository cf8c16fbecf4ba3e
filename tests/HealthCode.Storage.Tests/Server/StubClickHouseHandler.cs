using System.IO.Compression;
using System.Net;
using System.Text;

namespace HealthCode.Storage.Tests.Server;

/// <summary>Stands in for a ClickHouse server's HTTP interface: records requests, gives canned replies.</summary>
internal sealed class StubClickHouseHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, HttpResponseMessage> _reply;

    public StubClickHouseHandler(Func<HttpRequestMessage, HttpResponseMessage> reply) => _reply = reply;

    public List<(HttpRequestMessage Request, byte[] Body)> Requests { get; } = [];

    public static HttpResponseMessage Text(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "text/plain") };

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);

        // The driver gzips query text it sends in the body; keep what a server would see after decoding.
        if (request.Content?.Headers.ContentEncoding.Contains("gzip") == true)
        {
            using var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            await gzip.CopyToAsync(plain, cancellationToken);
            body = plain.ToArray();
        }

        Requests.Add((request, body));
        return _reply(request);
    }
}
