using HealthCode.Node.Cli;

namespace HealthCode.Node.Tests.Commands;

public sealed class CommandLineTests
{
    [Fact]
    public void Parse_OptionsAndFlags_AreReadByName()
    {
        var commandLine = CommandLine.Parse(["demo", "--people", "500", "--verbose"]);

        Assert.Equal("demo", commandLine.Command);
        Assert.Equal(500, commandLine.Integer("people", 1));
        Assert.True(commandLine.Flag("verbose"));
        Assert.Equal(7, commandLine.Integer("days", 7));
    }

    [Fact]
    public void RejectUnknown_MisspelledOption_NamesIt()
    {
        var commandLine = CommandLine.Parse(["demo", "--peeple", "500"]);
        commandLine.Integer("people", 1);

        var error = Assert.Throws<UsageException>(commandLine.RejectUnknown);

        Assert.Contains("--peeple", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Integer_NotANumber_SaysWhichOption()
    {
        var commandLine = CommandLine.Parse(["demo", "--people", "many"]);

        var error = Assert.Throws<UsageException>(() => commandLine.Integer("people", 1));

        Assert.Contains("--people", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownCommand_ExitsWithUsage()
    {
        Assert.Equal(2, await NodeCommands.RunAsync(["frobnicate"]));
    }
}
