using System;

namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>
    /// What checking a signed file found: whether its signature holds and the file is what was signed (else the reason,
    /// as a <see cref="PackageTrustProblem"/> and in words), and the time a valid time-stamp gives its signature.
    /// </summary>
    internal sealed class SignatureVerification
    {
        private SignatureVerification(PackageTrustProblem? problem, string? reason, DateTime? timeStamp)
        {
            Problem = problem;
            Reason = reason;
            TimeStamp = timeStamp;
        }

        /// <summary><see cref="PackageTrustProblem.SignatureNotValid"/>, <see cref="PackageTrustProblem.ChangedAfterSigning"/>, or null when the file verifies.</summary>
        public PackageTrustProblem? Problem { get; }

        /// <summary>Why it does not verify, as a clause ("its AppxBlockMap.xml (AXBM) is not what was signed").</summary>
        public string? Reason { get; }

        /// <summary>When a valid time-stamp says the signature was made (UTC), or null when it has none.</summary>
        public DateTime? TimeStamp { get; }

        public bool Verified => Problem is null;

        /// <summary>
        /// Why the file does not verify as the start of a sentence, or null when it verifies: "&lt;it&gt; changed after it was
        /// signed: &lt;reason&gt;" or "&lt;its signature&gt; does not verify: &lt;reason&gt;". New-'s error and Test-'s reason say it
        /// in the same words, from here.
        /// </summary>
        public string? Describe(string it, string itsSignature) =>
            Reason is null
                ? null
                : (Problem == PackageTrustProblem.ChangedAfterSigning ? it + " changed after it was signed: " : itsSignature + " does not verify: ") + Reason;

        public static SignatureVerification Valid(DateTime? timeStamp) => new SignatureVerification(null, null, timeStamp);

        public static SignatureVerification NotValid(string reason, DateTime? timeStamp) => new SignatureVerification(PackageTrustProblem.SignatureNotValid, reason, timeStamp);

        public static SignatureVerification Changed(string reason, DateTime? timeStamp) => new SignatureVerification(PackageTrustProblem.ChangedAfterSigning, reason, timeStamp);
    }
}
