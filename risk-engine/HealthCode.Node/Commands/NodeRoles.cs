using HealthCode.Node.Cli;

namespace HealthCode.Node.Commands;

/// <summary>
/// Which roles a <c>node</c> runs: any of storage, risk and api (the api needs risk in the same node).
/// </summary>
/// <param name="Storage">Consume every topic into ClickHouse.</param>
/// <param name="Risk">Run the detection engine and the person groups.</param>
/// <param name="Api">Serve the HTTP API.</param>
internal sealed record NodeRoles(bool Storage, bool Risk, bool Api)
{
    /// <summary>The default of one machine: every role in one process.</summary>
    public const string All = "storage,risk,api";

    /// <summary>Parses a comma-separated list such as <c>storage</c> or <c>risk,api</c>.</summary>
    public static NodeRoles Parse(string text)
    {
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.ToLowerInvariant())
            .ToHashSet();
        var unknown = names.Except(["storage", "risk", "api"]).ToList();

        if (names.Count == 0 || unknown.Count > 0)
        {
            throw new UsageException(
                $"--roles takes a list of storage, risk and api (node.roles), not '{text}'");
        }

        if (names.Contains("api") && !names.Contains("risk"))
        {
            throw new UsageException("the api role asks the risk role's person groups: use --roles risk,api");
        }

        return new NodeRoles(names.Contains("storage"), names.Contains("risk"), names.Contains("api"));
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(',',
        new[] { (Storage, "storage"), (Risk, "risk"), (Api, "api") }.Where(r => r.Item1).Select(r => r.Item2));
}
