using HealthCode.Simulator.Epidemic;
using HealthCode.Simulator.Randomness;
using HealthCode.Simulator.Time;

namespace HealthCode.Simulator.Reports;

/// <summary>
/// Daily health declarations of people under observation: every reported case and every true contact, for 14
/// days from the case's first report. A declaration is abnormal while its author is ill; a few healthy people
/// also report a headache or a slightly raised temperature, and some days nobody remembers to declare.
/// </summary>
internal sealed class DeclarationBuilder
{
    private const int Day = SimClock.SecondsPerDay;
    private const int Hour = 3600;
    private const int ObservationSeconds = 14 * Day;
    private const double SkippedShare = 0.03;
    private const double FalseAlarmShare = 0.01;

    private static readonly string[] FeverSymptoms =
        ["fever", "cough", "sore throat", "fatigue", "headache", "muscle ache", "loss of taste"];

    private static readonly string[] LingeringSymptoms = ["cough", "fatigue"];

    private readonly ulong _seed;
    private readonly EpidemicState _state;
    private readonly int _days;

    public DeclarationBuilder(ulong seed, EpidemicState state, int days)
    {
        _seed = seed;
        _state = state;
        _days = days;
    }

    /// <summary>The declarations of everyone observed (cases and contacts), in time order.</summary>
    public List<DeclarationLine> Build(Observations observations)
    {
        var lines = new List<DeclarationLine>();

        foreach (var (person, starts) in observations.InPersonOrder())
        {
            for (var day = 0; day < _days; day++)
            {
                var rng = Rng.For(_seed, RandomStream.Declaration, person, day);
                var at = day * Day + 7 * Hour + rng.Next(3 * Hour);

                if (starts.Any(s => at >= s && at < s + ObservationSeconds) && !rng.Chance(SkippedShare))
                {
                    lines.Add(Declare(person, at, ref rng));
                }
            }
        }

        return lines.OrderBy(l => l.DeclaredAt).ThenBy(l => l.Person).ToList();
    }

    private DeclarationLine Declare(int person, int at, ref Rng rng)
    {
        var course = _state.CourseOf(person);

        if (course is { Symptomatic: true } && at >= course.OnsetAt && at < course.FeverUntil)
        {
            return new DeclarationLine(person, at, Round(rng.Uniform(37.4, 39.3)), Pick(FeverSymptoms, 1, 3, ref rng));
        }

        if (course is { Symptomatic: true } && at >= course.OnsetAt && at < course.SymptomsUntil)
        {
            return new DeclarationLine(person, at, Normal(ref rng), Pick(LingeringSymptoms, 1, 2, ref rng));
        }

        if (_state.EpisodesOf(person).Any(e => !e.IsInfection && Math.Abs(at - e.ReportedAt) < Day))
        {
            return new DeclarationLine(person, at, Round(rng.Uniform(37.3, 38.2)), ["sore throat"]);
        }

        if (rng.Chance(FalseAlarmShare))
        {
            return rng.Chance(0.5)
                ? new DeclarationLine(person, at, Normal(ref rng), ["headache"])
                : new DeclarationLine(person, at, 37.3, []);
        }

        return new DeclarationLine(person, at, Normal(ref rng), []);
    }

    /// <summary>A healthy reading: around 36.6, never reaching the 37.3 that makes a declaration abnormal.</summary>
    private static double Normal(ref Rng rng) => Round(Math.Clamp(rng.Normal(36.6, 0.2), 35.9, 37.2));

    private static double Round(double celsius) => Math.Round(celsius, 1, MidpointRounding.AwayFromZero);

    private static string[] Pick(string[] from, int min, int max, ref Rng rng)
    {
        var count = rng.Next(min, max + 1);
        var chosen = new SortedSet<int>();

        while (chosen.Count < count)
        {
            chosen.Add(rng.Next(from.Length));
        }

        return chosen.Select(i => from[i]).ToArray();
    }
}
