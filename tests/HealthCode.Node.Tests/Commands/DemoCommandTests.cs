using System.Text.Json;
using HealthCode.Node.Cli;

namespace HealthCode.Node.Tests.Commands;

/// <summary>The demo end to end on the embedded components: simulator files -> ingest -> Kafka -> chDB.</summary>
/// <remarks>chDB allows one engine per process, so every run of this class shares one data directory.</remarks>
public sealed class DemoCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "healthcode-demo-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // chDB may still hold files open until the process ends; the temp folder is cleaned by the OS.
        }
    }

    [Fact]
    public async Task Demo_SimulatedFilesWithMalformedLinesRunTwice_CountsEveryLineAndStoresEachRecordOnce()
    {
        var input = Path.Combine(_root, "input");
        var config = WriteConfig();
        Assert.Equal(0, await NodeCommands.RunAsync(["simulate", "--out", input, "--people", "2000", "--days", "2",
            "--seed", "7", "--malformed", "4", "--start", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2)
                .ToString("yyyy-MM-dd", null)]));
        var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(input, "manifest.json")))
            .RootElement.GetProperty("feeds");

        var first = await RunDemoAsync(input, config, "first.json");
        var second = await RunDemoAsync(input, config, "second.json");

        foreach (var feed in manifest.EnumerateObject())
        {
            var valid = feed.Value.GetProperty("valid_lines").GetInt64();
            var malformed = feed.Value.GetProperty("malformed_lines").GetInt64();
            Assert.Equal(valid, first.GetProperty("records").GetProperty(feed.Name).GetInt64());
            Assert.Equal(malformed, first.GetProperty("dead_letters").GetProperty(feed.Name).GetInt64());
            Assert.Equal(malformed, first.GetProperty("dead_letters_on_topics").GetProperty(feed.Name).GetInt64());
        }

        var pings = manifest.GetProperty("pings").GetProperty("valid_lines").GetInt64();
        var subscribers = manifest.GetProperty("subscribers").GetProperty("valid_lines").GetInt64();
        Assert.True(pings > 1000, "the simulation should produce pings");
        Assert.Equal(pings, first.GetProperty("clickhouse_rows").GetProperty("pings").GetInt64());
        Assert.Equal(subscribers, first.GetProperty("clickhouse_rows").GetProperty("subscribers").GetInt64());
        Assert.Equal(first.GetProperty("clickhouse_rows").ToString(), second.GetProperty("clickhouse_rows").ToString());
    }

    private async Task<JsonElement> RunDemoAsync(string input, string config, string name)
    {
        var summary = Path.Combine(_root, name);

        Assert.Equal(0, await NodeCommands.RunAsync(["demo", "--input", input, "--summary", summary,
            "--config", config]));

        return JsonDocument.Parse(await File.ReadAllTextAsync(summary)).RootElement;
    }

    private string WriteConfig()
    {
        Directory.CreateDirectory(_root);
        var path = Path.Combine(_root, "healthcode.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            node = new { dataDirectory = Path.Combine(_root, "data"), metricsPort = 0 },
            ingest = new { pepper = "demo-test-pepper" },

            // One partition holds every ping: far more than the ~5 MB the mock cluster keeps per partition, so
            // the run only stores every record if ingest waits for the storage consumers.
            kafka = new { defaultPartitions = 1 },
        }));
        return path;
    }
}
