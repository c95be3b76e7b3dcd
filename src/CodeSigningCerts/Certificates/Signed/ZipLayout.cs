using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>
    /// Where a zip's parts lie (APPNOTE.TXT 4.3): each central directory record's bytes and its entry's local header
    /// offset, the central directory's start, and the end records (zip64 included) with what an app package's digest
    /// re-states of them. Read from the end of the file; the central directory is bounded.
    /// </summary>
    internal sealed class ZipLayout
    {
        /// <summary>The largest central directory read: 64 MiB, a package of about half a million files.</summary>
        public const long MaxDirectoryBytes = 64L * 1024 * 1024;

        private const uint EndSignature = 0x06054B50;
        private const uint Zip64EndSignature = 0x06064B50;
        private const uint Zip64LocatorSignature = 0x07064B50;
        private const uint DirectorySignature = 0x02014B50;

        private ZipLayout()
        {
        }

        public List<ZipRecord> Records { get; } = new List<ZipRecord>();

        public long DirectoryStart { get; private set; }

        public bool IsZip64 { get; private set; }

        /// <summary>The zip64 end record's fixed fields that are kept as they are (size, versions, disks) and its extensible data.</summary>
        public byte[] Zip64Head { get; private set; } = Array.Empty<byte>();

        public byte[] Zip64Extensible { get; private set; } = Array.Empty<byte>();

        public uint LocatorDisk { get; private set; }

        public uint LocatorTotalDisks { get; private set; }

        public ushort EndEntriesOnDisk { get; private set; }

        public ushort EndEntries { get; private set; }

        public uint EndDirectorySize { get; private set; }

        public uint EndDirectoryOffset { get; private set; }

        public byte[] Comment { get; private set; } = Array.Empty<byte>();

        /// <exception cref="PackageFormatException">The zip's end records or directory cannot be read.</exception>
        public static ZipLayout Read(Stream stream)
        {
            var layout = new ZipLayout();
            var tailLength = (int)Math.Min(stream.Length, 22 + 0xFFFF);
            stream.Position = stream.Length - tailLength;
            var tail = StreamBytes.Read(stream, tailLength);
            var end = -1;
            for (var i = tail.Length - 22; i >= 0; i--)
            {
                if (UInt32(tail, i) == EndSignature && i + 22 + UInt16(tail, i + 20) == tail.Length)
                {
                    end = i;
                    break;
                }
            }

            if (end < 0)
            {
                throw new PackageFormatException("its zip has no end of central directory record");
            }

            layout.EndEntriesOnDisk = UInt16(tail, end + 8);
            layout.EndEntries = UInt16(tail, end + 10);
            layout.EndDirectorySize = UInt32(tail, end + 12);
            layout.EndDirectoryOffset = UInt32(tail, end + 16);
            layout.Comment = Slice(tail, end + 22, UInt16(tail, end + 20));
            long directoryStart = layout.EndDirectoryOffset;
            long directorySize = layout.EndDirectorySize;
            long entries = layout.EndEntries;
            var endOffset = stream.Length - tailLength + end;

            if (endOffset >= 20 && ReadAt(stream, endOffset - 20, 20) is var locator && UInt32(locator, 0) == Zip64LocatorSignature)
            {
                layout.IsZip64 = true;
                layout.LocatorDisk = UInt32(locator, 4);
                layout.LocatorTotalDisks = UInt32(locator, 16);
                var zip64Offset = (long)UInt64(locator, 8);
                var fixedPart = ReadAt(stream, zip64Offset, 56);
                if (UInt32(fixedPart, 0) != Zip64EndSignature)
                {
                    throw new PackageFormatException("its zip64 end of central directory record is not where its locator says");
                }

                var recordSize = (long)UInt64(fixedPart, 4);
                if (recordSize < 44 || zip64Offset + 12 + recordSize > endOffset - 20)
                {
                    throw new PackageFormatException("its zip64 end of central directory record has a size out of range");
                }

                layout.Zip64Head = Slice(fixedPart, 4, 20);
                layout.Zip64Extensible = ReadAt(stream, zip64Offset + 56, (int)(recordSize - 44));
                entries = (long)UInt64(fixedPart, 32);
                directorySize = (long)UInt64(fixedPart, 40);
                directoryStart = (long)UInt64(fixedPart, 48);
            }

            if (directorySize > MaxDirectoryBytes || directoryStart < 0 || directoryStart + directorySize > stream.Length)
            {
                throw new PackageFormatException("its zip's central directory is out of range");
            }

            layout.DirectoryStart = directoryStart;
            var directory = ReadAt(stream, directoryStart, (int)directorySize);
            var position = 0;
            for (long i = 0; i < entries; i++)
            {
                if (position + 46 > directory.Length || UInt32(directory, position) != DirectorySignature)
                {
                    throw new PackageFormatException("its zip's central directory is damaged");
                }

                var nameLength = UInt16(directory, position + 28);
                var extraLength = UInt16(directory, position + 30);
                var commentLength = UInt16(directory, position + 32);
                var length = 46 + nameLength + extraLength + commentLength;
                if (position + length > directory.Length)
                {
                    throw new PackageFormatException("its zip's central directory is damaged");
                }

                var name = Encoding.UTF8.GetString(directory, position + 46, nameLength);
                long localOffset = UInt32(directory, position + 42);
                if (localOffset == uint.MaxValue)
                {
                    localOffset = Zip64LocalOffset(directory, position, nameLength, extraLength);
                }

                layout.Records.Add(new ZipRecord(name, localOffset, Slice(directory, position, length)));
                position += length;
            }

            return layout;
        }

        // The zip64 extended information extra field (0x0001) holds, in order, only the values whose 32-bit fields are
        // all ones: uncompressed size, compressed size, local header offset (APPNOTE.TXT 4.5.3).
        private static long Zip64LocalOffset(byte[] directory, int record, int nameLength, int extraLength)
        {
            var skip = (UInt32(directory, record + 24) == uint.MaxValue ? 8 : 0) + (UInt32(directory, record + 20) == uint.MaxValue ? 8 : 0);
            var extra = record + 46 + nameLength;
            var extraEnd = extra + extraLength;
            while (extra + 4 <= extraEnd)
            {
                var id = UInt16(directory, extra);
                var size = UInt16(directory, extra + 2);
                if (id == 0x0001 && skip + 8 <= size && extra + 4 + size <= extraEnd)
                {
                    return (long)UInt64(directory, extra + 4 + skip);
                }

                extra += 4 + size;
            }

            throw new PackageFormatException("a zip64 entry has no zip64 offset");
        }

        private static byte[] ReadAt(Stream stream, long offset, int count)
        {
            if (offset < 0 || offset + count > stream.Length)
            {
                throw new PackageFormatException("its zip's records point past its end");
            }

            stream.Position = offset;
            var bytes = StreamBytes.Read(stream, count);
            if (bytes.Length < count)
            {
                throw new PackageFormatException("it ended while its zip's records were read");
            }

            return bytes;
        }

        private static byte[] Slice(byte[] data, int offset, int count)
        {
            if (offset + count > data.Length)
            {
                throw new PackageFormatException("its zip's records are truncated");
            }

            var copy = new byte[count];
            Buffer.BlockCopy(data, offset, copy, 0, count);
            return copy;
        }

        private static ushort UInt16(byte[] data, int offset) => (ushort)(data[offset] | (data[offset + 1] << 8));

        private static uint UInt32(byte[] data, int offset) => (uint)(UInt16(data, offset) | (UInt16(data, offset + 2) << 16));

        private static ulong UInt64(byte[] data, int offset) => UInt32(data, offset) | ((ulong)UInt32(data, offset + 4) << 32);
    }
}
