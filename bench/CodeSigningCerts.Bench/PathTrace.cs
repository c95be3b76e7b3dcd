using System.Diagnostics.Tracing;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace CodeSigningCerts.Bench;

/// <summary>
/// Issue 23's path count, measured rather than read: which of the module's source files and types run when one new
/// certificate goes from New- to Graph's POST and back to the screen. In a child process the module is imported and
/// connected, then the runtime's JIT events are recorded while "$certificate | New-…" runs and every property
/// of what it returns is read, as a view shows them: every method of
/// the module compiled in that window is a method the command ran for the first time. The portable PDBs built beside
/// the module (src/*/bin) name each method's source file. Lambdas and async state machines count as the type and file
/// that declare them.
/// Its limit: a method that import or Connect- already ran is compiled then, not in the window, so it is not seen here;
/// the child prints the types Connect- ran as well, for a reader to judge which of them New- also calls.
/// </summary>
internal static class PathTrace
{
    private static readonly string[] ModuleAssemblies = ["CodeSigningCerts", "CodeSigningCerts.Engine", "CodeSigningCerts.Loader"];

    public static Dictionary<string, object?> Run(string manifest, Uri graph, string token)
    {
        using var certificate = BenchCertificates.Load(BenchCertificates.CreateDer(1, rsa: true, label: "Path")[0]);
        using var listener = new JitListener();
        using var runspace = Hosted.Open();
        Hosted.Warm(runspace);
        listener.Mark("import");
        Hosted.Import(runspace, manifest);
        listener.Mark("connect");
        Hosted.Connect(runspace, graph, token, string.Empty);
        listener.Mark("new");
        runspace.SessionStateProxy.SetVariable("pathCertificate", certificate);
        var shown = Hosted.Invoke(runspace, ps => ps.AddScript("$pathCertificate | New-EnterpriseCodeSigningCertificate | ForEach-Object { \"$($_.PSObject.Properties.Value)\" }"));
        listener.Mark("end");
        if (shown.Count != 1)
        {
            throw new InvalidOperationException("New- returned " + shown.Count + " objects.");
        }

        var sources = new SourceMap(Path.GetDirectoryName(manifest)!);
        return new Dictionary<string, object?>
        {
            ["new"] = Describe(listener.MethodsIn("new"), sources),
            ["connect"] = Describe(listener.MethodsIn("connect"), sources),
        };
    }

    private static Dictionary<string, object?> Describe(IReadOnlyCollection<JittedMethod> methods, SourceMap sources)
    {
        var ours = methods.Where(m => m.TypeName.StartsWith("CodeSigningCerts.", StringComparison.Ordinal) && !m.TypeName.StartsWith("CodeSigningCerts.Bench.", StringComparison.Ordinal)).ToList();
        var types = ours.Select(m => DeclaringType(m.TypeName)).Where(t => !t.StartsWith('<')).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var files = ours.Select(sources.FileOf).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new Dictionary<string, object?>
        {
            ["methods"] = ours.Count,
            ["types"] = types,
            ["files"] = files,
        };
    }

    /// <summary>"A.B+<>c__DisplayClass3_0" and "A.B+<SendAsync>d__7" are A.B's; a real nested type keeps its name.</summary>
    private static string DeclaringType(string typeName)
    {
        var generated = typeName.IndexOf("+<", StringComparison.Ordinal);
        var name = generated < 0 ? typeName : typeName[..generated];
        var generic = name.IndexOf('[', StringComparison.Ordinal);
        return generic < 0 ? name : name[..generic];
    }

    internal sealed record JittedMethod(string TypeName, string MethodName, int Token, string Window);

    /// <summary>The runtime's MethodLoadVerbose events (JIT keyword), each filed under the window it came in.</summary>
    private sealed class JitListener : EventListener
    {
        private const int MethodLoadVerbose = 143;
        private readonly List<JittedMethod> _methods = [];
        private string _window = "before";

        public void Mark(string window)
        {
            // The runtime hands its events to listeners on a thread of its own, a little after the fact.
            Thread.Sleep(1500);
            lock (_methods)
            {
                _window = window;
            }
        }

        public IReadOnlyCollection<JittedMethod> MethodsIn(string window)
        {
            lock (_methods)
            {
                return _methods.Where(m => m.Window == window).ToList();
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x10);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventId != MethodLoadVerbose || eventData.Payload is null || eventData.PayloadNames is null)
            {
                return;
            }

            var typeName = (string?)eventData.Payload[eventData.PayloadNames.IndexOf("MethodNamespace")] ?? string.Empty;
            var methodName = (string?)eventData.Payload[eventData.PayloadNames.IndexOf("MethodName")] ?? string.Empty;
            var token = Convert.ToInt32(eventData.Payload[eventData.PayloadNames.IndexOf("MethodToken")], System.Globalization.CultureInfo.InvariantCulture);
            lock (_methods)
            {
                _methods.Add(new JittedMethod(typeName, methodName, token, _window));
            }
        }
    }

    /// <summary>A method's source file, from the portable PDB whose id matches the assembly in the module folder.</summary>
    private sealed class SourceMap
    {
        private readonly List<(string Assembly, MetadataReader Pdb)> _pdbs = [];

        public SourceMap(string moduleDirectory)
        {
            foreach (var assembly in ModuleAssemblies)
            {
                var dll = Directory.EnumerateFiles(moduleDirectory, assembly + ".dll", SearchOption.AllDirectories).First();
                var id = PdbId(dll);
                var pdb = Directory.EnumerateFiles(Path.Combine(Paths.RepositoryRoot, "src", assembly, "bin"), assembly + ".pdb", SearchOption.AllDirectories)
                    .Select(path => MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(path)).GetMetadataReader())
                    .FirstOrDefault(reader => new BlobContentId(reader.DebugMetadataHeader!.Id).Guid == id)
                    ?? throw new InvalidOperationException("No PDB under src/" + assembly + "/bin matches " + dll + ": build again.");
                _pdbs.Add((assembly, pdb));
            }
        }

        public string? FileOf(JittedMethod method)
        {
            var assembly = ModuleAssemblies.Where(a => method.TypeName.StartsWith(a + ".", StringComparison.Ordinal)).MaxBy(a => a.Length);
            if (assembly is null)
            {
                return null;
            }

            var pdb = _pdbs.Single(p => p.Assembly == assembly).Pdb;
            var handle = MetadataTokens.MethodDefinitionHandle(method.Token & 0x00FFFFFF);
            var points = pdb.GetMethodDebugInformation(handle).GetSequencePoints().Where(p => !p.IsHidden).ToList();
            if (points.Count == 0)
            {
                return null;
            }

            var path = pdb.GetString(pdb.GetDocument(points[0].Document).Name);
            return Path.GetRelativePath(Paths.RepositoryRoot, path).Replace('\\', '/');
        }

        private static Guid PdbId(string dll)
        {
            using var pe = new PEReader(File.OpenRead(dll));
            var codeView = pe.ReadDebugDirectory().First(entry => entry.Type == DebugDirectoryEntryType.CodeView);
            return pe.ReadCodeViewDebugDirectoryData(codeView).Guid;
        }
    }
}
