using HealthCode.Ingest.Identity;
using HealthCode.Node.Demo;

namespace HealthCode.Node.Tests.Demo;

/// <summary>The demo's comparison of companion contacts with the simulator's ground truth.</summary>
public sealed class CompanionScoreTests : IDisposable
{
    private readonly string _root =
        Path.Combine(Path.GetTempPath(), "healthcode-score-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void Of_SomeFlaggedPairsTrue_GivesPrecisionAndRecall()
    {
        HashSet<(string, string)> flagged = [("a", "x"), ("b", "x"), ("c", "y"), ("d", "y")];
        HashSet<(string, string)> truth = [("a", "x"), ("b", "x"), ("e", "y")];

        var score = CompanionScore.Of(flagged, truth);

        Assert.Equal(new CompanionScore(0.5, 0.6667, 3, 4, 2), score);
    }

    [Fact]
    public void Of_NothingFlaggedOrTrue_IsZeroNotNaN()
    {
        HashSet<(string, string)> none = [];

        Assert.Equal(new CompanionScore(0, 0, 0, 0, 0), CompanionScore.Of(none, none));
    }

    [Fact]
    public async Task ReadTruthAsync_TruthFile_KeysCompanionRowsOnly()
    {
        var truth = Path.Combine(_root, "truth");
        Directory.CreateDirectory(truth);
        await File.WriteAllLinesAsync(Path.Combine(truth, "contacts.jsonl"),
        [
            """{"id_number":"p1","case_id_number":"c1","rule":"companion"}""",
            """{"id_number":"p1","case_id_number":"c1","rule":"companion"}""",
            """{"id_number":"p2","case_id_number":"c1","rule":"flight_close_contact"}""",
            "",
        ]);
        var keys = new Pseudonymiser("score-test-pepper");

        var pairs = await CompanionScore.ReadTruthAsync(_root, keys, CancellationToken.None);

        Assert.Equal([(keys.PersonKey("P1"), keys.PersonKey("C1"))], pairs!);
    }

    [Fact]
    public async Task ReadTruthAsync_NoTruthFolder_IsNull()
    {
        Directory.CreateDirectory(_root);

        Assert.Null(await CompanionScore.ReadTruthAsync(_root, new Pseudonymiser("p"), CancellationToken.None));
    }
}
