namespace HealthCode.Simulator.Feeds;

/// <summary>The ways a line is deliberately broken; each breaks the design's input contract.</summary>
internal enum MalformedKind
{
    BadJson,
    NotAnObject,
    MissingField,
    WrongType,
    BadTimestamp,
    BadIdNumber,
    BadMsisdn,
    LatitudeOutOfRange,
    LongitudeOutOfRange,
    BadSeat,
    CarriageOutOfRange,
    ArrivesBeforeDeparts,
    BadServiceDate,
    UnknownStatus,
    NegativeRadius,
    EndsBeforeStart,
    SymptomsNotAList,
    ImplausibleTemperature,
    WrongColumnCount,
    NonNumericAccuracy,
    NonPositiveAccuracy,
}
