using System.Globalization;

namespace CodeSigningCerts.Bench;

/// <summary>The parent's command line.</summary>
internal sealed class BenchOptions
{
    public int Samples { get; private set; } = 20;

    public int Certificates { get; private set; } = 500;

    // 30: on the 2-core VM of docs/performance.md the median of 15 rounds moved by ±0.1 from run to run, as much as
    // the budget's margin; twice the rounds narrow that, for about 40 s more.
    public int Rounds { get; private set; } = 30;

    /// <summary>Warm-up rounds before the measured ones: the module's code reaches its optimized (tier-1) form only after a few thousand calls.</summary>
    public int WarmupRounds { get; private set; } = 6;

    /// <summary>Run at raised priority (nice -11 on Linux) so other work on the machine disturbs the samples less.</summary>
    public bool RaisePriority { get; private set; } = true;

    public int MemoryCertificates { get; private set; } = 10_000;

    public string ConnectArgs { get; private set; } = string.Empty;

    public bool Write { get; private set; } = true;

    public bool Quick { get; private set; }

    /// <summary>The sections to run (import, cold, percert, memory); all by default. A partial run is never written.</summary>
    public HashSet<string> Sections { get; private set; } = new(AllSections, StringComparer.OrdinalIgnoreCase);

    public static readonly string[] AllSections = ["import", "cold", "percert", "memory"];

    public bool Runs(string section) => Sections.Contains(section);

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException("A value is missing after " + args[i]);
            int NextInt() => int.Parse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--samples": options.Samples = NextInt(); break;
                case "--certificates": options.Certificates = NextInt(); break;
                case "--rounds": options.Rounds = NextInt(); break;
                case "--warmup": options.WarmupRounds = NextInt(); break;
                case "--normal-priority": options.RaisePriority = false; break;
                case "--memory": options.MemoryCertificates = NextInt(); break;
                case "--connect-args": options.ConnectArgs = Next(); break;
                case "--no-write": options.Write = false; break;
                case "--only":
                    options.Sections = new HashSet<string>(Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
                    options.Write = false;
                    break;
                case "--quick":
                    options.Quick = true;
                    options.Write = false;
                    options.Samples = 5;
                    options.Certificates = 100;
                    options.Rounds = 1;
                    options.WarmupRounds = 1;
                    options.MemoryCertificates = 1000;
                    break;
                default: throw new ArgumentException("Unknown option " + args[i] + " (see bench/README.md).");
            }
        }

        return options;
    }
}
