using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace CodeSigningCerts.Tests.Desktop;

/// <summary>An assembly file read with System.Reflection.Metadata: its identity, its references, what its code throws. Never loaded.</summary>
public sealed class AssemblyFile
{
    private AssemblyFile(string path, string name, Version version, IReadOnlyList<(string Name, Version Version)> references, double platformNotSupportedShare)
    {
        Path = path;
        Name = name;
        Version = version;
        References = references;
        PlatformNotSupportedShare = platformNotSupportedShare;
    }

    public string Path { get; }

    public string Name { get; }

    public Version Version { get; }

    public IReadOnlyList<(string Name, Version Version)> References { get; }

    /// <summary>
    /// The share of the file's method bodies that do nothing but throw PlatformNotSupportedException (newobj of its
    /// constructor, then throw). A package's build for a platform it does not support (the netstandard2.0
    /// System.Security.Cryptography.Cng on .NET Framework) is made of such bodies; a real library has few or none.
    /// </summary>
    public double PlatformNotSupportedShare { get; }

    public static AssemblyFile Read(string path) =>
        TryRead(path) ?? throw new InvalidOperationException(path + " is not an assembly.");

    /// <summary>Null for a file that is no assembly (the reference assemblies' folder holds a few such .dll files).</summary>
    public static AssemblyFile? TryRead(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata || !pe.GetMetadataReader().IsAssembly)
        {
            return null;
        }

        var md = pe.GetMetadataReader();
        var definition = md.GetAssemblyDefinition();
        var references = md.AssemblyReferences
            .Select(md.GetAssemblyReference)
            .Select(r => (md.GetString(r.Name), r.Version))
            .ToList();
        return new AssemblyFile(path, md.GetString(definition.Name), definition.Version, references, PlatformNotSupportedShareOf(pe, md));
    }

    private static double PlatformNotSupportedShareOf(PEReader pe, MetadataReader md)
    {
        int bodies = 0, throwing = 0;
        foreach (var handle in md.MethodDefinitions)
        {
            var method = md.GetMethodDefinition(handle);
            if (method.RelativeVirtualAddress == 0)
            {
                continue; // Abstract, extern or a forwarder: no body.
            }

            bodies++;
            if (ThrowsPlatformNotSupported(pe.GetMethodBody(method.RelativeVirtualAddress).GetILBytes() ?? Array.Empty<byte>(), md))
            {
                throwing++;
            }
        }

        return bodies == 0 ? 0 : (double)throwing / bodies;
    }

    private const byte NewObj = 0x73;
    private const byte Throw = 0x7A;

    private static bool ThrowsPlatformNotSupported(byte[] il, MetadataReader md)
    {
        for (var i = 0; i + 5 < il.Length; i++)
        {
            if (il[i] != NewObj || il[i + 5] != Throw)
            {
                continue;
            }

            var token = BitConverter.ToInt32(il, i + 1);
            var handle = MetadataTokens.EntityHandle(token);
            if (handle.Kind == HandleKind.MemberReference && IsPlatformNotSupported(md.GetMemberReference((MemberReferenceHandle)handle).Parent, md))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPlatformNotSupported(EntityHandle type, MetadataReader md) =>
        type.Kind == HandleKind.TypeReference && md.GetString(md.GetTypeReference((TypeReferenceHandle)type).Name) == nameof(PlatformNotSupportedException);
}
