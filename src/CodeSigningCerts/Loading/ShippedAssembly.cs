using System;

namespace CodeSigningCerts.Loading
{
    /// <summary>One assembly the module ships for Windows PowerShell 5.1, as its file declares it (read without loading it).</summary>
    internal sealed class ShippedAssembly
    {
        public ShippedAssembly(string name, Version version, byte[]? publicKeyToken, string path)
        {
            Name = name;
            Version = version;
            PublicKeyToken = publicKeyToken ?? Array.Empty<byte>();
            Path = path;
        }

        public string Name { get; }

        public Version Version { get; }

        /// <summary>Empty for an assembly without a strong name.</summary>
        public byte[] PublicKeyToken { get; }

        public string Path { get; }
    }
}
