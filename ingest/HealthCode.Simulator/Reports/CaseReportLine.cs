using HealthCode.Simulator.Epidemic;

namespace HealthCode.Simulator.Reports;

/// <summary>One line of the <c>cases</c> feed.</summary>
internal sealed record CaseReportLine(int Person, CaseStatus Status, int ReportedAt);
