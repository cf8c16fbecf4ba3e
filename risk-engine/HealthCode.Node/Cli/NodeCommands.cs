using HealthCode.Node.Commands;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace HealthCode.Node.Cli;

/// <summary>Dispatches the node's commands and turns failures into exit codes with a plain message.</summary>
internal static class NodeCommands
{
    private const string Usage = """
        usage: ./healthcode <command> [options]

          demo      [--people N] [--days D] [--seed S] [--malformed N] | [--input DIR]   [--summary FILE]
                    simulator (or partner files) -> ingest -> Kafka -> risk engine + ClickHouse, embedded
          replay    --input DIR --now TIMESTAMP --pepper SECRET --out FILE [--summary FILE]
                    every partner file through the engine; one JSON line per person not green at now
          simulate  --out DIR [--people N] [--days D] [--seed S] [--malformed N] [--start YYYY-MM-DD]
                    write the seven partner files of a synthetic city
          ingest    --feed NAME --file PATH [--bootstrap HOST:PORT] [--pepper SECRET]
                    publish one partner file (embedded: and store it)
          node      [--bootstrap HOST:PORT]
                    run Kafka (embedded unless --bootstrap) and the storage role until Ctrl-C
          test      run the test suite
          setup     fetch the native libraries only

        every command also takes --config FILE (default ./healthcode.json); see README.md
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        using var loggerFactory = CreateLoggerFactory();
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        try
        {
            var commandLine = CommandLine.Parse(args);

            return commandLine.Command switch
            {
                "demo" => await DemoCommand.RunAsync(commandLine, loggerFactory, cancellation.Token)
                    .ConfigureAwait(false),
                "replay" => await ReplayCommand.RunAsync(commandLine, loggerFactory, cancellation.Token)
                    .ConfigureAwait(false),
                "simulate" => await SimulateCommand.RunAsync(commandLine, loggerFactory, cancellation.Token)
                    .ConfigureAwait(false),
                "ingest" => await IngestCommand.RunAsync(commandLine, loggerFactory, cancellation.Token)
                    .ConfigureAwait(false),
                "node" => await NodeCommand.RunAsync(commandLine, loggerFactory, cancellation.Token)
                    .ConfigureAwait(false),
                "help" or "--help" or "-h" => PrintUsage(0),
                _ => throw new UsageException($"unknown command '{commandLine.Command}'"),
            };
        }
        catch (UsageException ex)
        {
            await Console.Error.WriteLineAsync($"healthcode: {ex.Message}\n\n{Usage}").ConfigureAwait(false);
            return 2;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("healthcode: cancelled").ConfigureAwait(false);
            return 130;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or InvalidDataException
                                       or ArgumentException or Confluent.Kafka.KafkaException
                                       or Storage.ClickHouseException or UnauthorizedAccessException)
        {
            // Expected operational failures get one clear line (and the details in the log), not a crash dump.
            loggerFactory.CreateLogger("HealthCode.Node").LogError(ex, "{Command} failed", args.FirstOrDefault());
            await Console.Error.WriteLineAsync($"healthcode: {ex.GetBaseException().Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static int PrintUsage(int exitCode)
    {
        Console.WriteLine(Usage);
        return exitCode;
    }

    private static ILoggerFactory CreateLoggerFactory() => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(LogLevel.Information)
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddFilter("Akka", LogLevel.Warning)
        .AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss ";
        })
        .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace));
}
