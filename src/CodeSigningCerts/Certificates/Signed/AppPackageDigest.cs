using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using CodeSigningCerts.Certificates.Signed.Cms;

namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>
    /// The digest an app package's signature carries in its SpcIndirectData (the APPX SIP's): "APPX", then tagged hashes,
    /// each a four-letter tag and a hash of the package's digest algorithm:
    /// <list type="bullet">
    /// <item>AXPC: the zip's local records (headers and data) of every entry but AppxSignature.p7x, in file order;</item>
    /// <item>AXCD: the central directory without AppxSignature.p7x's record, then the end records as they would read
    /// without it (its entry count, directory size and offset; disk numbers 0);</item>
    /// <item>AXCT, AXBM, AXCI: the uncompressed [Content_Types].xml, AppxBlockMap.xml and AppxMetadata/CodeIntegrity.cat.</item>
    /// </list>
    /// A bundle carries the same for its own zip. AXPC covers every byte of every file in the package, so a byte changed
    /// anywhere in it is found; the block map's per-block hashes need not be checked again. Hashed streaming.
    /// </summary>
    internal static class AppPackageDigest
    {
        /// <summary>The most a metadata entry (block map, content types, code integrity catalog) may decompress to: 256 MiB.</summary>
        public const long MaxMetadataBytes = 256L * 1024 * 1024;

        private static readonly byte[] Magic = Encoding.ASCII.GetBytes("APPX");

        /// <summary>
        /// Null when <paramref name="expected"/> (the signed digest) is the package's, else what differs.
        /// <paramref name="archive"/> is the package's zip as <see cref="AppPackage.Open"/> opened it over
        /// <paramref name="stream"/>: the metadata entries are read through it, so ZipArchive does not parse the
        /// directory again.
        /// </summary>
        public static string? Check(Stream stream, ZipArchive archive, byte[] expected, HashAlgorithmName algorithm, CancellationToken cancel)
        {
            int hashLength;
            using (var probe = IncrementalHash.CreateHash(algorithm))
            {
                hashLength = probe.GetHashAndReset().Length;
            }

            if (expected.Length < Magic.Length || !expected.Take(Magic.Length).SequenceEqual(Magic) || (expected.Length - Magic.Length) % (4 + hashLength) != 0)
            {
                return "its signed digest is not an app package digest (APPX and tagged hashes)";
            }

            // Each part is named once. The tags are read before anything is hashed: a digest that named AXPC thousands of
            // times would otherwise hash the whole package thousands of times (the signature is the signer's to write,
            // and a self-signed one is anybody's).
            var seen = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
            for (var offset = Magic.Length; offset < expected.Length; offset += 4 + hashLength)
            {
                var tag = Encoding.ASCII.GetString(expected, offset, 4);
                if (!seen.Add(tag))
                {
                    return "its signed digest names a part (" + tag + ") twice";
                }
            }

            // The directory's raw records and the local headers' offsets, which ZipArchive does not give: read once, for
            // AXPC and AXCD, as is where AppxSignature.p7x lies.
            var layout = ZipLayout.Read(stream);
            var signature = SignatureSpan(layout);
            var hashing = new StreamHashing(stream, cancel);
            for (var offset = Magic.Length; offset < expected.Length; offset += 4 + hashLength)
            {
                var tag = Encoding.ASCII.GetString(expected, offset, 4);
                var signed = new byte[hashLength];
                Buffer.BlockCopy(expected, offset + 4, signed, 0, hashLength);
                var actual = tag switch
                {
                    "AXPC" => Records(layout, signature, hashing, algorithm),
                    "AXCD" => Directory(layout, signature, algorithm),
                    "AXCT" => Entry(archive, "[Content_Types].xml", hashing, algorithm),
                    "AXBM" => Entry(archive, "AppxBlockMap.xml", hashing, algorithm),
                    "AXCI" => Entry(archive, "AppxMetadata/CodeIntegrity.cat", hashing, algorithm),
                    _ => null,
                };

                if (actual is null)
                {
                    return "its signed digest names a part (" + tag + ") that is not in the package or not known";
                }

                if (!DigestAlgorithms.SameBytes(actual, signed))
                {
                    return Describe(tag) + " is not what was signed";
                }
            }

            foreach (var required in new[] { "AXPC", "AXCD", "AXCT", "AXBM" })
            {
                if (!seen.Contains(required))
                {
                    return "its signed digest leaves out " + Describe(required);
                }
            }

            return null;
        }

        private static string Describe(string tag) => tag switch
        {
            "AXPC" => "the content of its files (AXPC)",
            "AXCD" => "its zip directory (AXCD)",
            "AXCT" => "its [Content_Types].xml (AXCT)",
            "AXBM" => "its AppxBlockMap.xml (AXBM)",
            _ => "its AppxMetadata/CodeIntegrity.cat (AXCI)",
        };

        /// <summary>Where AppxSignature.p7x's local record lies, [Start, End), or null when the zip has none.</summary>
        private static (long Start, long End)? SignatureSpan(ZipLayout layout)
        {
            var signature = layout.Records.FirstOrDefault(record => record.Name == AppPackage.SignatureEntry);
            if (signature is null)
            {
                return null;
            }

            // The signature entry's local record runs to the next local header in the file, or to the directory.
            var next = layout.Records.Select(record => record.LocalHeaderOffset).Where(offset => offset > signature.LocalHeaderOffset).DefaultIfEmpty(layout.DirectoryStart).Min();
            return (signature.LocalHeaderOffset, Math.Min(next, layout.DirectoryStart));
        }

        private static byte[] Records(ZipLayout layout, (long Start, long End)? signature, StreamHashing hashing, HashAlgorithmName algorithm)
        {
            using var hash = IncrementalHash.CreateHash(algorithm);
            if (signature is { } span)
            {
                hashing.Append(hash, 0, span.Start);
                hashing.Append(hash, span.End, layout.DirectoryStart);
            }
            else
            {
                hashing.Append(hash, 0, layout.DirectoryStart);
            }

            return hash.GetHashAndReset();
        }

        private static byte[] Directory(ZipLayout layout, (long Start, long End)? signature, HashAlgorithmName algorithm)
        {
            using var hash = IncrementalHash.CreateHash(algorithm);
            long size = 0;
            ulong count = 0;
            foreach (var record in layout.Records.Where(record => record.Name != AppPackage.SignatureEntry))
            {
                hash.AppendData(record.Bytes);
                size += record.Bytes.Length;
                count++;
            }

            var offset = layout.DirectoryStart - (signature is { } span ? span.End - span.Start : 0);
            using var end = new MemoryStream();
            using (var writer = new BinaryWriter(end, Encoding.ASCII, leaveOpen: true))
            {
                if (layout.IsZip64)
                {
                    writer.Write(0x06064B50u);
                    writer.Write(layout.Zip64Head);
                    writer.Write(count);
                    writer.Write(count);
                    writer.Write((ulong)size);
                    writer.Write((ulong)offset);
                    writer.Write(layout.Zip64Extensible);
                    writer.Write(0x07064B50u);
                    writer.Write(layout.LocatorDisk);
                    writer.Write((ulong)(offset + size));
                    writer.Write(layout.LocatorTotalDisks);
                }

                // BinaryWriter writes little-endian, as zip does. The disk numbers are 0 whatever MakeAppx wrote there.
                writer.Write(0x06054B50u);
                writer.Write((ushort)0);
                writer.Write((ushort)0);
                writer.Write(layout.EndEntriesOnDisk == ushort.MaxValue ? ushort.MaxValue : (ushort)count);
                writer.Write(layout.EndEntries == ushort.MaxValue ? ushort.MaxValue : (ushort)count);
                writer.Write(layout.EndDirectorySize == uint.MaxValue ? uint.MaxValue : (uint)size);
                writer.Write(layout.EndDirectoryOffset == uint.MaxValue ? uint.MaxValue : (uint)offset);
                writer.Write((ushort)layout.Comment.Length);
                writer.Write(layout.Comment);
            }

            hash.AppendData(end.ToArray());
            return hash.GetHashAndReset();
        }

        private static byte[]? Entry(ZipArchive archive, string name, StreamHashing hashing, HashAlgorithmName algorithm)
        {
            // ZipArchive's entry streams seek to their own place before each read: the hashing's seeks between entries
            // do no harm.
            if (archive.GetEntry(name) is not { } entry)
            {
                return null;
            }

            using var hash = IncrementalHash.CreateHash(algorithm);
            AppPackage.ReadEntry(entry, MaxMetadataBytes, hashing.Buffer, (buffer, read) => hash.AppendData(buffer, 0, read), hashing.Cancel);
            return hash.GetHashAndReset();
        }
    }
}
