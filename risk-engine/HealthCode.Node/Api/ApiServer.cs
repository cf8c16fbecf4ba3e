using Akka.Actor;
using HealthCode.Ingest.Identity;
using HealthCode.Node.Replay;
using HealthCode.Node.Risk;
using HealthCode.Risk.Cluster.Persons;
using HealthCode.Storage;
using HealthCode.Storage.Contacts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HealthCode.Node.Api;

/// <summary>
/// The node's HTTP API: a person's code by id number (keyed on request, never stored or logged) and a case's
/// contacts for the data team.
/// </summary>
internal sealed class ApiServer : IAsyncDisposable
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    private readonly WebApplication _app;

    private ApiServer(WebApplication app) => _app = app;

    /// <summary>The address the API listens on.</summary>
    public string Address => _app.Urls.First();

    /// <summary>
    /// Starts the API on <paramref name="address"/> at <paramref name="port"/> (0 picks a free port).
    /// </summary>
    public static async Task<ApiServer> StartAsync(string address, int port, Pseudonymiser keys, RiskRole risk,
        IAnalyticsStore? store, string ruleSetVersion, ILoggerFactory loggerFactory)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{address}:{port}");

        var app = builder.Build();
        app.MapGet("/v1/codes/{idNumber}", (string idNumber) =>
            CodeAsync(keys.PersonKey(idNumber), risk.Persons, ruleSetVersion));
        app.MapGet("/v1/contacts", (string? @case) => ContactsAsync(@case, keys, store));

        await app.StartAsync().ConfigureAwait(false);
        loggerFactory.CreateLogger("HealthCode.Node.Api").LogInformation(
            "API on {Address}: GET /v1/codes/{{id_number}}, GET /v1/contacts?case={{id_number}}", app.Urls.First());
        return new ApiServer(app);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<IResult> CodeAsync(string personKey, IActorRef persons, string ruleSetVersion)
    {
        var answer = await persons.Ask<CodeAck>(new GetCode(personKey), AskTimeout).ConfigureAwait(false);
        var code = answer.Code;

        var evidence = code.Evidence
            .Select(e => new EvidenceView(
                RiskEvents.RuleName(e.Rule),
                e.CaseKey is null ? null : CaseReference.Of(e.CaseKey),
                e.Place,
                CodeLines.Timestamp(e.Span.Start.ToUnixTimeMilliseconds()),
                CodeLines.Timestamp(e.Span.End.ToUnixTimeMilliseconds()),
                e.RecordIds))
            .ToList();
        var view = new CodeView(
            RiskEvents.ColourName(code.Colour),
            code.ValidUntil is { } until ? CodeLines.Timestamp(until.ToUnixTimeMilliseconds()) : null,
            code.IsAwaitingDeclaration,
            ruleSetVersion,
            evidence);
        return Results.Json(view);
    }

    private static async Task<IResult> ContactsAsync(string? caseIdNumber, Pseudonymiser keys, IAnalyticsStore? store)
    {
        if (string.IsNullOrWhiteSpace(caseIdNumber))
        {
            return Results.BadRequest(new { error = "give the case's id number as ?case=" });
        }

        if (store is null)
        {
            return Results.Problem("this node runs without the analytics store", statusCode: 503);
        }

        var contacts = await ContactQuery.OfCaseAsync(store, keys.PersonKey(caseIdNumber)).ConfigureAwait(false);
        var views = contacts
            .Select(c => new ContactView(
                c.PersonKey,
                c.Rule,
                c.Colour.ToString().ToLowerInvariant(),
                c.Place,
                CodeLines.Timestamp(c.From.ToUnixTimeMilliseconds()),
                CodeLines.Timestamp(c.To.ToUnixTimeMilliseconds()),
                CodeLines.Timestamp(c.QuarantineEnds.ToUnixTimeMilliseconds()),
                c.RecordIds))
            .ToList();
        return Results.Json(views);
    }
}
