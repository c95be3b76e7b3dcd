using System;
using System.IO;
using CodeSigningCerts.Certificates.Signed.Cms;

namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>
    /// The Authenticode signature of a PE file (.exe, .dll, .sys): the PKCS#7 SignedData in the WIN_CERTIFICATE that the
    /// optional header's security directory (data directory 4) points to, as the PE/COFF specification describes it
    /// ("The Attribute Certificate Table"). Only the headers and that table are read, never the whole image.
    /// </summary>
    internal static class PortableExecutableSignature
    {
        private const int SecurityDirectoryIndex = 4;
        private const ushort Pe32Magic = 0x10B;
        private const ushort Pe32PlusMagic = 0x20B;
        private const ushort WinCertificateRevision2 = 0x0200;
        private const ushort WinCertTypePkcsSignedData = 0x0002;
        private const int WinCertificateHeaderBytes = 8;

        /// <summary>Whether the file starts as a PE does ("MZ", the DOS header).</summary>
        public static bool Recognises(byte[] head) => head.Length >= 2 && head[0] == (byte)'M' && head[1] == (byte)'Z';

        /// <summary>The PKCS#7 bytes and where the image hash skips, or null when the file has no signature; throws <see cref="SignatureFormatException"/> for damage.</summary>
        public static PortableExecutableLayout? Read(Stream stream, long maxSignatureBytes)
        {
            var peOffset = ReadUInt32(stream, 0x3C);
            if (peOffset + 24 > stream.Length || ReadUInt32(stream, peOffset) != 0x00004550)
            {
                throw new SignatureFormatException("it starts as a Windows executable (MZ) but has no PE header");
            }

            var optionalHeader = peOffset + 24;
            var magic = ReadUInt16(stream, optionalHeader);
            long directories = magic switch
            {
                Pe32Magic => optionalHeader + 96,
                Pe32PlusMagic => optionalHeader + 112,
                _ => throw new SignatureFormatException("its optional header is neither PE32 nor PE32+"),
            };

            // The CheckSum field sits 64 bytes into the optional header in both PE32 and PE32+.
            var checksumOffset = optionalHeader + 64;
            var directoryCount = ReadUInt32(stream, directories - 4);
            if (directoryCount <= SecurityDirectoryIndex)
            {
                return null;
            }

            // The security directory holds a file offset (not an address in memory) and a size.
            var tableOffset = ReadUInt32(stream, directories + (SecurityDirectoryIndex * 8));
            var tableSize = ReadUInt32(stream, directories + (SecurityDirectoryIndex * 8) + 4);
            if (tableOffset == 0 || tableSize == 0)
            {
                return null;
            }

            if (tableOffset + tableSize > stream.Length || tableSize < WinCertificateHeaderBytes)
            {
                throw new SignatureFormatException("its certificate table lies outside the file (it is truncated)");
            }

            if (tableSize > maxSignatureBytes)
            {
                throw new SignatureFormatException("its certificate table is larger than " + (maxSignatureBytes / 1024) + " KiB");
            }

            // The first WIN_CERTIFICATE is the Authenticode signature; a second signature of a dual-signed file is nested inside it.
            var length = ReadUInt32(stream, tableOffset);
            var revision = ReadUInt16(stream, tableOffset + 4);
            var type = ReadUInt16(stream, tableOffset + 6);
            if (length < WinCertificateHeaderBytes || length > tableSize)
            {
                throw new SignatureFormatException("its WIN_CERTIFICATE length is out of range");
            }

            if (revision != WinCertificateRevision2 || type != WinCertTypePkcsSignedData)
            {
                throw new SignatureFormatException("its WIN_CERTIFICATE is not a PKCS#7 signature (revision 2, type 2)");
            }

            var signature = ReadBytes(stream, tableOffset + WinCertificateHeaderBytes, (int)(length - WinCertificateHeaderBytes));
            return new PortableExecutableLayout(signature, checksumOffset, directories + (SecurityDirectoryIndex * 8), tableOffset);
        }

        private static uint ReadUInt32(Stream stream, long offset) => BitConverter.ToUInt32(ReadBytes(stream, offset, 4), 0);

        private static ushort ReadUInt16(Stream stream, long offset) => BitConverter.ToUInt16(ReadBytes(stream, offset, 2), 0);

        // PE fields are little-endian, as BitConverter reads them on every platform PowerShell runs on.
        private static byte[] ReadBytes(Stream stream, long offset, int count)
        {
            if (offset < 0 || offset + count > stream.Length)
            {
                throw new SignatureFormatException("its headers point past its end (it is truncated)");
            }

            stream.Position = offset;
            var bytes = new byte[count];
            var read = 0;
            int chunk;
            while (read < count && (chunk = stream.Read(bytes, read, count - read)) > 0)
            {
                read += chunk;
            }

            if (read < count)
            {
                throw new SignatureFormatException("it ended while its headers were read");
            }

            return bytes;
        }
    }
}
