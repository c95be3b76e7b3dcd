using System;
using System.Runtime.InteropServices;
using System.Text;

namespace CodeSigningCerts.Certificates
{
    /// <summary>
    /// Tells a regular file from a FIFO, a device or a socket without opening it: on Unix, File.Exists is true
    /// for all of them, and opening a FIFO blocks until a writer comes, beyond the reach of Ctrl+C. The runtime
    /// has no public API for a file's type (FileAttributes says Normal for all of them), so this asks stat(2)
    /// through the runtime's own native shim (libSystem.Native, which every .NET on Unix loads and whose
    /// SystemNative_Stat FileIO uses), reading only the mode. Where that shim is missing, the kind is Unknown
    /// and the bounded read in CertificateFileReader is the only guard.
    /// </summary>
    internal static class FileKinds
    {
        // st_mode's file type bits, as the shim reports them (the same values as POSIX <sys/stat.h>).
        private const int TypeMask = 0xF000;
        private const int Fifo = 0x1000;
        private const int CharacterDevice = 0x2000;
        private const int BlockDevice = 0x6000;
        private const int Regular = 0x8000;
        private const int Socket = 0xC000;

        // The shim's FileStatus starts with two 32-bit fields, Flags then Mode; the buffer is larger than the whole
        // struct has ever been, so fields the runtime adds at its end never overrun it.
        private const int ModeOffset = 4;
        private const int StatusBufferBytes = 512;

        public static FileKind Of(string path)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return FileKind.Unknown;
            }

            var status = new byte[StatusBufferBytes];
            int result;
            try
            {
                result = NativeMethods.Stat(Encoding.UTF8.GetBytes(path + "\0"), status);
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
            {
                return FileKind.Unknown;
            }

            if (result != 0)
            {
                // stat follows links: File.Exists (which does not) said the name is there, so the link is what fails.
                return FileKind.BrokenLink;
            }

            return (BitConverter.ToInt32(status, ModeOffset) & TypeMask) switch
            {
                Regular => FileKind.Regular,
                Fifo => FileKind.NamedPipe,
                CharacterDevice => FileKind.CharacterDevice,
                BlockDevice => FileKind.BlockDevice,
                Socket => FileKind.Socket,
                _ => FileKind.Unknown,
            };
        }

        private static class NativeMethods
        {
            [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
            [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
            public static extern int Stat(byte[] utf8Path, [Out] byte[] status);
        }
    }
}
