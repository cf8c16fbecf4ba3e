using HealthCode.Ingest.Publishing;
using HealthCode.Kafka;
using HealthCode.Node.Runtime;
using HealthCode.Storage;

namespace HealthCode.Benchmarks.Risk;

/// <summary>What the node-level harness commands share: an embedded node's options and its scratch folder.</summary>
internal static class BenchmarkNode
{
    /// <summary>
    /// Options of a node on embedded defaults in <paramref name="root"/>, without a metrics endpoint. No bootstrap
    /// servers: the node starts the mock cluster, creates the topics and commits every 200 ms as the demo does, so
    /// waiting for zero lag does not wait for a slower commit interval.
    /// </summary>
    public static NodeOptions Options(string root, string pepper) => new(
        new KafkaSettings(), new StorageSettings(), new IngestSettings { Pepper = pepper }, root)
    {
        MetricsPort = 0,
    };

    /// <summary>Deletes the scratch folder, saying so when a file is still held open.</summary>
    public static void TryDelete(string root)
    {
        try
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
        catch (IOException ex)
        {
            // Pooled SQLite connections may hold the journal until the process ends.
            Console.WriteLine($"  could not delete {root}: {ex.Message}");
        }
    }
}
