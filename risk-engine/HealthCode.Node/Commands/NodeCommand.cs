using HealthCode.Node.Cli;
using HealthCode.Node.Risk;
using HealthCode.Node.Runtime;
using Microsoft.Extensions.Logging;

namespace HealthCode.Node.Commands;

/// <summary>
/// <c>node</c>: runs Kafka (embedded or a cluster), the storage role, the risk engine and the HTTP API until Ctrl-C.
/// </summary>
/// <remarks>
/// In embedded mode the mock cluster's brokers listen on loopback, so other processes can publish into this node
/// with <c>./healthcode ingest --bootstrap ADDRESS --pepper SECRET</c> while it runs.
/// </remarks>
internal static class NodeCommand
{
    public static async Task<int> RunAsync(CommandLine commandLine, ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger("HealthCode.Node");
        var options = NodeOptionsLoader.Load(commandLine, logger);
        var roles = NodeRoles.Parse(commandLine.Text("roles") ?? options.Roles);
        commandLine.RejectUnknown();

        var risk = roles.Risk
            ? RiskOptions.InService(options.DataDirectory) with
            {
                Rules = options.Rules,
                JournalConnectionString = options.JournalConnectionString,
                ApiPort = roles.Api && options.ApiPort != 0 ? options.ApiPort : null,
                ClusterHost = options.ClusterHost,
                ClusterPort = options.ClusterPort,
                SeedNodes = options.SeedNodes,
                EnginePartitions = options.EnginePartitions,
                MinClusterNodes = options.MinClusterNodes,
                PersonRetention = options.PersonRetentionDays > 0
                    ? TimeSpan.FromDays(options.PersonRetentionDays)
                    : null,
            }
            : null;
        logger.LogInformation("Node roles: {Roles}", roles);
        await using var runtime = await NodeRuntime.StartAsync(options, withStorage: roles.Storage, loggerFactory,
            cancellationToken, risk).ConfigureAwait(false);
        logger.LogInformation(
            "Node running with Kafka at {Bootstrap}; publish files with ./healthcode ingest --bootstrap {Bootstrap} "
            + "--pepper <the same pepper>; Ctrl-C stops", runtime.Kafka.BootstrapServers,
            runtime.Kafka.BootstrapServers);

        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
                runtime.Storage?.ThrowIfFailed();
                runtime.Risk?.ThrowIfFailed();
                runtime.Storage?.PublishLag();
                runtime.Risk?.PublishLag();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Stopping: committing what has been stored");
        }

        return 0;
    }
}
