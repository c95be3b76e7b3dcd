namespace CodeSigningCerts.Certificates
{
    /// <summary>What a path names, as far as reading a certificate from it goes.</summary>
    internal enum FileKind
    {
        /// <summary>A regular file, or a link to one.</summary>
        Regular,

        /// <summary>Not known (Windows, or the runtime could not say): the read itself is bounded instead.</summary>
        Unknown,

        /// <summary>A FIFO: opening it waits for a writer, forever if none comes.</summary>
        NamedPipe,

        /// <summary>A character device such as /dev/zero or /dev/random: endless.</summary>
        CharacterDevice,

        /// <summary>A block device: a whole disk.</summary>
        BlockDevice,

        /// <summary>A Unix socket.</summary>
        Socket,

        /// <summary>A symbolic link that leads nowhere, or around in a loop.</summary>
        BrokenLink,
    }
}
