using System;
using System.Globalization;

namespace CodeSigningCerts
{
    /// <summary>
    /// The status of a code-signing certificate in Intune. Graph defines notProvisioned and provisioned;
    /// any other value Graph sends is a value from the future and is kept as it came, not refused.
    /// Users set it by name (-Status Provisioned), compare it with strings ($c.Status -eq 'Provisioned').
    /// </summary>
    public readonly struct CertificateStatus : IEquatable<CertificateStatus>
    {
        private const string NotProvisionedValue = "notProvisioned";
        private const string ProvisionedValue = "provisioned";
        private readonly string? _graphValue;

        private CertificateStatus(string graphValue)
        {
            _graphValue = graphValue;
        }

        /// <summary>Graph's default: not yet provisioned to devices.</summary>
        public static CertificateStatus NotProvisioned { get; } = new CertificateStatus(NotProvisionedValue);

        /// <summary>Provisioned to devices.</summary>
        public static CertificateStatus Provisioned { get; } = new CertificateStatus(ProvisionedValue);

        /// <summary>The names a user can give, for completion and messages.</summary>
        public static string[] KnownNames { get; } = { "NotProvisioned", "Provisioned" };

        /// <summary>The value as Graph spells it (notProvisioned, provisioned, or whatever Graph sent).</summary>
        public string GraphValue => _graphValue ?? NotProvisionedValue;

        /// <summary>False for a value this module version does not know.</summary>
        public bool IsKnown => GraphValue == NotProvisionedValue || GraphValue == ProvisionedValue;

        /// <summary>
        /// Parses a name a user typed (NotProvisioned or Provisioned, any case). PowerShell calls this when
        /// it converts a string to a status, so an unknown name is refused with the names that work.
        /// </summary>
        public static CertificateStatus Parse(string value)
        {
            if (string.Equals(value, NotProvisionedValue, StringComparison.OrdinalIgnoreCase))
            {
                return NotProvisioned;
            }

            if (string.Equals(value, ProvisionedValue, StringComparison.OrdinalIgnoreCase))
            {
                return Provisioned;
            }

            throw new FormatException(string.Format(CultureInfo.InvariantCulture, "'{0}' is not a certificate status. Use one of: {1}.", value, string.Join(", ", KnownNames)));
        }

        /// <summary>Reads the value Graph sent, keeping an unknown one.</summary>
        public static CertificateStatus FromGraph(string? graphValue)
        {
            if (string.IsNullOrEmpty(graphValue))
            {
                return NotProvisioned;
            }

            return string.Equals(graphValue, NotProvisionedValue, StringComparison.OrdinalIgnoreCase) ? NotProvisioned
                : string.Equals(graphValue, ProvisionedValue, StringComparison.OrdinalIgnoreCase) ? Provisioned
                : new CertificateStatus(graphValue!);
        }

        /// <summary>NotProvisioned, Provisioned, or Graph's own spelling of a value from the future.</summary>
        public override string ToString() => GraphValue switch
        {
            NotProvisionedValue => "NotProvisioned",
            ProvisionedValue => "Provisioned",
            _ => GraphValue,
        };

        /// <inheritdoc />
        public bool Equals(CertificateStatus other) => string.Equals(GraphValue, other.GraphValue, StringComparison.OrdinalIgnoreCase);

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj switch
        {
            CertificateStatus status => Equals(status),
            string text => string.Equals(ToString(), text, StringComparison.OrdinalIgnoreCase) || string.Equals(GraphValue, text, StringComparison.OrdinalIgnoreCase),
            _ => false,
        };

        /// <inheritdoc />
        public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(GraphValue);

        /// <summary>Equality.</summary>
        public static bool operator ==(CertificateStatus left, CertificateStatus right) => left.Equals(right);

        /// <summary>Inequality.</summary>
        public static bool operator !=(CertificateStatus left, CertificateStatus right) => !left.Equals(right);
    }
}
