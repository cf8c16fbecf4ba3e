using System.Text.Json;
using HealthCode.Simulator.Tests.Support;

namespace HealthCode.Simulator.Tests;

[Collection(SimulationCollection.Name)]
public sealed class CitySimulatorTests
{
    private static readonly SimulationSettings Small =
        new() { People = 400, Days = 2, Seed = 7, MalformedPerFeed = 3 };

    private readonly SimulationFixture _fixture;

    public CitySimulatorTests(SimulationFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task RunAsync_SameSeed_WritesByteIdenticalFiles()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();

        await CitySimulator.RunAsync(Small, first.Path);
        await CitySimulator.RunAsync(Small, second.Path);

        AssertSameFiles(first.Path, second.Path);
    }

    [Fact]
    public async Task RunAsync_OneThreadOrMany_WritesByteIdenticalFiles()
    {
        using var serial = new TempDirectory();
        using var parallel = new TempDirectory();

        await CitySimulator.RunAsync(new SimulationSettings
        {
            People = Small.People, Days = Small.Days, Seed = Small.Seed, MalformedPerFeed = 3,
            MaxDegreeOfParallelism = 1,
        }, serial.Path);
        await CitySimulator.RunAsync(new SimulationSettings
        {
            People = Small.People, Days = Small.Days, Seed = Small.Seed, MalformedPerFeed = 3,
            MaxDegreeOfParallelism = 4,
        }, parallel.Path);

        AssertSameFiles(serial.Path, parallel.Path);
    }

    [Fact]
    public async Task RunAsync_DifferentSeed_WritesDifferentFeeds()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();

        await CitySimulator.RunAsync(Small, first.Path);
        await CitySimulator.RunAsync(new SimulationSettings { People = 400, Days = 2, Seed = 8, MalformedPerFeed = 3 },
            second.Path);

        foreach (var feed in new[] { FeedNames.Subscribers, FeedNames.Pings })
        {
            var file = FeedNames.FileName(feed);
            Assert.NotEqual(File.ReadAllBytes(Path.Combine(first.Path, file)),
                File.ReadAllBytes(Path.Combine(second.Path, file)));
        }
    }

    [Fact]
    public void RunAsync_Finished_ReportMatchesFilesAndManifest()
    {
        var report = _fixture.Report;
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(_fixture.Directory, "manifest.json")));
        var feeds = manifest.RootElement.GetProperty("feeds");

        Assert.Equal(FeedNames.All, report.Feeds.Select(f => f.Name));

        foreach (var summary in report.Feeds)
        {
            var header = summary.Name == FeedNames.Pings ? 1 : 0;
            Assert.Equal(summary.ValidLines + summary.MalformedLines + header, _fixture.Lines[summary.Name].Length);
            Assert.Equal(SimulationFixture.Settings.MalformedPerFeed, summary.MalformedLines);
            Assert.Equal(summary.ValidLines, feeds.GetProperty(summary.Name).GetProperty("valid_lines").GetInt64());
            Assert.Equal(summary.MalformedLines,
                feeds.GetProperty(summary.Name).GetProperty("malformed_lines").GetInt64());
        }

        Assert.Equal(report.People, manifest.RootElement.GetProperty("people").GetInt32());
        Assert.Equal(report.Infections, manifest.RootElement.GetProperty("infections").GetInt32());
        Assert.Equal(report.Cases, manifest.RootElement.GetProperty("cases").GetInt32());
        Assert.Equal(report.Contacts, manifest.RootElement.GetProperty("contacts").GetInt64());
        Assert.Equal(report.Infections, _fixture.Infections.Count);
        Assert.Equal(report.Contacts, _fixture.Contacts.Count);
    }

    [Fact]
    public async Task RunAsync_InvalidSettings_ThrowsBeforeWriting()
    {
        using var directory = new TempDirectory();
        var target = Path.Combine(directory.Path, "never");

        await Assert.ThrowsAsync<ArgumentException>(() =>
            CitySimulator.RunAsync(new SimulationSettings { People = 0 }, target));

        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public async Task RunAsync_Cancelled_ThrowsOperationCanceled()
    {
        using var directory = new TempDirectory();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            CitySimulator.RunAsync(Small, directory.Path, cancellation.Token));
    }

    private static void AssertSameFiles(string expected, string actual)
    {
        var expectedFiles = Directory.GetFiles(expected, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(expected, f)).Order().ToList();
        var actualFiles = Directory.GetFiles(actual, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(actual, f)).Order().ToList();

        Assert.Equal(expectedFiles, actualFiles);
        Assert.Contains("manifest.json", expectedFiles);

        foreach (var file in expectedFiles)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(expected, file))
                .AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))), file + " differs");
        }
    }
}
