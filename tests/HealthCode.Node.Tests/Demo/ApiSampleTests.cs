using HealthCode.Node.Demo;

namespace HealthCode.Node.Tests.Demo;

/// <summary>How the demo picks the case whose code it asks the API for.</summary>
public sealed class ApiSampleTests : IDisposable
{
    private readonly string _path =
        Path.Combine(Path.GetTempPath(), "healthcode-cases-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void CaseIdNumbers_MixedStatusesAndMalformedLines_ListsValidCasesConfirmedFirst()
    {
        File.WriteAllLines(_path,
        [
            """{"id_number":"A","status":"suspected","reported_at":"2026-11-26T14:09:41+08:00"}""",
            """{"id_number":"A","status":"confirmed","reported_at":"2026-11-26T23:55:49+08:00"}""",
            """{"id_number":"B","status":"suspected","reported_at":"2026-11-27T23:51:59+08:00"}""",
            """{"id_number":"E","status":1,"reported_at":"2026-11-27T23:51:59+08:00"}""",
            """{"id_number":"C","status":"confirmed",""",
            "not json",
            """{"id_number":"D","status":"confirmed","reported_at":"2026-11-28T10:55:18+08:00"}""",
            """{"id_number":"A","status":"confirmed","reported_at":"2026-11-28T10:55:18+08:00"}""",
        ]);

        Assert.Equal(["A", "D", "B"], ApiSample.CaseIdNumbers(_path));
    }
}
