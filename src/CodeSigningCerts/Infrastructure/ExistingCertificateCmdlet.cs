using System.Management.Automation;

namespace CodeSigningCerts.Infrastructure
{
    /// <summary>
    /// The base of the cmdlets that act on one uploaded certificate, named by -Id or piped as the object
    /// Get- or New- returned: the two parameters, and the id and error target they resolve to.
    /// </summary>
    public abstract class ExistingCertificateCmdlet : ConnectedCmdlet
    {
        /// <summary>The parameter set of -Id.</summary>
        protected const string IdSet = "Id";

        /// <summary>The parameter set of -InputObject.</summary>
        protected const string InputObjectSet = "InputObject";

        /// <summary>The id of the certificate.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CertificateIdCompleter))]
        public string Id { get; set; } = string.Empty;

        /// <summary>The certificate, as Get- or New-EnterpriseCodeSigningCertificate returned it.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        [ValidateNotNull]
        public EnterpriseCodeSigningCertificate? InputObject { get; set; }

        /// <summary>
        /// The id this input names, and what errors name as their target (the piped object, or the id);
        /// null after writing CertificateIdMissing when a piped object has no id.
        /// </summary>
        internal string? ResolveId(string action, out object target)
        {
            var id = ParameterSetName == InputObjectSet ? InputObject!.Id : Id;
            target = (object?)InputObject ?? id ?? string.Empty;
            if (string.IsNullOrEmpty(id))
            {
                WriteInputError(ErrorIds.CertificateIdMissing, ErrorCategory.InvalidArgument, "The input object has no Id: there is nothing to " + action + ".", target);
                return null;
            }

            return id;
        }
    }
}
