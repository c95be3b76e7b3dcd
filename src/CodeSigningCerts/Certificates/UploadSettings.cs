namespace CodeSigningCerts.Certificates
{
    /// <summary>How a command uploads: its switches, the status to create with, and how often a lost upload is sent again.</summary>
    internal sealed class UploadSettings
    {
        public UploadSettings(bool force, bool removeSuperseded, CertificateStatus status, int maxResends)
        {
            (Force, RemoveSuperseded, Status, MaxResends) = (force, removeSuperseded, status, maxResends);
        }

        /// <summary>-Force: upload even what is there already (a second copy is what the user asked for).</summary>
        public bool Force { get; }

        /// <summary>-RemoveSuperseded: after each upload, remove the entries it replaces.</summary>
        public bool RemoveSuperseded { get; }

        public CertificateStatus Status { get; }

        /// <summary>How often an upload whose answer was lost, and that no listing shows, is sent again: the connection's retry limit.</summary>
        public int MaxResends { get; }
    }
}
