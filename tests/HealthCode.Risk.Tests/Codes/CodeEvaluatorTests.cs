using HealthCode.Risk.Codes;
using HealthCode.Risk.Inputs;
using HealthCode.Risk.Rules;
using static HealthCode.Risk.Tests.Given;

namespace HealthCode.Risk.Tests.Codes;

public sealed class CodeEvaluatorTests
{
    private readonly CodeEvaluator _evaluator = new(Settings);

    [Fact]
    public void Evaluate_NoInputs_IsGreen()
    {
        Assert.Equal(CodeState.Green, Code(Day(1)));
    }

    [Fact]
    public void Evaluate_SeveralExposures_TakesMostSevereColourAndItsLatestEnd()
    {
        ContactFlag[] flags =
        [
            Flag(CodeColour.Red, Day(1), Day(14), "red-a"),
            Flag(CodeColour.Red, Day(2), Day(16), "red-b"),
            Flag(CodeColour.Yellow, Day(3), Day(20), "yellow"),
        ];

        var code = Code(Day(5), flags);

        Assert.Equal(CodeColour.Red, code.Colour);
        Assert.Equal(Day(16), code.ValidUntil);
        Assert.Equal(["red-a", "red-b"], code.Evidence.SelectMany(e => e.RecordIds));
    }

    [Fact]
    public void Evaluate_AfterRedEndsWhileYellowRuns_FallsToYellowWithoutDeclaration()
    {
        ContactFlag[] flags =
        [
            Flag(CodeColour.Red, Day(1), Day(14), "red"),
            Flag(CodeColour.Yellow, Day(3), Day(20), "yellow-a"),
            Flag(CodeColour.Yellow, Day(4), Day(18), "yellow-b"),
        ];

        var code = Code(Day(15), flags);

        Assert.Equal(CodeColour.Yellow, code.Colour);
        Assert.Equal(Day(20), code.ValidUntil);
        Assert.Equal(2, code.Evidence.Count);
    }

    [Fact]
    public void Evaluate_UnclearedCase_IsRedWithNoEnd()
    {
        var code = Code(Day(40), reports: [Report(CaseStatus.Confirmed, Day(1), key: PersonKey)]);

        Assert.Equal(CodeColour.Red, code.Colour);
        Assert.Null(code.ValidUntil);
        Assert.False(code.IsAwaitingDeclaration);
        Assert.Equal(Rule.Case, Assert.Single(code.Evidence).Rule);
    }

    [Fact]
    public void Evaluate_ClearedCase_IsRedUntil14DaysAfterClearedThenGreen()
    {
        CaseReport[] reports =
        [
            Report(CaseStatus.Suspected, Day(1), "r1", PersonKey),
            Report(CaseStatus.Confirmed, Day(2), "r2", PersonKey),
            Report(CaseStatus.Cleared, Day(10), "r3", PersonKey),
        ];
        Declaration[] declarations = [Normal(Day(23.5), "d1")];

        var before = Code(Day(9), reports: reports, declarations: declarations);
        var after = Code(Day(20), reports: reports, declarations: declarations);
        var released = Code(Day(24), reports: reports, declarations: declarations);

        Assert.Equal(CodeColour.Red, before.Colour);
        Assert.Null(before.ValidUntil);
        Assert.Equal(CodeColour.Red, after.Colour);
        Assert.Equal(Day(24), after.ValidUntil);
        Assert.Equal(["r1", "r2", "r3"], Assert.Single(after.Evidence).RecordIds);
        Assert.Equal(CodeState.Green, released);
    }

    [Fact]
    public void Evaluate_CaseAgainAfterClearance_IsRedWithNoEnd()
    {
        CaseReport[] reports =
        [
            Report(CaseStatus.Confirmed, Day(1), "r1", PersonKey),
            Report(CaseStatus.Cleared, Day(10), "r2", PersonKey),
            Report(CaseStatus.Confirmed, Day(12), "r3", PersonKey),
        ];

        var code = Code(Day(30), reports: reports);

        Assert.Equal(CodeColour.Red, code.Colour);
        Assert.Null(code.ValidUntil);
        Assert.Equal(["r3"], Assert.Single(code.Evidence).RecordIds);
    }

    [Fact]
    public void Evaluate_ClearedWithoutCase_ChangesNothing()
    {
        Assert.Equal(CodeState.Green, Code(Day(5), reports: [Report(CaseStatus.Cleared, Day(1), key: PersonKey)]));
    }

    [Fact]
    public void Evaluate_AbnormalDeclarationDuringQuarantine_TurnsRedAndRestarts14Days()
    {
        ContactFlag[] flags = [Flag(CodeColour.Yellow, Day(0), Day(7), "yellow")];
        Declaration[] declarations = [Fever(Day(3), "d1"), Normal(Day(16.5), "d2")];

        var code = Code(Day(4), flags, declarations: declarations);

        Assert.Equal(CodeColour.Red, code.Colour);
        Assert.Equal(Day(17), code.ValidUntil);
        Assert.Equal(Rule.AbnormalDeclaration, Assert.Single(code.Evidence).Rule);
        Assert.Equal(CodeState.Green, Code(Day(17), flags, declarations: declarations));
    }

    [Fact]
    public void Evaluate_SymptomsWithNormalTemperature_AreAbnormal()
    {
        ContactFlag[] flags = [Flag(CodeColour.Yellow, Day(0), Day(7), "yellow")];
        Declaration[] declarations = [new("d1", PersonKey, Day(3), 36.5, ["cough"])];

        Assert.Equal(CodeColour.Red, Code(Day(4), flags, declarations: declarations).Colour);
    }

    [Fact]
    public void Evaluate_AbnormalDeclarationOutsideQuarantine_StaysGreen()
    {
        ContactFlag[] flags = [Flag(CodeColour.Yellow, Day(10), Day(17), "yellow")];
        Declaration[] declarations = [Fever(Day(3), "d1")];

        Assert.Equal(CodeState.Green, Code(Day(5), flags, declarations: declarations));
        Assert.Equal(Day(17), Code(Day(11), flags, declarations: declarations).ValidUntil);
    }

    [Fact]
    public void Evaluate_NormalDeclarationInLast24Hours_TurnsGreenAtTheEnd()
    {
        ContactFlag[] flags = [Flag(CodeColour.Yellow, Day(0), Day(7), "yellow")];
        Declaration[] declarations = [Normal(Day(6).AddMinutes(1), "d1")];

        Assert.Equal(CodeColour.Yellow, Code(Day(7).AddTicks(-1), flags, declarations: declarations).Colour);
        Assert.Equal(CodeState.Green, Code(Day(7), flags, declarations: declarations));
    }

    [Fact]
    public void Evaluate_NormalDeclarationBeforeLast24Hours_WaitsWithNoEnd()
    {
        ContactFlag[] flags = [Flag(CodeColour.Yellow, Day(0), Day(7), "yellow")];
        Declaration[] declarations = [Normal(Day(6).AddMinutes(-1), "d1")];

        var code = Code(Day(9), flags, declarations: declarations);

        Assert.Equal(CodeColour.Yellow, code.Colour);
        Assert.Null(code.ValidUntil);
        Assert.True(code.IsAwaitingDeclaration);
        Assert.Equal(["yellow"], Assert.Single(code.Evidence).RecordIds);
    }

    [Fact]
    public void Evaluate_WaitingThenNormalDeclaration_TurnsGreenAtThatDeclaration()
    {
        ContactFlag[] flags = [Flag(CodeColour.Red, Day(0), Day(14), "red")];
        Declaration[] declarations = [Normal(Day(16), "d1")];

        Assert.True(Code(Day(16).AddTicks(-1), flags, declarations: declarations).IsAwaitingDeclaration);
        Assert.Equal(CodeColour.Red, Code(Day(16).AddTicks(-1), flags, declarations: declarations).Colour);
        Assert.Equal(CodeState.Green, Code(Day(16), flags, declarations: declarations));
    }

    [Fact]
    public void Evaluate_AbnormalDeclarationWhileWaiting_RestartsRed()
    {
        ContactFlag[] flags = [Flag(CodeColour.Yellow, Day(0), Day(7), "yellow")];
        Declaration[] declarations = [Fever(Day(9), "d1"), Normal(Day(22.5), "d2")];

        var code = Code(Day(10), flags, declarations: declarations);

        Assert.Equal(CodeColour.Red, code.Colour);
        Assert.Equal(Day(23), code.ValidUntil);
        Assert.False(code.IsAwaitingDeclaration);
        Assert.Equal(CodeState.Green, Code(Day(23), flags, declarations: declarations));
    }

    [Fact]
    public void Evaluate_OverlappingTerms_FormOneQuarantineCheckedOnlyAtItsLastEnd()
    {
        ContactFlag[] flags =
        [
            Flag(CodeColour.Yellow, Day(0), Day(7), "first"),
            Flag(CodeColour.Yellow, Day(5), Day(12), "second"),
        ];
        Declaration[] declarations = [Normal(Day(11.5), "d1")];

        var between = Code(Day(8), flags, declarations: declarations);

        Assert.Equal(CodeColour.Yellow, between.Colour);
        Assert.Equal(Day(12), between.ValidUntil);
        Assert.Equal(["second"], Assert.Single(between.Evidence).RecordIds);
        Assert.Equal(CodeState.Green, Code(Day(12), flags, declarations: declarations));
    }

    [Fact]
    public void Evaluate_TermStartingAtTheEnd_StartsTheNextQuarantine()
    {
        ContactFlag[] flags =
        [
            Flag(CodeColour.Yellow, Day(0), Day(7), "first"),
            Flag(CodeColour.Yellow, Day(7), Day(14), "second"),
        ];
        Declaration[] declarations = [Normal(Day(6.5), "d1"), Fever(Day(7), "d2")];

        var code = Code(Day(8), flags, declarations: declarations);

        // The fever falls inside the second quarantine, which started at its first term.
        Assert.Equal(CodeColour.Red, code.Colour);
        Assert.Equal(Day(21), code.ValidUntil);
    }

    [Fact]
    public void Evaluate_NewYellowWhileRedIsHeld_KeepsRedUntilNormalDeclaration()
    {
        ContactFlag[] flags =
        [
            Flag(CodeColour.Red, Day(0), Day(14), "red"),
            Flag(CodeColour.Yellow, Day(15), Day(22), "yellow"),
        ];
        Declaration[] declarations = [Normal(Day(17), "d1")];

        var held = Code(Day(16), flags, declarations: declarations);
        var yellow = Code(Day(18), flags, declarations: declarations);
        var waiting = Code(Day(23), flags, declarations: declarations);

        Assert.Equal(CodeColour.Red, held.Colour);
        Assert.True(held.IsAwaitingDeclaration);
        Assert.Equal(CodeColour.Yellow, yellow.Colour);
        Assert.Equal(Day(22), yellow.ValidUntil);
        Assert.Equal(CodeColour.Yellow, waiting.Colour);
        Assert.True(waiting.IsAwaitingDeclaration);
    }

    [Fact]
    public void Evaluate_RedEndingWhileYellowIsHeld_HoldsRed()
    {
        ContactFlag[] flags =
        [
            Flag(CodeColour.Yellow, Day(0), Day(7), "yellow"),
            Flag(CodeColour.Red, Day(8), Day(20), "red"),
        ];

        var code = Code(Day(25), flags);

        Assert.Equal(CodeColour.Red, code.Colour);
        Assert.Null(code.ValidUntil);
        Assert.True(code.IsAwaitingDeclaration);
        Assert.Equal(["red"], Assert.Single(code.Evidence).RecordIds);
    }

    [Fact]
    public void Evaluate_InputsAfterNow_AreIgnored()
    {
        ContactFlag[] flags = [Flag(CodeColour.Red, Day(5), Day(19), "red")];
        CaseReport[] reports = [Report(CaseStatus.Confirmed, Day(6), key: PersonKey)];

        Assert.Equal(CodeState.Green, Code(Day(4), flags, reports));
        Assert.Equal(Day(19), Code(Day(5.5), flags, reports).ValidUntil);
    }

    [Fact]
    public void Evaluate_FlagWhoseQuarantineEndedBeforeItWasRaised_IsIgnored()
    {
        ContactFlag[] flags = [Flag(CodeColour.Yellow, Day(10), Day(9), "late")];

        Assert.Equal(CodeState.Green, Code(Day(10), flags));
    }

    [Fact]
    public void Evaluate_InputOfAnotherPerson_Throws()
    {
        Assert.Throws<ArgumentException>(() => Code(Day(1), reports: [Report(CaseStatus.Confirmed, Day(0))]));
    }

    [Fact]
    public void Evaluate_ShuffledAndRepeatedInputs_GiveIdenticalResults()
    {
        ContactFlag[] flags =
        [
            Flag(CodeColour.Yellow, Day(0), Day(7), "y1"),
            Flag(CodeColour.Red, Day(2), Day(16), "r1"),
            Flag(CodeColour.Yellow, Day(15), Day(22), "y2"),
            Flag(CodeColour.Red, Day(30), Day(44), "r2"),
            Flag(CodeColour.Yellow, Day(31), Day(38), "y3"),
        ];
        CaseReport[] reports =
        [
            Report(CaseStatus.Suspected, Day(50), "c1", PersonKey),
            Report(CaseStatus.Cleared, Day(55), "c2", PersonKey),
            Report(CaseStatus.Confirmed, Day(58), "c3", PersonKey),
            Report(CaseStatus.Cleared, Day(60), "c4", PersonKey),
        ];
        Declaration[] declarations =
        [
            Normal(Day(6.5), "d1"), Fever(Day(10), "d2"), Normal(Day(17), "d3"), Normal(Day(23.2), "d4"),
            Fever(Day(35), "d5"), Normal(Day(48.5), "d6"), Normal(Day(72.5), "d7"), Normal(Day(80), "d8"),
        ];
        var instants = Enumerable.Range(0, 170).Select(i => Day(i * 0.5)).ToList();
        var expected = instants.Select(now => Code(now, flags, reports, declarations)).ToList();

        var random = new Random(42);
        for (var round = 0; round < 25; round++)
        {
            var shuffledFlags = flags.Concat(flags.Take(2)).OrderBy(_ => random.Next()).ToList();
            var shuffledReports = reports.Concat(reports.Take(1)).OrderBy(_ => random.Next()).ToList();
            var shuffledDeclarations = declarations.Concat(declarations.Skip(3)).OrderBy(_ => random.Next()).ToList();

            var actual = instants.Select(now => Code(now, shuffledFlags, shuffledReports, shuffledDeclarations));
            Assert.Equal(expected, actual);
        }

        Assert.Contains(expected, c => c.Colour == CodeColour.Red);
        Assert.Contains(expected, c => c.IsAwaitingDeclaration);
        Assert.Contains(expected, c => c.Colour == CodeColour.Green);
    }

    private CodeState Code(
        DateTimeOffset now,
        IEnumerable<ContactFlag>? flags = null,
        IEnumerable<CaseReport>? reports = null,
        IEnumerable<Declaration>? declarations = null) =>
        _evaluator.Evaluate(PersonKey, now, flags ?? [], reports ?? [], declarations ?? []);
}
