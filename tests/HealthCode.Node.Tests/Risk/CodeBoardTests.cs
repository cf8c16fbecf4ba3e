using HealthCode.Node.Risk;
using V1 = HealthCode.Contracts.Events.V1;

namespace HealthCode.Node.Tests.Risk;

public sealed class CodeBoardTests
{
    [Fact]
    public void Accept_ChangeWithEvidence_KeepsItWithoutTheEvidence()
    {
        var board = new CodeBoard();
        var change = Change("p1", 1, V1.CodeColour.Yellow);
        change.Evidence.Add(new V1.CodeEvidence { Rule = "companion", RecordIds = { "0a", "0b" } });

        Assert.True(board.Accept(change));

        var kept = Assert.Single(board.Latest());
        Assert.Empty(kept.Evidence);
        Assert.Equal(V1.CodeColour.Yellow, kept.NewColour);
        Assert.Equal(9_000, kept.ValidUntilMs);
    }

    [Fact]
    public void Accept_RepeatOrOlderChange_KeepsTheNewer()
    {
        var board = new CodeBoard();

        Assert.True(board.Accept(Change("p1", 2, V1.CodeColour.Red)));
        Assert.False(board.Accept(Change("p1", 1, V1.CodeColour.Yellow)));
        Assert.False(board.Accept(Change("p1", 2, V1.CodeColour.Red)));

        Assert.Equal(V1.CodeColour.Red, Assert.Single(board.Latest()).NewColour);
        Assert.Equal(1, board.Accepted);
    }

    private static V1.CodeChange Change(string person, long sequence, V1.CodeColour colour) => new()
    {
        PersonKey = person,
        Sequence = sequence,
        NewColour = colour,
        ValidUntilMs = 9_000,
    };
}
