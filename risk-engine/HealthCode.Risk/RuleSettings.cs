namespace HealthCode.Risk;

/// <summary>
/// Every number of the DESIGN contact and monitoring rules, immutable and checked as it is set, so that an invalid
/// configuration fails when the settings are built rather than at the first record.
/// </summary>
/// <remarks>
/// Defaults are the DESIGN defaults. <see cref="Version"/> is recorded in every piece of evidence, so a code can
/// always be traced back to the rule set that produced it; change it whenever any other value changes.
/// </remarks>
public sealed record RuleSettings
{
    /// <summary>The DESIGN defaults.</summary>
    public static RuleSettings Default { get; } = new();

    /// <summary>The name of this rule set, recorded in every piece of evidence.</summary>
    public string Version
    {
        get;
        init => field = string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException("RuleSettings.Version must name the rule set.", nameof(Version))
            : value;
    } = "design-defaults-1";

    /// <summary>The side of a grid cell in metres (800).</summary>
    public double CellMetres
    {
        get;
        init => field = value > 0 && !double.IsInfinity(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(CellMetres), value, "Cell size must be positive metres.");
    } = 800.0;

    /// <summary>The longest gap between two pings in one cell that still joins them in a stay (30 minutes).</summary>
    public TimeSpan StayGap { get; init => field = Positive(value, nameof(StayGap)); } = TimeSpan.FromMinutes(30);

    /// <summary>How far before a case's report its exposure window reaches (14 days).</summary>
    public TimeSpan ExposureWindow
    {
        get;
        init => field = Positive(value, nameof(ExposureWindow));
    } = TimeSpan.FromDays(14);

    /// <summary>The shortest overlap with a case in one cell that makes a companion (10 minutes).</summary>
    public TimeSpan CompanionMinOverlap
    {
        get;
        init => field = Positive(value, nameof(CompanionMinOverlap));
    } = TimeSpan.FromMinutes(10);

    /// <summary>The largest seat-row distance from a case on a flight that makes a close contact (3).</summary>
    public int FlightRowDistance
    {
        get;
        init => field = value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(FlightRowDistance), value, "Row distance must be >= 0.");
    } = 3;

    /// <summary>How long a case stays red after its cleared report (14 days).</summary>
    public TimeSpan CaseClearedQuarantine
    {
        get;
        init => field = Positive(value, nameof(CaseClearedQuarantine));
    } = TimeSpan.FromDays(14);

    /// <summary>How long a flight close contact stays red after the flight's arrival (14 days).</summary>
    public TimeSpan FlightCloseContactQuarantine
    {
        get;
        init => field = Positive(value, nameof(FlightCloseContactQuarantine));
    } = TimeSpan.FromDays(14);

    /// <summary>How long a rail close contact stays red after the later arrival (14 days).</summary>
    public TimeSpan RailCloseContactQuarantine
    {
        get;
        init => field = Positive(value, nameof(RailCloseContactQuarantine));
    } = TimeSpan.FromDays(14);

    /// <summary>How long a companion stays yellow after the end of the overlap (7 days).</summary>
    public TimeSpan CompanionQuarantine
    {
        get;
        init => field = Positive(value, nameof(CompanionQuarantine));
    } = TimeSpan.FromDays(7);

    /// <summary>How long a fellow traveller stays yellow after arrival (7 days).</summary>
    public TimeSpan FellowTravellerQuarantine
    {
        get;
        init => field = Positive(value, nameof(FellowTravellerQuarantine));
    } = TimeSpan.FromDays(7);

    /// <summary>The temperature in °C at or above which a declaration is abnormal (37.3).</summary>
    public double AbnormalTemperatureC
    {
        get;
        init => field = value is > 30 and < 45
            ? value
            : throw new ArgumentOutOfRangeException(
                nameof(AbnormalTemperatureC), value, "An abnormal temperature must be a body temperature in °C.");
    } = 37.3;

    /// <summary>The last stretch of a quarantine in which a normal declaration releases the code (24 hours).</summary>
    public TimeSpan DeclarationWindow
    {
        get;
        init => field = Positive(value, nameof(DeclarationWindow));
    } = TimeSpan.FromHours(24);

    /// <summary>How long the red code lasts after an abnormal declaration during a quarantine (14 days).</summary>
    public TimeSpan AbnormalRestart
    {
        get;
        init => field = Positive(value, nameof(AbnormalRestart));
    } = TimeSpan.FromDays(14);

    private static TimeSpan Positive(TimeSpan value, string name) => value > TimeSpan.Zero
        ? value
        : throw new ArgumentOutOfRangeException(name, value, $"RuleSettings.{name} must be a positive duration.");
}
