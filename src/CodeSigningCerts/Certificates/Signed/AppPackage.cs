using System;
using System.IO;
using System.IO.Compression;
using System.Threading;
using System.Xml;
using CodeSigningCerts.Certificates.Signed.Cms;

namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>
    /// An MSIX/APPX package or bundle (.msix, .appx, .msixbundle, .appxbundle): a zip whose AppxSignature.p7x holds the
    /// signature ("PKCX", then the PKCS#7 SignedData) and whose manifest (AppxManifest.xml, or for a bundle
    /// AppxMetadata/AppxBundleManifest.xml) names the publisher in its Identity element. Only the zip's directory and these
    /// two entries are read, each bounded, never the package's payload.
    /// </summary>
    internal sealed class AppPackage
    {
        internal const string SignatureEntry = "AppxSignature.p7x";
        internal const string ManifestEntry = "AppxManifest.xml";
        internal const string BundleManifestEntry = "AppxMetadata/AppxBundleManifest.xml";

        // "PKCX": what precedes the DER in AppxSignature.p7x.
        private static readonly byte[] P7xMagic = { 0x50, 0x4B, 0x43, 0x58 };

        private AppPackage(bool isBundle, string? publisher, byte[]? signature)
        {
            IsBundle = isBundle;
            Publisher = publisher;
            Signature = signature;
        }

        public bool IsBundle { get; }

        /// <summary>The manifest's Identity Publisher (a distinguished name), or null when the manifest has none.</summary>
        public string? Publisher { get; }

        /// <summary>The PKCS#7 SignedData from AppxSignature.p7x, or null for an unsigned package.</summary>
        public byte[]? Signature { get; }

        /// <summary>Whether the file starts as a zip does ("PK\x03\x04").</summary>
        public static bool RecognisesZip(byte[] head) => head.Length >= 4 && head[0] == 0x50 && head[1] == 0x4B && head[2] == 0x03 && head[3] == 0x04;

        /// <summary>Whether the file is an AppxSignature.p7x of its own ("PKCX").</summary>
        public static bool RecognisesP7x(byte[] head) => head.Length >= 4 && head[0] == P7xMagic[0] && head[1] == P7xMagic[1] && head[2] == P7xMagic[2] && head[3] == P7xMagic[3];

        /// <summary>
        /// The zip over <paramref name="stream"/> (left open), its directory parsed. One per package: <see cref="Read"/> and
        /// the package's digest (<see cref="AppPackageDigest"/>) both read their entries through it.
        /// </summary>
        /// <exception cref="PackageFormatException">The zip's directory cannot be read.</exception>
        public static ZipArchive Open(Stream stream)
        {
            try
            {
                return new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            }
            catch (InvalidDataException ex)
            {
                throw new PackageFormatException("it starts as a zip but its directory cannot be read: " + ex.Message.TrimEnd('.'));
            }
        }

        /// <summary>The package in the zip, or null when the zip is not an app package (it has no manifest).</summary>
        /// <exception cref="PackageFormatException">Its manifest cannot be read.</exception>
        /// <exception cref="SignatureFormatException">AppxSignature.p7x is not a signature.</exception>
        public static AppPackage? Read(ZipArchive archive, long maxEntryBytes)
        {
            var bundleManifest = archive.GetEntry(BundleManifestEntry);
            var manifest = bundleManifest ?? archive.GetEntry(ManifestEntry);
            if (manifest is null)
            {
                return null;
            }

            var publisher = ReadPublisher(ReadEntry(manifest, maxEntryBytes));
            var signatureEntry = archive.GetEntry(SignatureEntry);
            var signature = signatureEntry is null ? null : FromP7x(ReadEntry(signatureEntry, maxEntryBytes));
            return new AppPackage(bundleManifest is not null, publisher, signature);
        }

        /// <summary>The DER after the "PKCX" header.</summary>
        public static byte[] FromP7x(byte[] p7x)
        {
            if (!RecognisesP7x(p7x))
            {
                throw new SignatureFormatException(SignatureEntry + " does not start with its PKCX header");
            }

            var der = new byte[p7x.Length - P7xMagic.Length];
            Buffer.BlockCopy(p7x, P7xMagic.Length, der, 0, der.Length);
            return der;
        }

        private static byte[] ReadEntry(ZipArchiveEntry entry, long maxBytes)
        {
            using var copy = new MemoryStream();
            ReadEntry(entry, maxBytes, new byte[81920], (buffer, read) => copy.Write(buffer, 0, read), CancellationToken.None);
            return copy.ToArray();
        }

        /// <summary>
        /// Hands what <paramref name="entry"/> holds to <paramref name="take"/>, a chunk at a time, at most
        /// <paramref name="maxBytes"/> of it (Ctrl+C checked before each chunk). The declared size can lie (a zip bomb):
        /// the read itself stops at the bound too.
        /// </summary>
        internal static void ReadEntry(ZipArchiveEntry entry, long maxBytes, byte[] buffer, Action<byte[], int> take, CancellationToken cancel)
        {
            if (entry.Length > maxBytes)
            {
                throw TooLarge(entry, maxBytes);
            }

            try
            {
                using var content = entry.Open();
                long total = 0;
                while (true)
                {
                    cancel.ThrowIfCancellationRequested();
                    var read = content.Read(buffer, 0, buffer.Length);
                    if (read <= 0)
                    {
                        return;
                    }

                    total += read;
                    if (total > maxBytes)
                    {
                        throw TooLarge(entry, maxBytes);
                    }

                    take(buffer, read);
                }
            }
            catch (InvalidDataException ex)
            {
                throw new PackageFormatException(entry.FullName + " cannot be decompressed: " + ex.Message.TrimEnd('.'));
            }
        }

        private static PackageFormatException TooLarge(ZipArchiveEntry entry, long maxBytes) =>
            new PackageFormatException(entry.FullName + " is larger than " + (maxBytes / 1024) + " KiB uncompressed");

        /// <summary>The Publisher of the root element's Identity child (Package/Identity or Bundle/Identity).</summary>
        private static string? ReadPublisher(byte[] manifest)
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
            try
            {
                using var reader = XmlReader.Create(new MemoryStream(manifest), settings);
                while (reader.Read())
                {
                    if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1 && reader.LocalName == "Identity")
                    {
                        return reader.GetAttribute("Publisher");
                    }
                }

                return null;
            }
            catch (XmlException ex)
            {
                throw new PackageFormatException("its manifest is not well-formed XML: " + ex.Message.TrimEnd('.'));
            }
        }
    }
}
