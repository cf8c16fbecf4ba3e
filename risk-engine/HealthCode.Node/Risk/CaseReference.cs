using System.Security.Cryptography;
using System.Text;

namespace HealthCode.Node.Risk;

/// <summary>
/// The opaque reference under which a case appears in a person's evidence: stable per case, but not the case's
/// person key, so an app showing the evidence cannot be used to follow the case through other records.
/// </summary>
internal static class CaseReference
{
    /// <summary>"case-" and 12 hex digits of SHA-256 over a purpose prefix and the case's key.</summary>
    public static string Of(string caseKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(caseKey);

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes("healthcode/case-reference/v1/" + caseKey));
        return "case-" + Convert.ToHexStringLower(digest.AsSpan(0, 6));
    }
}
