using System.Globalization;

namespace CodeSigningCerts.Bench;

/// <summary>The parent's command line: --quick, --only LIST, --no-write (see bench/README.md).</summary>
internal sealed class BenchOptions
{
    /// <summary>The sections, in the order they run; each is one or two rows of the table.</summary>
    public static readonly string[] AllSections = ["import", "cold", "percert", "memory", "bulk", "verify", "tenants", "path"];

    /// <summary>Fresh processes per side for import and cold start.</summary>
    public int Samples { get; private set; } = 20;

    /// <summary>Sequential New- calls per round of the per-certificate guard.</summary>
    public int Certificates { get; private set; } = 500;

    /// <summary>
    /// Certificates per round of the per-command rows (issue 22), a command each: with a DELETE each, 80 writes, inside
    /// Intune's 100 per 20 s that their emulator enforces (its reset and a fresh Connect before every run empty the windows).
    /// </summary>
    public int CommandCertificates { get; private set; } = 40;

    /// <summary>Measured rounds of the per-command rows: their rounds are short (tens of ms), so more of them.</summary>
    public int CommandRounds { get; private set; } = 40;

    /// <summary>Measured rounds of the per-certificate guard (the median of the paired ratios counts).</summary>
    public int Rounds { get; private set; } = 20;

    /// <summary>Warm-up rounds before them: the module's code reaches its optimized (tier-1) form only after a few thousand calls.</summary>
    public int WarmupRounds { get; private set; } = 6;

    public int MemoryCertificates { get; private set; } = 10_000;

    /// <summary>Certificates of the bulk row (one paced run); the two-run row gives each run half of them.</summary>
    public int BulkCertificates { get; private set; } = 500;

    /// <summary>Certificates per tenant of the many-tenants row (one tenant alone, then two at once).</summary>
    public int TenantCertificates { get; private set; } = 250;

    public bool Write { get; private set; } = true;

    public HashSet<string> Sections { get; private set; } = new(AllSections, StringComparer.OrdinalIgnoreCase);

    public bool Runs(string section) => Sections.Contains(section);

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--no-write":
                    options.Write = false;
                    break;
                case "--only" when i + 1 < args.Length:
                    options.Sections = new HashSet<string>(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
                    if (options.Sections.FirstOrDefault(s => !AllSections.Contains(s, StringComparer.OrdinalIgnoreCase)) is { } unknown)
                    {
                        throw new ArgumentException($"Unknown section {unknown}; the sections are {string.Join(',', AllSections)}.");
                    }

                    options.Write = false;
                    break;
                case "--quick":
                    // Every row once, small: does the benchmark still run? 120 paced certificates wait for Intune's window once.
                    options.Write = false;
                    options.Samples = 3;
                    options.Certificates = 100;
                    options.CommandCertificates = 10;
                    options.CommandRounds = 2;
                    options.Rounds = 2;
                    options.WarmupRounds = 1;
                    options.MemoryCertificates = 1000;
                    options.BulkCertificates = 120;
                    options.TenantCertificates = 120;
                    break;
                default:
                    throw new ArgumentException("Unknown option " + args[i] + " (see bench/README.md).");
            }
        }

        return options;
    }

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
