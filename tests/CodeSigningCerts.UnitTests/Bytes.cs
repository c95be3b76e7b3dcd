namespace CodeSigningCerts.UnitTests;

/// <summary>Byte searches for tests that change a file or an encoding at a place they find in it.</summary>
internal static class Bytes
{
    /// <summary>Where <paramref name="pattern"/> first occurs in <paramref name="data"/>; -1 when it does not.</summary>
    public static int IndexOf(byte[] data, byte[] pattern) => data.AsSpan().IndexOf(pattern);
}
