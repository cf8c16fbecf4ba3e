namespace HealthCode.Simulator.Epidemic;

/// <summary>
/// Who is infected and who has been reported. Written only between days, by the transmission step; day plans
/// of the next day read it from many threads.
/// </summary>
internal sealed class EpidemicState
{
    private readonly InfectionCourse?[] _courses;
    private readonly List<CaseEpisode>?[] _episodes;
    private readonly List<InfectionCourse> _infections = [];

    public EpidemicState(int people)
    {
        _courses = new InfectionCourse?[people];
        _episodes = new List<CaseEpisode>?[people];
    }

    /// <summary>Every infection in the order it happened (seeds first).</summary>
    public IReadOnlyList<InfectionCourse> Infections => _infections;

    public InfectionCourse? CourseOf(int person) => _courses[person];

    public IReadOnlyList<CaseEpisode> EpisodesOf(int person) => (IReadOnlyList<CaseEpisode>?)_episodes[person] ?? [];

    public bool IsSusceptible(int person) => _courses[person] is null;

    public void AddInfection(InfectionCourse course)
    {
        if (_courses[course.Person] is not null)
        {
            throw new InvalidOperationException($"Person {course.Person} is already infected.");
        }

        _courses[course.Person] = course;
        _infections.Add(course);
    }

    public void AddEpisode(int person, CaseEpisode episode)
    {
        var list = _episodes[person] ??= [];
        list.Add(episode);
        list.Sort((a, b) => a.ReportedAt.CompareTo(b.ReportedAt));
    }

    /// <summary>Drops episodes not yet begun, e.g. a planned false alarm of someone now truly infected.</summary>
    public void RemoveEpisodesFrom(int person, int from, bool falseAlarmsOnly)
    {
        _episodes[person]?.RemoveAll(e => e.IsolationFrom >= from && (!falseAlarmsOnly || !e.IsInfection));
    }

    /// <summary>The episode whose isolation (clinic, ward or home quarantine) overlaps a span, if any.</summary>
    public CaseEpisode? EpisodeTouching(int person, int from, int to)
    {
        var list = _episodes[person];

        if (list is null)
        {
            return null;
        }

        foreach (var episode in list)
        {
            if (episode.Touches(from, to))
            {
                return episode;
            }
        }

        return null;
    }

    public bool IsIsolatedDuring(int person, int from, int to) => EpisodeTouching(person, from, to) is not null;
}
