using System;
using System.Collections.Generic;
using CodeSigningCerts.Engine;

namespace CodeSigningCerts.Certificates
{
    /// <summary>
    /// What one certificate's upload came to, for the cmdlet to write: the entry the tenant holds for it (created now, or
    /// found there already) or the Graph failure that stopped it; and the problems of removing what it superseded or copied.
    /// Neither entry nor problem for an upload that -WhatIf or the user's "no" held back.
    /// </summary>
    internal sealed class UploadOutcome
    {
        private UploadOutcome(EnterpriseCodeSigningCertificate? entry, bool created, UploadProblem? problem, IReadOnlyList<UploadProblem>? removalProblems)
        {
            (Entry, Created, Problem, RemovalProblems) = (entry, created, problem, removalProblems ?? Array.Empty<UploadProblem>());
        }

        /// <summary>Held back by -WhatIf, a "no" to ShouldProcess, or a renewal already there (said as a warning): nothing to write.</summary>
        public static UploadOutcome NotSent { get; } = new UploadOutcome(null, false, null, null);

        /// <summary>The entry the tenant holds for the certificate now.</summary>
        public EnterpriseCodeSigningCertificate? Entry { get; }

        /// <summary>True when this upload created <see cref="Entry"/>; false when it was there already.</summary>
        public bool Created { get; }

        /// <summary>Why the certificate was refused, or how its upload failed.</summary>
        public UploadProblem? Problem { get; }

        /// <summary>Each entry this upload should have removed (superseded, or a copy) and could not.</summary>
        public IReadOnlyList<UploadProblem> RemovalProblems { get; }

        public static UploadOutcome Uploaded(EnterpriseCodeSigningCertificate created, IReadOnlyList<UploadProblem> removalProblems) =>
            new UploadOutcome(created, true, null, removalProblems);

        public static UploadOutcome AlreadyThere(EnterpriseCodeSigningCertificate entry, IReadOnlyList<UploadProblem> removalProblems) =>
            new UploadOutcome(entry, false, null, removalProblems);

        public static UploadOutcome Stopped(UploadProblem problem) => new UploadOutcome(null, false, problem, null);
    }

    /// <summary>
    /// A Graph failure as a value, for the cmdlet to turn into an ErrorRecord: the failure decides the error id, unless
    /// an id of ErrorTable says more about it (an upload whose outcome nobody can tell).
    /// </summary>
    internal sealed class UploadProblem
    {
        private UploadProblem(GraphException failure, object target, string? errorId, string? message)
        {
            (Failure, Target, ErrorId, Message) = (failure, target, errorId, message);
        }

        public GraphException Failure { get; }

        /// <summary>The input the error is about: the certificate, or the entry that could not be removed.</summary>
        public object Target { get; }

        /// <summary>The error id; null when <see cref="Failure"/> decides it.</summary>
        public string? ErrorId { get; }

        /// <summary>The message; null for the failure's own.</summary>
        public string? Message { get; }

        public static UploadProblem FromGraph(GraphException failure, object target) => new UploadProblem(failure, target, null, null);

        public static UploadProblem Explained(string errorId, string message, GraphException failure, object target) => new UploadProblem(failure, target, errorId, message);
    }
}
