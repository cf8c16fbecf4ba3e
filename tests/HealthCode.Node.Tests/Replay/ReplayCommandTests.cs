using System.Globalization;
using System.Text.Json;
using HealthCode.Node.Cli;

namespace HealthCode.Node.Tests.Replay;

/// <summary><c>replay</c> end to end on the embedded components: partner files -> ingest -> Kafka -> engine.</summary>
public sealed class ReplayCommandTests : IDisposable
{
    private readonly string _root =
        Path.Combine(Path.GetTempPath(), "healthcode-replay-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Replay_HandBuiltScenario_GivesExactlyTheCodesTheRulesDefine()
    {
        var (lines, summary) = await ReplayAsync(seed: null);

        var byPerson = lines.Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("person").GetString()!);
        var expected = RuleScenario.Expected.ToDictionary(e => RuleScenario.KeyOf(e.Key), e => (e.Key, e.Value));

        var missing = expected.Where(e => !byPerson.ContainsKey(e.Key)).Select(e => e.Value.Key);
        var extra = RuleScenario.Letters.Where(l => !expected.ContainsKey(RuleScenario.KeyOf(l))
            && byPerson.ContainsKey(RuleScenario.KeyOf(l)));
        Assert.True(expected.Count == byPerson.Count && !missing.Any(),
            $"missing {string.Join(',', missing)}; also listed {string.Join(',', extra)}");
        foreach (var (key, (letter, (colour, until))) in expected)
        {
            var line = byPerson[key];
            Assert.True(colour == line.GetProperty("color").GetString(), $"{letter} should be {colour}: {line}");
            var expectedUntil = until?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'",
                CultureInfo.InvariantCulture);
            Assert.True(expectedUntil == line.GetProperty("until").GetString(),
                $"{letter} should be valid until {expectedUntil ?? "null"}: {line}");
        }

        Assert.Equal(1, summary.GetProperty("contacts").GetProperty("flight_close_contact").GetInt32());
        Assert.Equal(1, summary.GetProperty("contacts").GetProperty("rail_close_contact").GetInt32());
        // B, G, H, J, J2 (released since) and L.
        Assert.Equal(6, summary.GetProperty("contacts").GetProperty("companion").GetInt32());
        Assert.Equal(2, summary.GetProperty("contacts").GetProperty("fellow_traveller").GetInt32());
    }

    [Fact]
    public async Task Replay_EvidenceOfAContact_NamesTheCaseOnlyByReference()
    {
        var (lines, _) = await ReplayAsync(seed: null);

        var b = lines.Single(l => l.Contains(RuleScenario.KeyOf("B"), StringComparison.Ordinal));
        var evidence = JsonDocument.Parse(b).RootElement.GetProperty("evidence").EnumerateArray().ToList();

        Assert.All(evidence, e => Assert.Equal("companion", e.GetProperty("rule").GetString()));
        Assert.All(evidence, e => Assert.StartsWith("case-", e.GetProperty("case").GetString()));
        Assert.DoesNotContain(RuleScenario.KeyOf("A"), b, StringComparison.Ordinal);
        Assert.DoesNotContain(RuleScenario.IdNumber("A"), b, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task Replay_ShuffledWithMalformedLines_GivesByteIdenticalOutput(int seed)
    {
        var (ordered, _) = await ReplayAsync(seed: null);

        var (shuffled, summary) = await ReplayAsync(seed);

        Assert.Equal(string.Join('\n', ordered), string.Join('\n', shuffled));
        Assert.All(summary.GetProperty("dead_letters").EnumerateObject(), f => Assert.Equal(1, f.Value.GetInt32()));
    }

    [Theory]
    [InlineData(13, 3)]
    [InlineData(14, 5)]
    public async Task Replay_ShuffledIntoPartitions_GivesTheOutputAndFiguresOfOneEngine(int seed, int partitions)
    {
        var (ordered, single) = await ReplayAsync(seed: null);

        var (shuffled, split) = await ReplayAsync(seed, partitions);

        Assert.Equal(string.Join('\n', ordered), string.Join('\n', shuffled));
        Assert.Equal(single.GetProperty("engine_pings").GetInt64(), split.GetProperty("engine_pings").GetInt64());
        Assert.Equal(single.GetProperty("contacts").ToString(), split.GetProperty("contacts").ToString());
    }

    private async Task<(IReadOnlyList<string> Lines, JsonElement Summary)> ReplayAsync(int? seed,
        int partitions = 1)
    {
        var run = Path.Combine(_root, $"{seed?.ToString(CultureInfo.InvariantCulture) ?? "ordered"}-{partitions}");
        var input = Path.Combine(run, "input");
        new RuleScenario().WriteTo(input, seed);
        var config = Path.Combine(run, "healthcode.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            node = new { dataDirectory = Path.Combine(run, "data"), metricsPort = 0 },
            risk = new { enginePartitions = partitions },
        }));
        var output = Path.Combine(run, "codes.jsonl");
        var summary = Path.Combine(run, "summary.json");

        Assert.Equal(0, await NodeCommands.RunAsync(["replay", "--input", input, "--now", RuleScenario.NowText,
            "--pepper", RuleScenario.Pepper, "--out", output, "--summary", summary, "--config", config]));

        // A replay starts from nothing: it must not open (and so rebuild from) the data directory's ClickHouse.
        Assert.False(Directory.Exists(Path.Combine(run, "data", "clickhouse")), "a replay opened ClickHouse");

        var lines = await File.ReadAllLinesAsync(output);
        return (lines, JsonDocument.Parse(await File.ReadAllTextAsync(summary)).RootElement);
    }
}
