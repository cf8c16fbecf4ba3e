using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace HealthCode.Ingest.Tests.Publishing;

/// <summary>Writes log lines to the xUnit output of the running test.</summary>
internal sealed class TestOutputLogger(ITestOutputHelper output, LogLevel minimum = LogLevel.Information) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        try
        {
            var line = $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel,-11} {formatter(state, exception)}";
            output.WriteLine(exception is null ? line : $"{line}{Environment.NewLine}{exception}");
        }
        catch (InvalidOperationException)
        {
            // librdkafka threads may still log after the test has finished and xUnit has closed its output.
        }
    }
}
