using System.Text.Json;
using HealthCode.Node.Cli;

namespace HealthCode.Node.Tests.Commands;

/// <summary>
/// The demo end to end on the embedded components: simulator files -> ingest -> Kafka -> risk engine and chDB.
/// </summary>
/// <remarks>chDB allows one engine per process, so every run of this class shares one data directory.</remarks>
[Collection(ChdbCollection.Name)]
public sealed class DemoCommandTests : IDisposable
{
    private readonly string _root =
        Path.Combine(Path.GetTempPath(), "healthcode-demo-" + Guid.NewGuid().ToString("N"));

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
    public async Task Demo_SimulatedFilesRunTwice_CountsEveryLineStoresEachRecordOnceAndRepeatsEngineFigures()
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
        Assert.Equal(InputRows(first), InputRows(second));

        AssertEngineFigures(first, second);
    }

    /// <summary>
    /// The risk engine's figures: a red code for the confirmed cases, companion contacts scored against the truth,
    /// the API answering for a case, and the same contacts and codes from the second run's fresh journal.
    /// </summary>
    private static void AssertEngineFigures(JsonElement first, JsonElement second)
    {
        Assert.True(first.GetProperty("codes").GetProperty("red").GetInt32() >= 1, "a confirmed case should be red");
        Assert.True(first.GetProperty("contacts").TryGetProperty("companion", out _), "companions should be counted");

        var latency = first.GetProperty("detection_latency_seconds");
        var p50 = latency.GetProperty("p50").GetDouble();
        Assert.InRange(p50, 0, double.MaxValue);
        Assert.InRange(latency.GetProperty("p99").GetDouble(), p50, double.MaxValue);
        Assert.True(latency.GetProperty("cases").GetInt32() > 0, "case reports should be measured");

        var truth = first.GetProperty("companion_truth");
        Assert.InRange(truth.GetProperty("precision").GetDouble(), 0, 1);
        Assert.InRange(truth.GetProperty("recall").GetDouble(), 0, 1);
        Assert.True(truth.GetProperty("true_pairs").GetInt32() > 0, "the simulation should have companions");

        var sample = first.GetProperty("api_sample");
        Assert.Contains("/v1/codes/", sample.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal("red", sample.GetProperty("answer").GetProperty("color").GetString());

        Assert.Equal(0, first.GetProperty("engine_records_lost").GetInt64());
        Assert.Equal(first.GetProperty("records").GetProperty("pings").GetInt64(),
            first.GetProperty("engine_pings").GetInt64());
        Assert.True(first.GetProperty("code_changes_published").GetInt64() >= first.GetProperty("codes")
            .EnumerateObject().Sum(c => c.Value.GetInt64()), "each person not green had a change published");
        Assert.Equal(first.GetProperty("contacts").ToString(), second.GetProperty("contacts").ToString());
        Assert.Equal(first.GetProperty("codes").ToString(), second.GetProperty("codes").ToString());
    }

    /// <summary>
    /// The ClickHouse rows stored from the input: the engine's contacts and code changes are left out, because every
    /// run publishes its own decisions into the same tables.
    /// </summary>
    private static string InputRows(JsonElement summary) => string.Join(", ", summary.GetProperty("clickhouse_rows")
        .EnumerateObject()
        .Where(t => t.Name is not ("contacts" or "code_changes"))
        .Select(t => $"{t.Name} {t.Value}"));

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
